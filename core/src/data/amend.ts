/** Amending: a new draft copied from a cancelled document, numbered X-1 (X-2 for the next amendment) and linked to it. */
import type { EntityModel } from '../entities/model.js';
import { ident } from '../db/database.js';
import { Errors, coreMessage, labelText, statusText } from '../errors.js';
import { computeDocument } from './compute.js';
import { mapPgError } from './pg-errors.js';
import { amendedNumber } from './naming.js';
import type { Doc, ServiceContext } from '../plugin-api/index.js';
import { SYSTEM_USER } from './registry.js';
import type { DataCore } from './core.js';

/** A new draft copied from a cancelled document, numbered X-1 (X-2 for the next amendment) and linked to it. */
export async function amend(s: DataCore, ctx: ServiceContext, e: EntityModel, id: number): Promise<Doc> {
  const { tx, user } = ctx;
  if (!e.submittable) throw Errors.unprocessable('NOT_SUBMITTABLE', coreMessage('not_amendable', { entity: labelText(e) }));
  s.registry.policy.assert(user, e, 'create');
  const src = await s.find(user, e, id, tx, { forUpdate: true });
  if (!src) throw Errors.notFound(labelText(e), id);
  const full = await s.get(SYSTEM_USER, e, id, tx);
  if (full.docstatus !== 'cancelled')
    throw Errors.conflict(
      'INVALID_TRANSITION',
      coreMessage('not_amendable_state', { entity: labelText(e), title: String(full[e.titleField] ?? id), status: statusText(full.docstatus) }),
    );
  const existing = await tx.query(`select id from ${ident(e.table)} where amended_from = $1 limit 1`, [id]);
  if (existing.rows[0])
    throw Errors.conflict(
      'ALREADY_AMENDED',
      coreMessage('already_amended', { entity: labelText(e), title: String(full[e.titleField] ?? id), by: String(existing.rows[0].id) }),
    );
  const doc: Doc = {};
  for (const f of e.fields) if (!f.readOnly && full[f.name] !== undefined) doc[f.name] = full[f.name];
  for (const c of e.children)
    doc[c.name] = (full[c.name] as Doc[]).map((l) => {
      const o: Doc = {};
      for (const f of c.child!.fields) if (!f.readOnly && l[f.name] !== undefined) o[f.name] = l[f.name];
      return o;
    });
  const wctx = s.writeContext(e);
  wctx.rowsByTable.set(e.table, [{ path: '', row: doc }]);
  try {
    computeDocument(e, doc);
    await s.runHooks('beforeCreate', e, ctx, doc);
    computeDocument(e, doc);
    if (e.naming) doc[e.naming.field] = await amendedNumber(tx, e, id);
    const row = await s.insertRow(tx, e.table, e.fields, doc, { amended_from: id, created_by: user.id || null });
    await s.writeChildren(tx, e, row.id, doc, wctx, false);
    const created = await s.get(SYSTEM_USER, e, row.id, tx);
    await s.runHooks('afterCreate', e, ctx, created);
    await s.registry.policy.audit(tx, user, e, 'amend', row.id, undefined, created);
    return s.get(user, e, row.id, tx);
  } catch (err) {
    throw mapPgError(err, wctx);
  }
}
