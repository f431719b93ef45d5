/**
 * The query language of list endpoints, compiled to parameterized SQL:
 *   filter = { field: value | [values] | null | { op: value, ... }, and: [filter], or: [filter], not: filter }
 *   ops    = eq ne lt lte gt gte in nin contains startsWith endsWith isNull between
 * A field may be a line-item field ("lines.item"), compiled to EXISTS over the child table,
 * or a field of a referenced record ("item.code"), compiled to a semi-join (reference-filter.ts).
 * Every field and operator is checked against the declared model; values are coerced to the
 * field's type and always sent as parameters.
 */
import type { EntityModel, FieldKind } from '../entities/model.js';
import { isTextKind } from '../entities/model.js';
import { ident, type Params } from '../db/database.js';
import { decimalText } from '@tessera/contract';
import { Errors, TesseraError, type FieldProblem } from '../errors.js';
import { searchDocument } from '../entities/search.js';
import { isDate, isDateTime, isTime } from '../schema/validation.js';
import { LIMITS } from '../schema/limits.js';
import { textMatch, unaccented } from '../db/text.js';
import { referencePathCondition, type ReferenceScope } from './reference-filter.js';

export const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'contains', 'startsWith', 'endsWith', 'isNull', 'between'] as const;
export type Operator = (typeof OPERATORS)[number];

interface ColumnInfo {
  column: string;
  kind: FieldKind | 'id' | 'docstatus';
  enumValues?: string[];
  /** An integer field stored as bigint (otherwise integer fields are int4). */
  bigint?: boolean;
  /** The column may hold NULL (keyset paging must place NULLs where ORDER BY does). */
  nullable?: boolean;
}

/** Every column of an entity that can be filtered and sorted on (system columns, then fields), built once per model. */
const columnsOf = new WeakMap<EntityModel, Map<string, ColumnInfo>>();
function allColumns(e: EntityModel): Map<string, ColumnInfo> {
  let m = columnsOf.get(e);
  if (m) return m;
  m = new Map<string, ColumnInfo>();
  m.set('id', { column: 'id', kind: 'id' });
  m.set('created_at', { column: 'created_at', kind: 'datetime' });
  m.set('updated_at', { column: 'updated_at', kind: 'datetime' });
  m.set('created_by', { column: 'created_by', kind: 'id', nullable: true });
  if (e.parent) m.set('parent_id', { column: 'parent_id', kind: 'id' });
  if (e.submittable) {
    m.set('docstatus', { column: 'docstatus', kind: 'enum', enumValues: ['draft', 'submitted', 'cancelled'] });
    m.set('amended_from', { column: 'amended_from', kind: 'id', nullable: true });
  }
  for (const f of e.fields) m.set(f.name, { column: f.column, kind: f.kind, enumValues: f.enumValues, bigint: f.bigint, nullable: !f.required });
  columnsOf.set(e, m);
  return m;
}

/** One column that can be filtered and sorted on, or undefined (unknown, or a field the viewer may not see). */
export function queryableColumn(e: EntityModel, name: string, visible?: (name: string) => boolean): ColumnInfo | undefined {
  const info = allColumns(e).get(name);
  return info && (!visible || !e.fieldMap.has(name) || visible(name)) ? info : undefined;
}

/** Columns of an entity that can be filtered and sorted on, including system columns. */
export function queryableColumns(e: EntityModel, visible?: (name: string) => boolean): Map<string, ColumnInfo> {
  return new Map([...allColumns(e)].filter(([name]) => queryableColumn(e, name, visible)));
}

const ORDERABLE = new Set<string>(['id', 'integer', 'decimal', 'date', 'datetime', 'time', 'string', 'text', 'email', 'url', 'phone', 'enum', 'reference']);

function coerce(info: ColumnInfo, v: unknown, path: string, problems: FieldProblem[]): unknown {
  const bad = (what: string) => {
    problems.push({ path, message: `must be ${what}` });
    return undefined;
  };
  if (v === null) return bad('a value (use {"isNull": true} to find empty values)');
  switch (info.kind) {
    case 'id':
    case 'reference':
    case 'integer': {
      const n = typeof v === 'string' && /^-?\d{1,20}$/.test(v) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n)) return bad('an integer');
      // The column's own range: int4 for integer fields, ids below 2^53 (what the API can return).
      const [lo, hi] = info.kind === 'integer' && !info.bigint ? [-2147483648, 2147483647] : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
      return n >= lo && n <= hi ? n : bad(`an integer from ${lo} to ${hi}`);
    }
    case 'decimal': {
      const t = decimalText(v);
      return t ?? bad('a decimal number such as "12.50"');
    }
    case 'boolean':
      if (v === true || v === 'true') return true;
      if (v === false || v === 'false') return false;
      return bad('true or false');
    case 'date':
      return isDate(v) ? v : bad('an existing date (YYYY-MM-DD, years 0001-9999)');
    case 'datetime':
      // Without a zone, a date-time is read in UTC (the server's session zone is not the caller's).
      return isDateTime(v, 'optional')
        ? isDateTime(v) || /^\d{4}-\d{2}-\d{2}$/.test(v as string)
          ? v
          : `${v}Z`
        : bad('a date-time (ISO 8601 such as 2026-03-01T10:00:00Z, or a date)');
    case 'time':
      return isTime(v) ? v : bad('a time (HH:MM or HH:MM:SS, 00:00 to 23:59:59)');
    case 'enum':
    case 'docstatus':
      return typeof v === 'string' && info.enumValues!.includes(v) ? v : bad(`one of ${info.enumValues!.map((x) => JSON.stringify(x)).join(', ')}`);
    case 'json':
      return bad('filtered with isNull only (json fields)');
    default:
      return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : bad('a string');
  }
}

/** A filter over one of its documented bounds (docs/api.md, Limits). */
function filterLimit(path: string, what: string) {
  return new TesseraError('FILTER_TOO_COMPLEX', 400, `${path} ${what}; simplify the filter, or split the query into several requests`, [
    { path, message: what, code: 'limit' },
  ]);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class FilterCompiler {
  problems: FieldProblem[] = [];
  /** Conditions compiled so far (shared with sub-compilers for line-item fields). */
  private conditions = { n: 0 };
  constructor(
    private entity: EntityModel,
    private params: Params,
    private alias: string,
    private visible?: (entity: EntityModel, field: string) => boolean,
    private refs?: ReferenceScope,
  ) {}

  compile(filter: unknown, path = 'filter', depth = 0): string {
    if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
      this.problems.push({ path, message: 'must be an object such as {"field": value}' });
      return 'true';
    }
    if (depth > LIMITS.filterDepth) throw filterLimit(path, `nests and/or/not more than ${LIMITS.filterDepth} levels deep`);
    const parts: string[] = [];
    for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
      const at = `${path}/${key}`;
      if (key === 'and' || key === 'or') {
        if (!Array.isArray(value) || value.length === 0) {
          this.problems.push({ path: at, message: 'must be a non-empty array of filters' });
          continue;
        }
        const subs = value.map((v, i) => `(${this.compile(v, `${at}/${i}`, depth + 1)})`);
        parts.push(`(${subs.join(key === 'and' ? ' and ' : ' or ')})`);
      } else if (key === 'not') {
        parts.push(`not (${this.compile(value, at, depth + 1)})`);
      } else {
        if (++this.conditions.n > LIMITS.filterConditions) throw filterLimit(at, `has more than ${LIMITS.filterConditions} conditions`);
        parts.push(this.field(key, value, at));
      }
    }
    return parts.length ? parts.join(' and ') : 'true';
  }

  private field(key: string, value: unknown, at: string): string {
    const dot = key.indexOf('.');
    if (dot > 0) {
      const collection = this.entity.children.find((c) => c.name === key.slice(0, dot));
      const ref = collection ? undefined : this.entity.fieldMap.get(key.slice(0, dot));
      if (ref?.kind === 'reference')
        return referencePathCondition(
          this.entity,
          ref,
          key.slice(dot + 1),
          at,
          this.alias,
          this.params,
          this.refs,
          this.visible,
          this.problems,
          (target, r, tail) => {
            const sub = new FilterCompiler(target, this.params, r, this.visible, this.refs);
            sub.conditions = this.conditions;
            const cond = sub.field(tail, value, at);
            this.problems.push(...sub.problems);
            return cond;
          },
        );
      // A hidden collection cannot be filtered on, whatever the rules of its fields.
      if (!collection || (this.visible && !this.visible(this.entity, collection.name))) {
        this.problems.push({ path: at, message: `is not a line-item or reference field of ${this.entity.label}` });
        return 'true';
      }
      const child = collection.child!;
      const sub = new FilterCompiler(child, this.params, 'c', this.visible, this.refs);
      sub.conditions = this.conditions;
      const cond = sub.field(key.slice(dot + 1), value, at);
      this.problems.push(...sub.problems);
      return `exists (select 1 from ${ident(child.table)} c where c."parent_id" = ${this.alias}."id" and ${cond})`;
    }
    const visible = this.visible ? (n: string) => this.visible!(this.entity, n) : undefined;
    const info = queryableColumn(this.entity, key, visible);
    if (!info) {
      this.problems.push({ path: at, message: `is not a field that can be filtered on (${[...queryableColumns(this.entity, visible).keys()].join(', ')})` });
      return 'true';
    }
    const col = `${this.alias}.${ident(info.column)}`;
    if (value === null) return `${col} is null`;
    if (Array.isArray(value)) return this.op(info, col, 'in', value, at);
    if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (!entries.length) {
        this.problems.push({ path: at, message: `must name an operator (${OPERATORS.join(', ')})` });
        return 'true';
      }
      return entries.map(([op, v]) => this.op(info, col, op, v, `${at}/${op}`)).join(' and ');
    }
    return this.op(info, col, 'eq', value, at);
  }

  private op(info: ColumnInfo, col: string, op: string, v: unknown, at: string): string {
    const p = this.params;
    const problems = this.problems;
    if (!(OPERATORS as readonly string[]).includes(op)) {
      problems.push({ path: at, message: `is not an operator; use one of ${OPERATORS.join(', ')}` });
      return 'true';
    }
    const orderable = ORDERABLE.has(info.kind);
    const textual = isTextKind(info.kind as FieldKind) && info.kind !== 'enum';
    const before = problems.length;
    const one = () => coerce(info, v, at, problems);
    switch (op as Operator) {
      case 'eq': {
        const x = one();
        return problems.length > before ? 'true' : `${col} = ${p.add(x)}`;
      }
      case 'ne': {
        const x = one();
        return problems.length > before ? 'true' : `${col} is distinct from ${p.add(x)}`;
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        if (!orderable) {
          problems.push({ path: at, message: `cannot be used on a ${info.kind} field` });
          return 'true';
        }
        const x = one();
        const sym = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[op as 'lt'];
        return problems.length > before ? 'true' : `${col} ${sym} ${p.add(x)}`;
      }
      case 'in':
      case 'nin': {
        if (!Array.isArray(v) || v.length === 0 || v.length > LIMITS.filterValues) {
          problems.push({
            path: at,
            message: `must be an array of 1 to ${LIMITS.filterValues} values`,
            code: Array.isArray(v) && v.length ? 'limit' : undefined,
          });
          return 'true';
        }
        const xs = v.map((x, i) => coerce(info, x, `${at}/${i}`, problems));
        if (problems.length > before) return 'true';
        return op === 'in' ? `${col} = any(${p.add(xs)})` : `not (${col} = any(${p.add(xs)}))`;
      }
      case 'contains':
      case 'startsWith':
      case 'endsWith': {
        if (!textual || typeof v !== 'string') {
          problems.push({ path: at, message: textual ? 'must be a string' : `cannot be used on a ${info.kind} field` });
          return 'true';
        }
        const pattern = op === 'contains' ? `%${escapeLike(v)}%` : op === 'startsWith' ? `${escapeLike(v)}%` : `%${escapeLike(v)}`;
        // Accent- and case-insensitive; served by the field's trigram index when it has one.
        return textMatch(col, p.add(pattern));
      }
      case 'isNull':
        if (typeof v !== 'boolean') {
          problems.push({ path: at, message: 'must be true or false' });
          return 'true';
        }
        return v ? `${col} is null` : `${col} is not null`;
      case 'between': {
        if (!orderable || !Array.isArray(v) || v.length !== 2) {
          problems.push({ path: at, message: orderable ? 'must be an array [from, to]' : `cannot be used on a ${info.kind} field` });
          return 'true';
        }
        const a = coerce(info, v[0], `${at}/0`, problems);
        const b = coerce(info, v[1], `${at}/1`, problems);
        return problems.length > before ? 'true' : `${col} between ${p.add(a)} and ${p.add(b)}`;
      }
    }
  }
}

/** One column of a list's order. */
export interface SortKey {
  name: string;
  column: string;
  desc: boolean;
  kind: ColumnInfo['kind'];
  nullable: boolean;
}

/** "-created_at,name" -> the sort keys, checked against the model; always ends with id for a stable order (docs/api.md). */
export function sortKeys(e: EntityModel, sort: string | undefined, visible?: (name: string) => boolean): SortKey[] {
  const keys: SortKey[] = [];
  const spec = sort ?? e.defaultSort;
  for (const raw of spec.split(',')) {
    const desc = raw.startsWith('-');
    const name = desc ? raw.slice(1) : raw;
    const info = queryableColumn(e, name, visible);
    if (!info || (!ORDERABLE.has(info.kind) && info.kind !== 'boolean'))
      throw Errors.badQuery([
        {
          path: 'sort',
          message: `cannot sort on "${name}" (sortable: ${[...queryableColumns(e, visible).entries()]
            .filter(([, i]) => ORDERABLE.has(i.kind) || i.kind === 'boolean')
            .map(([n]) => n)
            .join(', ')})`,
        },
      ]);
    keys.push({ name, column: info.column, desc, kind: info.kind, nullable: !!info.nullable });
    // id is unique: whatever follows it cannot change the order.
    if (name === 'id') return keys;
  }
  // The tie-breaker goes the way of the last key: "-date" is "date desc, id desc", which one
  // btree on (date, id) returns in order, and keyset pages compare as one row (date, id) < (…).
  keys.push({ name: 'id', column: 'id', desc: keys.length ? keys[keys.length - 1]!.desc : false, kind: 'id', nullable: false });
  return keys;
}

/** ORDER BY for sort keys. */
export function orderBy(keys: SortKey[], alias: string): string {
  // PostgreSQL's default NULLS placement (last ascending, first descending) is what a btree
  // index yields in either direction, so sorted pages come straight from the index.
  return keys.map((k) => `${alias}.${ident(k.column)} ${k.desc ? 'desc' : 'asc'}`).join(', ');
}

/** "-created_at,name" -> ORDER BY, checked against the model; always ends with id for a stable order. */
export function compileSort(e: EntityModel, sort: string | undefined, alias: string, visible?: (name: string) => boolean): string {
  return orderBy(sortKeys(e, sort, visible), alias);
}

/** Whether q has a word to search for (letters or digits); a q of punctuation only searches nothing. */
export const hasSearchWords = (q: string): boolean => /[\p{L}\p{N}]/u.test(q);

/**
 * The tsquery of a search as SQL: every word a prefix, the words split by PostgreSQL's own
 * parser (the same one that built the indexed document), so codes such as "B-2" match the way
 * they were indexed. A scalar subquery: evaluated once per statement (an InitPlan).
 */
export function searchQuerySql(q: string, params: Params): string {
  return `(select to_tsquery('simple', coalesce(string_agg(quote_literal(u.lexeme) || ':*', ' & '), '')) from unnest(to_tsvector('simple', ${unaccented(params.add(q))})) u)`;
}

/**
 * Full-text search over the declared search fields: every word must match, as a prefix.
 * `tsquery`, when given, is the search's tsquery already worked out (searchQuerySql's text,
 * read back by a count): the words then reach the planner as a constant, whose statistics
 * say how common they are. Without it the planner cannot know and reads the matches through
 * the index (see data/read.ts searchList for when each is used).
 */
export function compileSearch(
  e: EntityModel,
  q: string,
  params: Params,
  alias: string,
  canSee?: (field: string) => boolean,
  tsquery?: string,
): string | undefined {
  if (!hasSearchWords(q)) return undefined;
  if (!e.searchFields.length) throw Errors.badQuery([{ path: 'q', message: `${e.label} declares no search fields` }]);
  // Only the fields the viewer may see are searched (hidden values must not make a row match).
  const fields = canSee ? e.searchFields.filter((f) => canSee(f)) : e.searchFields;
  return `${searchDocument(e, alias, fields)} @@ ${tsquery === undefined ? searchQuerySql(q, params) : `${params.add(tsquery)}::tsquery`}`;
}
