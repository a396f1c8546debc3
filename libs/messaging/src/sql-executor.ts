import type { Pool } from 'pg';

/**
 * Anything that runs one SQL statement with positional parameters ($1, $2 …): a pg
 * `PoolClient`, a pg `Pool`, or a TypeORM `EntityManager` inside `dataSource.transaction`.
 *
 * The result shape differs between them — pg gives a `QueryResult` with `rows`; TypeORM's
 * `EntityManager.query` gives the rows array for SELECT and INSERT … RETURNING, but
 * `[rows, rowCount]` for UPDATE/DELETE. Code in this lib therefore reads results only
 * through {@link rowsOf}, and only from SELECT or INSERT … RETURNING statements.
 */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Runs `work` in one database transaction: commit when it resolves, roll back when it throws. */
export interface TransactionRunner {
  inTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/**
 * The rows of a query result, whichever executor produced it (see {@link SqlExecutor}).
 */
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) {
    // TypeORM UPDATE/DELETE: [rows, affectedCount]
    if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
      return result[0] as Row[];
    }
    return result as Row[];
  }
  if (result !== null && typeof result === 'object' && 'rows' in result) {
    const { rows } = result;
    if (Array.isArray(rows)) return rows as Row[];
  }
  return [];
}

/** A {@link TransactionRunner} over a plain pg pool (BEGIN / COMMIT / ROLLBACK on one client). */
export class PgTransactionRunner implements TransactionRunner {
  constructor(private readonly pool: Pool) {}

  async inTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError;
      }
      throw error;
    } finally {
      // A client whose ROLLBACK failed is in an unknown state: destroy it, do not reuse it.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }
}
