/**
 * The exchange rate a document posts at: fixed on the document at submit (`exchange_rate`,
 * from accounting.exchange_rate on the document date, or the purchase order's), 1 in the
 * company currency. Posting rules and payments read it back from the document.
 */
import { Decimal, type Doc, type ExchangeRateProvider, type Hook, type ServiceContext } from '@tessera/core';
import { rateOn } from './rates.js';

export async function documentRate(
  ctx: Pick<ServiceContext, 'sql' | 'config'>,
  doc: Doc,
  dateField = 'posting_date',
): Promise<{ rate: Decimal; foreign: boolean }> {
  const company = ctx.config.company.currency;
  if (!doc.currency || doc.currency === company) return { rate: new Decimal(1), foreign: false };
  if (doc.exchange_rate != null && doc.exchange_rate !== '') return { rate: new Decimal(String(doc.exchange_rate)), foreign: true };
  return { rate: await rateOn(ctx, String(doc.currency), String(doc[dateField])), foreign: true };
}

/**
 * The platform's rate provider (PluginDefinition.exchangeRates): sales and purchasing drafts in
 * another currency without a rate take the rate of their date from accounting.exchange_rate, or
 * are refused (422 EXCHANGE_RATE_MISSING naming the currency and the date) when none is recorded.
 * A rate the user entered stays. They ask before pricing lines, so lines and totals use this rate.
 */
export const rateProvider: ExchangeRateProvider = {
  rateOn: async (ctx, from, date, path) => (await rateOn(ctx, from, date, path)).toFixed(9),
};

/** beforeSubmit of sales invoices: fix the rate of the invoice date on the document (drafts from before the filler). */
export const fixSalesInvoiceRate: Hook = async (args) => {
  const { rate } = await documentRate(args, args.doc);
  args.doc.exchange_rate = rate.toFixed(9);
};

/** beforeSubmit of supplier invoices: the purchase order's rate, else the rate of the posting date. */
export const fixSupplierInvoiceRate: Hook = async (args) => {
  const { doc } = args;
  if (doc.purchase_order != null) {
    const [po] = await args.sql<{ exchange_rate: string | null; currency: string | null }>(
      `select exchange_rate::text, currency from purchasing_v_order where id = $1`,
      [doc.purchase_order],
    );
    if (!doc.currency && po?.currency) doc.currency = po.currency;
    doc.exchange_rate = new Decimal(po?.exchange_rate ?? 1).toFixed(9);
    return;
  }
  const { rate } = await documentRate(args, doc);
  doc.exchange_rate = rate.toFixed(9);
};
