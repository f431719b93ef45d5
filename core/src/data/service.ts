/**
 * Reading and writing entities: one place that every route, action, hook and plugin goes
 * through, so validation, computed values, numbering, hooks, lifecycle and audit apply the
 * same way whatever the caller. Reads push filter, sort, page and count down to SQL.
 */
import { isSecretSchema, REDACTED, type EntityModel, type FieldModel } from '../entities/model.js';
import { Database, ident, Params, type Queryable, type Tx } from '../db/database.js';
import { Errors, TesseraError, type FieldProblem } from '../errors.js';
import { FilterCompiler, compileSearch, compileSort, orderBy } from '../query/filter.js';
import { cursorAfter, keyColumns, keysetFor, stripKeyColumns } from '../query/keyset.js';
import { pageSql } from '../query/page.js';
import { listTotal } from '../query/total.js';
import { bodySchema, nullable, valueSchema } from '../api/schemas.js';
import { lookupEntity } from '../api/meta.js';
import { checkLineCounts, compile, toProblems } from '../api/validation.js';
import { Decimal, decimalText } from '../decimal.js';
import { computeDocument } from './compute.js';
import { mapPgError, type WriteContext } from './pg-errors.js';
import { nextNumber, amendedNumber } from './naming.js';
import { referenceScope, resolveBodyReferences, resolveInputReferences } from './references.js';
import type { ActionDefinition, PlatformServices, CurrentUser, Doc, EntityHooks, EntityService, HookName, ListQuery, ListResult, ServiceContext } from '../plugins/api.js';
import type { ResolvedConfig } from '../config.js';

export const MAX_LIMIT = 1000;

/** What the data layer needs to know about the running system. */
export interface Registry {
  entities: Map<string, EntityModel>;
  tables: Map<string, EntityModel>;
  hooks: Map<string, EntityHooks[]>;
  actions: Map<string, Map<string, ActionDefinition>>;
  config: ResolvedConfig;
  settings: Map<string, Record<string, any>>;
  /** Permission layer (auth): row scope SQL, field visibility, audit writer. */
  policy: Policy;
  emit: (tx: Tx, event: string, payload: Doc) => Promise<void>;
  /** Whether anything subscribes to an event. */
  listens?: (event: string) => boolean;
  platform: PlatformServices;
}

/** The permission and audit layer, as the data layer sees it. */
export interface Policy {
  /** SQL predicate limiting rows the user may see for this action, or undefined for all rows. */
  rowScope(user: CurrentUser, e: EntityModel, action: string, params: Params, alias: string): string | undefined;
  /** Whether the user may see a field. */
  canSeeField(user: CurrentUser, e: EntityModel, field: string): boolean;
  /** Fields the user may not write (read-only for their role). */
  readOnlyFields(user: CurrentUser, e: EntityModel, action?: 'create' | 'update'): Set<string>;
  /** Throws 403 unless the user may do the action on the entity. */
  assert(user: CurrentUser, e: EntityModel, action: string): void;
  audit(tx: Tx, user: CurrentUser, e: EntityModel, action: string, id: number, before: Doc | undefined, after: Doc | undefined): Promise<void>;
  /** When true, single-statement writes insert the audit row (tessera_audit) themselves. */
  readonly auditsInline?: boolean;
}

export const openPolicy: Policy = {
  rowScope: () => undefined,
  canSeeField: () => true,
  readOnlyFields: () => new Set(),
  assert: () => undefined,
  audit: async () => undefined,
};

export const SYSTEM_USER: CurrentUser = { id: 0, username: 'system', roles: ['admin'], isAdmin: true };

/** Marks the user of an elevated context (hooks, actions, jobs): trusted plugin code. */
const ELEVATED = Symbol('tessera.elevated');

/** Plugin code (elevated contexts and the system user) reads secrets; users, even administrators, never do. */
export function trustedCode(user: CurrentUser): boolean {
  return user === SYSTEM_USER || user.id === 0 || (user as any)[ELEVATED] === true;
}

/** An action input as the audit trail keeps it: only declared properties, secrets replaced by "[redacted]". */
export function auditableInput(schema: Record<string, any> | undefined, input: unknown): unknown {
  if (!schema || input === null || typeof input !== 'object') return schema && isSecretSchema(schema) ? REDACTED : input;
  if (isSecretSchema(schema)) return REDACTED;
  if (Array.isArray(input)) return schema.items ? input.map((v) => auditableInput(schema.items, v)) : input;
  const props = schema.properties as Record<string, any> | undefined;
  if (!props) return input;
  const out: Doc = {};
  for (const [k, v] of Object.entries(input as Doc)) {
    if (props[k]) out[k] = auditableInput(props[k], v);
    else if (schema.additionalProperties !== false) out[k] = typeof schema.additionalProperties === 'object' ? auditableInput(schema.additionalProperties, v) : v;
  }
  return out;
}

function childSelectList(c: EntityModel): string {
  return ['id', 'idx', ...c.fields.map((f) => f.column)].map((x) => `c.${ident(x)}`).join(', ');
}

function toDb(f: FieldModel, v: unknown): unknown {
  if (v === null || v === undefined) return v ?? null;
  if (f.kind === 'decimal') return decimalText(v) ?? v;
  if (f.kind === 'json') return JSON.stringify(v);
  return v;
}

export class DataService {
  constructor(
    readonly db: Database,
    readonly registry: Registry,
  ) {}

  entity(key: string, from?: string): EntityModel {
    const e = this.registry.entities.get(key) ?? (from ? this.registry.entities.get(`${from}.${key}`) : undefined);
    if (!e) throw Errors.unprocessable('UNKNOWN_ENTITY', `unknown entity "${key}"`);
    return e;
  }

  private writeContext(e: EntityModel): WriteContext {
    return { entity: e, rowsByTable: new Map(), tableToEntity: (t) => this.registry.tables.get(t) };
  }

  // ---------------------------------------------------------------- reads

  private visibleFields(user: CurrentUser, e: EntityModel): FieldModel[] {
    return e.fields.filter((f) => this.readable(user, e, f));
  }

  /** Whether a user's reads return a field: the role's field rules, and secrets only to trusted plugin code. */
  private readable(user: CurrentUser, e: EntityModel, f: FieldModel | string): boolean {
    const field = typeof f === 'string' ? e.fieldMap.get(f) : f;
    const name = typeof f === 'string' ? f : f.name;
    if (field?.secret && !trustedCode(user)) return false;
    return this.registry.policy.canSeeField(user, e, name);
  }

  private selectList(user: CurrentUser, e: EntityModel, fields: string[] | undefined, alias: string): string {
    const cols = ['id', 'created_at', 'updated_at', 'created_by'];
    if (!e.parent) cols.push('version');
    if (e.submittable) cols.push('docstatus', 'amended_from');
    const visible = this.visibleFields(user, e);
    const chosen = fields ? visible.filter((f) => fields.includes(f.name)) : visible;
    if (fields) {
      const unknown = fields.filter((n) => !visible.some((f) => f.name === n) && !cols.includes(n) && !e.children.some((c) => c.name === n));
      if (unknown.length) throw Errors.badQuery(unknown.map((n) => ({ path: 'fields', message: `"${n}" is not a field of ${e.label}` })));
      return [...cols.filter((c) => c === 'id' || fields.includes(c)), ...chosen.map((f) => f.column)].map((c) => `${alias}.${ident(c)}`).join(', ');
    }
    return [...cols, ...chosen.map((f) => f.column)].map((c) => `${alias}.${ident(c)}`).join(', ');
  }

  /** WHERE clause for a list: row scope, filter, ids and search; problems become a 400. */
  private whereFor(user: CurrentUser, e: EntityModel, query: ListQuery, params: Params, action = 'read'): string {
    const parts: string[] = [];
    const scope = this.registry.policy.rowScope(user, e, action, params, 't');
    if (scope) parts.push(`(${scope})`);
    if (query.filter && Object.keys(query.filter).length) {
      const fc = new FilterCompiler(e, params, 't', (ent, name) => this.readable(user, ent, name), referenceScope(this.registry, user));
      const sql = fc.compile(query.filter);
      if (fc.problems.length) throw Errors.badQuery(fc.problems);
      parts.push(`(${sql})`);
    }
    if (query.ids) parts.push(`t."id" = any(${params.add(query.ids)})`);
    if (query.q) {
      const s = compileSearch(e, query.q, params, 't', (f) => this.registry.policy.canSeeField(user, e, f));
      if (s) parts.push(s);
    }
    return parts.length ? parts.join(' and ') : 'true';
  }

  /** The list's WHERE over alias t (row scope, filter, search) for other reads of the same rows (api/groups.ts). */
  listWhere(user: CurrentUser, e: EntityModel, query: ListQuery, params: Params): string {
    this.registry.policy.assert(user, e, 'read');
    return this.whereFor(user, e, query, params);
  }

  async list(user: CurrentUser, e: EntityModel, query: ListQuery, q: Queryable = this.db, action = 'read'): Promise<ListResult> {
    this.registry.policy.assert(user, e, action);
    const limit = Math.min(query.limit ?? 25, MAX_LIMIT);
    if (query.limit !== undefined && (query.limit < 1 || query.limit > MAX_LIMIT)) throw Errors.badQuery([{ path: 'limit', message: `must be between 1 and ${MAX_LIMIT}` }]);
    const params = new Params();
    const where = this.whereFor(user, e, query, params, action);
    const ks = keysetFor(e, query.sort, (n) => this.readable(user, e, n));
    const page = pageSql(ks, query, where, params, 't');
    const dataSql = `select ${this.selectList(user, e, query.fields, 't')}, ${keyColumns(ks, 't')} from ${ident(e.table)} t where ${page.where} order by ${orderBy(ks.keys, 't')} ${page.tail}`;
    const [rows, total] = await Promise.all([q.query(dataSql, page.values), listTotal(q, e.table, where, params.values, query.total ?? 'exact')]);
    const data = rows.rows;
    const next = data.length === limit ? cursorAfter(ks, data[data.length - 1]) : null;
    stripKeyColumns(ks, data);
    await this.attach(user, e, data, query.expand ?? [], q, query.fields);
    return { data, ...total, next };
  }

  /** A list's SQL without paging (exports stream it through a cursor): the same permission, row rule, filter, sort and fields. */
  listSql(user: CurrentUser, e: EntityModel, query: ListQuery, action = 'read'): { sql: string; params: unknown[] } {
    this.registry.policy.assert(user, e, action);
    const params = new Params();
    const where = this.whereFor(user, e, query, params, action);
    const order = compileSort(e, query.sort, 't', (n) => this.readable(user, e, n));
    return { sql: `select ${this.selectList(user, e, query.fields, 't')} from ${ident(e.table)} t where ${where} order by ${order}`, params: params.values };
  }

  /** Line items and expanded references for a page of rows. */
  private async attach(user: CurrentUser, e: EntityModel, rows: Doc[], expand: string[], q: Queryable, fields?: string[], withChildren = false): Promise<void> {
    if (!rows.length) return;
    const expandSet = new Set(expand);
    for (const x of expandSet) {
      const [head] = x.split('.');
      const f = e.fieldMap.get(head!);
      if (!f || (f.kind !== 'reference' && f.kind !== 'children') || !this.registry.policy.canSeeField(user, e, head!))
        throw Errors.badQuery([{ path: 'expand', message: `"${x}" is not a reference or line-item field of ${e.label}` }]);
    }
    for (const c of e.children) {
      const wanted = withChildren || expandSet.has(c.name) || [...expandSet].some((x) => x.startsWith(`${c.name}.`)) || fields?.includes(c.name);
      if (!wanted || !this.registry.policy.canSeeField(user, e, c.name)) continue;
      const child = c.child!;
      const ids = rows.map((r) => r.id);
      const res = await q.query(`select c."parent_id", ${childSelectList(child)} from ${ident(child.table)} c where c."parent_id" = any($1) order by c."parent_id", c."idx", c."id"`, [ids]);
      const byParent = new Map<number, Doc[]>();
      for (const r of res.rows) {
        const pid = r.parent_id;
        delete r.parent_id;
        for (const f of child.fields) if (!this.readable(user, child, f)) delete r[f.name];
        if (!byParent.has(pid)) byParent.set(pid, []);
        byParent.get(pid)!.push(r);
      }
      for (const row of rows) row[c.name] = byParent.get(row.id) ?? [];
      const sub = [...expandSet].filter((x) => x.startsWith(`${c.name}.`)).map((x) => x.slice(c.name.length + 1));
      if (sub.length) await this.attach(user, child, rows.flatMap((r) => r[c.name]), sub, q);
    }
    for (const x of expandSet) {
      const f = e.fieldMap.get(x);
      if (!f || f.kind !== 'reference') continue;
      const target = lookupEntity(this.registry, f.ref!.entity)!;
      const ids = [...new Set(rows.map((r) => r[f.name]).filter((v) => v !== null && v !== undefined))];
      if (!ids.length) continue;
      // Expanding a reference shows only rows the user may read.
      let readable = true;
      try {
        this.registry.policy.assert(user, target, 'read');
      } catch {
        readable = false;
      }
      if (!readable) continue;
      const params = new Params();
      const scope = this.registry.policy.rowScope(user, target, 'read', params, 't');
      const idParam = params.add(ids);
      const res = await q.query(`select ${this.selectList(user, target, undefined, 't')} from ${ident(target.table)} t where t."id" = any(${idParam})${scope ? ` and (${scope})` : ''}`, params.values);
      const byId = new Map(res.rows.map((r) => [r.id, r]));
      for (const row of rows) {
        if (row[f.name] == null) continue;
        row._expanded ??= {};
        row._expanded[f.name] = byId.get(row[f.name]) ?? null;
      }
    }
  }

  async find(user: CurrentUser, e: EntityModel, id: number, q: Queryable = this.db, opts: { expand?: string[]; fields?: string[]; forUpdate?: boolean; action?: string } = {}): Promise<Doc | undefined> {
    this.registry.policy.assert(user, e, opts.action ?? 'read');
    const params = new Params();
    const idp = params.add(id);
    const scope = this.registry.policy.rowScope(user, e, opts.action ?? 'read', params, 't');
    const res = await q.query(
      `select ${this.selectList(user, e, opts.fields, 't')} from ${ident(e.table)} t where t."id" = ${idp}${scope ? ` and (${scope})` : ''}${opts.forUpdate ? ' for update of t' : ''}`,
      params.values,
    );
    const row = res.rows[0];
    if (!row) return undefined;
    await this.attach(user, e, [row], opts.expand ?? [], q, opts.fields, !opts.fields);
    return row;
  }

  async get(user: CurrentUser, e: EntityModel, id: number, q: Queryable = this.db, opts: { expand?: string[]; fields?: string[]; forUpdate?: boolean; action?: string } = {}): Promise<Doc> {
    const row = await this.find(user, e, id, q, opts);
    if (!row) throw Errors.notFound(e.label, id);
    return row;
  }

  // ---------------------------------------------------------------- optimistic concurrency

  /** Refuses a write whose If-Match names another version than the stored one (nothing is written). */
  private async assertVersion(e: EntityModel, id: number, stored: Doc, expected: number[] | undefined): Promise<void> {
    if (!expected || expected.includes(Number(stored.version))) return;
    throw await this.staleError(e, id, Number(stored.version), expected);
  }

  /** 412 saying who changed the record and when (from the audit trail, read outside the failing transaction). */
  private async staleError(e: EntityModel, id: number, current: number, expected: number[]): Promise<TesseraError> {
    let by = '';
    try {
      const last = (await this.db.query(`select username, at from tessera_audit where entity = $1 and record_id = $2 order by id desc limit 1`, [e.key, id])).rows[0];
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

  // ---------------------------------------------------------------- writes

  validate(e: EntityModel, body: unknown, mode: 'create' | 'update'): Doc {
    checkLineCounts(e, body);
    const schema = e.parent ? bodySchema(e, mode, true) : bodySchemaCached(e, mode);
    const fn = compile(schema);
    if (!fn(body)) throw Errors.validation(toProblems(fn.errors, e.label));
    const problems = urlSchemeProblems(e, body as Doc, '');
    for (const c of e.children) ((body as Doc)[c.name] as Doc[] | undefined)?.forEach((l, i) => problems.push(...urlSchemeProblems(c.child!, l, `${c.name}/${i}/`)));
    if (problems.length) throw Errors.validation(problems);
    return body as Doc;
  }

  /** Strips what the client may not set: read-only and system fields, role read-only fields. */
  private writableInput(user: CurrentUser, e: EntityModel, body: Doc, action: 'create' | 'update'): Doc {
    const out: Doc = {};
    const roleReadOnly = this.registry.policy.readOnlyFields(user, e, action);
    const problems: FieldProblem[] = [];
    for (const f of e.fields) {
      if (!(f.name in body) || f.readOnly) continue;
      if (roleReadOnly.has(f.name) || !this.registry.policy.canSeeField(user, e, f.name)) {
        problems.push({ path: f.name, message: 'is read-only for your role' });
        continue;
      }
      out[f.name] = body[f.name];
    }
    if (problems.length) throw new TesseraError('FORBIDDEN_FIELD', 403, problems.map((p) => `${p.path} ${p.message}`).join('; '), problems);
    for (const c of e.children) {
      if (!(c.name in body)) continue;
      out[c.name] = (body[c.name] as Doc[]).map((line) => {
        const l: Doc = {};
        if (line.id !== undefined) l.id = line.id;
        for (const f of c.child!.fields) if (f.name in line && !f.readOnly) l[f.name] = line[f.name];
        return l;
      });
    }
    return out;
  }

  private async runHooks(name: HookName, e: EntityModel, ctx: ServiceContext, doc: Doc, old?: Doc, patch?: Doc, extra: { action?: string; input?: unknown } = {}): Promise<void> {
    const list = this.registry.hooks.get(e.key);
    if (!list) return;
    // Hooks are trusted plugin code: the user's permission was checked where the request entered;
    // their own reads and writes run elevated (and are audited as the user).
    const hctx = this.context(ctx.tx, ctx.user, e.plugin, { elevated: true });
    for (const h of list) {
      const fn = h[name];
      if (!fn) continue;
      try {
        await fn({ ...hctx, model: e, doc, old, patch, ...extra });
      } catch (err) {
        if (err instanceof TesseraError) throw err;
        if ((err as any)?.code && typeof (err as any).code === 'string' && /^[0-9A-Z]{5}$/.test((err as any).code)) throw err; // database error: mapped by the caller
        throw Errors.unprocessable('HOOK_REFUSED', (err as Error)?.message ?? String(err));
      }
    }
  }

  private async insertRow(tx: Tx, table: string, fields: FieldModel[], values: Doc, extra: Doc = {}): Promise<Doc> {
    const params = new Params();
    const cols: string[] = [];
    const vals: string[] = [];
    for (const f of fields) {
      if (!(f.name in values) || values[f.name] === undefined) continue;
      cols.push(ident(f.column));
      vals.push(params.add(toDb(f, values[f.name])));
    }
    for (const [k, v] of Object.entries(extra)) {
      cols.push(ident(k));
      vals.push(params.add(v));
    }
    const sql = cols.length
      ? `insert into ${ident(table)} (${cols.join(', ')}) values (${vals.join(', ')}) returning *`
      : `insert into ${ident(table)} default values returning *`;
    const res = await tx.query(sql, params.values);
    return res.rows[0]!;
  }

  /** Writes line items; returns, per collection, the rows as stored (id, idx and fields) when nothing was replaced. */
  private async writeChildren(tx: Tx, e: EntityModel, parentId: number, doc: Doc, wctx: WriteContext, replace: boolean): Promise<Doc> {
    const stored: Doc = {};
    for (const c of e.children) {
      if (!(c.name in doc)) continue;
      const child = c.child!;
      const lines = doc[c.name] as Doc[];
      wctx.rowsByTable.set(child.table, lines.map((row, i) => ({ path: `${c.name}/${i}`, row })));
      if (replace) {
        const existing = await tx.query(`select id from ${ident(child.table)} where parent_id = $1`, [parentId]);
        const existingIds = new Set(existing.rows.map((r) => r.id));
        const keep = new Set<number>();
        lines.forEach((l, i) => {
          if (l.id === undefined) return;
          if (!existingIds.has(l.id)) throw Errors.validation([{ path: `${c.name}/${i}/id`, message: `line ${l.id} does not belong to this ${e.label}` }]);
          keep.add(l.id);
        });
        const drop = [...existingIds].filter((id) => !keep.has(id));
        if (drop.length) await tx.query(`delete from ${ident(child.table)} where id = any($1)`, [drop]);
      }
      const out: Doc[] = [];
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i]!;
        if (l.id !== undefined && replace) {
          const params = new Params();
          const sets = [`"idx" = ${params.add(i)}`, `"updated_at" = now()`];
          for (const f of child.fields) if (f.name in l) sets.push(`${ident(f.column)} = ${params.add(toDb(f, l[f.name]))}`);
          await tx.query(`update ${ident(child.table)} set ${sets.join(', ')} where id = ${params.add(l.id)}`, params.values);
        } else {
          const row = await this.insertRow(tx, child.table, child.fields, l, { parent_id: parentId, idx: i });
          const line: Doc = { id: row.id, idx: row.idx };
          for (const f of child.fields) line[f.name] = row[f.column];
          out.push(line);
        }
      }
      stored[c.name] = out;
    }
    return stored;
  }

  /** Whether the user sees every field of the entity (then the system view can be returned as is). */
  private seesAll(user: CurrentUser, e: EntityModel): boolean {
    if (!trustedCode(user) && (e.fields.some((f) => f.secret) || e.children.some((c) => c.child!.fields.some((f) => f.secret)))) return false;
    if (user.isAdmin) return true;
    return [...e.fields, ...e.children].every((f) => this.registry.policy.canSeeField(user, e, f.name)) &&
      e.children.every((c) => c.child!.fields.every((f) => this.registry.policy.canSeeField(user, c.child!, f.name)));
  }

  private hasHook(e: EntityModel, name: HookName): boolean {
    return !!this.registry.hooks.get(e.key)?.some((h) => h[name]);
  }

  /** Inserts a document with its line items; the caller owns the transaction. */
  private refuseReadOnly(e: EntityModel): void {
    if (e.readOnly) throw new TesseraError('READ_ONLY_ENTITY', 403, `${e.plural} are written only by the system (${e.key} is read-only)`);
  }

  async create(ctx: ServiceContext, e: EntityModel, body: unknown): Promise<Doc> {
    this.refuseReadOnly(e);
    const { tx, user } = ctx;
    this.registry.policy.assert(user, e, 'create');
    await resolveBodyReferences(tx, this.registry, user, e, body);
    const input = this.validate(e, body, 'create');
    const doc = this.writableInput(user, e, input, 'create');
    for (const f of e.fields) if (doc[f.name] === undefined && f.default !== undefined) doc[f.name] = structuredClone(f.default);
    for (const c of e.children) {
      doc[c.name] ??= [];
      for (const l of doc[c.name]) for (const f of c.child!.fields) if (l[f.name] === undefined && f.default !== undefined) l[f.name] = structuredClone(f.default);
    }
    if (this.simpleWrite(user, e, 'create')) return this.simpleCreate(ctx, e, doc);
    const wctx = this.writeContext(e);
    wctx.rowsByTable.set(e.table, [{ path: '', row: doc }]);
    try {
      computeDocument(e, doc);
      await this.runHooks('beforeCreate', e, ctx, doc);
      computeDocument(e, doc);
      if (e.naming && !doc[e.naming.field]) doc[e.naming.field] = await nextNumber(tx, this.registry.config, e, doc);
      const row = await this.insertRow(tx, e.table, e.fields, doc, { created_by: user.id || null });
      await this.assertInScope(tx, user, e, row.id, 'create');
      // The stored document, from what the inserts returned (no re-read).
      const created: Doc = { ...row, ...(await this.writeChildren(tx, e, row.id, doc, wctx, false)) };
      await this.runHooks('afterCreate', e, ctx, created);
      await this.registry.policy.audit(tx, user, e, 'create', row.id, undefined, created);
      await this.registry.emit(tx, `${e.key}.created`, { id: row.id });
      return this.hasHook(e, 'afterCreate') || !this.seesAll(user, e) ? this.get(user, e, row.id, tx) : created;
    } catch (err) {
      throw mapPgError(err, wctx);
    }
  }

  /**
   * The simple case of an update (no line items, computed fields, lifecycle, update hooks or row
   * rule for this user) needs no separate read: one statement locks the row, writes the patch
   * and returns the row before and after (for the audit diff and the response).
   */
  /**
   * Simple writes (no line items, computed fields, numbering, lifecycle, hooks, event
   * subscribers or row rule for this user) are one statement: a CTE writes the row and its
   * audit record together (atomic on its own, so no BEGIN/COMMIT round trips) and returns what
   * the response and the audit need.
   */
  private simpleWrite(user: CurrentUser, e: EntityModel, action: 'create' | 'update'): boolean {
    if (e.children.length || e.submittable || e.naming || e.fields.some((f) => f.compute)) return false;
    if (action === 'create' && (this.hasHook(e, 'beforeCreate') || this.hasHook(e, 'afterCreate'))) return false;
    if (action === 'update' && (this.hasHook(e, 'beforeUpdate') || this.hasHook(e, 'afterUpdate'))) return false;
    if (this.registry.listens?.(`${e.key}.${action === 'create' ? 'created' : 'updated'}`)) return false;
    if (this.registry.policy.audit !== openPolicy.audit && !this.registry.policy.auditsInline) return false;
    return this.registry.policy.rowScope(user, e, action, new Params(), 't') === undefined;
  }

  /** SQL that builds the audit change set {field: {old, new}} of the changed fields, like diffDocs. */
  private auditChangesSql(e: EntityModel, oldAlias: string | null, newAlias: string): string {
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

  private auditCte(ctx: ServiceContext, e: EntityModel, params: Params, action: string, sourceFrom: string, idExpr: string, changes: string): string {
    if (!this.registry.policy.auditsInline) return '';
    return `, tessera_audit_row as (insert into tessera_audit (user_id, username, entity, record_id, action, changes)
      select ${params.add(ctx.user.id || null)}::bigint, ${params.add(ctx.user.username)}, ${params.add(e.key)}, ${idExpr}, ${params.add(action)}, ${changes} from ${sourceFrom})`;
  }

  private async simpleCreate(ctx: ServiceContext, e: EntityModel, doc: Doc): Promise<Doc> {
    const { tx, user } = ctx;
    const params = new Params();
    const cols: string[] = ['"created_by"'];
    const vals: string[] = [params.add(user.id || null)];
    for (const f of e.fields) {
      if (!(f.name in doc) || doc[f.name] === undefined) continue;
      cols.push(ident(f.column));
      vals.push(params.add(toDb(f, doc[f.name])));
    }
    const wctx = this.writeContext(e);
    wctx.rowsByTable.set(e.table, [{ path: '', row: doc }]);
    try {
      const sql = `with tessera_new as (insert into ${ident(e.table)} (${cols.join(', ')}) values (${vals.join(', ')}) returning *)
        ${this.auditCte(ctx, e, params, 'create', 'tessera_new', 'tessera_new.id', this.auditChangesSql(e, null, 'tessera_new'))}
        select * from tessera_new`;
      const row = (await tx.queryAtomic(sql, params.values)).rows[0]!;
      return this.seesAll(user, e) ? row : this.get(user, e, row.id, tx);
    } catch (err) {
      throw mapPgError(err, wctx);
    }
  }

  private async simpleUpdate(ctx: ServiceContext, e: EntityModel, id: number, patch: Doc, ifVersion?: number[]): Promise<Doc> {
    const { tx, user } = ctx;
    const params = new Params();
    const idp = params.add(id);
    const sets = ['"updated_at" = now()', '"version" = t."version" + 1'];
    for (const f of e.fields) if (f.name in patch) sets.push(`${ident(f.column)} = ${params.add(toDb(f, patch[f.name]))}`);
    const wctx = this.writeContext(e);
    wctx.rowsByTable.set(e.table, [{ path: '', row: patch }]);
    try {
      // With If-Match the version check is part of the same statement: a stale copy updates nothing
      // (and audits nothing), and the row still tells the stored version for the 412.
      const check = ifVersion ? ` and tessera_old."version" = any(${params.add(ifVersion)}::int[])` : '';
      const sql = `with tessera_old as (select * from ${ident(e.table)} where id = ${idp} for update),
        tessera_new as (update ${ident(e.table)} t set ${sets.join(', ')} from tessera_old where t.id = tessera_old.id${check} returning t.*)
        ${this.auditCte(ctx, e, params, 'update', 'tessera_old, tessera_new', 'tessera_new.id', this.auditChangesSql(e, 'tessera_old', 'tessera_new'))}
        ${ifVersion ? 'select tessera_new.*, tessera_old."version" as tessera_stored_version from tessera_old left join tessera_new on true' : 'select * from tessera_new'}`;
      const row = (await tx.queryAtomic(sql, params.values)).rows[0];
      if (!row) throw Errors.notFound(e.label, id);
      if (ifVersion) {
        if (row.id == null) throw await this.staleError(e, id, Number(row.tessera_stored_version), ifVersion);
        delete row.tessera_stored_version;
      }
      return this.seesAll(user, e) ? row : this.get(user, e, id, tx);
    } catch (err) {
      throw mapPgError(err, wctx);
    }
  }

  /** Whether a row is inside the user's row rule for an action (true when the role has no rule). */
  private async inScope(tx: Tx, user: CurrentUser, e: EntityModel, id: number, action: string): Promise<boolean> {
    const params = new Params();
    const idp = params.add(id);
    const scope = this.registry.policy.rowScope(user, e, action, params, 't');
    if (!scope) return true;
    return ((await tx.query(`select 1 from ${ident(e.table)} t where t.id = ${idp} and (${scope})`, params.values)).rowCount ?? 0) > 0;
  }

  /** A row a user writes must stay inside the user's row rule for that action (no creating rows for others). */
  private async assertInScope(tx: Tx, user: CurrentUser, e: EntityModel, id: number, action: string): Promise<void> {
    const params = new Params();
    const idp = params.add(id);
    const scope = this.registry.policy.rowScope(user, e, action, params, 't');
    if (!scope) return;
    const r = await tx.query(`select 1 from ${ident(e.table)} t where t.id = ${idp} and (${scope})`, params.values);
    if (!r.rowCount) throw Errors.forbidden(`this ${e.label.toLowerCase()} would be outside the records your role lets you ${action === 'create' ? 'create' : 'change'}`);
  }

  async update(ctx: ServiceContext, e: EntityModel, id: number, body: unknown, opts: { allowSubmitted?: boolean; ifVersion?: number[] } = {}): Promise<Doc> {
    this.refuseReadOnly(e);
    const { tx, user } = ctx;
    this.registry.policy.assert(user, e, 'update');
    await resolveBodyReferences(tx, this.registry, user, e, body);
    const input = this.validate(e, body, 'update');
    const patch = this.writableInput(user, e, input, 'update');
    if (Object.keys(patch).length && this.simpleWrite(user, e, 'update')) return this.simpleUpdate(ctx, e, id, patch, opts.ifVersion);
    const fullOld = await this.find(SYSTEM_USER, e, id, tx, { forUpdate: true });
    if (!fullOld || !(await this.inScope(tx, user, e, id, 'update'))) throw Errors.notFound(e.label, id);
    await this.assertVersion(e, id, fullOld, opts.ifVersion);
    if (e.submittable && fullOld.docstatus !== 'draft' && !opts.allowSubmitted) {
      const allowed = new Set(fullOld.docstatus === 'submitted' ? e.submittable.editableAfterSubmit : []);
      const changed = Object.keys(patch).filter((k) => !sameFieldValue(e, k, fullOld[k], patch[k]));
      const refused = changed.filter((k) => !allowed.has(k));
      if (refused.length)
        throw Errors.conflict('DOCUMENT_NOT_EDITABLE', `${e.label} ${fullOld[e.titleField] ?? id} is ${fullOld.docstatus}: ${refused.join(', ')} cannot be changed${allowed.size ? ` (only ${[...allowed].join(', ')})` : ''}; cancel and amend it instead`);
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
    const wctx = this.writeContext(e);
    wctx.rowsByTable.set(e.table, [{ path: '', row: doc }]);
    try {
      computeDocument(e, doc);
      await this.runHooks('beforeUpdate', e, ctx, doc, fullOld, patch);
      computeDocument(e, doc);
      const params = new Params();
      const sets = ['"updated_at" = now()', '"version" = "version" + 1'];
      for (const f of e.fields) {
        if (f.name === 'id') continue;
        if (!(f.name in patch) && !f.compute && !(f.name in doc && doc[f.name] !== fullOld[f.name])) continue;
        sets.push(`${ident(f.column)} = ${params.add(toDb(f, doc[f.name]))}`);
      }
      const res = await tx.query(`update ${ident(e.table)} set ${sets.join(', ')} where id = ${params.add(id)} returning *`, params.values);
      await this.assertInScope(tx, user, e, id, 'update');
      const childDoc: Doc = {};
      for (const c of e.children) if (c.name in patch || c.child!.fields.some((f) => f.compute)) childDoc[c.name] = doc[c.name];
      await this.writeChildren(tx, e, id, childDoc, wctx, true);
      // The stored document: the header as the update returned it; lines re-read only if written.
      const updated: Doc = { ...res.rows[0]! };
      for (const c of e.children) updated[c.name] = fullOld[c.name];
      if (Object.keys(childDoc).length) await this.attach(SYSTEM_USER, e, [updated], Object.keys(childDoc), tx);
      await this.runHooks('afterUpdate', e, ctx, updated, fullOld, patch);
      await this.registry.policy.audit(tx, user, e, 'update', id, fullOld, updated);
      await this.registry.emit(tx, `${e.key}.updated`, { id });
      return this.hasHook(e, 'afterUpdate') || !this.seesAll(user, e) ? this.get(user, e, id, tx) : updated;
    } catch (err) {
      throw mapPgError(err, wctx);
    }
  }

  /**
   * Sets server-maintained fields (counters such as received_qty, derived status, totals) on
   * any document state, header or lines, with type checks and an audit entry. Only for
   * trusted plugin code (elevated contexts); clients can never reach it.
   */
  async setServerFields(ctx: ServiceContext, e: EntityModel, id: number, values: Doc, lines?: { collection: string; id: number; values: Doc }[]): Promise<Doc> {
    if (!ctx.user.isAdmin) throw Errors.forbidden('server fields can only be set by plugin code');
    const before = await this.get(SYSTEM_USER, e, id, ctx.tx, { forUpdate: true });
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
      lineUpdates.push({ table: coll.child!.table, sql: `update ${ident(coll.child!.table)} set ${ls.join(', ')} where id = ${lp.add(l.id)} and parent_id = ${lp.add(id)}`, params: lp.values });
    }
    if (problems.length) throw Errors.validation(problems);
    // Any server-side change (header or lines) is a new version of the document.
    if (sets.length > 2 || lineUpdates.length) await ctx.tx.query(`update ${ident(e.table)} set ${sets.join(', ')} where id = ${params.add(id)}`, params.values);
    for (const u of lineUpdates) {
      const r = await ctx.tx.query(u.sql, u.params);
      if (!r.rowCount) throw Errors.notFound(`line of ${e.label} ${id}`, u.params[u.params.length - 2]);
    }
    const after = await this.get(SYSTEM_USER, e, id, ctx.tx);
    await this.registry.policy.audit(ctx.tx, ctx.user, e, 'update', id, before, after);
    return after;
  }

  async delete(ctx: ServiceContext, e: EntityModel, id: number, opts: { ifVersion?: number[] } = {}): Promise<void> {
    this.refuseReadOnly(e);
    const { tx, user } = ctx;
    this.registry.policy.assert(user, e, 'delete');
    const old = await this.find(user, e, id, tx, { forUpdate: true, action: 'delete' });
    if (!old) throw Errors.notFound(e.label, id);
    const full = await this.get(SYSTEM_USER, e, id, tx);
    await this.assertVersion(e, id, full, opts.ifVersion);
    if (e.submittable && full.docstatus === 'submitted')
      throw Errors.conflict('DOCUMENT_NOT_DELETABLE', `${e.label} ${full[e.titleField] ?? id} is submitted and cannot be deleted; cancel it first`);
    const wctx = this.writeContext(e);
    try {
      await this.runHooks('beforeDelete', e, ctx, full, full);
      await tx.query('savepoint tessera_delete');
      try {
        await tx.query(`delete from ${ident(e.table)} where id = $1`, [id]);
      } catch (err: any) {
        await tx.query('rollback to savepoint tessera_delete');
        if (err?.code === '23503' || err?.code === '23001') throw await this.stillReferenced(tx, e, id, full, err);
        throw err;
      }
      await this.runHooks('afterDelete', e, ctx, full, full);
      await this.registry.policy.audit(tx, user, e, 'delete', id, full, undefined);
      await this.registry.emit(tx, `${e.key}.deleted`, { id });
    } catch (err) {
      throw mapPgError(err, wctx);
    }
  }

  /** A clear error naming who still refers to the row, with a count. */
  private async stillReferenced(tx: Tx, e: EntityModel, id: number, doc: Doc, err: any): Promise<TesseraError> {
    const m = /is (?:still )?referenced from table "(.+?)"/.exec(err.detail ?? '');
    const by = m ? this.registry.tables.get(m[1]!) : undefined;
    const title = doc[e.titleField] ?? id;
    if (!by) return Errors.stillReferenced(e.label, title, m?.[1] ?? 'other');
    const cols = by.fields.filter((f) => f.ref?.entity === e.key).map((f) => ident(f.column));
    const cnt = cols.length ? (await tx.query(`select count(*)::int as n from ${ident(by.table)} where ${cols.map((c) => `${c} = $1`).join(' or ')}`, [id])).rows[0]!.n : undefined;
    const owner = by.parent ? `${by.parent.label} line` : by.label;
    return Errors.stillReferenced(e.label, title, owner, cnt);
  }

  // ---------------------------------------------------------------- document lifecycle

  async submit(ctx: ServiceContext, e: EntityModel, id: number, opts: { ifVersion?: number[] } = {}): Promise<Doc> {
    return this.transition(ctx, e, id, 'submit', 'draft', 'submitted', opts.ifVersion);
  }

  async cancel(ctx: ServiceContext, e: EntityModel, id: number, opts: { ifVersion?: number[] } = {}): Promise<Doc> {
    return this.transition(ctx, e, id, 'cancel', 'submitted', 'cancelled', opts.ifVersion);
  }

  private async transition(ctx: ServiceContext, e: EntityModel, id: number, action: 'submit' | 'cancel', from: string, to: string, ifVersion?: number[]): Promise<Doc> {
    const { tx, user } = ctx;
    if (!e.submittable) throw Errors.unprocessable('NOT_SUBMITTABLE', `${e.label} is not a document that can be submitted or cancelled`);
    this.registry.policy.assert(user, e, action);
    const old = await this.find(user, e, id, tx, { forUpdate: true, action });
    if (!old) throw Errors.notFound(e.label, id);
    const full = await this.get(SYSTEM_USER, e, id, tx);
    await this.assertVersion(e, id, full, ifVersion);
    const title = full[e.titleField] ?? id;
    if (full.docstatus !== from)
      throw Errors.conflict('INVALID_TRANSITION', `${e.label} ${title} is ${full.docstatus}; only a ${from} document can be ${action === 'submit' ? 'submitted' : 'cancelled'}`);
    const wctx = this.writeContext(e);
    try {
      if (action === 'submit') {
        const wf = e.submittable.workflow;
        if (wf && full[wf.field] != null && new Decimal(full[wf.field]).gt(wf.approvalAbove) && !user.isAdmin && !user.roles.includes(wf.role))
          throw Errors.forbidden(`${e.label} ${title} is above ${wf.approvalAbove} and needs approval: only the role ${wf.role} can submit it`);
      }
      if (action === 'submit') {
        // Required line items are re-checked: a draft may predate the rule, or plugin code may have removed lines.
        const empty = e.children.filter((c) => (c.required || (c.minItems ?? 0) > 0) && ((full[c.name] as Doc[] | undefined)?.length ?? 0) < Math.max(c.minItems ?? 0, 1));
        if (empty.length) throw Errors.validation(empty.map((c) => ({ path: c.name, message: `needs at least ${Math.max(c.minItems ?? 0, 1)} line before ${e.label} ${String(title)} can be submitted` })));
      }
      if (action === 'cancel') await this.assertNoDependents(tx, e, id, title);
      const working = structuredClone(full);
      await this.runHooks(action === 'submit' ? 'beforeSubmit' : 'beforeCancel', e, ctx, working, full);
      // Fields a before-hook set on the document are written with the state change.
      const params = new Params();
      const sets = [`docstatus = ${params.add(to)}`, 'updated_at = now()', '"version" = "version" + 1'];
      for (const f of e.fields) if (!sameFieldValue(e, f.name, full[f.name], working[f.name])) sets.push(`${ident(f.column)} = ${params.add(toDb(f, working[f.name]))}`);
      await tx.query(`update ${ident(e.table)} set ${sets.join(', ')} where id = ${params.add(id)}`, params.values);
      const after = await this.get(SYSTEM_USER, e, id, tx);
      await this.runHooks(action === 'submit' ? 'afterSubmit' : 'afterCancel', e, ctx, after, full);
      await this.registry.policy.audit(tx, user, e, action, id, full, after);
      await this.registry.emit(tx, `${e.key}.${action === 'submit' ? 'submitted' : 'cancelled'}`, { id });
      return this.get(user, e, id, tx);
    } catch (err) {
      throw mapPgError(err, wctx);
    }
  }

  /** Cancel is refused while a submitted document refers to this one (declared dependents, or any submittable reference). */
  private async assertNoDependents(tx: Tx, e: EntityModel, id: number, title: unknown): Promise<void> {
    for (const other of this.registry.entities.values()) {
      const owners: [EntityModel, EntityModel][] = [[other, other], ...other.children.map((c) => [c.child!, other] as [EntityModel, EntityModel])];
      for (const [table, doc] of owners) {
        if (!doc.submittable) continue;
        const refs = table.fields.filter((f) => f.ref && (f.ref.entity === e.key || (e.children.some((c) => c.child!.key === f.ref!.entity))));
        for (const f of refs) {
          let sql: string;
          if (f.ref!.entity === e.key) {
            sql = table === doc
              ? `select d.id, d.${ident(doc.titleField)} as title from ${ident(doc.table)} d where d.docstatus = 'submitted' and d.${ident(f.column)} = $1 limit 1`
              : `select d.id, d.${ident(doc.titleField)} as title from ${ident(table.table)} l join ${ident(doc.table)} d on d.id = l.parent_id where d.docstatus = 'submitted' and l.${ident(f.column)} = $1 limit 1`;
          } else {
            const childModel = e.children.find((c) => c.child!.key === f.ref!.entity)!.child!;
            sql = table === doc
              ? `select d.id, d.${ident(doc.titleField)} as title from ${ident(doc.table)} d join ${ident(childModel.table)} x on x.id = d.${ident(f.column)} where d.docstatus = 'submitted' and x.parent_id = $1 limit 1`
              : `select d.id, d.${ident(doc.titleField)} as title from ${ident(table.table)} l join ${ident(doc.table)} d on d.id = l.parent_id join ${ident(childModel.table)} x on x.id = l.${ident(f.column)} where d.docstatus = 'submitted' and x.parent_id = $1 limit 1`;
          }
          if (doc === e) continue;
          const res = await tx.query(sql, [id]);
          if (res.rows[0])
            throw Errors.conflict('HAS_SUBMITTED_DEPENDENTS', `${e.label} ${String(title)} cannot be cancelled: submitted ${doc.label} ${res.rows[0].title ?? res.rows[0].id} depends on it; cancel that first`);
        }
      }
    }
  }

  /** A new draft copied from a cancelled document, numbered X-1 (X-2 for the next amendment) and linked to it. */
  async amend(ctx: ServiceContext, e: EntityModel, id: number): Promise<Doc> {
    const { tx, user } = ctx;
    if (!e.submittable) throw Errors.unprocessable('NOT_SUBMITTABLE', `${e.label} is not a document that can be amended`);
    this.registry.policy.assert(user, e, 'create');
    const src = await this.find(user, e, id, tx, { forUpdate: true });
    if (!src) throw Errors.notFound(e.label, id);
    const full = await this.get(SYSTEM_USER, e, id, tx);
    if (full.docstatus !== 'cancelled') throw Errors.conflict('INVALID_TRANSITION', `${e.label} ${full[e.titleField] ?? id} is ${full.docstatus}; only a cancelled document can be amended`);
    const existing = await tx.query(`select id from ${ident(e.table)} where amended_from = $1 limit 1`, [id]);
    if (existing.rows[0]) throw Errors.conflict('ALREADY_AMENDED', `${e.label} ${full[e.titleField] ?? id} was already amended (by record ${existing.rows[0].id})`);
    const doc: Doc = {};
    for (const f of e.fields) if (!f.readOnly && full[f.name] !== undefined) doc[f.name] = full[f.name];
    for (const c of e.children)
      doc[c.name] = (full[c.name] as Doc[]).map((l) => {
        const o: Doc = {};
        for (const f of c.child!.fields) if (!f.readOnly && l[f.name] !== undefined) o[f.name] = l[f.name];
        return o;
      });
    const wctx = this.writeContext(e);
    wctx.rowsByTable.set(e.table, [{ path: '', row: doc }]);
    try {
      computeDocument(e, doc);
      await this.runHooks('beforeCreate', e, ctx, doc);
      computeDocument(e, doc);
      if (e.naming) doc[e.naming.field] = await amendedNumber(tx, e, id);
      const row = await this.insertRow(tx, e.table, e.fields, doc, { amended_from: id, created_by: user.id || null });
      await this.writeChildren(tx, e, row.id, doc, wctx, false);
      const created = await this.get(SYSTEM_USER, e, row.id, tx);
      await this.runHooks('afterCreate', e, ctx, created);
      await this.registry.policy.audit(tx, user, e, 'amend', row.id, undefined, created);
      return this.get(user, e, row.id, tx);
    } catch (err) {
      throw mapPgError(err, wctx);
    }
  }

  // ---------------------------------------------------------------- actions

  async action(ctx: ServiceContext, e: EntityModel, id: number, name: string, input: unknown, opts: { ifVersion?: number[] } = {}): Promise<unknown> {
    const def = this.registry.actions.get(e.key)?.get(name);
    if (!def) throw Errors.notFound(`action of ${e.label}`, name);
    this.registry.policy.assert(ctx.user, e, name);
    if (def.input) {
      await resolveInputReferences(ctx.tx, this.registry, ctx.user, def.input, input);
      const fn = compile(def.input);
      if (!fn(input ?? {})) throw Errors.validation(toProblems(fn.errors));
    }
    await this.get(ctx.user, e, id, ctx.tx, { forUpdate: true, fields: ['id'] }); // read permission and row rule
    // The handler and the `when` conditions see the whole document (hidden fields included).
    const doc = await this.get(SYSTEM_USER, e, id, ctx.tx);
    await this.assertVersion(e, id, doc, opts.ifVersion);
    for (const [field, allowed] of Object.entries(def.when ?? {})) {
      if (!allowed || (field === 'docstatus' && !e.submittable)) continue;
      if (!allowed.includes(doc[field])) {
        // The document was read unrestricted: name no value the caller may not see.
        const visible = field === 'docstatus' || this.registry.policy.canSeeField(ctx.user, e, field);
        const title = this.registry.policy.canSeeField(ctx.user, e, e.titleField) ? doc[e.titleField] ?? id : id;
        throw Errors.conflict('ACTION_NOT_ALLOWED', `${def.label} is not possible on ${e.label} ${title}: ${visible ? `its ${field === 'docstatus' ? 'state' : field} is ${String(doc[field])} (needs ${allowed.join(' or ')})` : 'its current state does not allow it'}`);
      }
    }
    const wctx = this.writeContext(e);
    try {
      const actx = this.context(ctx.tx, ctx.user, e.plugin, { elevated: true });
      const result = await def.handler({ ...actx, model: e, doc, input: input ?? {} });
      if (this.hasHook(e, 'afterAction')) await this.runHooks('afterAction', e, ctx, await this.get(SYSTEM_USER, e, id, ctx.tx), doc, undefined, { action: name, input: input ?? {} });
      // The input is audited as declared (no undeclared keys) and with its secrets redacted.
      await this.registry.policy.audit(ctx.tx, ctx.user, e, name, id, undefined, { action: name, input: auditableInput(def.input, input ?? {}) });
      await this.registry.emit(ctx.tx, `${e.key}.action`, { id, action: name });
      // The handler worked with elevated rights: records it returns are cut to what the caller may see.
      return this.visibleResult(ctx.user, result);
    } catch (err) {
      if (err instanceof TesseraError) throw err;
      const mapped = mapPgError(err, wctx);
      if (mapped !== err) throw mapped;
      if ((err as any)?.code && /^[0-9A-Z]{5}$/.test((err as any).code)) throw err;
      throw Errors.unprocessable('ACTION_FAILED', (err as Error)?.message ?? String(err));
    }
  }

  // ---------------------------------------------------------------- service API for plugins

  /**
   * A value returned to a caller with the fields hidden from them removed from every record in
   * it that the service API produced (records are tagged with their entity when read or written
   * through ctx.entity(...)), line items included. Untagged values pass unchanged.
   */
  visibleResult(user: CurrentUser, value: unknown, depth = 0): unknown {
    if (user.isAdmin || value === null || typeof value !== 'object' || depth > 6) return value;
    if (Array.isArray(value)) return value.map((v) => this.visibleResult(user, v, depth + 1));
    const e = (value as Record<symbol, EntityModel | undefined>)[RECORD_OF];
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) {
      if (e) {
        const f = e.fieldMap.get(k);
        if (f && !this.registry.policy.canSeeField(user, e, k)) continue;
        if (f?.kind === 'children' && Array.isArray(v)) {
          const child = f.child!;
          out[k] = v.map((line: Doc) => Object.fromEntries(Object.entries(line).filter(([n]) => !child.fieldMap.has(n) || this.registry.policy.canSeeField(user, child, n))));
          continue;
        }
      }
      out[k] = this.visibleResult(user, v, depth + 1);
    }
    return out;
  }

  /**
   * Whether the user may see a field of the entity: "amount", a line-item field "items.amount",
   * or a system column (always visible). A name the entity does not declare is a programming
   * error (it throws), so a report cannot check a misspelt field and believe it visible.
   */
  fieldVisible(user: CurrentUser, e: EntityModel, path: string): boolean {
    const [head, sub] = path.split('.', 2) as [string, string | undefined];
    const system = (m: EntityModel, n: string) => ['id', 'created_at', 'updated_at', 'created_by', 'docstatus', 'amended_from', 'parent_id', 'idx'].includes(n) && (n !== 'parent_id' && n !== 'idx' ? true : !!m.parent);
    if (!sub && system(e, head)) return true;
    const f = e.fieldMap.get(head);
    if (!f || (sub !== undefined) !== (f.kind === 'children')) throw new Error(`${e.key} has no field "${path}" (checked by a report or widget)`);
    if (!this.registry.policy.canSeeField(user, e, head)) return false;
    if (sub === undefined) return true;
    const child = f.child!;
    if (system(child, sub)) return true;
    if (!child.fieldMap.has(sub)) throw new Error(`${e.key} has no field "${path}" (checked by a report or widget)`);
    return this.registry.policy.canSeeField(user, child, sub);
  }

  /** 403 unless the user may read the entity and see every listed field (what a report or widget reads). */
  assertReadable(user: CurrentUser, e: EntityModel, fields: readonly string[] = []): void {
    this.registry.policy.assert(user, e, 'read');
    const hidden = fields.filter((f) => !this.fieldVisible(user, e, f));
    if (hidden.length) throw Errors.fieldHidden(e.key, hidden);
  }

  /** A user's row rule as SQL over alias, with values added through param ("false" without permission). */
  rowFilter(user: CurrentUser, e: EntityModel, alias: string, param: (v: unknown) => string, action = 'read'): string {
    try {
      this.registry.policy.assert(user, e, action);
    } catch {
      return 'false';
    }
    const p = new Params();
    const sql = this.registry.policy.rowScope(user, e, action, p, alias);
    if (!sql) return 'true';
    // Renumber the policy's own $n placeholders through the caller's param function.
    return sql.replace(/\$(\d+)/g, (_m, n) => param(p.values[Number(n) - 1]));
  }

  /** The service context for one transaction and user: what hooks, actions and plugin code receive. */
  context(tx: Tx, realUser: CurrentUser, plugin?: string, opts: { elevated?: boolean } = {}): ServiceContext {
    const self = this;
    // Elevated contexts (hooks, actions, jobs) skip permission checks but keep the user's name for the audit.
    const user: CurrentUser = opts.elevated ? { ...realUser, isAdmin: true, [ELEVATED]: true } : realUser;
    const ctx: ServiceContext = {
      tx,
      user: realUser,
      config: this.registry.config,
      platform: this.registry.platform,
      entity<T extends Doc = Doc>(key: string): EntityService<T> {
        const e = self.entity(key, plugin);
        return {
          model: e,
          get: async (id, o) => tagRecord(e, await self.get(user, e, id, tx, { forUpdate: o?.forUpdate })) as T,
          find: async (id) => tagRecord(e, await self.find(user, e, id, tx)) as T | undefined,
          list: async (q = {}) => {
            const r = await self.list(user, e, q, tx);
            r.data.forEach((row) => tagRecord(e, row));
            return r as ListResult<T>;
          },
          create: async (data) => tagRecord(e, await self.create(opCtx, e, data)) as T,
          update: async (id, patch) => tagRecord(e, await self.update(opCtx, e, id, patch)) as T,
          delete: (id) => self.delete(opCtx, e, id),
          submit: async (id) => tagRecord(e, await self.submit(opCtx, e, id)) as T,
          cancel: async (id) => tagRecord(e, await self.cancel(opCtx, e, id)) as T,
          action: (id, name, input) => self.action(opCtx, e, id, name, input),
          setServerFields: async (id, values, lines) => tagRecord(e, await self.setServerFields(opCtx, e, id, values, lines)) as T,
        };
      },
      sql: async <R extends Doc = Doc>(text: string, params: unknown[] = []) => (await tx.query(text, params)).rows as R[],
      assert: (key, action) => self.registry.policy.assert(realUser, self.entity(key, plugin), action),
      rowFilter: (key, alias, param, action = 'read') => self.rowFilter(realUser, self.entity(key, plugin), alias, param, action),
      canSeeField: (key, field) => self.fieldVisible(realUser, self.entity(key, plugin), field),
      assertReadable: (key, fields) => self.assertReadable(realUser, self.entity(key, plugin), fields),
      can: (key, action) => {
        try {
          self.registry.policy.assert(realUser, self.entity(key, plugin), action);
          return true;
        } catch {
          return false;
        }
      },
      settings: <S,>(p: string) => (self.registry.settings.get(p) ?? {}) as S,
      emit: (event, payload) => self.registry.emit(tx, event, payload),
    };
    const opCtx: ServiceContext = user === realUser ? ctx : { ...ctx, user };
    return ctx;
  }

  /** Runs fn in a transaction with the service API. */
  withServices<T>(user: CurrentUser, fn: (ctx: ServiceContext) => Promise<T>, plugin?: string): Promise<T> {
    return this.db.transaction((tx) => fn(this.context(tx, user, plugin)));
  }
}

/**
 * URL fields accept http and https only unless the declaration lists other schemes
 * (x-url-schemes, e.g. mailto): "javascript:" or "data:" in a link would run in the browser
 * of whoever clicks it. ajv's "uri" format accepts any scheme, so the check is here.
 */
function urlSchemeProblems(e: EntityModel, doc: Doc, prefix: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const f of e.fields) {
    if (f.kind !== 'url' || typeof doc[f.name] !== 'string') continue;
    const allowed = f.urlSchemes ?? ['http', 'https'];
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(doc[f.name])?.[1]?.toLowerCase();
    if (!scheme || !allowed.includes(scheme))
      out.push({ path: `${prefix}${f.name}`, message: `must be a URL starting with ${allowed.map((s) => (s === 'http' || s === 'https' ? `${s}://` : `${s}:`)).join(' or ')}${scheme ? ` (the scheme "${scheme}:" is not allowed)` : ''}`, code: 'url-scheme' });
  }
  return out;
}

/** Marks a record with the entity it belongs to (not enumerable: it never reaches JSON). */
const RECORD_OF = Symbol('tessera.recordOf');
function tagRecord<R>(e: EntityModel, record: R): R {
  if (record && typeof record === 'object') Object.defineProperty(record, RECORD_OF, { value: e, enumerable: false, configurable: true });
  return record;
}

const pgLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A column's value as the JSON the audit trail stores (exact decimals and dates as text, times in UTC ISO). */
function auditJsonSql(f: FieldModel, alias: string): string {
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

/** Whether an incoming value equals the stored one (decimals by value, line items line by line). */
function sameFieldValue(e: EntityModel, key: string, stored: unknown, incoming: unknown): boolean {
  const f = e.fieldMap.get(key);
  if (!f) return false;
  if (f.kind === 'children') {
    const a = (stored as Doc[]) ?? [];
    const b = (incoming as Doc[]) ?? [];
    if (a.length !== b.length) return false;
    return b.every((line, i) => line.id === a[i]!.id && Object.keys(line).every((k) => k === 'id' || sameFieldValue(f.child!, k, a[i]![k], line[k])));
  }
  if (stored == null || incoming == null) return stored == incoming;
  if (f.kind === 'decimal') {
    const x = decimalText(stored);
    const y = decimalText(incoming);
    return x !== undefined && y !== undefined && new Decimal(x).eq(y);
  }
  if (f.kind === 'datetime') return new Date(String(stored)).getTime() === new Date(String(incoming)).getTime();
  return JSON.stringify(stored) === JSON.stringify(incoming);
}

const serverSchemas = new WeakMap<FieldModel, object>();
function serverFieldSchema(f: FieldModel): object {
  let s = serverSchemas.get(f);
  if (!s) serverSchemas.set(f, (s = { type: 'object', properties: { v: f.required ? valueSchema(f) : nullable(valueSchema(f)) } }));
  return s;
}

const bodyCache = new WeakMap<EntityModel, { create?: object; update?: object }>();
function bodySchemaCached(e: EntityModel, mode: 'create' | 'update'): object {
  let entry = bodyCache.get(e);
  if (!entry) bodyCache.set(e, (entry = {}));
  return (entry[mode] ??= bodySchema(e, mode));
}
