import { SERVICE_DATABASES, databaseUrlFor } from './postgres';

describe('databaseUrlFor', () => {
  it('points the server URL at another database', () => {
    expect(databaseUrlFor('postgres://postgres@127.0.0.1:5432/postgres', 'cuakhau_customs')).toBe(
      'postgres://postgres@127.0.0.1:5432/cuakhau_customs',
    );
  });

  it('keeps credentials and query parameters', () => {
    expect(databaseUrlFor('postgres://u:p%40ss@db.example:6543/x?sslmode=require', 'y')).toBe(
      'postgres://u:p%40ss@db.example:6543/y?sslmode=require',
    );
  });

  it('gives every service its own database', () => {
    const names = Object.values(SERVICE_DATABASES);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(SERVICE_DATABASES)).toEqual([
      'gateway',
      'registry',
      'customs',
      'border-guard',
      'quarantine',
      'logistics-queue',
      'audit',
    ]);
  });
});
