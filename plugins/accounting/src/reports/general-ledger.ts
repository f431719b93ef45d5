/**
 * The general ledger: entries of an account (its subtree for a group), a party or a voucher
 * over a period, with the opening balance, a running balance and the closing balance, paged.
 * The page itself comes from the entity service (the caller's row rules and hidden fields
 * apply exactly as on GET /api/accounting/gl_entry); the opening, the running balance before
 * the page and the period sums are SQL over the same scope and the same row rule, read by the
 * (account, posting_date) index.
 */
import { Decimal, Errors, type ServiceContext } from '@tessera/core';
import { AccountTree, Cents, Params, col, money, period, type ReportAnswer, type ReportRow } from './common.js';
import { errors } from '../ledger/errors.js';

export interface GeneralLedgerQuery {
  account?: string;
  party_type?: 'customer' | 'supplier' | 'employee';
  party?: string;
  voucher_type?: string;
  voucher_id?: string;
  from?: string;
  to?: string;
  limit?: string;
  offset?: string;
}

export async function generalLedger(ctx: ServiceContext, q: GeneralLedgerQuery): Promise<ReportAnswer> {
  const { from, to } = period(ctx, { from: q.from ?? '1900-01-01', to: q.to });
  if (q.party && !q.party_type) throw Errors.badQuery([{ path: 'party_type', ...errors.t('required_party_customer_supplier_employee') }]);
  const limit = Math.min(Math.max(Number(q.limit ?? 100), 1), 1000);
  const offset = Number(q.offset ?? 0);
  let accounts: number[] | undefined;
  let account: { id: number; number: string; name: string } | undefined;
  if (q.account) {
    const tree = await AccountTree.load(ctx);
    const a = tree.byId.get(Number(q.account));
    if (!a) throw Errors.badQuery([{ path: 'account', ...errors.t('account_does_not_exist', { account: String(q.account) }) }]);
    account = { id: a.id, number: a.number, name: a.name };
    accounts = tree.subtree(a.id);
  }
  // the scope, as the list filter and as SQL
  const filter: Record<string, unknown> = {};
  const p = new Params();
  const where: string[] = [];
  if (accounts) {
    filter.account = { in: accounts };
    where.push(`g.account = any(${p.add(accounts)}::bigint[])`);
  }
  if (q.party_type) {
    filter.party_type = q.party_type;
    where.push(`g.party_type = ${p.add(q.party_type)}`);
  }
  if (q.party) {
    filter.party = Number(q.party);
    where.push(`g.party = ${p.add(Number(q.party))}`);
  }
  if (q.voucher_type) {
    filter.voucher_type = q.voucher_type;
    where.push(`g.voucher_type = ${p.add(q.voucher_type)}`);
  }
  if (q.voucher_id) {
    filter.voucher_id = Number(q.voucher_id);
    where.push(`g.voucher_id = ${p.add(Number(q.voucher_id))}`);
  }
  const rule = ctx.rowFilter('accounting.gl_entry', 'g', p.add);
  where.push(`(${rule})`);
  const f = p.add(from);
  const tt = p.add(to);
  const off = p.add(offset);
  const [sums] = await ctx.sql<{ opening: string; debit: string; credit: string; before_page: string }>(
    `select
       (select coalesce(sum(g.debit - g.credit), 0) from accounting_gl_entry g where ${where.join(' and ')} and g.posting_date < ${f})::text as opening,
       (select coalesce(sum(g.debit), 0) from accounting_gl_entry g where ${where.join(' and ')} and g.posting_date between ${f} and ${tt})::text as debit,
       (select coalesce(sum(g.credit), 0) from accounting_gl_entry g where ${where.join(' and ')} and g.posting_date between ${f} and ${tt})::text as credit,
       (select coalesce(sum(x.debit - x.credit), 0) from (select g.debit, g.credit from accounting_gl_entry g where ${where.join(' and ')} and g.posting_date between ${f} and ${tt}
          order by g.posting_date, g.id limit ${off}) x)::text as before_page`,
    p.values,
  );
  const page = await ctx.entity('accounting.gl_entry').list({
    filter: { ...filter, posting_date: { between: [from, to] } },
    sort: 'posting_date,id',
    limit,
    offset,
    expand: ['account'],
  });
  let running = new Decimal(sums!.opening).plus(sums!.before_page);
  const rows: ReportRow[] = page.data.map((e) => {
    running = running.plus(e.debit ?? 0).minus(e.credit ?? 0);
    const { _expanded, ...rest } = e;
    const acc = (_expanded as Record<string, { number?: string; name?: string } | null> | undefined)?.account;
    return {
      ...rest,
      key: `entry.${e.id}`,
      label: String(e.voucher_no ?? e.voucher_type),
      account_number: acc?.number,
      account_name: acc?.name,
      balance: running.toFixed(2),
    };
  });
  const opening = money(sums!.opening);
  const closing = money(Cents.parse(sums!.opening).plus(sums!.debit).minus(sums!.credit));
  const visible = new Set(
    rows.length ? Object.keys(rows[0]!) : ['posting_date', 'debit', 'credit', 'party_type', 'party', 'voucher_type', 'voucher_no', 'remarks'],
  );
  const optional = (key: string, label: string, lt: string, type: 'text' | 'money' | 'date' | 'number' = 'text') =>
    visible.has(key) ? [col(key, label, lt, type)] : [];
  return {
    report: 'general-ledger',
    currency: ctx.config.company.currency,
    params: {
      from,
      to,
      ...(q.account ? { account: q.account } : {}),
      ...(q.party_type ? { party_type: q.party_type } : {}),
      ...(q.party ? { party: q.party } : {}),
      ...(q.voucher_type ? { voucher_type: q.voucher_type } : {}),
      ...(q.voucher_id ? { voucher_id: q.voucher_id } : {}),
    },
    account: account ?? null,
    columns: [
      col('posting_date', 'Date', 'Data', 'date'),
      col('account_number', 'Account', 'Sąskaita', 'text'),
      col('account_name', 'Account name', 'Sąskaitos pavadinimas', 'text'),
      ...optional('voucher_type', 'Voucher type', 'Dokumento tipas'),
      col('label', 'Voucher', 'Dokumentas', 'link'),
      ...optional('party_type', 'Party type', 'Šalies tipas'),
      ...optional('party', 'Party', 'Šalis', 'number'),
      ...optional('remarks', 'Remarks', 'Pastabos'),
      col('debit', 'Debit', 'Debetas'),
      col('credit', 'Credit', 'Kreditas'),
      col('balance', 'Balance', 'Likutis'),
    ],
    rows,
    total: page.total,
    limit,
    offset,
    opening,
    closing,
    totals: { opening, debit: money(sums!.debit), credit: money(sums!.credit), closing },
  };
}
