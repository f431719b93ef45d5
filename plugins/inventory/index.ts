import { definePlugin } from '@tessera/core';
import { figure, series, widgetParams } from '@tessera/plugin-kit';
import { APPEND_ONLY_SQL, masterHooks } from './src/masters.js';
import { documentHooks } from './src/stock-entry.js';
import { registerReports } from './src/reports.js';
import { loadInventoryDemo, seedUnits } from './src/demo.js';
import { commands } from './src/commands.js';
import { errors } from './errors.js';
import { views } from './src/views.js';
import { seedTitles } from './src/seed-titles.js';

/**
 * Inventory: items, units, warehouses (a tree), stock entries and counts, and the stock
 * ledger with per item/warehouse balances (moving average or FIFO, exact decimals).
 * Other plugins post stock through the API in src/stock.ts.
 */
export default definePlugin({
  name: 'inventory',
  errors: errors.codes,
  views,
  seedTitles,
  version: '1.0.0',
  label: 'Inventory',
  labels: { lt: 'Atsargos' },
  description: 'Items, warehouses, stock entries, stock ledger and valuation',
  icon: 'warehouse',
  commands,
  settingsSchema: {
    properties: {
      allow_negative_stock: {
        type: 'boolean',
        default: false,
        description: 'Allow issues beyond the stock on hand for every item (items can allow it one by one).',
      },
      default_valuation_method: {
        type: 'string',
        enum: ['moving_average', 'fifo'],
        default: 'moving_average',
        description: 'Valuation method of new items that do not name one.',
      },
    },
  },
  roles: {
    'inventory.manager': {
      label: 'Inventory manager',
      permissions: {
        'inventory.item': '*',
        'inventory.item_group': '*',
        'inventory.uom': '*',
        'inventory.warehouse': '*',
        'inventory.stock_entry': '*',
        'inventory.stock_reconciliation': '*',
        'inventory.bin': ['read', 'export'],
        'inventory.stock_ledger_entry': ['read', 'export'],
      },
    },
    'inventory.clerk': {
      label: 'Stock clerk',
      permissions: {
        'inventory.item': ['read'],
        'inventory.item_group': ['read'],
        'inventory.uom': ['read'],
        'inventory.warehouse': ['read'],
        'inventory.stock_entry': ['read', 'create', 'update', 'delete', 'submit'],
        'inventory.stock_reconciliation': ['read', 'create', 'update'],
        'inventory.bin': ['read'],
        'inventory.stock_ledger_entry': ['read'],
      },
    },
  },
  hooks: { ...masterHooks, ...documentHooks },
  // Widgets count only the rows the viewer's row rules admit (rowFilter), like the lists do.
  dashboard: [
    {
      id: 'stock_value',
      label: 'Stock value',
      labels: { lt: 'Atsargų vertė' },
      kind: 'money',
      entity: 'inventory.bin',
      reads: { 'inventory.bin': ['stock_value'] },
      query: async (ctx) => {
        const p = widgetParams(ctx);
        return figure(
          ctx,
          `select coalesce(sum(b.stock_value), 0)::numeric(21,2)::text as v from inventory_bin b where ${p.rule('inventory.bin', 'b')}`,
          p.params,
        );
      },
    },
    {
      id: 'stock_value_by_warehouse',
      label: 'Stock value per warehouse',
      labels: { lt: 'Atsargų vertė pagal sandėlį' },
      kind: 'bar',
      entity: 'inventory.bin',
      reads: { 'inventory.bin': ['stock_value', 'warehouse'], 'inventory.warehouse': ['name'] },
      query: async (ctx) => {
        const p = widgetParams(ctx);
        return series(
          ctx,
          `select w.name as label, sum(b.stock_value)::numeric(21,2)::text as value
             from inventory_bin b join inventory_warehouse w on w.id = b.warehouse
            where ${p.rule('inventory.bin', 'b')}
            group by w.name having sum(b.stock_value) <> 0 order by sum(b.stock_value) desc`,
          p.params,
        );
      },
    },
    {
      id: 'items_to_reorder',
      label: 'Items at or below reorder level',
      labels: { lt: 'Prekės, kurias reikia papildyti' },
      kind: 'number',
      entity: 'inventory.item',
      reads: {
        'inventory.item': ['is_stock_item', 'disabled', 'reorder_levels.warehouse', 'reorder_levels.reorder_level'],
        'inventory.bin': ['item', 'warehouse', 'projected_qty'],
      },
      query: async (ctx) => {
        const p = widgetParams(ctx);
        return figure(
          ctx,
          `select count(*)::int as v from inventory_item_reorder r join inventory_item i on i.id = r.parent_id
           left join inventory_bin b on b.item = r.parent_id and b.warehouse = r.warehouse
          where i.is_stock_item and not i.disabled and coalesce(b.projected_qty, 0) <= r.reorder_level and ${p.rule('inventory.item', 'i')}`,
          p.params,
        );
      },
    },
  ],
  async seed(ctx) {
    for (const statement of APPEND_ONLY_SQL) await ctx.sql(statement);
    await seedUnits(ctx);
  },
  demo: loadInventoryDemo,
  setup: registerReports,
});
