/** The print types are part of the public plugin API (plugin-api/print.ts). */
export type * from '../plugin-api/print.js';
