/**
 * The documented bounds of one request (docs/api.md, "Limits"). Each is checked before any
 * work is done, and going over one is a 4xx whose message names the limit and the way around it.
 */
export const LIMITS = {
  /** Request body (JSON) size. */
  bodyBytes: 5 * 1024 * 1024,
  /** Nesting of arrays and objects in a body. */
  bodyDepth: 32,
  /** Request line and headers together (Node's HTTP parser). */
  headerBytes: 16 * 1024,
  /** One path parameter (an id has at most 16 digits). */
  paramLength: 100,
  /** Lines in one line-item collection of a document (a declaration's `maxItems` may lower or raise it). */
  linesPerDocument: 1000,
  /** Ids in `ids=` (get, update or delete many). */
  ids: 1000,
  /** Page size (`limit`). */
  limit: 1000,
  /** `offset`: deeper pages get slow (the skipped rows are still read); page with `after` instead. */
  offset: 10_000,
  /** Lists count their total exactly up to this many matches by default, and estimate above it. */
  exactTotalUpTo: 10_000,
  /** Names in `expand`, and dots in one of them (lines.item = 2). */
  expandCount: 20,
  expandDepth: 2,
  /** Names in `fields`. */
  fieldsCount: 200,
  /** Filter: nesting of and/or/not, conditions in all, values of in/nin, and its JSON size. */
  filterDepth: 8,
  filterConditions: 100,
  filterValues: 1000,
  filterBytes: 8 * 1024,
  /** `q` length. */
  qLength: 200,
} as const;
