/**
 * Start-up work that changes the database (schema changes, seeding, role sync, demo data) runs
 * under one PostgreSQL advisory lock per database: a second server starting on the same fresh
 * database waits for the first, then finds the schema fingerprint current and nothing to do.
 * The lock is held on its own connection (not the pool's), so a crash releases it.
 */
import pg from 'pg';
import { asDatabaseError } from './faults.js';

/** An arbitrary constant (in int8) that names "Tessera is changing this database". */
export const SCHEMA_LOCK_KEY = '7305614382719';

export async function acquireSchemaLock(url: string, log: (m: string) => void = (m) => console.warn(m)): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url, application_name: 'tessera-startup-lock' });
  // A dropped lock connection must not kill the process: the lock is gone with it anyway.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const got = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [SCHEMA_LOCK_KEY]);
    if (!got.rows[0]?.ok) {
      log('[tessera] another Tessera process is migrating or seeding this database; waiting for it to finish');
      await client.query('select pg_advisory_lock($1::bigint)', [SCHEMA_LOCK_KEY]);
    }
  } catch (e) {
    await client.end().catch(() => undefined);
    throw asDatabaseError(e);
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    // Ending the session releases the lock.
    await client.end().catch(() => undefined);
  };
}

/** Runs fn holding the lock; with `holdUntilClose` the lock is kept until the returned object's close(). */
export async function withSchemaLock<T extends { close(): Promise<void> }>(url: string, fn: () => Promise<T>, holdUntilClose = false): Promise<T> {
  const release = await acquireSchemaLock(url);
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    await release();
    throw e;
  }
  if (!holdUntilClose) {
    await release();
    return result;
  }
  const close = result.close.bind(result);
  result.close = async () => {
    try {
      await close();
    } finally {
      await release();
    }
  };
  return result;
}
