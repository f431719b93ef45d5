/**
 * The inventory plugin's public API: stock postings and reservations (the contract is at the top of src/stock.ts), units of measure, warehouse and item checks, stock reports and the ledger check.
 * Other plugins import only this file (`@tessera/plugin-inventory/api`); everything else in the package is internal.
 */
export * from './src/stock.js';
export { applyLineUnits, loadItemUnits, throwProblems, type UomProblem } from './src/uom.js';
export { verifyStock, type VerifyResult, type Mismatch, type SqlRunner } from './src/verify.js';
export { ITEM_AT_WAREHOUSE, reorderSuggestions, stockBalance, stockLedger, type ReorderRow } from './src/reports.js';
export {
  stockWarehouseProblems,
  warehouseNames,
  negativeStockAllowed,
  loadItems,
  inheritedItemValues,
  inheritedItemValue,
  itemLabel,
  type ItemInfo,
  type WarehouseRef,
  type StockWarehouseOptions,
} from './src/checks.js';
export { itemsForPrint, unitNames, type PrintedItem } from './src/print/items.js';
