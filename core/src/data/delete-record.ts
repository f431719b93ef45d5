/** Deleting a record: version and state checks, hooks, and a clear error naming who still refers to it. */
import type { EntityModel } from '../entities/model.js';
import { ident, type Tx } from '../db/database.js';
import { Errors, TesseraError, coreMessage, labelText } from '../errors.js';
import { mapPgError } from './pg-errors.js';
import type { Doc, ServiceContext } from '../plugin-api/index.js';
import { SYSTEM_USER } from './registry.js';
import type { DataCore } from './core.js';

export async function deleteRecord(s: DataCore, ctx: ServiceContext, e: EntityModel, id: number, opts: { ifVersion?: number[] } = {}): Promise<void> {
  s.refuseReadOnly(e);
  const { tx, user } = ctx;
  s.registry.policy.assert(user, e, 'delete');
  const old = await s.find(user, e, id, tx, { forUpdate: true, action: 'delete' });
  if (!old) throw Errors.notFound(labelText(e), id);
  const full = await s.get(SYSTEM_USER, e, id, tx);
  await s.assertVersion(e, id, full, opts.ifVersion);
  if (e.submittable && full.docstatus === 'submitted')
    throw Errors.conflict('DOCUMENT_NOT_DELETABLE', coreMessage('not_deletable', { entity: labelText(e), title: String(full[e.titleField] ?? id) }));
  const wctx = s.writeContext(e);
  try {
    await s.runHooks('beforeDelete', e, ctx, full, full);
    await tx.query('savepoint tessera_delete');
    try {
      await tx.query(`delete from ${ident(e.table)} where id = $1`, [id]);
    } catch (err: any) {
      await tx.query('rollback to savepoint tessera_delete');
      if (err?.code === '23503' || err?.code === '23001') throw await s.stillReferenced(tx, e, id, full, err);
      throw err;
    }
    await s.runHooks('afterDelete', e, ctx, full, full);
    await s.registry.policy.audit(tx, user, e, 'delete', id, full, undefined);
    await s.registry.emit(tx, `${e.key}.deleted`, { id });
  } catch (err) {
    throw mapPgError(err, wctx);
  }
}

/** A clear error naming who still refers to the row, with a count. */
export async function stillReferenced(s: DataCore, tx: Tx, e: EntityModel, id: number, doc: Doc, err: any): Promise<TesseraError> {
  const m = /is (?:still )?referenced from table "(.+?)"/.exec(err.detail ?? '');
  const by = m ? s.registry.tables.get(m[1]!) : undefined;
  const title = doc[e.titleField] ?? id;
  if (!by) return Errors.stillReferenced(labelText(e), title, m?.[1] ?? 'other');
  const cols = by.fields.filter((f) => f.ref?.entity === e.key).map((f) => ident(f.column));
  const cnt = cols.length
    ? (await tx.query(`select count(*)::int as n from ${ident(by.table)} where ${cols.map((c) => `${c} = $1`).join(' or ')}`, [id])).rows[0]!.n
    : undefined;
  const owner = by.parent ? `${by.parent.label} line` : by.label;
  return Errors.stillReferenced(labelText(e), title, owner, cnt);
}
