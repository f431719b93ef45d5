/**
 * Credit limit per customer (accounting's `credit_limit`, `credit_limit_action` on
 * sales.customer). Submitting a sales order computes the customer's exposure in the company
 * currency: what the ledger says they owe (receivable balance, advances netted) + the unbilled
 * part of their other submitted orders + this order, orders counted by their base_grand_total. Beyond the limit, `block` refuses the
 * submit (422 CREDIT_LIMIT_EXCEEDED with the figures) and `warn` submits with the figures in
 * the order's `credit_limit_note`.
 */
import { Decimal, renderMessage, type Doc, type EntityHooks, type Hook, type Lang, type ServiceContext } from '@tessera/core';
import { ledgerError } from '../ledger/errors.js';
import { GL_TABLE } from '../ledger/post.js';
import { errors } from '../ledger/errors.js';

/**
 * An order's company-currency figure is its base_grand_total (grand total x its rate, to the
 * cent): one source of truth. An order saved before it existed counts its grand total in the
 * company currency (rate 1) and nothing in another one until the rate backfill fills it.
 */
const BASE_TOTAL = `coalesce(base_grand_total, case when currency is null or currency = $3 then grand_total end, 0)`;

export async function customerExposure(ctx: ServiceContext, customer: number, exceptOrder: number | null): Promise<{ owed: Decimal; ordered: Decimal }> {
  const [r] = await ctx.sql<{ owed: string }>(
    `select coalesce(sum(g.debit - g.credit), 0)::text as owed from ${GL_TABLE} g join accounting_account a on a.id = g.account
      where a.account_type = 'receivable' and g.party_type = 'customer' and g.party = $1`,
    [customer],
  );
  const [o] = await ctx.sql<{ unbilled: string }>(
    `select coalesce(sum(round(${BASE_TOTAL} * (1 - coalesce(per_billed, 0) / 100), 2)), 0)::text as unbilled from sales_v_order
      where customer = $1 and docstatus = 'submitted' and status not in ('completed', 'cancelled') and id <> $2`,
    [customer, exceptOrder ?? 0, ctx.config.company.currency],
  );
  return { owed: new Decimal(r!.owed), ordered: new Decimal(o!.unbilled) };
}

const checkCreditLimit: Hook = async (args) => {
  const doc: Doc = args.doc;
  const [c] = await args.sql<{ name: string; credit_limit: string | null; credit_limit_action: string | null }>(
    `select name, credit_limit::text, credit_limit_action from sales_v_customer where id = $1`,
    [doc.customer],
  );
  if (!c || c.credit_limit == null) return;
  const limit = new Decimal(c.credit_limit);
  const { owed, ordered } = await customerExposure(args, Number(doc.customer), Number(doc.id));
  // The order's own figure in the company currency, as the document computed it (x-compute: grand_total x exchange_rate).
  const company = !doc.currency || doc.currency === args.config.company.currency;
  const self = new Decimal(String(doc.base_grand_total ?? (company ? (doc.grand_total ?? 0) : 0)));
  const exposure = owed.add(ordered).add(self);
  if (exposure.lte(limit)) {
    doc.credit_limit_note = null;
    return;
  }
  const figures = {
    owed: owed.toFixed(2),
    ordered: ordered.toFixed(2),
    self: self.toFixed(2),
    exposure: exposure.toFixed(2),
    limit: limit.toFixed(2),
    over: exposure.sub(limit).toFixed(2),
    currency: args.config.company.currency,
  };
  if (c.credit_limit_action === 'warn') {
    // The note is stored text: in the company's language.
    doc.credit_limit_note = (renderMessage('accounting.credit_limit_note', figures, args.config.company.locale as Lang) ?? '').slice(0, 500);
    return;
  }
  throw ledgerError('CREDIT_LIMIT_EXCEEDED', errors.t('customer_collect_payment_raise_limit', { name: String(c.name), ...figures }), [
    { path: 'customer', ...errors.t('credit_limit_figures', figures), code: 'credit_limit' },
  ]);
};
export const creditLimitHooks: EntityHooks = { beforeSubmit: checkCreditLimit };
