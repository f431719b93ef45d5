/** The update pipeline: lock, scope and version checks, the after-submit rule, line merges, compute, hooks, audit, event. */
import type { EntityModel } from '../entities/model.js';
import { ident, Params } from '../db/database.js';
import { Errors, labelText } from '../errors.js';
import { computeDocument } from './compute.js';
import { mapPgError } from './pg-errors.js';
import type { Doc, ServiceContext } from '../plugin-api/index.js';
import { SYSTEM_USER } from './registry.js';
import { toDb, sameFieldValue } from './values.js';
import type { DataCore } from './core.js';
import { resolveBodyReferences } from './references.js';

export async function update(
  s: DataCore,
  ctx: ServiceContext,
  e: EntityModel,
  id: number,
  body: unknown,
  opts: { allowSubmitted?: boolean; ifVersion?: number[] } = {},
): Promise<Doc> {
  s.refuseReadOnly(e);
  const { tx, user } = ctx;
  s.registry.policy.assert(user, e, 'update');
  await resolveBodyReferences(tx, s.registry, user, e, body);
  const input = s.validate(e, body, 'update');
  const patch = s.writableInput(user, e, input, 'update');
  if (Object.keys(patch).length && s.simpleWrite(user, e, 'update')) return s.simpleUpdate(ctx, e, id, patch, opts.ifVersion);
  const fullOld = await s.find(SYSTEM_USER, e, id, tx, { forUpdate: true });
  if (!fullOld || !(await s.inScope(tx, user, e, id, 'update'))) throw Errors.notFound(labelText(e), id);
  await s.assertVersion(e, id, fullOld, opts.ifVersion);
  if (e.submittable && fullOld.docstatus !== 'draft' && !opts.allowSubmitted) {
    const allowed = new Set(fullOld.docstatus === 'submitted' ? e.submittable.editableAfterSubmit : []);
    const changed = Object.keys(patch).filter((k) => !sameFieldValue(e, k, fullOld[k], patch[k]));
    const refused = changed.filter((k) => !allowed.has(k));
    if (refused.length)
      throw Errors.conflict(
        'DOCUMENT_NOT_EDITABLE',
        `${e.label} ${fullOld[e.titleField] ?? id} is ${fullOld.docstatus}: ${refused.join(', ')} cannot be changed${allowed.size ? ` (only ${[...allowed].join(', ')})` : ''}; cancel and amend it instead`,
      );
  }
  const doc: Doc = { ...fullOld, ...patch };
  // Merge line patches over the stored lines so computed values see every field.
  for (const c of e.children) {
    if (!(c.name in patch)) continue;
    const stored = new Map<number, Doc>((fullOld[c.name] as Doc[]).map((l) => [l.id, l]));
    doc[c.name] = (patch[c.name] as Doc[]).map((l) => {
      const base = l.id !== undefined ? stored.get(l.id) : undefined;
      const merged: Doc = base ? { ...base, ...l } : { ...l };
      if (!base) for (const f of c.child!.fields) if (merged[f.name] === undefined && f.default !== undefined) merged[f.name] = structuredClone(f.default);
      delete merged.idx;
      return merged;
    });
  }
  const wctx = s.writeContext(e);
  wctx.rowsByTable.set(e.table, [{ path: '', row: doc }]);
  try {
    computeDocument(e, doc);
    await s.runHooks('beforeUpdate', e, ctx, doc, fullOld, patch);
    computeDocument(e, doc);
    const params = new Params();
    const sets = ['"updated_at" = now()', '"version" = "version" + 1'];
    for (const f of e.fields) {
      if (f.name === 'id') continue;
      if (!(f.name in patch) && !f.compute && !(f.name in doc && doc[f.name] !== fullOld[f.name])) continue;
      sets.push(`${ident(f.column)} = ${params.add(toDb(f, doc[f.name]))}`);
    }
    const res = await tx.query(`update ${ident(e.table)} set ${sets.join(', ')} where id = ${params.add(id)} returning *`, params.values);
    await s.assertInScope(tx, user, e, id, 'update');
    const childDoc: Doc = {};
    for (const c of e.children) if (c.name in patch || c.child!.fields.some((f) => f.compute)) childDoc[c.name] = doc[c.name];
    await s.writeChildren(tx, e, id, childDoc, wctx, true);
    // The stored document: the header as the update returned it; lines re-read only if written.
    const updated: Doc = { ...res.rows[0]! };
    for (const c of e.children) updated[c.name] = fullOld[c.name];
    if (Object.keys(childDoc).length) await s.attach(SYSTEM_USER, e, [updated], Object.keys(childDoc), tx);
    await s.runHooks('afterUpdate', e, ctx, updated, fullOld, patch);
    await s.registry.policy.audit(tx, user, e, 'update', id, fullOld, updated);
    await s.registry.emit(tx, `${e.key}.updated`, { id });
    return s.hasHook(e, 'afterUpdate') || !s.seesAll(user, e) ? s.get(user, e, id, tx) : updated;
  } catch (err) {
    throw mapPgError(err, wctx);
  }
}
