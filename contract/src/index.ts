/** @tessera/contract: what the core, the plugins and the admin UI share. Pure, no I/O. */
export * from './field-kinds.js';
export * from './decimal.js';
export * from './bounds.js';
export * from './compute.js';
export type * from './meta.js';
export * from './errors.js';
export type * from './studio.js';
