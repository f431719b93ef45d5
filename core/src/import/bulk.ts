/**
 * The fast path of an import: new records of an entity whose creates run no plugin code
 * (no create hooks, numbering, computed fields, lifecycle, event subscribers or row rule for
 * this user) are inserted a chunk at a time with one INSERT ... SELECT FROM unnest(...), after
 * the same checks a single create makes (the compiled body schema, URL schemes, the role's
 * read-only and hidden fields, declared defaults) and with the same audit record per row.
 * Anything the database refuses (a unique key already stored...) makes the caller replay the
 * chunk record by record through the data service, which names the row.
 */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { ident, type Tx } from '../db/database.js';
import { decimalText } from '@tessera/contract';
import { TesseraError } from '../errors.js';
import type { CurrentUser, Doc } from '../plugin-api/index.js';
import type { DataService } from '../data/service.js';
import { Params } from '../db/database.js';

/** Whether creates of e by this user can take the fast path. */
export function bulkCreatable(service: DataService, user: CurrentUser, e: EntityModel): boolean {
  const r = service.registry;
  if (e.readOnly || e.naming || e.submittable || e.fields.some((f) => f.compute)) return false;
  if (r.hooks.get(e.key)?.some((h) => h.beforeCreate || h.afterCreate)) return false;
  if (r.listens?.(`${e.key}.created`)) return false;
  try {
    r.policy.assert(user, e, 'create');
  } catch {
    return false;
  }
  return r.policy.rowScope(user, e, 'create', new Params(), 't') === undefined;
}

const PG_TYPE: Partial<Record<FieldModel['kind'], string>> = {
  integer: 'int4',
  decimal: 'numeric',
  boolean: 'bool',
  date: 'date',
  datetime: 'timestamptz',
  time: 'time',
  json: 'jsonb',
  reference: 'int8',
};

/** The body as a create would write it, or the create's own error (validation, forbidden field). */
export function prepareCreate(service: DataService, user: CurrentUser, e: EntityModel, body: Doc): Doc {
  const input = service.validate(e, body, 'create');
  const roleReadOnly = service.registry.policy.readOnlyFields(user, e, 'create');
  const doc: Doc = {};
  const forbidden: { path: string; message: string }[] = [];
  for (const f of e.fields) {
    if (!(f.name in input) || f.readOnly) continue;
    if (roleReadOnly.has(f.name) || !service.registry.policy.canSeeField(user, e, f.name))
      forbidden.push({ path: f.name, message: 'is read-only for your role' });
    else doc[f.name] = input[f.name];
  }
  if (forbidden.length) throw new TesseraError('FORBIDDEN_FIELD', 403, forbidden.map((p) => `${p.path} ${p.message}`).join('; '), forbidden);
  for (const f of e.fields) if (doc[f.name] === undefined && f.default !== undefined) doc[f.name] = structuredClone(f.default);
  return doc;
}

/** Inserts prepared docs in one statement; returns their ids in order, and audits each. */
export async function bulkInsert(service: DataService, tx: Tx, user: CurrentUser, e: EntityModel, docs: Doc[]): Promise<number[]> {
  if (!docs.length) return [];
  const fields = e.fields.filter((f) => docs.some((d) => d[f.name] !== undefined));
  const params = new Params();
  const arrays = fields.map((f) => {
    const values = docs.map((d) => {
      const v = d[f.name];
      if (v === undefined || v === null) return null;
      if (f.kind === 'decimal') return decimalText(v) ?? v;
      if (f.kind === 'json') return JSON.stringify(v);
      return v;
    });
    const type = f.kind === 'integer' && f.bigint ? 'int8' : (PG_TYPE[f.kind] ?? 'text');
    return `${params.add(values)}::${type}[]`;
  });
  const creator = params.add(user.id || null);
  const cols = [...fields.map((f) => ident(f.column)), '"created_by"'];
  const sql = fields.length
    ? `insert into ${ident(e.table)} (${cols.join(', ')}) select u.*, ${creator}::int8 from unnest(${arrays.join(', ')}) with ordinality as u(${fields.map((_, i) => `c${i}`).join(', ')}, n) order by u.n returning *`
    : `insert into ${ident(e.table)} ("created_by") select ${creator}::int8 from generate_series(1, ${docs.length}) returning *`;
  // "with ordinality" adds n as the last column: select the field columns only.
  const finalSql = fields.length ? sql.replace('select u.*,', `select ${fields.map((_, i) => `u.c${i}`).join(', ')},`) : sql;
  const res = await tx.query(finalSql, params.values);
  // Ids are assigned in insertion order (the select's order by n).
  const rows = [...res.rows].sort((a, b) => Number(a.id) - Number(b.id));
  for (const row of rows) await service.registry.policy.audit(tx, user, e, 'create', Number(row.id), undefined, row);
  return rows.map((r) => Number(r.id));
}
