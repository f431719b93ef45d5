/**
 * Credit limit per customer (accounting's `credit_limit`, `credit_limit_action` on
 * sales.customer). Submitting a sales order computes the customer's exposure in the company
 * currency: what the ledger says they owe (receivable balance, advances netted) + the unbilled
 * part of their other submitted orders + this order. Beyond the limit, `block` refuses the
 * submit (422 CREDIT_LIMIT_EXCEEDED with the figures) and `warn` submits with the figures in
 * the order's `credit_limit_note`.
 */
import { Decimal, type Doc, type EntityHooks, type Hook, type ServiceContext } from '@tessera/core';
import { rateOn } from '../currency/rates.js';
import { ledgerError } from '../ledger/errors.js';
import { GL_TABLE } from '../ledger/post.js';
import { errors } from '../ledger/errors.js';

async function toCompany(ctx: ServiceContext, amount: Decimal, currency: string | null, date: string): Promise<Decimal> {
  if (!currency || currency === ctx.config.company.currency) return amount;
  return amount.mul(await rateOn(ctx, currency, date)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export async function customerExposure(
  ctx: ServiceContext,
  customer: number,
  exceptOrder: number | null,
  date: string,
): Promise<{ owed: Decimal; ordered: Decimal }> {
  const [r] = await ctx.sql<{ owed: string }>(
    `select coalesce(sum(g.debit - g.credit), 0)::text as owed from ${GL_TABLE} g join accounting_account a on a.id = g.account
      where a.account_type = 'receivable' and g.party_type = 'customer' and g.party = $1`,
    [customer],
  );
  const orders = await ctx.sql<{ unbilled: string; currency: string | null }>(
    `select (grand_total * (1 - coalesce(per_billed, 0) / 100))::text as unbilled, currency from sales_v_order
      where customer = $1 and docstatus = 'submitted' and status not in ('completed', 'cancelled') and id <> $2`,
    [customer, exceptOrder ?? 0],
  );
  let ordered = new Decimal(0);
  for (const o of orders) ordered = ordered.add(await toCompany(ctx, new Decimal(o.unbilled), o.currency, date));
  return { owed: new Decimal(r!.owed), ordered: ordered.toDecimalPlaces(2, Decimal.ROUND_HALF_UP) };
}

const checkCreditLimit: Hook = async (args) => {
  const doc: Doc = args.doc;
  const [c] = await args.sql<{ name: string; credit_limit: string | null; credit_limit_action: string | null }>(
    `select name, credit_limit::text, credit_limit_action from sales_v_customer where id = $1`,
    [doc.customer],
  );
  if (!c || c.credit_limit == null) return;
  const date = String(doc.order_date ?? (await args.sql<{ d: string }>(`select current_date::text as d`))[0]!.d);
  const limit = new Decimal(c.credit_limit);
  const { owed, ordered } = await customerExposure(args, Number(doc.customer), Number(doc.id), date);
  const self = await toCompany(args, new Decimal(String(doc.grand_total ?? 0)), doc.currency ?? null, date);
  const exposure = owed.add(ordered).add(self);
  if (exposure.lte(limit)) {
    doc.credit_limit_note = null;
    return;
  }
  const cur = args.config.company.currency;
  const figures = `owed ${owed.toFixed(2)} + other open orders ${ordered.toFixed(2)} + this order ${self.toFixed(2)} = ${exposure.toFixed(2)} ${cur}, over the credit limit ${limit.toFixed(2)} ${cur} by ${exposure.sub(limit).toFixed(2)}`;
  if (c.credit_limit_action === 'warn') {
    doc.credit_limit_note = `Credit limit exceeded: ${figures}`.slice(0, 500);
    return;
  }
  throw ledgerError('CREDIT_LIMIT_EXCEEDED', errors.t('customer_collect_payment_raise_limit', { name: String(c.name), figures: String(figures) }), [
    { path: 'customer', message: figures, code: 'credit_limit' },
  ]);
};

export const creditLimitHooks: EntityHooks = { beforeSubmit: checkCreditLimit };
