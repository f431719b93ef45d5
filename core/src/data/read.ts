/** Reads: lists (filter, sort, page and count pushed down to SQL), single records, line items and expanded references, cut to the fields and rows the user may see. */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { lookupEntity } from '../entities/lookup.js';
import { ident, Params, type Queryable } from '../db/database.js';
import { Errors, labelText } from '../errors.js';
import { FilterCompiler, compileSearch, compileSort, hasSearchWords, orderBy, searchQuerySql } from '../query/filter.js';
import { referenceScope } from './references.js';
import { cursorAfter, keyColumns, keysetFor, stripKeyColumns } from '../query/keyset.js';
import { pageSql } from '../query/page.js';
import { estimatedTotal, listTotal, type Total } from '../query/total.js';
import { LIMITS } from '../schema/limits.js';
import type { CurrentUser, Doc, ListQuery, ListResult } from '../plugin-api/index.js';
import { trustedCode, MAX_LIMIT } from './registry.js';
import { childSelectList } from './values.js';
import type { DataCore, WhereOptions } from './core.js';

/**
 * What one user reads of one entity: the visible fields and the select lists made of them
 * (by table alias, for reads without a `fields` choice). Worked out once per data service,
 * user object and entity instead of on every read: a user object never changes (a credential
 * load, a view-as request and a new generation each make new objects), so the field rules it
 * was built from cannot change under it.
 */
interface Projection {
  visible: FieldModel[];
  /** The columns of a read without a `fields` choice, and their select lists by table alias. */
  columns?: string[];
  columnSet?: ReadonlySet<string>;
  selects: Map<string, string>;
}
const projections = new WeakMap<DataCore, WeakMap<CurrentUser, WeakMap<EntityModel, Projection>>>();

function projection(s: DataCore, user: CurrentUser, e: EntityModel): Projection {
  let byUser = projections.get(s);
  if (!byUser) projections.set(s, (byUser = new WeakMap()));
  let byEntity = byUser.get(user);
  if (!byEntity) byUser.set(user, (byEntity = new WeakMap()));
  let p = byEntity.get(e);
  if (!p) byEntity.set(e, (p = { visible: e.fields.filter((f) => s.readable(user, e, f)), selects: new Map() }));
  return p;
}

export function visibleFields(s: DataCore, user: CurrentUser, e: EntityModel): FieldModel[] {
  return projection(s, user, e).visible;
}

/** Whether a user's reads return a field: the role's field rules, and secrets only to trusted plugin code. */
export function readable(s: DataCore, user: CurrentUser, e: EntityModel, f: FieldModel | string): boolean {
  const field = typeof f === 'string' ? e.fieldMap.get(f) : f;
  const name = typeof f === 'string' ? f : f.name;
  if (field?.secret && !trustedCode(user)) return false;
  return s.registry.policy.canSeeField(user, e, name);
}

const systemColumns = (e: EntityModel): string[] => [
  'id',
  'created_at',
  'updated_at',
  'created_by',
  ...(e.parent ? [] : ['version']),
  ...(e.submittable ? ['docstatus', 'amended_from'] : []),
];

/** The columns a user's read selects: the system columns and the visible fields, or those of them `fields` names (always the id). */
export function selectColumns(s: DataCore, user: CurrentUser, e: EntityModel, fields: string[] | undefined): string[] {
  const p = projection(s, user, e);
  if (!fields) return (p.columns ??= [...systemColumns(e), ...p.visible.map((f) => f.column)]);
  const cols = systemColumns(e);
  const visible = p.visible;
  const unknown = fields.filter((n) => !visible.some((f) => f.name === n) && !cols.includes(n) && !e.children.some((c) => c.name === n));
  if (unknown.length) throw Errors.badQuery(unknown.map((n) => ({ path: 'fields', message: `"${n}" is not a field of ${e.label}` })));
  return [...cols.filter((c) => c === 'id' || fields.includes(c)), ...visible.filter((f) => fields.includes(f.name)).map((f) => f.column)];
}

/** selectColumns as a set (kept with the projection for reads without `fields`). */
function selectedSet(s: DataCore, user: CurrentUser, e: EntityModel, fields: string[] | undefined): ReadonlySet<string> {
  if (fields) return new Set(selectColumns(s, user, e, fields));
  const p = projection(s, user, e);
  return (p.columnSet ??= new Set(selectColumns(s, user, e, undefined)));
}

export function selectList(s: DataCore, user: CurrentUser, e: EntityModel, fields: string[] | undefined, alias: string): string {
  const sql = (columns: string[]) => columns.map((c) => `${alias}.${ident(c)}`).join(', ');
  if (fields) return sql(selectColumns(s, user, e, fields));
  const p = projection(s, user, e);
  let cached = p.selects.get(alias);
  if (cached === undefined) p.selects.set(alias, (cached = sql(selectColumns(s, user, e, undefined))));
  return cached;
}

/** WHERE clause for a list: row scope, filter, ids and search; problems become a 400. */
export function whereFor(s: DataCore, user: CurrentUser, e: EntityModel, query: ListQuery, params: Params, action = 'read', opts: WhereOptions = {}): string {
  const parts: string[] = [];
  const scope = s.registry.policy.rowScope(user, e, action, params, 't');
  if (scope) parts.push(`(${scope})`);
  if (query.filter && Object.keys(query.filter).length) {
    const fc = new FilterCompiler(e, params, 't', (ent, name) => s.readable(user, ent, name), referenceScope(s.registry, user));
    const sql = fc.compile(query.filter);
    if (fc.problems.length) throw Errors.badQuery(fc.problems);
    parts.push(`(${sql})`);
  }
  if (query.ids) parts.push(`t."id" = any(${params.add(query.ids)})`);
  if (query.q) {
    const search = compileSearch(e, query.q, params, 't', (f) => s.registry.policy.canSeeField(user, e, f), opts.tsquery);
    if (search) parts.push(search);
  }
  return parts.length ? parts.join(' and ') : 'true';
}

export async function list(s: DataCore, user: CurrentUser, e: EntityModel, query: ListQuery, q: Queryable = s.db, action = 'read'): Promise<ListResult> {
  s.registry.policy.assert(user, e, action);
  const limit = Math.min(query.limit ?? 25, MAX_LIMIT);
  if (query.limit !== undefined && (query.limit < 1 || query.limit > MAX_LIMIT))
    throw Errors.badQuery([{ path: 'limit', message: `must be between 1 and ${MAX_LIMIT}` }]);
  const ks = keysetFor(e, query.sort, (n) => s.readable(user, e, n));
  const selected = selectedSet(s, user, e, query.fields);
  const mode = query.total ?? 'exact';
  if (query.q && hasSearchWords(query.q) && (mode === 'exact' || mode === 'auto'))
    return searchList(s, user, e, query, q, action, { ks, limit, selected, mode });
  const params = new Params();
  const where = s.whereFor(user, e, query, params, action);
  const page = pageSql(ks, query, where, params, 't');
  const dataSql = `select ${s.selectList(user, e, query.fields, 't')}${keyColumns(ks, 't', selected)} from ${ident(e.table)} t where ${page.where} order by ${orderBy(ks.keys, 't')} ${page.tail}`;
  const [rows, total] = await Promise.all([q.query(dataSql, page.values), listTotal(q, e.table, where, params.values, mode)]);
  return finishPage(s, user, e, query, q, rows.rows, total, { ks, limit, selected });
}

interface PageShape {
  ks: ReturnType<typeof keysetFor>;
  limit: number;
  selected: ReadonlySet<string>;
}

async function finishPage(
  s: DataCore,
  user: CurrentUser,
  e: EntityModel,
  query: ListQuery,
  q: Queryable,
  data: Doc[],
  total: Total,
  p: PageShape,
): Promise<ListResult> {
  const next = data.length === p.limit ? cursorAfter(p.ks, data[data.length - 1]!, p.selected) : null;
  stripKeyColumns(p.ks, data, p.selected);
  await s.attach(user, e, data, query.expand ?? [], q, query.fields);
  return { data, ...total, next };
}

/**
 * A full-text search that counts (total exact, or auto's bounded count). The count goes first,
 * through the GIN index, and also reads back the search's tsquery and the table's size; what it
 * found decides how the page is read:
 *
 *   no match, or a page past the last one: no page query at all;
 *   (with `after`, the same: the count is of every match, the page starts at the cursor)
 *   common words (matches² ≥ (offset + limit) × rows: reading the table in the page's order
 *   meets a page of matches sooner than the index lists them all; or more matches than auto
 *   counts): the page with the words as a constant, so the planner's statistics choose, as for
 *   hand-written SQL with the words inline;
 *   rare words: the matches through the index first (a MATERIALIZED CTE, which the planner cannot
 *   turn into a walk of the table in the page's order), then sorted. A planner that sees a prefix
 *   word as a constant guesses it matches 2% of the rows, and would walk a table of millions for
 *   one match (seconds).
 */
async function searchList(
  s: DataCore,
  user: CurrentUser,
  e: EntityModel,
  query: ListQuery,
  q: Queryable,
  action: string,
  p: PageShape & { mode: 'exact' | 'auto' },
): Promise<ListResult> {
  const cap = LIMITS.exactTotalUpTo;
  const params = new Params();
  const where = s.whereFor(user, e, query, params, action);
  // The WHERE's own parameters, for a page that reuses it (the count adds two of its own after them).
  const whereParams = new Params();
  whereParams.values.push(...params.values);
  const tsq = searchQuerySql(query.q!, params);
  const table = ident(e.table);
  const sizeSql = `(select c.reltuples::float8 from pg_class c where c.oid = ${params.add(table)}::regclass)`;
  const matches = p.mode === 'auto' ? `(select 1 from ${table} t where ${where} limit ${cap + 1}) t` : `${table} t where ${where}`;
  const head = (await q.query(`select count(*)::bigint as total, ${tsq}::text as tsq, ${sizeSql} as size from ${matches}`, params.values)).rows[0]!;
  const found = Number(head.total);
  const offset = query.offset ?? 0;
  const exact = p.mode === 'exact' || found <= cap;
  // reltuples is -1 before the table's first ANALYZE: unknown counts as large (the index path).
  const size = Number(head.size) >= 0 ? Number(head.size) : Number.POSITIVE_INFINITY;
  // More matches than auto counts (> LIMITS.exactTotalUpTo): a walk in the page's order reads at most (offset + limit) × rows / that.
  const common = !exact || found * found >= (offset + p.limit) * size;
  let rows: Doc[] = [];
  let constantWhere: { where: string; params: Params } | undefined;
  const constant = () => {
    if (constantWhere) return constantWhere;
    const cp = new Params();
    return (constantWhere = { where: s.whereFor(user, e, query, cp, action, { tsquery: String(head.tsq) }), params: cp });
  };
  if (found > 0 && !(exact && offset >= found)) {
    const cols = `${s.selectList(user, e, query.fields, 't')}${keyColumns(p.ks, 't', p.selected)}`;
    const order = `order by ${orderBy(p.ks.keys, 't')}`;
    if (common) {
      const c = constant();
      const page = pageSql(p.ks, query, c.where, c.params, 't');
      rows = (await q.query(`select ${cols} from ${table} t where ${page.where} ${order} ${page.tail}`, page.values)).rows;
    } else {
      const page = pageSql(p.ks, query, where, whereParams, 't');
      rows = (
        await q.query(`with m as materialized (select t.* from ${table} t where ${page.where}) select ${cols} from m t ${order} ${page.tail}`, page.values)
      ).rows;
    }
  }
  let total: Total;
  if (exact) total = { total: found, totalIsEstimate: false };
  else {
    // More matches than auto counts exactly: the planner's estimate, with the words as a constant (its statistics), never below the count.
    const c = constant();
    total = { total: Math.max(cap + 1, await estimatedTotal(q, e.table, c.where, c.params.values)), totalIsEstimate: true };
  }
  return finishPage(s, user, e, query, q, rows, total, p);
}

/** The list's WHERE over alias t (row scope, filter, search) for other reads of the same rows (api/groups.ts). */
export function listWhere(s: DataCore, user: CurrentUser, e: EntityModel, query: ListQuery, params: Params): string {
  s.registry.policy.assert(user, e, 'read');
  return s.whereFor(user, e, query, params);
}

/** A list's SQL without paging (exports stream it through a cursor): the same permission, row rule, filter, sort and fields. */
export function listSql(s: DataCore, user: CurrentUser, e: EntityModel, query: ListQuery, action = 'read'): { sql: string; params: unknown[] } {
  s.registry.policy.assert(user, e, action);
  const params = new Params();
  const where = s.whereFor(user, e, query, params, action);
  const order = compileSort(e, query.sort, 't', (n) => s.readable(user, e, n));
  return { sql: `select ${s.selectList(user, e, query.fields, 't')} from ${ident(e.table)} t where ${where} order by ${order}`, params: params.values };
}

/** Line items and expanded references for a page of rows. */
export async function attach(
  s: DataCore,
  user: CurrentUser,
  e: EntityModel,
  rows: Doc[],
  expand: string[],
  q: Queryable,
  fields?: string[],
  withChildren = false,
): Promise<void> {
  if (!rows.length) return;
  const expandSet = new Set(expand);
  for (const x of expandSet) {
    const [head] = x.split('.');
    const f = e.fieldMap.get(head!);
    if (!f || (f.kind !== 'reference' && f.kind !== 'children') || !s.registry.policy.canSeeField(user, e, head!))
      throw Errors.badQuery([{ path: 'expand', message: `"${x}" is not a reference or line-item field of ${e.label}` }]);
  }
  for (const c of e.children) {
    const wanted = withChildren || expandSet.has(c.name) || [...expandSet].some((x) => x.startsWith(`${c.name}.`)) || fields?.includes(c.name);
    if (!wanted || !s.registry.policy.canSeeField(user, e, c.name)) continue;
    const child = c.child!;
    const ids = rows.map((r) => r.id);
    const res = await q.query(
      `select c."parent_id", ${childSelectList(child)} from ${ident(child.table)} c where c."parent_id" = any($1) order by c."parent_id", c."idx", c."id"`,
      [ids],
    );
    const byParent = new Map<number, Doc[]>();
    for (const r of res.rows) {
      const pid = r.parent_id;
      delete r.parent_id;
      for (const f of child.fields) if (!s.readable(user, child, f)) delete r[f.name];
      if (!byParent.has(pid)) byParent.set(pid, []);
      byParent.get(pid)!.push(r);
    }
    for (const row of rows) row[c.name] = byParent.get(row.id) ?? [];
    const sub = [...expandSet].filter((x) => x.startsWith(`${c.name}.`)).map((x) => x.slice(c.name.length + 1));
    if (sub.length)
      await s.attach(
        user,
        child,
        rows.flatMap((r) => r[c.name]),
        sub,
        q,
      );
  }
  for (const x of expandSet) {
    const f = e.fieldMap.get(x);
    if (f?.kind !== 'reference') continue;
    const target = lookupEntity(s.registry, f.ref!.entity)!;
    const ids = [...new Set(rows.map((r) => r[f.name]).filter((v) => v !== null && v !== undefined))];
    if (!ids.length) continue;
    // Expanding a reference shows only rows the user may read.
    if (!s.registry.policy.can(user, target, 'read')) continue;
    const params = new Params();
    const scope = s.registry.policy.rowScope(user, target, 'read', params, 't');
    const idParam = params.add(ids);
    const res = await q.query(
      `select ${s.selectList(user, target, undefined, 't')} from ${ident(target.table)} t where t."id" = any(${idParam})${scope ? ` and (${scope})` : ''}`,
      params.values,
    );
    const byId = new Map(res.rows.map((r) => [r.id, r]));
    for (const row of rows) {
      if (row[f.name] == null) continue;
      row._expanded ??= {};
      row._expanded[f.name] = byId.get(row[f.name]) ?? null;
    }
  }
}

export async function find(
  s: DataCore,
  user: CurrentUser,
  e: EntityModel,
  id: number,
  q: Queryable = s.db,
  opts: { expand?: string[]; fields?: string[]; forUpdate?: boolean; action?: string } = {},
): Promise<Doc | undefined> {
  s.registry.policy.assert(user, e, opts.action ?? 'read');
  const params = new Params();
  const idp = params.add(id);
  const scope = s.registry.policy.rowScope(user, e, opts.action ?? 'read', params, 't');
  const res = await q.query(
    `select ${s.selectList(user, e, opts.fields, 't')} from ${ident(e.table)} t where t."id" = ${idp}${scope ? ` and (${scope})` : ''}${opts.forUpdate ? ' for update of t' : ''}`,
    params.values,
  );
  const row = res.rows[0];
  if (!row) return undefined;
  await s.attach(user, e, [row], opts.expand ?? [], q, opts.fields, !opts.fields);
  return row;
}

export async function get(
  s: DataCore,
  user: CurrentUser,
  e: EntityModel,
  id: number,
  q: Queryable = s.db,
  opts: { expand?: string[]; fields?: string[]; forUpdate?: boolean; action?: string } = {},
): Promise<Doc> {
  const row = await s.find(user, e, id, q, opts);
  if (!row) throw Errors.notFound(labelText(e), id);
  return row;
}
