/**
 * Creates a platform table on first use. Concurrent first requests may race on
 * CREATE TABLE IF NOT EXISTS (PostgreSQL then reports a duplicate type or relation): the
 * loser finds the table made by the winner.
 */
import type { Database } from './database.js';

const ready = new WeakMap<object, Set<string>>();

export async function ensureTable(db: Database, name: string, sql: string): Promise<void> {
  let done = ready.get(db);
  if (!done) ready.set(db, (done = new Set()));
  if (done.has(name)) return;
  try {
    await db.query(sql);
  } catch (e) {
    const exists = await db.query(`select to_regclass($1) is not null as ok`, [name]).catch(() => undefined);
    if (!exists?.rows[0]?.ok) throw e;
  }
  done.add(name);
}
