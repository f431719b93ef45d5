/**
 * The purchasing plugin's public read models (see ViewDefinition in @tessera/core): other plugins
 * read these views, or the functions of api.ts, never the tables behind them. Every column of
 * the table is there, with the fields other plugins add to the entity.
 */
import type { ViewDefinition } from '@tessera/core';

export const views: Record<string, ViewDefinition> = {
  supplier: { entity: 'supplier', description: 'Suppliers.' },
  order: { entity: 'purchase_order', description: 'Purchase order headers.' },
  order_line: { entity: 'purchase_order.lines', description: 'Purchase order lines (parent_id is the order).' },
  receipt: { entity: 'goods_receipt', description: 'Goods receipt headers.' },
  receipt_line: { entity: 'goods_receipt.lines', description: 'Goods receipt lines (parent_id is the receipt).' },
  supplier_invoice: { entity: 'supplier_invoice', description: 'Supplier invoice headers.' },
  supplier_invoice_line: { entity: 'supplier_invoice.lines', description: 'Supplier invoice lines (parent_id is the invoice).' },
};
