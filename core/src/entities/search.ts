/** The full-text document of an entity: one expression shared by its GIN index and the search query. */
import type { EntityModel } from './model.js';
import { unaccented } from '../db/text.js';

/**
 * Expression of the full-text document of an entity, shared by the index and the query. With
 * `fields` (the search fields the viewer may see, when some are hidden from them) the document
 * is built from those only: a search must not match on a value the viewer cannot see. That
 * expression is not the index's, so such searches scan; without hidden fields the index serves.
 */
export function searchDocument(entity: EntityModel, alias?: string, fields: string[] = entity.searchFields): string {
  const col = (c: string) => (alias ? `${alias}."${c}"` : `"${c}"`);
  if (!fields.length) return `''::tsvector`;
  // Unaccented (db/text.ts), so that "ruta" finds "Rūta"; the query's words are unaccented too.
  return `to_tsvector('simple'::regconfig, ${unaccented(fields.map((s) => `coalesce(${col(s)}::text, '')`).join(` || ' ' || `))})`;
}
