/** Single-statement writes: when nothing but the row changes (no lines, computed fields, numbering, lifecycle, hooks, subscribers or row rule), one CTE writes the row and its audit record together. */
import { REDACTED, type EntityModel, type FieldModel } from '../entities/model.js';
import { ident, Params } from '../db/database.js';
import { Errors, labelText } from '../errors.js';
import { mapPgError } from './pg-errors.js';
import type { CurrentUser, Doc, ServiceContext } from '../plugin-api/index.js';
import { openPolicy } from './registry.js';
import { toDb } from './values.js';
import type { DataCore } from './core.js';

const pgLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A column's value as the JSON the audit trail stores (exact decimals and dates as text, times in UTC ISO). */
export function auditJsonSql(f: FieldModel, alias: string): string {
  const c = `${alias}.${ident(f.column)}`;
  switch (f.kind) {
    case 'decimal':
    case 'date':
    case 'time':
      return `to_jsonb(${c}::text)`;
    case 'datetime':
      return `to_jsonb(to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
    case 'json':
      return `${c}::jsonb`;
    default:
      return `to_jsonb(${c})`;
  }
}

/**
 * The simple case of an update (no line items, computed fields, lifecycle, update hooks or row
 * rule for s user) needs no separate read: one statement locks the row, writes the patch
 * and returns the row before and after (for the audit diff and the response).
 */
/**
 * Simple writes (no line items, computed fields, numbering, lifecycle, hooks, event
 * subscribers or row rule for s user) are one statement: a CTE writes the row and its
 * audit record together (atomic on its own, so no BEGIN/COMMIT round trips) and returns what
 * the response and the audit need.
 */
export function simpleWrite(s: DataCore, user: CurrentUser, e: EntityModel, action: 'create' | 'update'): boolean {
  if (e.children.length || e.submittable || e.naming || e.fields.some((f) => f.compute)) return false;
  if (action === 'create' && (s.hasHook(e, 'beforeCreate') || s.hasHook(e, 'afterCreate'))) return false;
  if (action === 'update' && (s.hasHook(e, 'beforeUpdate') || s.hasHook(e, 'afterUpdate'))) return false;
  if (s.registry.listens?.(`${e.key}.${action === 'create' ? 'created' : 'updated'}`)) return false;
  if (s.registry.policy.audit !== openPolicy.audit && !s.registry.policy.auditsInline) return false;
  return s.registry.policy.rowScope(user, e, action, new Params(), 't') === undefined;
}

/** SQL that builds the audit change set {field: {old, new}} of the changed fields, like diffDocs. */
export function auditChangesSql(e: EntityModel, oldAlias: string | null, newAlias: string): string {
  const rows = e.fields.map((f) => {
    const o = oldAlias ? auditJsonSql(f, oldAlias) : 'null::jsonb';
    const n = auditJsonSql(f, newAlias);
    if (!f.secret) return `(${pgLiteral(f.name)}, ${o}, ${n}, ${o} is distinct from ${n})`;
    // A secret is compared as stored but recorded only as "[redacted]" (or null).
    const mark = (x: string) => `case when ${x} is null then null::jsonb else to_jsonb(${pgLiteral(REDACTED)}::text) end`;
    return `(${pgLiteral(f.name)}, ${mark(o)}, ${mark(n)}, ${o} is distinct from ${n})`;
  });
  return `(select coalesce(jsonb_object_agg(x.k, jsonb_build_object('old', x.o, 'new', x.n)), '{}'::jsonb) from (values ${rows.join(', ')}) as x(k, o, n, d) where x.d)`;
}

export function auditCte(
  s: DataCore,
  ctx: ServiceContext,
  e: EntityModel,
  params: Params,
  action: string,
  sourceFrom: string,
  idExpr: string,
  changes: string,
): string {
  if (!s.registry.policy.auditsInline) return '';
  return `, tessera_audit_row as (insert into tessera_audit (user_id, username, entity, record_id, action, changes)
    select ${params.add(ctx.user.id || null)}::bigint, ${params.add(ctx.user.username)}, ${params.add(e.key)}, ${idExpr}, ${params.add(action)}, ${changes} from ${sourceFrom})`;
}

export async function simpleCreate(s: DataCore, ctx: ServiceContext, e: EntityModel, doc: Doc): Promise<Doc> {
  const { tx, user } = ctx;
  const params = new Params();
  const cols: string[] = ['"created_by"'];
  const vals: string[] = [params.add(user.id || null)];
  for (const f of e.fields) {
    if (!(f.name in doc) || doc[f.name] === undefined) continue;
    cols.push(ident(f.column));
    vals.push(params.add(toDb(f, doc[f.name])));
  }
  const wctx = s.writeContext(e);
  wctx.rowsByTable.set(e.table, [{ path: '', row: doc }]);
  try {
    const sql = `with tessera_new as (insert into ${ident(e.table)} (${cols.join(', ')}) values (${vals.join(', ')}) returning *)
      ${s.auditCte(ctx, e, params, 'create', 'tessera_new', 'tessera_new.id', s.auditChangesSql(e, null, 'tessera_new'))}
      select * from tessera_new`;
    const row = (await tx.queryAtomic(sql, params.values)).rows[0]!;
    return s.seesAll(user, e) ? row : s.get(user, e, row.id, tx);
  } catch (err) {
    throw mapPgError(err, wctx);
  }
}

export async function simpleUpdate(s: DataCore, ctx: ServiceContext, e: EntityModel, id: number, patch: Doc, ifVersion?: number[]): Promise<Doc> {
  const { tx, user } = ctx;
  const params = new Params();
  const idp = params.add(id);
  const sets = ['"updated_at" = now()', '"version" = t."version" + 1'];
  for (const f of e.fields) if (f.name in patch) sets.push(`${ident(f.column)} = ${params.add(toDb(f, patch[f.name]))}`);
  const wctx = s.writeContext(e);
  wctx.rowsByTable.set(e.table, [{ path: '', row: patch }]);
  try {
    // With If-Match the version check is part of the same statement: a stale copy updates nothing
    // (and audits nothing), and the row still tells the stored version for the 412.
    const check = ifVersion ? ` and tessera_old."version" = any(${params.add(ifVersion)}::int[])` : '';
    const sql = `with tessera_old as (select * from ${ident(e.table)} where id = ${idp} for update),
      tessera_new as (update ${ident(e.table)} t set ${sets.join(', ')} from tessera_old where t.id = tessera_old.id${check} returning t.*)
      ${s.auditCte(ctx, e, params, 'update', 'tessera_old, tessera_new', 'tessera_new.id', s.auditChangesSql(e, 'tessera_old', 'tessera_new'))}
      ${ifVersion ? 'select tessera_new.*, tessera_old."version" as tessera_stored_version from tessera_old left join tessera_new on true' : 'select * from tessera_new'}`;
    const row = (await tx.queryAtomic(sql, params.values)).rows[0];
    if (!row) throw Errors.notFound(labelText(e), id);
    if (ifVersion) {
      if (row.id == null) throw await s.staleError(e, id, Number(row.tessera_stored_version), ifVersion);
      delete row.tessera_stored_version;
    }
    return s.seesAll(user, e) ? row : s.get(user, e, id, tx);
  } catch (err) {
    throw mapPgError(err, wctx);
  }
}
