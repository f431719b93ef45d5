/**
 * The purchasing plugin's public API: reorder runs and purchasing reports.
 * Other plugins import only this file (`@tessera/plugin-purchasing/api`); everything else in the package is internal.
 */
export { runReorderCheck, scheduledReorder, type ReorderResult, type ReorderLine } from './src/reorder.js';
export { purchaseOrderAnalysis, receivedNotBilled } from './src/reports.js';
/** Order counters for other plugins' documents (accounting's debit notes and returns). */
export { updateOrders } from './src/purchase-order.js';
