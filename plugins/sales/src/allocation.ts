/**
 * Deliveries and invoices work on sales order lines: each of their lines names an order line
 * (sales_order_item) and a qty. allocate() checks the qty against what is left (ordered minus
 * delivered, or minus billed), fills the line from the order line and gives it its exact share
 * of the order line's amount and tax (pricing.ts shareOf).
 */
import { Decimal, type Doc, type FieldProblem } from '@tessera/core';
import { errors } from '../errors.js';
import { noShares, type OrderLineRow, type OrderRow, type Shares } from './order-progress.js';
import { shareOf } from './pricing.js';
import { D, show } from './util.js';

export type Kind = 'delivery' | 'sales_invoice';

export interface Allocation {
  problems: FieldProblem[];
  /** Per document line (same order): its order line and the qty. */
  rows: { line: Doc; orderLine: OrderLineRow; qty: Decimal }[];
}

export function allocate(kind: Kind, order: OrderRow, docLines: Doc[], orderLines: Map<number, OrderLineRow>, taken: Map<number, Shares>): Allocation {
  const problems: FieldProblem[] = [];
  const rows: Allocation['rows'] = [];
  const inDoc = new Map<number, Shares>();
  docLines.forEach((line, i) => {
    const ol = orderLines.get(Number(line.sales_order_item));
    if (!ol) {
      problems.push(errors.problem(`lines/${i}/sales_order_item`, 'not_order_line', { line: String(line.sales_order_item), number: order.number }));
      return;
    }
    const qty = D(line.qty);
    const mine = inDoc.get(ol.id) ?? noShares();
    const done = D(kind === 'delivery' ? ol.delivered_qty : ol.billed_qty);
    const left = D(ol.qty).sub(done).sub(mine.qty);
    if (qty.gt(left))
      problems.push(
        errors.problem(`lines/${i}/qty`, kind === 'delivery' ? 'left_to_deliver' : 'left_to_bill', {
          left: show(left.lt(0) ? 0 : left),
          item: ol.item_code,
          number: order.number,
          line: ol.idx + 1,
          ordered: show(ol.qty),
          done: show(done.add(mine.qty)),
        }),
      );
    const before = taken.get(ol.id) ?? noShares();
    const doneQty = before.qty.add(mine.qty);
    const amount = shareOf(ol.amount, ol.qty, qty, doneQty, before.amount.add(mine.amount));
    const tax = shareOf(ol.tax_amount, ol.qty, qty, doneQty, before.tax.add(mine.tax));
    inDoc.set(ol.id, { qty: mine.qty.add(qty), amount: mine.amount.add(amount), tax: mine.tax.add(tax) });
    line.item = ol.item;
    line.rate = ol.rate;
    line.amount = amount.toFixed(2);
    if (kind === 'delivery') {
      if (line.warehouse == null) line.warehouse = ol.warehouse;
    } else {
      line.discount_percent = ol.discount_percent;
      line.tax_rate = ol.tax_rate ?? order.tax_rate ?? '0';
      line.tax_amount = tax.toFixed(2);
    }
    rows.push({ line, orderLine: ol, qty });
  });
  return { problems, rows };
}

/** Sum of a decimal column over lines. */
export const sumOf = (lines: Doc[], field: string): Decimal => lines.reduce<Decimal>((acc, l) => acc.add(D(l[field])), new Decimal(0));
