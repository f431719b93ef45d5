/**
 * The sales plugin's public read models (see ViewDefinition in @tessera/core): other plugins
 * read these views, or the functions of api.ts, never the tables behind them. Every column of
 * the table is there, with the fields other plugins add to the entity.
 */
import type { ViewDefinition } from '@tessera/core';

export const views: Record<string, ViewDefinition> = {
  customer: { entity: 'customer', description: 'Customers (name, currency, the terms and credit limit accounting adds).' },
  order: { entity: 'sales_order', description: 'Sales order headers.' },
  order_line: { entity: 'sales_order.lines', description: 'Sales order lines (parent_id is the order).' },
  invoice: { entity: 'sales_invoice', description: 'Sales invoice headers (outstanding amount and payment status from accounting).' },
  invoice_line: { entity: 'sales_invoice.lines', description: 'Sales invoice lines (parent_id is the invoice).' },
  quotation: { entity: 'quotation', description: 'Quotation headers.' },
  quotation_line: { entity: 'quotation.lines', description: 'Quotation lines (parent_id is the quotation).' },
  delivery: { entity: 'delivery', description: 'Delivery headers.' },
  delivery_line: { entity: 'delivery.lines', description: 'Delivery lines (parent_id is the delivery; sales_order_item links the order line).' },
};
