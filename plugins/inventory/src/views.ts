/**
 * The inventory plugin's public read models (see ViewDefinition in @tessera/core): other plugins
 * read these views, or the functions of api.ts, never the tables behind them. Every column of
 * the table is there, with the fields other plugins add to the entity.
 */
import type { ViewDefinition } from '@tessera/core';

export const views: Record<string, ViewDefinition> = {
  item: { entity: 'item', description: 'Items.' },
  item_uom: { entity: 'item.uoms', description: 'Units an item is counted in, with their conversion factor (parent_id is the item).' },
  uom: { entity: 'uom', description: 'Units of measure.' },
  item_group: { entity: 'item_group', description: 'Item groups (parent is the group above).' },
  warehouse: { entity: 'warehouse', description: 'Warehouses (parent is the group above; groups hold no stock).' },
  bin: { entity: 'bin', description: 'Stock on hand, reserved and ordered, per item and warehouse.' },
  stock_entry: { entity: 'stock_entry', description: 'Stock entry headers.' },
  stock_ledger: { entity: 'stock_ledger_entry', description: 'The stock ledger (one row per stock movement).' },
};
