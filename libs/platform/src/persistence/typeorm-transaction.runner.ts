import { DataSource, EntityManager } from 'typeorm';

/** PostgreSQL isolation levels TypeORM accepts for a transaction. */
export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Runs work in one database transaction: committed when `work` resolves, rolled back
 * when it throws. The EntityManager it hands out is also a `SqlExecutor`
 * (`query(sql, params)`), so this satisfies @cuakhau/messaging's `TransactionRunner`:
 * state and outbox rows commit together.
 *
 * READ COMMITTED is PostgreSQL's default (`default_transaction_isolation`, which no
 * database of ours changes), so for it the transaction starts with a bare
 * `START TRANSACTION`: TypeORM would otherwise send `SET TRANSACTION ISOLATION LEVEL …`
 * as one more round trip per transaction. Any other level is set explicitly.
 */
export class TypeOrmTransactionRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly isolationLevel: IsolationLevel = 'READ COMMITTED',
  ) {}

  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.isolationLevel === 'READ COMMITTED'
      ? this.dataSource.transaction(work)
      : this.dataSource.transaction(this.isolationLevel, work);
  }
}
