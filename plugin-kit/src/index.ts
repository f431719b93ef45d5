/**
 * @tessera/plugin-kit: what business plugins share and used to copy: exact numbers and dates,
 * refusals with field paths, the report runner (row rules, paging, query-string pieces),
 * dashboard widget helpers and demo-data helpers. It holds no business rule; each plugin keeps
 * its domain. Test helpers: @tessera/plugin-kit/testing.
 */
export * from './numbers.js';
export * from './dates.js';
export * from './problems.js';
export * from './reports.js';
export * from './widgets.js';
export * from './demo.js';
export * from './currency.js';
export * from './fill.js';
