/**
 * Sales invoice: Receivables Dr (party: the customer) for the grand total / Income Cr per
 * item group's income account (else the default), net of discount / Output VAT Cr per tax
 * account of each line's template (or of the template with the line's bare rate).
 */
import { Decimal, type Doc } from '@tessera/core';
import type { PostingRule } from '../contract.js';
import { taxPostings } from '../tax/templates.js';
import { accounts, D, itemGroups, voucherOf, VoucherLines } from './common.js';
import { assertCompanyCurrency } from './errors.js';

export const SALES_INVOICE = 'sales.sales_invoice';

export const salesInvoiceRule: PostingRule = {
  voucherType: SALES_INVOICE,
  plugin: 'sales',
  async build(ctx, doc) {
    assertCompanyCurrency(ctx, doc, 'Sales invoice');
    const account = accounts(ctx);
    const lines = new VoucherLines();
    const items: Doc[] = doc.lines ?? [];
    const groups = await itemGroups(ctx, items.map((l) => l.item));
    let total = new Decimal(0);
    for (const l of items) {
      const group = groups.get(Number(l.item));
      lines.credit(await account('income', group != null ? { itemGroup: group } : {}), D(l.amount));
      total = total.add(D(l.amount));
    }
    for (const t of await taxPostings(ctx, 'sales', items.map((l) => ({ template: l.tax_template, rate: l.tax_rate, amount: D(l.tax_amount) })))) {
      lines.credit(t.account, t.amount);
      total = total.add(t.amount);
    }
    lines.debit(await account('receivable'), total, { party_type: 'customer', party: Number(doc.customer) });
    return voucherOf(SALES_INVOICE, doc, lines, undefined, `Sales invoice ${doc.number}`);
  },
};
