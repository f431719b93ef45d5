/** The create pipeline: validate -> defaults -> compute -> beforeCreate -> compute -> number -> insert (+ lines) -> afterCreate -> audit -> event. */
import type { EntityModel } from '../entities/model.js';
import { computeDocument } from './compute.js';
import { mapPgError } from './pg-errors.js';
import { seriesNumber } from './naming.js';
import type { Doc, ServiceContext } from '../plugin-api/index.js';
import type { DataCore } from './core.js';
import { resolveBodyReferences } from './references.js';

export async function create(s: DataCore, ctx: ServiceContext, e: EntityModel, body: unknown): Promise<Doc> {
  s.refuseReadOnly(e);
  const { tx, user } = ctx;
  s.registry.policy.assert(user, e, 'create');
  await resolveBodyReferences(tx, s.registry, user, e, body);
  const input = s.validate(e, body, 'create');
  const doc = s.writableInput(user, e, input, 'create');
  for (const f of e.fields) if (doc[f.name] === undefined && f.default !== undefined) doc[f.name] = structuredClone(f.default);
  for (const c of e.children) {
    doc[c.name] ??= [];
    for (const l of doc[c.name])
      for (const f of c.child!.fields) if (l[f.name] === undefined && f.default !== undefined) l[f.name] = structuredClone(f.default);
  }
  if (s.simpleWrite(user, e, 'create')) return s.simpleCreate(ctx, e, doc);
  const wctx = s.writeContext(e);
  wctx.rowsByTable.set(e.table, [{ path: '', row: doc }]);
  if (s.simpleDocumentCreate(user, e, doc)) {
    const c = e.children[0]!;
    wctx.rowsByTable.set(
      c.child!.table,
      (doc[c.name] as Doc[]).map((row, i) => ({ path: `${c.name}/${i}`, row })),
    );
    try {
      computeDocument(e, doc);
      return await s.documentCreate(ctx, e, doc);
    } catch (err) {
      throw mapPgError(err, wctx);
    }
  }
  try {
    computeDocument(e, doc);
    await s.runHooks('beforeCreate', e, ctx, doc);
    computeDocument(e, doc);
    // The number is taken from its series by the insert itself (one statement).
    const number = e.naming && !doc[e.naming.field] ? seriesNumber(e, doc) : undefined;
    const row = await s.insertRow(tx, e.table, e.fields, doc, { created_by: user.id || null }, number);
    if (number) doc[e.naming!.field] = row[number.column];
    await s.assertInScope(tx, user, e, row.id, 'create');
    // The stored document, from what the inserts returned (no re-read).
    const created: Doc = { ...row, ...(await s.writeChildren(tx, e, row.id, doc, wctx, false)) };
    await s.runHooks('afterCreate', e, ctx, created);
    await s.registry.policy.audit(tx, user, e, 'create', row.id, undefined, created);
    await s.registry.emit(tx, `${e.key}.created`, { id: row.id });
    return s.hasHook(e, 'afterCreate') || !s.seesAll(user, e) ? s.get(user, e, row.id, tx) : created;
  } catch (err) {
    throw mapPgError(err, wctx);
  }
}
