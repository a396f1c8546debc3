import { INFRA_HINTS, InfraError } from './infra.errors';
import { commandExists } from './process-control';
import { ensureLocalPostgres } from './postgres';
import { ensureLocalRedis } from './redis';

describe('infrastructure errors name what is missing and how to get it', () => {
  it('says how to install Java or bypass it', () => {
    expect(INFRA_HINTS.java).toContain('apt-get install openjdk-17-jre-headless');
    expect(INFRA_HINTS.java).toContain('KAFKA_BROKERS');
    expect(INFRA_HINTS.javaTooOld(11)).toContain('Java 11');
    expect(INFRA_HINTS.maven).toContain('KAFKA_BROKERS');
  });

  it('is one line', () => {
    for (const hint of [
      INFRA_HINTS.java,
      INFRA_HINTS.maven,
      INFRA_HINTS.postgres,
      INFRA_HINTS.redis,
    ]) {
      expect(hint).not.toContain('\n');
    }
  });

  describe('with the servers down and nothing on PATH', () => {
    const path = process.env.PATH;
    beforeEach(() => {
      process.env.PATH = '';
    });
    afterEach(() => {
      process.env.PATH = path;
    });

    it('asks for PostgreSQL 15 or DATABASE_URL', async () => {
      const failure = ensureLocalPostgres(
        'postgres://postgres@127.0.0.1:1/postgres',
        () => undefined,
      );
      await expect(failure).rejects.toBeInstanceOf(InfraError);
      await expect(failure).rejects.toThrow(
        'install PostgreSQL 15 (apt-get install postgresql-15) or set DATABASE_URL',
      );
    });

    it('asks for redis-server or REDIS_URL', async () => {
      const failure = ensureLocalRedis('redis://127.0.0.1:1', () => undefined);
      await expect(failure).rejects.toBeInstanceOf(InfraError);
      await expect(failure).rejects.toThrow('or set REDIS_URL');
    });
  });
});

describe('commandExists', () => {
  it('finds executables on the given PATH only', () => {
    expect(commandExists('node', '/nonexistent')).toBe(false);
    expect(commandExists('sh', '/bin:/usr/bin')).toBe(true);
  });
});
