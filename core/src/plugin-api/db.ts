/** What plugin code sees of the database: a queryable transaction. The implementation is core/src/db/database.ts. */

export type Row = Record<string, any>;

export interface QueryResult<R extends Row = Row> {
  rows: R[];
  rowCount: number | null;
}

/** Something that runs SQL: the pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
}

/** A transaction: runs queries on its own connection and collects after-commit work. */
export interface Tx extends Queryable {
  /** One self-contained write that may skip BEGIN/COMMIT when it is the transaction's only statement. */
  queryAtomic<R extends Row = Row>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Queues an append-only INSERT sent with COMMIT (nothing in the transaction may read it). */
  deferInsert(table: string, columns: string[], values: unknown[]): void;
  /** The statements deferInsert queued (sent with COMMIT); the importer saves and restores it around a savepoint. */
  readonly deferred: string[];
  /** Work run after a successful commit (failures are logged, not thrown). */
  onCommit(fn: () => Promise<void> | void): void;
}
