/**
 * Sales invoice: Receivables Dr (party: the customer) for the grand total / Income Cr per
 * item group's income account (else the default), net of discount / Output VAT Cr per tax
 * account of each line's template (or of the template with the line's bare rate).
 */
import { Decimal, type Doc } from '@tessera/core';
import type { PostingRule } from '../contract.js';
import { taxPostings } from '../tax/templates.js';
import { accounts, D, itemGroups, voucherOf, VoucherLines } from './common.js';
import { documentRate } from '../currency/documents.js';

export const SALES_INVOICE = 'sales.sales_invoice';

export const salesInvoiceRule: PostingRule = {
  voucherType: SALES_INVOICE,
  plugin: 'sales',
  async build(ctx, doc) {
    // A foreign-currency invoice posts at its rate (fixed at submit) and keeps the invoice-currency amount on the receivable line.
    const { rate, foreign } = await documentRate(ctx, doc);
    const account = accounts(ctx);
    const lines = new VoucherLines();
    const items: Doc[] = doc.lines ?? [];
    const groups = await itemGroups(
      ctx,
      items.map((l) => l.item),
    );
    let total = new Decimal(0);
    for (const l of items) {
      const group = groups.get(Number(l.item));
      lines.credit(await account('income', group != null ? { itemGroup: group } : {}), D(l.amount).mul(rate));
      total = total.add(D(l.amount));
    }
    for (const t of await taxPostings(
      ctx,
      'sales',
      items.map((l) => ({ template: l.tax_template, rate: l.tax_rate, amount: D(l.tax_amount) })),
    )) {
      lines.credit(t.account, t.amount.mul(rate));
      total = total.add(t.amount);
    }
    // Each line is rounded to the cent in the company currency; a residual goes to the round-off account (postVoucher).
    const inCurrency = foreign ? { inCurrency: { code: String(doc.currency), rate, amount: total } } : {};
    lines.debit(await account('receivable'), total.mul(rate), { party_type: 'customer', party: Number(doc.customer), ...inCurrency });
    return voucherOf(SALES_INVOICE, doc, lines, undefined, `Sales invoice ${doc.number}`);
  },
};
