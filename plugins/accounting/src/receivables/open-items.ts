/**
 * Open items at a date, from the ledger: every entry on a receivable (or payable) account up
 * to the date, grouped by the item it belongs to (against_voucher, else the voucher itself),
 * with the item's document facts (number, date, due date). Their sum is the control accounts'
 * balance by construction of postVoucher; the ageing report buckets them by due date and
 * verify compares them with the invoices' stored outstanding amounts.
 */
import { Decimal, type ServiceContext } from '@tessera/core';
import { GL_TABLE } from '../ledger/post.js';

export type PartyKind = 'customer' | 'supplier' | 'employee';

export interface OpenItem {
  party_type: PartyKind;
  party: number;
  voucher_type: string;
  voucher_id: number;
  voucher_no: string;
  posting_date: string;
  due_date: string;
  currency: string | null;
  /** Company currency; positive = owed to us for receivables, owed by us for payables. */
  amount: Decimal;
  amount_in_currency: Decimal;
  /** The invoice's payment schedule (installments in its currency), when it has one. */
  schedule?: { due_date: string; amount: string }[];
}

/** The open part of an item falling due on one date (company currency and the item's currency). */
export interface DuePart {
  due_date: string;
  amount: Decimal;
  amount_in_currency: Decimal;
}

/**
 * An open item split by its payment schedule: what was paid or credited settles the oldest
 * installments first, each later installment keeps its open part. The company-currency amount
 * is shared in proportion to the open parts in the item's currency (to the cent, the last part
 * takes the rest), so the parts add up to the item exactly. Without a schedule, or when the item
 * is not a positive balance, the item is one part on its due date.
 */
export function dueParts(item: OpenItem): DuePart[] {
  const whole = [{ due_date: item.due_date, amount: item.amount, amount_in_currency: item.amount_in_currency }];
  const plan = [...(item.schedule ?? [])].sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : 0));
  if (plan.length < 2 || item.amount_in_currency.lte(0)) return whole;
  const scheduled = plan.reduce((a, p) => a.add(new Decimal(p.amount)), new Decimal(0));
  let settled = Decimal.max(scheduled.sub(item.amount_in_currency), 0);
  const open: { due_date: string; cur: Decimal }[] = [];
  for (const p of plan) {
    const amount = new Decimal(p.amount);
    const taken = Decimal.min(settled, amount);
    settled = settled.sub(taken);
    if (amount.gt(taken)) open.push({ due_date: p.due_date, cur: amount.sub(taken) });
  }
  // An item larger than its schedule (not expected) keeps the rest on the last installment.
  const openCur = open.reduce((a, p) => a.add(p.cur), new Decimal(0));
  if (!open.length) return whole;
  open[open.length - 1]!.cur = open[open.length - 1]!.cur.add(item.amount_in_currency.sub(openCur));
  let leftBase = item.amount;
  return open.map((p, i) => {
    const last = i === open.length - 1;
    const base = last ? leftBase : item.amount.mul(p.cur).div(item.amount_in_currency).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    leftBase = leftBase.sub(base);
    return { due_date: p.due_date, amount: base, amount_in_currency: p.cur };
  });
}

/** Account type holding each party type's items (customers: receivable; suppliers, employees: payable). */
export const CONTROL_TYPE: Record<PartyKind, 'receivable' | 'payable'> = { customer: 'receivable', supplier: 'payable', employee: 'payable' };
export const PARTY_NAME_SQL: Record<PartyKind, string> = {
  customer: `select id, name from sales_v_customer`,
  supplier: `select id, name from purchasing_v_supplier`,
  employee: `select id, first_name || ' ' || last_name as name from hr_v_employee`,
};

const DOC_FACTS: Record<string, { table: string; due: string }> = {
  'sales.sales_invoice': { table: 'sales_v_invoice', due: 'due_date' },
  'purchasing.supplier_invoice': { table: 'purchasing_v_supplier_invoice', due: 'due_date' },
};

/**
 * The open items; under a row rule on accounting.gl_entry (a role with `rows`) only the entries
 * the rule admits count, as in the general ledger.
 */
export async function openItems(
  ctx: Pick<ServiceContext, 'sql' | 'config'> & { rowFilter?: ServiceContext['rowFilter'] },
  opts: { partyType: PartyKind; asOf: string; party?: number; includeZero?: boolean },
): Promise<OpenItem[]> {
  const sign = CONTROL_TYPE[opts.partyType] === 'receivable' ? 1 : -1;
  const params: unknown[] = [CONTROL_TYPE[opts.partyType], opts.partyType, opts.asOf, opts.party ?? null];
  const rule = ctx.rowFilter ? ctx.rowFilter('accounting.gl_entry', 'g', (v) => `$${params.push(v)}`) : 'true';
  const rows = await ctx.sql<{ t: string; id: number; party: number; no: string; first: string; currency: string | null; amount: string; cur: string }>(
    `select coalesce(g.against_voucher_type, g.voucher_type) as t, coalesce(g.against_voucher_id, g.voucher_id) as id, g.party,
            min(case when g.voucher_type = coalesce(g.against_voucher_type, g.voucher_type) and g.voucher_id = coalesce(g.against_voucher_id, g.voucher_id) then g.voucher_no end) as no,
            to_char(min(g.posting_date), 'YYYY-MM-DD') as first, max(g.currency) as currency,
            sum(g.debit - g.credit)::text as amount, sum(coalesce(g.debit_in_currency, g.debit) - coalesce(g.credit_in_currency, g.credit))::text as cur
       from ${GL_TABLE} g join accounting_account a on a.id = g.account
      where a.account_type = $1 and g.party_type = $2 and g.posting_date <= $3::date and ($4::bigint is null or g.party = $4) and (${rule})
      group by 1, 2, 3 ${opts.includeZero ? '' : 'having sum(g.debit - g.credit) <> 0 or sum(coalesce(g.debit_in_currency, g.debit) - coalesce(g.credit_in_currency, g.credit)) <> 0'}
      order by 3, 5, 2`,
    params,
  );
  const facts = new Map<string, { number: string; posting_date: string; due_date: string | null; schedule: { due_date: string; amount: string }[] | null }>();
  for (const [type, f] of Object.entries(DOC_FACTS)) {
    const ids = rows.filter((r) => r.t === type).map((r) => Number(r.id));
    if (!ids.length) continue;
    for (const d of await ctx.sql<{
      id: number;
      number: string;
      posting_date: string;
      due_date: string | null;
      schedule: { due_date: string; amount: string }[] | null;
    }>(
      `select id, number, to_char(posting_date, 'YYYY-MM-DD') as posting_date, to_char(${f.due}, 'YYYY-MM-DD') as due_date, payment_schedule as schedule
         from ${f.table} where id = any($1::bigint[])`,
      [ids],
    ))
      facts.set(`${type}:${d.id}`, d);
  }
  return rows.map((r) => {
    const f = facts.get(`${r.t}:${r.id}`);
    const posting = f?.posting_date ?? r.first;
    return {
      party_type: opts.partyType,
      party: Number(r.party),
      voucher_type: r.t,
      voucher_id: Number(r.id),
      voucher_no: f?.number ?? r.no ?? String(r.id),
      posting_date: posting,
      due_date: f?.due_date ?? posting,
      currency: r.currency,
      amount: new Decimal(r.amount).mul(sign),
      amount_in_currency: new Decimal(r.cur).mul(sign),
      ...(Array.isArray(f?.schedule) && f.schedule.length ? { schedule: f.schedule } : {}),
    };
  });
}

/** The control accounts' balance (accounts of the type, every party) at a date, from the daily balances; signed like the items. */
export async function controlBalance(ctx: Pick<ServiceContext, 'sql'>, type: 'receivable' | 'payable', asOf: string): Promise<Decimal> {
  const [r] = await ctx.sql<{ v: string }>(
    `select coalesce(sum(b.debit - b.credit), 0)::text as v from accounting_account_balance b join accounting_account a on a.id = b.account
      where a.account_type = $1 and b.posting_date <= $2::date`,
    [type, asOf],
  );
  return new Decimal(r!.v).mul(type === 'receivable' ? 1 : -1);
}

/** Party names by id for a party type (the plugin may be off: then ids only). */
export async function partyNames(ctx: Pick<ServiceContext, 'sql' | 'config'>, partyType: PartyKind, ids: number[]): Promise<Map<number, string>> {
  const plugin = partyType === 'customer' ? 'sales' : partyType === 'supplier' ? 'purchasing' : 'hr';
  if (!ids.length || !ctx.config.plugins.includes(plugin)) return new Map();
  const rows = await ctx.sql<{ id: number; name: string }>(`select id, name from (${PARTY_NAME_SQL[partyType]}) p where id = any($1::bigint[])`, [ids]);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
