/**
 * Indexes that the list endpoints need, derived from the declaration (nothing to write by hand):
 *  - text fields that are searched (`x-search`) or filtered on (`x-ui.filters`): a pg_trgm GIN
 *    index over `tessera_unaccent(column)`, which serves contains / startsWith / endsWith (and
 *    equality) accent- and case-insensitively: "ruta" finds "Rūta";
 *  - other declared list filters (enum, number, date, time): a btree, unless an index or
 *    unique constraint already leads with the column. Booleans get none (two values: an index
 *    would not be chosen);
 *  - the default sort: a btree on (column, id), so the first page and every keyset page after
 *    it come straight from the index in the list's order (the tie-breaker id included).
 * Expression indexes are compared by name only (MikroORM), so a changed expression gets a new name.
 */
import type { EntityModel, FieldModel } from './model.js';
import { unaccented } from '../db/text.js';

interface IndexSpec {
  [key: string]: unknown;
  name: string;
  properties?: string[];
  expression?: string;
}

const TRIGRAM_KINDS = new Set(['string', 'text', 'email', 'url', 'phone']);
const BTREE_KINDS = new Set(['enum', 'integer', 'decimal', 'date', 'datetime', 'time']);

const indexName = (table: string, what: string) => `${table}_${what}_index`.slice(0, 63);

/** Text fields whose contains/startsWith/endsWith filters are served by a trigram index. */
export function trigramFields(e: EntityModel): FieldModel[] {
  const wanted = new Set([...e.searchFields, ...e.filters]);
  return e.fields.filter((f) => wanted.has(f.name) && TRIGRAM_KINDS.has(f.kind) && !f.secret);
}

export function listIndexes(e: EntityModel, alreadyLeads: (column: string) => boolean): IndexSpec[] {
  if (e.parent) return [];
  const out: IndexSpec[] = [];
  for (const f of trigramFields(e)) {
    const name = indexName(e.table, `${f.column}_trgm`);
    out.push({ name, expression: `create index "${name}" on "${e.table}" using gin (${unaccented(`"${f.column}"`)} gin_trgm_ops)` });
  }
  const sortName = e.defaultSort.replace(/^-/, '');
  const sortField = e.fieldMap.get(sortName);
  const sortColumn = sortName === 'id' ? undefined : (sortField?.column ?? (['created_at', 'updated_at'].includes(sortName) ? sortName : undefined));
  for (const name of e.filters) {
    const f = e.fieldMap.get(name);
    if (!f || !BTREE_KINDS.has(f.kind) || f.index || f.unique || alreadyLeads(f.name) || f.column === sortColumn) continue;
    out.push({ name: indexName(e.table, f.column), properties: [f.name] });
  }
  if (sortColumn && !(sortField && (sortField.unique || sortField.kind === 'json')))
    out.push({ name: indexName(e.table, `${sortColumn}_id_sort`), properties: [sortField?.name ?? sortColumn, 'id'] });
  return out;
}
