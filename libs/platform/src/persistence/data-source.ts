import type { Logger } from 'pino';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { TypeOrmPinoLogger } from './typeorm-pino.logger';

export interface DataSourceOptions {
  /** `postgres://user@host:port/database` — the service's own database (ADR 0001). */
  readonly url: string;
  // TypeORM's own option types: classes, schemas or glob paths.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
  /** Shown as `application_name` in pg_stat_activity. */
  readonly name: string;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** Where TypeORM's messages go (query errors, slow queries, migrations); default: nowhere. */
  readonly logger?: Logger;
}

/**
 * A TypeORM DataSource on PostgreSQL, not yet initialised. Schema changes only ever come
 * from reviewed migrations: `synchronize` and `migrationsRun` are always off; call
 * `runMigrations` at start instead.
 */
export function createDataSource({
  url,
  entities,
  migrations,
  name,
  poolSize = 10,
  logger,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    applicationName: name,
    poolSize,
    synchronize: false,
    migrationsRun: false,
    dropSchema: false,
    migrationsTransactionMode: 'all',
    logging: logger === undefined ? false : ['error', 'warn', 'migration'],
    logger: logger === undefined ? undefined : new TypeOrmPinoLogger(logger),
    maxQueryExecutionTime: 1_000,
  });
}
