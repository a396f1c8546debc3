import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

/**
 * Applies this service's pending migrations at start, all in one transaction (either
 * every pending migration lands or none does), and logs what ran. Initialises the
 * DataSource first if needed. Returns the names of the migrations applied.
 */
export async function runMigrations(dataSource: DataSource, logger?: Logger): Promise<string[]> {
  if (!dataSource.isInitialized) {
    await dataSource.initialize();
  }
  const started = Date.now();
  const applied = await dataSource.runMigrations({ transaction: 'all' });
  const names = applied.map((migration) => migration.name);
  logger?.info(
    { migrations: names, count: names.length, durationMs: Date.now() - started },
    names.length === 0 ? 'database schema up to date' : `applied ${names.length} migration(s)`,
  );
  return names;
}
