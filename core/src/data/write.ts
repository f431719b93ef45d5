/** The write plumbing every pipeline shares: body validation, what the client may set, row and line inserts, the row-scope checks. */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { ident, Params, type Tx } from '../db/database.js';
import { Errors, TesseraError, type FieldProblem } from '../errors.js';
import { bodySchema, bodySchemaCached } from '../schema/schemas.js';
import { checkLineCounts, compile, toProblems } from '../schema/validation.js';
import type { WriteContext } from './pg-errors.js';
import type { CurrentUser, Doc } from '../plugin-api/index.js';
import { trustedCode } from './registry.js';
import { toDb } from './values.js';
import { seriesSql, type SeriesNumber } from './naming.js';
import type { DataCore } from './core.js';

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
      out.push({
        path: `${prefix}${f.name}`,
        message: `must be a URL starting with ${allowed.map((s) => (s === 'http' || s === 'https' ? `${s}://` : `${s}:`)).join(' or ')}${scheme ? ` (the scheme "${scheme}:" is not allowed)` : ''}`,
        code: 'url-scheme',
      });
  }
  return out;
}

export function writeContext(s: DataCore, e: EntityModel): WriteContext {
  return { entity: e, rowsByTable: new Map(), tableToEntity: (t) => s.registry.tables.get(t) };
}

export function validate(e: EntityModel, body: unknown, mode: 'create' | 'update'): Doc {
  checkLineCounts(e, body);
  const schema = e.parent ? bodySchema(e, mode, true) : bodySchemaCached(e, mode);
  const fn = compile(schema);
  if (!fn(body)) throw Errors.validation(toProblems(fn.errors, e.label));
  const problems = urlSchemeProblems(e, body as Doc, '');
  for (const c of e.children)
    ((body as Doc)[c.name] as Doc[] | undefined)?.forEach((l, i) => problems.push(...urlSchemeProblems(c.child!, l, `${c.name}/${i}/`)));
  if (problems.length) throw Errors.validation(problems);
  return body as Doc;
}

/** Strips what the client may not set: read-only and system fields, role read-only fields. */
export function writableInput(s: DataCore, user: CurrentUser, e: EntityModel, body: Doc, action: 'create' | 'update'): Doc {
  const out: Doc = {};
  const roleReadOnly = s.registry.policy.readOnlyFields(user, e, action);
  const problems: FieldProblem[] = [];
  for (const f of e.fields) {
    if (!(f.name in body) || f.readOnly) continue;
    if (roleReadOnly.has(f.name) || !s.registry.policy.canSeeField(user, e, f.name)) {
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

/** Inserts one row and returns it as stored; with `number`, the series counter's increment and the number go in the same statement. */
export async function insertRow(tx: Tx, table: string, fields: FieldModel[], values: Doc, extra: Doc = {}, number?: SeriesNumber): Promise<Doc> {
  const params = new Params();
  const cols: string[] = [];
  const vals: string[] = [];
  for (const f of fields) {
    if (!(f.name in values) || values[f.name] === undefined || (number && f.column === number.column)) continue;
    cols.push(ident(f.column));
    vals.push(params.add(toDb(f, values[f.name])));
  }
  for (const [k, v] of Object.entries(extra)) {
    cols.push(ident(k));
    vals.push(params.add(v));
  }
  let head = '';
  if (number) {
    const series = seriesSql(number, (v) => params.add(v));
    head = `with ${series.cte} `;
    cols.push(ident(number.column));
    vals.push(series.value);
  }
  const sql = cols.length
    ? `${head}insert into ${ident(table)} (${cols.join(', ')}) values (${vals.join(', ')}) returning *`
    : `insert into ${ident(table)} default values returning *`;
  const res = await tx.query(sql, params.values);
  return res.rows[0]!;
}

/** Parameters per multi-row INSERT: PostgreSQL's protocol carries at most 65,535. */
const MAX_PARAMS = 60_000;

/**
 * Inserts line items of one document with one multi-row INSERT (a chunk per 60,000 parameters),
 * returning the stored rows in idx order. A field a line leaves out takes its column default
 * (DEFAULT in that line's VALUES), as a single-row insert of that line would.
 */
export async function insertLines(tx: Tx, child: EntityModel, parentId: number, lines: { idx: number; line: Doc }[]): Promise<Doc[]> {
  if (!lines.length) return [];
  const fields = child.fields.filter((f) => lines.some(({ line }) => line[f.name] !== undefined));
  const perRow = fields.length + 2;
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  const cols = [...fields.map((f) => ident(f.column)), '"parent_id"', '"idx"'].join(', ');
  const out: Doc[] = [];
  for (let start = 0; start < lines.length; start += chunk) {
    const params = new Params();
    const parent = params.add(parentId);
    const rows = lines.slice(start, start + chunk).map(({ idx, line }) => {
      const vals = fields.map((f) => (line[f.name] === undefined ? 'default' : params.add(toDb(f, line[f.name]))));
      return `(${[...vals, parent, params.add(idx)].join(', ')})`;
    });
    const res = await tx.query(`insert into ${ident(child.table)} (${cols}) values ${rows.join(', ')} returning *`, params.values);
    out.push(...res.rows);
  }
  // RETURNING gives the rows in VALUES order in practice; the order is made explicit anyway.
  return out.sort((a, b) => a.idx - b.idx || a.id - b.id);
}

/** Writes line items; returns, per collection, the rows as stored (id, idx and fields) when nothing was replaced. */
export async function writeChildren(_s: DataCore, tx: Tx, e: EntityModel, parentId: number, doc: Doc, wctx: WriteContext, replace: boolean): Promise<Doc> {
  const stored: Doc = {};
  for (const c of e.children) {
    if (!(c.name in doc)) continue;
    const child = c.child!;
    const lines = doc[c.name] as Doc[];
    wctx.rowsByTable.set(
      child.table,
      lines.map((row, i) => ({ path: `${c.name}/${i}`, row })),
    );
    if (replace) {
      const existing = await tx.query(`select id from ${ident(child.table)} where parent_id = $1`, [parentId]);
      const existingIds = new Set(existing.rows.map((r) => r.id));
      const keep = new Set<number>();
      lines.forEach((l, i) => {
        if (l.id === undefined) return;
        if (!existingIds.has(l.id)) throw Errors.validation([{ path: `${c.name}/${i}/id`, message: `line ${l.id} does not belong to s ${e.label}` }]);
        keep.add(l.id);
      });
      const drop = [...existingIds].filter((id) => !keep.has(id));
      if (drop.length) await tx.query(`delete from ${ident(child.table)} where id = any($1)`, [drop]);
    }
    const inserts: { idx: number; line: Doc }[] = [];
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.id !== undefined && replace) {
        const params = new Params();
        const sets = [`"idx" = ${params.add(i)}`, `"updated_at" = now()`];
        for (const f of child.fields) if (f.name in l) sets.push(`${ident(f.column)} = ${params.add(toDb(f, l[f.name]))}`);
        await tx.query(`update ${ident(child.table)} set ${sets.join(', ')} where id = ${params.add(l.id)}`, params.values);
      } else inserts.push({ idx: i, line: l });
    }
    const out: Doc[] = [];
    for (const row of await insertLines(tx, child, parentId, inserts)) {
      const line: Doc = { id: row.id, idx: row.idx };
      for (const f of child.fields) line[f.name] = row[f.column];
      out.push(line);
    }
    stored[c.name] = out;
  }
  return stored;
}

/** Whether the user sees every field of the entity (then the system view can be returned as is). */
export function seesAll(s: DataCore, user: CurrentUser, e: EntityModel): boolean {
  if (!trustedCode(user) && (e.fields.some((f) => f.secret) || e.children.some((c) => c.child!.fields.some((f) => f.secret)))) return false;
  if (user.isAdmin) return true;
  return (
    [...e.fields, ...e.children].every((f) => s.registry.policy.canSeeField(user, e, f.name)) &&
    e.children.every((c) => c.child!.fields.every((f) => s.registry.policy.canSeeField(user, c.child!, f.name)))
  );
}

/** Inserts a document with its line items; the caller owns the transaction. */
export function refuseReadOnly(e: EntityModel): void {
  if (e.readOnly) throw new TesseraError('READ_ONLY_ENTITY', 403, `${e.plural} are written only by the system (${e.key} is read-only)`);
}

/** Whether a row is inside the user's row rule for an action (true when the role has no rule). */
export async function inScope(s: DataCore, tx: Tx, user: CurrentUser, e: EntityModel, id: number, action: string): Promise<boolean> {
  const params = new Params();
  const idp = params.add(id);
  const scope = s.registry.policy.rowScope(user, e, action, params, 't');
  if (!scope) return true;
  return ((await tx.query(`select 1 from ${ident(e.table)} t where t.id = ${idp} and (${scope})`, params.values)).rowCount ?? 0) > 0;
}

/** A row a user writes must stay inside the user's row rule for that action (no creating rows for others). */
export async function assertInScope(s: DataCore, tx: Tx, user: CurrentUser, e: EntityModel, id: number, action: string): Promise<void> {
  const params = new Params();
  const idp = params.add(id);
  const scope = s.registry.policy.rowScope(user, e, action, params, 't');
  if (!scope) return;
  const r = await tx.query(`select 1 from ${ident(e.table)} t where t.id = ${idp} and (${scope})`, params.values);
  if (!r.rowCount)
    throw Errors.forbidden(`s ${e.label.toLowerCase()} would be outside the records your role lets you ${action === 'create' ? 'create' : 'change'}`);
}
