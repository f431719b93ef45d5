/** Server-maintained fields (counters such as received_qty, derived status, totals) set by trusted plugin code on a document in any state. */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { ident, Params } from '../db/database.js';
import { Errors, type FieldProblem } from '../errors.js';
import { nullable, valueSchema } from '../schema/schemas.js';
import { compile, toProblems } from '../schema/validation.js';
import type { Doc, ServiceContext } from '../plugin-api/index.js';
import { SYSTEM_USER } from './registry.js';
import { toDb } from './values.js';
import type { DataCore } from './core.js';

const serverSchemas = new WeakMap<FieldModel, object>();

function serverFieldSchema(f: FieldModel): object {
  let s = serverSchemas.get(f);
  if (!s) serverSchemas.set(f, (s = { type: 'object', properties: { v: f.required ? valueSchema(f) : nullable(valueSchema(f)) } }));
  return s;
}

/**
 * Sets server-maintained fields (counters such as received_qty, derived status, totals) on
 * any document state, header or lines, with type checks and an audit entry. Only for
 * trusted plugin code (elevated contexts); clients can never reach it.
 */
export async function setServerFields(
  s: DataCore,
  ctx: ServiceContext,
  e: EntityModel,
  id: number,
  values: Doc,
  lines?: { collection: string; id: number; values: Doc }[],
): Promise<Doc> {
  if (!ctx.user.isAdmin) throw Errors.forbidden('server fields can only be set by plugin code');
  const before = await s.get(SYSTEM_USER, e, id, ctx.tx, { forUpdate: true });
  const problems: FieldProblem[] = [];
  const check = (owner: EntityModel, name: string, v: unknown, path: string) => {
    const f = owner.fieldMap.get(name);
    if (!f || f.kind === 'children') {
      problems.push({ path, message: `is not a field of ${owner.label}` });
      return undefined;
    }
    const fn = compile(serverFieldSchema(f));
    if (!fn({ v })) problems.push({ path, message: toProblems(fn.errors)[0]?.message ?? 'is invalid' });
    return f;
  };
  const params = new Params();
  const sets = ['"updated_at" = now()', '"version" = "version" + 1'];
  for (const [k, v] of Object.entries(values)) {
    const f = check(e, k, v, k);
    if (f) sets.push(`${ident(f.column)} = ${params.add(toDb(f, v))}`);
  }
  const lineUpdates: { table: string; sql: string; params: unknown[] }[] = [];
  for (const l of lines ?? []) {
    const coll = e.children.find((c) => c.name === l.collection);
    if (!coll) {
      problems.push({ path: l.collection, message: `is not a line-item field of ${e.label}` });
      continue;
    }
    const lp = new Params();
    const ls = ['"updated_at" = now()'];
    for (const [k, v] of Object.entries(l.values)) {
      const f = check(coll.child!, k, v, `${l.collection}/${l.id}/${k}`);
      if (f) ls.push(`${ident(f.column)} = ${lp.add(toDb(f, v))}`);
    }
    lineUpdates.push({
      table: coll.child!.table,
      sql: `update ${ident(coll.child!.table)} set ${ls.join(', ')} where id = ${lp.add(l.id)} and parent_id = ${lp.add(id)}`,
      params: lp.values,
    });
  }
  if (problems.length) throw Errors.validation(problems);
  // Any server-side change (header or lines) is a new version of the document.
  if (sets.length > 2 || lineUpdates.length) await ctx.tx.query(`update ${ident(e.table)} set ${sets.join(', ')} where id = ${params.add(id)}`, params.values);
  for (const u of lineUpdates) {
    const r = await ctx.tx.query(u.sql, u.params);
    if (!r.rowCount) throw Errors.notFound(`line of ${e.label} ${id}`, u.params[u.params.length - 2]);
  }
  const after = await s.get(SYSTEM_USER, e, id, ctx.tx);
  await s.registry.policy.audit(ctx.tx, ctx.user, e, 'update', id, before, after);
  return after;
}
