/**
 * Exact document arithmetic (decimal.js, half-up to the cent):
 *   gross    = qty x rate
 *   discount = qty x rate x discount% / 100
 *   amount   = gross - discount                      (net, before tax)
 *   tax      = amount x tax% / 100, tax% = the line's, else the document's
 *   totals   = sums of the lines; grand total = net total + tax total
 * Deliveries and invoices take their share of an order line with shareOf(), so that the
 * documents of one order add up to the order to the cent.
 */
import { Decimal, type Doc } from '@tessera/core';
import { D, round2 } from './util.js';

export function priceLines(doc: Doc): void {
  const lines = (doc.lines ?? []) as Doc[];
  let qty = new Decimal(0);
  let gross = new Decimal(0);
  let discount = new Decimal(0);
  let net = new Decimal(0);
  let tax = new Decimal(0);
  for (const line of lines) {
    const exact = D(line.qty).mul(D(line.rate));
    const lineGross = round2(exact);
    const lineDiscount = round2(exact.mul(D(line.discount_percent)).div(100));
    const amount = lineGross.sub(lineDiscount);
    const rate = line.tax_rate ?? doc.tax_rate;
    const lineTax = round2(amount.mul(D(rate)).div(100));
    line.discount_percent = D(line.discount_percent).toFixed(2);
    line.gross_amount = lineGross.toFixed(2);
    line.discount_amount = lineDiscount.toFixed(2);
    line.amount = amount.toFixed(2);
    line.tax_amount = lineTax.toFixed(2);
    qty = qty.add(D(line.qty));
    gross = gross.add(lineGross);
    discount = discount.add(lineDiscount);
    net = net.add(amount);
    tax = tax.add(lineTax);
  }
  doc.total_qty = qty.toFixed(6);
  doc.gross_total = gross.toFixed(2);
  doc.discount_total = discount.toFixed(2);
  doc.net_total = net.toFixed(2);
  doc.tax_total = tax.toFixed(2);
  doc.grand_total = net.add(tax).toFixed(2);
}

/**
 * The part of an order line's total (amount or tax) that `qty` carries, given what earlier
 * documents already took: proportional, and the share that completes the line takes the
 * remainder, so the shares add up to the line's total exactly.
 */
export function shareOf(lineTotal: unknown, lineQty: unknown, qty: Decimal, doneQty: Decimal, doneTotal: Decimal): Decimal {
  if (doneQty.add(qty).gte(D(lineQty))) return D(lineTotal).sub(doneTotal);
  return round2(D(lineTotal).mul(qty).div(D(lineQty)));
}
