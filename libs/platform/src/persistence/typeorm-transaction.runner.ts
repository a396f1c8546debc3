import { DataSource, EntityManager } from 'typeorm';

/** PostgreSQL isolation levels TypeORM accepts for a transaction. */
export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Runs work in one database transaction: committed when `work` resolves, rolled back
 * when it throws. The EntityManager it hands out is also a `SqlExecutor`
 * (`query(sql, params)`), so this satisfies @cuakhau/messaging's `TransactionRunner`:
 * state and outbox rows commit together.
 */
export class TypeOrmTransactionRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly isolationLevel: IsolationLevel = 'READ COMMITTED',
  ) {}

  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(this.isolationLevel, work);
  }
}
