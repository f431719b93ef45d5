/**
 * The production plugin's public API: BOM cost roll-up and exact-value receipts.
 * Other plugins import only this file (`@tessera/plugin-production/api`); everything else in the package is internal.
 */
export { rollUpCost } from './src/bom.js';
export { exactValueReceipt } from './src/valuation.js';
