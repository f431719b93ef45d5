/** The full-text document of an entity: one expression shared by its GIN index and the search query. */
import type { EntityModel } from './model.js';

/** Expression of the full-text document of an entity, shared by the index and the query. */
export function searchDocument(entity: EntityModel, alias?: string): string {
  const col = (c: string) => (alias ? `${alias}."${c}"` : `"${c}"`);
  return `to_tsvector('simple'::regconfig, ${entity.searchFields.map((s) => `coalesce(${col(s)}::text, '')`).join(` || ' ' || `)})`;
}
