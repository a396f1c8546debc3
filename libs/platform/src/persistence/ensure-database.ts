import { Client } from 'pg';

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const DUPLICATE_DATABASE = '42P04';
// Two concurrent CREATE DATABASE of one name can also collide on pg_database's unique index.
const UNIQUE_VIOLATION = '23505';

/**
 * Creates the database named in `url` if it does not exist yet, connecting to the same
 * server's `postgres` database. Safe to call from several processes at once.
 * Returns true when it created the database.
 */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!DATABASE_NAME.test(database)) {
    throw new TypeError(`database name "${database}" must match ${String(DATABASE_NAME)}`);
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (existing.rowCount !== null && existing.rowCount > 0) {
      return false;
    }
    try {
      // The name is checked against DATABASE_NAME above, so quoting it is enough.
      await client.query(`create database "${database}"`);
      return true;
    } catch (error) {
      if (
        typeof error === 'object' &&
        error !== null &&
        'code' in error &&
        (error.code === DUPLICATE_DATABASE || error.code === UNIQUE_VIOLATION)
      ) {
        return false;
      }
      throw error;
    }
  } finally {
    await client.end();
  }
}
