/**
 * Supplier invoice: Payables Cr (party: the supplier) for the grand total; per line
 * - a stock item: Stock received but not billed Dr at the receipt's value of the billed qty
 *   (the average value per unit of the order line's submitted receipts; qty not received yet at
 *   the order's rate, which is what its receipt will post), and the difference between the
 *   invoice amount and that value to the price-difference account;
 * - anything else (a service, a non-stock item, a line without item): its item group's
 *   expense account, else the default expense account;
 * - input VAT Dr per tax account of the line's template.
 * Amounts in the company currency at the purchase order's exchange rate (1 without an order).
 */
import { Decimal, type Doc } from '@tessera/core';
import { LEDGER_TABLE } from '@tessera/plugin-inventory/api';
import type { PostingRule } from '../contract.js';
import { taxPostings } from '../tax/templates.js';
import { accounts, cents, D, voucherOf, VoucherLines } from './common.js';
import { rateOn } from '../currency/rates.js';

export const SUPPLIER_INVOICE = 'purchasing.supplier_invoice';

interface Received {
  qty: Decimal;
  value: Decimal;
  poRate: Decimal;
  exchange: Decimal;
}

/** Per purchase order line: accepted qty and stock value of its submitted receipts, the order rate and exchange rate. */
async function receivedOf(ctx: Parameters<PostingRule['build']>[0], poLines: number[]): Promise<Map<number, Received>> {
  if (!poLines.length) return new Map();
  const rows = await ctx.sql<{ id: number; rate: string; exchange_rate: string | null; qty: string; value: string }>(
    `select pl.id, pl.rate::text, po.exchange_rate::text,
            coalesce((select sum(gl.qty) from purchasing_v_receipt_line gl join purchasing_v_receipt g on g.id = gl.parent_id
                       where gl.purchase_order_line = pl.id and g.docstatus = 'submitted'), 0)::text as qty,
            coalesce((select sum(e.value_change) from purchasing_v_receipt_line gl join purchasing_v_receipt g on g.id = gl.parent_id
                       join ${LEDGER_TABLE} e on e.voucher_type = 'purchasing.goods_receipt' and e.voucher_id = g.id and e.voucher_line = gl.id and e.warehouse = gl.warehouse
                      where gl.purchase_order_line = pl.id and g.docstatus = 'submitted' and not e.is_reversal
                        and not exists (select 1 from ${LEDGER_TABLE} r where r.reverses = e.id)), 0)::text as value
       from purchasing_v_order_line pl join purchasing_v_order po on po.id = pl.parent_id
      where pl.id = any($1::bigint[])`,
    [poLines],
  );
  return new Map(rows.map((r) => [Number(r.id), { qty: D(r.qty), value: D(r.value), poRate: D(r.rate), exchange: D(r.exchange_rate ?? 1) }]));
}

export const supplierInvoiceRule: PostingRule = {
  voucherType: SUPPLIER_INVOICE,
  plugin: 'purchasing',
  async build(ctx, doc) {
    const account = accounts(ctx);
    const lines = new VoucherLines();
    const items: Doc[] = doc.lines ?? [];
    const itemRows = await ctx.sql<{ id: number; item_group: number | null; is_stock_item: boolean }>(
      `select id, item_group, is_stock_item from inventory_v_item where id = any($1::bigint[])`,
      [items.map((l) => l.item).filter((x) => x != null)],
    );
    const itemById = new Map(itemRows.map((r) => [Number(r.id), r]));
    const received = await receivedOf(
      ctx,
      items
        .map((l) => l.purchase_order_line)
        .filter((x) => x != null)
        .map(Number),
    );
    let exchange = new Decimal(1);
    let currency: string = doc.currency ?? ctx.config.company.currency;
    if (doc.purchase_order != null) {
      const [po] = await ctx.sql<{ exchange_rate: string | null; currency: string | null }>(
        `select exchange_rate::text, currency from purchasing_v_order where id = $1`,
        [doc.purchase_order],
      );
      exchange = D(po?.exchange_rate ?? 1);
      currency = doc.currency ?? po?.currency ?? currency;
    } else if (currency !== ctx.config.company.currency)
      exchange = doc.exchange_rate ? D(doc.exchange_rate) : await rateOn(ctx, currency, String(doc.posting_date));
    let inCurrency = new Decimal(0); // the grand total in the invoice's currency (kept on the payable line)
    let total = new Decimal(0);
    for (const l of items) {
      const rcv = l.purchase_order_line != null ? received.get(Number(l.purchase_order_line)) : undefined;
      const ex = rcv?.exchange ?? exchange;
      const amount = D(l.amount).mul(ex);
      total = total.add(amount);
      inCurrency = inCurrency.add(D(l.amount)).add(D(l.tax_amount));
      const item = l.item != null ? itemById.get(Number(l.item)) : undefined;
      if (!item?.is_stock_item) {
        lines.debit(await account('expense', item?.item_group != null ? { itemGroup: Number(item.item_group) } : {}), amount);
        continue;
      }
      let srnb = amount;
      if (rcv) {
        const qty = D(l.qty);
        const fromReceipts = Decimal.min(qty, rcv.qty);
        const perUnit = rcv.qty.gt(0) ? rcv.value.div(rcv.qty) : new Decimal(0);
        srnb = fromReceipts.mul(perUnit).add(Decimal.max(qty.sub(rcv.qty), 0).mul(rcv.poRate).mul(ex));
      }
      lines.debit(await account('srnb'), srnb, { remarks: 'received, not billed' });
      const difference = amount.sub(srnb);
      if (!cents(difference).isZero()) lines.debit(await account('price_difference'), difference);
    }
    for (const t of await taxPostings(
      ctx,
      'purchase',
      items.map((l) => ({ template: l.tax_template ?? doc.tax_template, rate: l.tax_rate, amount: D(l.tax_amount).mul(exchange) })),
    )) {
      lines.debit(t.account, t.amount);
      total = total.add(t.amount);
    }
    const foreign = currency !== ctx.config.company.currency ? { inCurrency: { code: currency, rate: exchange, amount: inCurrency } } : {};
    lines.credit(await account('payable'), total, { party_type: 'supplier', party: Number(doc.supplier), ...foreign });
    return voucherOf(SUPPLIER_INVOICE, doc, lines, undefined, `Supplier invoice ${doc.number}${doc.bill_no ? ` (${doc.bill_no})` : ''}`);
  },
};
