/**
 * The sales plugin's public API: line pricing.
 * Other plugins import only this file (`@tessera/plugin-sales/api`); everything else in the package is internal.
 */
export { priceLines, shareOf } from './src/pricing.js';
/** Order counters for other plugins' documents (accounting's credit notes and returns). */
export { updateOrderProgress } from './src/order-progress.js';
export { customerForPrint, customerRef } from './src/print/party.js';
