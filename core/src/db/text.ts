/**
 * Accent- and case-insensitive text matching. PostgreSQL's `unaccent()` is only STABLE (its
 * dictionary could change), so it cannot appear in an index; `tessera_unaccent(text)` is the
 * IMMUTABLE wrapper with the dictionary named, created with the extensions by every migration
 * (migrations/extensions.ts). The trigram indexes (entities/list-indexes.ts), the full-text
 * document (entities/search.ts) and the filter operators all use this one expression, so the
 * planner matches the indexes.
 */

/** The SQL expression of a text value folded for matching (the same as the indexes'). */
export const unaccented = (sql: string) => `tessera_unaccent(${sql})`;

/** `contains` / `startsWith` / `endsWith` on a text column: ILIKE over both sides unaccented. */
export const textMatch = (column: string, patternParam: string) => `${unaccented(column)} ilike ${unaccented(patternParam)}`;
