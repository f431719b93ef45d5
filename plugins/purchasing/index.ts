import { definePlugin } from '@tessera/core';
import { billAction, purchaseOrderHooks, receiveAction } from './src/purchase-order.js';
import { goodsReceiptHooks } from './src/goods-receipt.js';
import { supplierInvoiceHooks } from './src/supplier-invoice.js';
import { makePurchaseOrderAction, purchaseRequestHooks } from './src/purchase-request.js';
import { registerReports } from './src/reports.js';
import { registerBuyingDefaults } from './src/buying-defaults.js';
import { scheduledReorder } from './src/reorder.js';
import { loadPurchasingDemo } from './src/demo.js';
import { errors } from './errors.js';
import { purchasingPrintFormats } from './src/print/buying.js';
import { views } from './src/views.js';

/**
 * Purchasing: suppliers, purchase requests, purchase orders, goods receipts (stock in through
 * the inventory plugin's postStock) and supplier invoices, with derived order status.
 */
export default definePlugin({
  name: 'purchasing',
  errors: errors.codes,
  views,
  version: '1.0.0',
  label: 'Purchasing',
  labels: { lt: 'Pirkimai' },
  description: 'Suppliers, purchase requests, purchase orders, goods receipts and supplier invoices',
  icon: 'shopping_cart',
  dependsOn: ['inventory'],
  settingsSchema: {
    properties: {
      over_receipt_allowance: { type: 'number', minimum: 0, maximum: 1000, default: 0, description: 'Percent a purchase order line may be over-received.' },
      over_billing_allowance: { type: 'number', minimum: 0, maximum: 1000, default: 0, description: 'Percent a purchase order line may be over-billed.' },
      auto_reorder: {
        type: 'boolean',
        default: true,
        description: 'The hourly reorder check raises purchase requests for items at or below their reorder level.',
      },
    },
  },
  printFormats: purchasingPrintFormats,
  roles: {
    'purchasing.user': {
      label: 'Purchasing user',
      permissions: {
        'purchasing.supplier': ['read', 'create', 'update'],
        'purchasing.purchase_request': ['read', 'create', 'update', 'delete', 'submit', 'make_purchase_order'],
        'purchasing.purchase_order': ['read', 'create', 'update', 'delete', 'submit', 'receive', 'bill'],
        'purchasing.goods_receipt': ['read', 'create', 'update', 'delete', 'submit'],
        'purchasing.supplier_invoice': ['read', 'create', 'update', 'delete', 'submit'],
        'inventory.item': ['read'],
        'inventory.warehouse': ['read'],
        'inventory.uom': ['read'],
        'inventory.bin': ['read'],
      },
    },
    'purchasing.manager': {
      label: 'Purchasing manager (approves orders above 10,000)',
      permissions: {
        'purchasing.supplier': '*',
        'purchasing.purchase_request': '*',
        'purchasing.purchase_order': '*',
        'purchasing.goods_receipt': '*',
        'purchasing.supplier_invoice': '*',
        'inventory.item': ['read'],
        'inventory.warehouse': ['read'],
        'inventory.uom': ['read'],
        'inventory.bin': ['read'],
      },
    },
  },
  hooks: {
    purchase_order: purchaseOrderHooks,
    goods_receipt: goodsReceiptHooks,
    supplier_invoice: supplierInvoiceHooks,
    purchase_request: purchaseRequestHooks,
  },
  actions: {
    purchase_order: { receive: receiveAction, bill: billAction },
    purchase_request: { make_purchase_order: makePurchaseOrderAction },
  },
  schedules: [{ name: 'reorder', cron: '15 * * * *', handler: scheduledReorder }],
  // Widgets count only the orders the viewer's row rule admits (rowFilter), like the lists do.
  dashboard: [
    {
      id: 'open_purchase_orders',
      label: 'Open purchase orders',
      labels: { lt: 'Vykdomi pirkimo užsakymai' },
      kind: 'number',
      entity: 'purchasing.purchase_order',
      reads: { 'purchasing.purchase_order': ['status'] },
      query: async ({ sql, rowFilter }) => {
        const params: unknown[] = [];
        const scope = rowFilter('purchasing.purchase_order', 'o', (v) => `$${params.push(v)}`);
        return {
          value: (
            await sql<{ n: number }>(
              `select count(*)::int as n from purchasing_purchase_order o where o.docstatus = 'submitted' and o.status <> 'completed' and ${scope}`,
              params,
            )
          )[0]!.n,
        };
      },
    },
    {
      id: 'received_not_billed',
      label: 'Received, not billed',
      labels: { lt: 'Gauta, bet be sąskaitos' },
      kind: 'money',
      entity: 'purchasing.purchase_order',
      // In the company currency: each order's amount at its exchange rate.
      reads: { 'purchasing.purchase_order': ['exchange_rate', 'lines.received_qty', 'lines.rate', 'lines.billed_amount'] },
      query: async ({ sql, rowFilter }) => {
        const params: unknown[] = [];
        const scope = rowFilter('purchasing.purchase_order', 'o', (v) => `$${params.push(v)}`);
        return {
          value: (
            await sql<{ v: string }>(
              `select coalesce(sum(round((round(l.received_qty * l.rate, 2) - l.billed_amount) * coalesce(o.exchange_rate, 1), 2)), 0)::numeric(18,2)::text as v
               from purchasing_purchase_order_line l join purchasing_purchase_order o on o.id = l.parent_id
              where o.docstatus = 'submitted' and round(l.received_qty * l.rate, 2) > l.billed_amount and ${scope}`,
              params,
            )
          )[0]!.v,
        };
      },
    },
    {
      id: 'orders_by_status',
      label: 'Purchase orders by status',
      labels: { lt: 'Pirkimo užsakymai pagal būseną' },
      kind: 'pie',
      entity: 'purchasing.purchase_order',
      reads: { 'purchasing.purchase_order': ['status'] },
      query: async ({ sql, rowFilter }) => {
        const params: unknown[] = [];
        const scope = rowFilter('purchasing.purchase_order', 'o', (v) => `$${params.push(v)}`);
        return {
          series: await sql<{ label: string; value: number }>(
            `select o.status as label, count(*)::int as value from purchasing_purchase_order o where ${scope} group by o.status order by o.status`,
            params,
          ),
        };
      },
    },
  ],
  demo: loadPurchasingDemo,
  setup: (s) => {
    registerReports(s);
    registerBuyingDefaults(s);
  },
});
