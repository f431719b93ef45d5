/** Optimistic concurrency: a write naming a version (If-Match) that is no longer stored is refused with 412, saying who changed the record. */
import type { EntityModel } from '../entities/model.js';
import { TesseraError } from '../errors.js';
import type { Doc } from '../plugin-api/index.js';
import type { DataCore } from './core.js';

/** Refuses a write whose If-Match names another version than the stored one (nothing is written). */
export async function assertVersion(s: DataCore, e: EntityModel, id: number, stored: Doc, expected: number[] | undefined): Promise<void> {
  if (!expected || expected.includes(Number(stored.version))) return;
  throw await s.staleError(e, id, Number(stored.version), expected);
}

/** 412 saying who changed the record and when (from the audit trail, read outside the failing transaction). */
export async function staleError(s: DataCore, e: EntityModel, id: number, current: number, expected: number[]): Promise<TesseraError> {
  let by = '';
  try {
    const last = (await s.db.query(`select username, at from tessera_audit where entity = $1 and record_id = $2 order by id desc limit 1`, [e.key, id]))
      .rows[0];
    if (last) by = ` (last changed by ${last.username} at ${new Date(last.at).toISOString()})`;
  } catch {
    // No audit table (open policy): the message goes without the name.
  }
  return new TesseraError(
    'PRECONDITION_FAILED',
    412,
    `someone else changed ${e.label} ${id} after you loaded it${by}: it is now version ${current}, your copy is version ${expected.join(' or ')}; reload it and make your change again`,
    [{ path: 'version', message: `is ${current}, not ${expected.join(' or ')}`, code: 'stale' }],
  );
}
