/**
 * List filters: the declared filter fields -> filter inputs, and react-admin's filter
 * values -> the server's filter JSON (core/src/query/filter.ts). Range and text filters use
 * nested sources ("price.gte", "name.contains") so the form values already have the
 * server's shape; this module only drops what is empty and coerces booleans.
 */
import type { MetaEntity, MetaField } from '../meta/types.js';
import { fieldOf } from './fields.js';

export type FilterInputKind = 'search' | 'select' | 'boolean' | 'reference' | 'dateRange' | 'datetimeRange' | 'numberRange' | 'decimalRange' | 'text';

export interface FilterDef {
  /** The key in react-admin's filter values (the top-level one for ranges). */
  source: string;
  kind: FilterInputKind;
  field?: MetaField;
  alwaysOn: boolean;
}

const OPERATORS = new Set(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'contains', 'startsWith', 'endsWith', 'isNull', 'between']);

function filterKind(f: MetaField): FilterInputKind | undefined {
  switch (f.kind) {
    case 'enum':
      return 'select';
    case 'boolean':
      return 'boolean';
    case 'reference':
      return 'reference';
    case 'date':
      return 'dateRange';
    case 'datetime':
      return 'datetimeRange';
    case 'integer':
      return 'numberRange';
    case 'decimal':
      return 'decimalRange';
    case 'string':
    case 'text':
    case 'email':
    case 'url':
    case 'phone':
      return 'text';
    default:
      return undefined;
  }
}

/**
 * The filter inputs of a list: a search box when the entity is searchable, the declared filters,
 * then every other visible field (offered by "Add filter", so any column can be filtered on).
 */
export function filterDefs(e: MetaEntity): FilterDef[] {
  const out: FilterDef[] = [];
  if (e.searchFields.length) out.push({ source: 'q', kind: 'search', alwaysOn: true });
  const others = e.fields.filter((f) => !e.filters.includes(f.name) && !f.secret).map((f) => f.name);
  for (const name of [...e.filters, ...others]) {
    const f = fieldOf(e, name);
    if (!f || f.hidden) continue;
    const kind = filterKind(f);
    if (!kind) continue;
    // The document status is the filter people use most: keep it visible.
    out.push({ source: name, kind, field: f, alwaysOn: name === 'docstatus' });
  }
  return out;
}

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

function clean(v: unknown, f: MetaField | undefined): unknown {
  if (f?.kind === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
  if ((f?.kind === 'integer' || f?.kind === 'reference') && typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  if (Array.isArray(v)) return v.map((x) => clean(x, f)).filter((x) => !isEmpty(x));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = OPERATORS.has(k) ? clean(x, f) : x;
      if (!isEmpty(c)) out[k] = c;
    }
    return out;
  }
  return v;
}

/**
 * react-admin filter values -> `{ filter, q }` for the list endpoint. Unknown keys are kept
 * (a reference's "Show related" link filters on the referring field), empty values dropped.
 */
export function toServerFilter(e: MetaEntity | undefined, values: Record<string, unknown> | undefined): { filter?: Record<string, unknown>; q?: string } {
  const filter: Record<string, unknown> = {};
  let q: string | undefined;
  for (const [key, raw] of Object.entries(values ?? {})) {
    if (key === 'q') {
      if (typeof raw === 'string' && raw.trim()) q = raw.trim();
      continue;
    }
    const f = e ? fieldOf(e, key.split('.')[0]!) : undefined;
    const v = clean(raw, f);
    if (!isEmpty(v)) filter[key] = v;
  }
  return { ...(Object.keys(filter).length ? { filter } : {}), ...(q ? { q } : {}) };
}

/**
 * How an autocomplete searches the target entity: full-text when it declares search
 * fields, else a "contains" on its title field when that is text, else not at all.
 */
export function referenceSearch(target: MetaEntity | undefined): ((text: string) => Record<string, unknown>) | undefined {
  if (!target) return undefined;
  if (target.searchFields.length) return (text) => (text ? { q: text } : {});
  const title = target.fields.find((f) => f.name === target.titleField);
  if (title && ['string', 'text', 'email', 'url', 'phone'].includes(title.kind)) return (text) => (text ? { [title.name]: { contains: text } } : {});
  return undefined;
}
