import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs read-only work on a read replica (DATABASE_REPLICA_URLS; the primary when there is none)
 * in one REPEATABLE READ, READ ONLY transaction: every statement of `work` sees the same snapshot,
 * so a version read first and the rows read after it always agree (the analysis cache relies on
 * it), whichever replica served them and however far it lags.
 *
 * Only for work that may be a moment behind the primary: analyses, the evidence map, exports and
 * the researcher data set. Everything else (writes, and reads that must see the caller's own
 * writes) stays on the primary: the data source's default for reads is `master`.
 */
export async function readFromReplica<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner('slave');
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
