/**
 * Bank reconciliation report (GET /api/accounting/reports/bank-reconciliation?bank_account=&as_of=):
 * the book balance (the ledger account of the bank account) against the statement balance
 * (opening figure + imported transactions), the transactions not yet matched to a payment and
 * the payments not yet seen on the statement; `unexplained` is what those do not account for
 * (zero when everything is matched or listed).
 */
import { Decimal, Errors, type ServiceContext } from '@tessera/core';
import { col, fig, today, type ReportAnswer, type ReportRow } from '../reports/common.js';
import { statementBalance } from './reconcile.js';
import { errors } from '../ledger/errors.js';

export interface ReconciliationQuery {
  bank_account?: string;
  as_of?: string;
}

export async function reconciliationReport(ctx: ServiceContext, q: ReconciliationQuery): Promise<ReportAnswer> {
  if (!q.bank_account) throw Errors.badQuery([{ path: 'bank_account', ...errors.t('required') }]);
  const asOf = q.as_of ?? today();
  const [bank] = await ctx.sql<{ id: number; name: string; account: number }>(`select id, name, account from accounting_bank_account where id = $1`, [
    q.bank_account,
  ]);
  if (!bank) throw Errors.badQuery([{ path: 'bank_account', ...errors.t('bank_account_does_not_exist', { bank_account: String(q.bank_account) }) }]);
  const [b] = await ctx.sql<{ v: string }>(
    `select coalesce(sum(debit - credit), 0)::text as v from accounting_account_balance where account = $1 and posting_date <= $2::date`,
    [bank.account, asOf],
  );
  const book = new Decimal(b!.v);
  const statement = await statementBalance(ctx, Number(bank.id), asOf);
  const txs = await ctx.sql<{ id: number; booking_date: string; amount: string; counterparty_name: string | null; reference: string | null }>(
    `select t.id, to_char(t.booking_date, 'YYYY-MM-DD') as booking_date, t.amount::text, t.counterparty_name, t.reference from accounting_bank_transaction t
      where t.bank_account = $1 and t.booking_date <= $2::date
        and (t.payment is null or not exists (select 1 from accounting_payment p where p.id = t.payment and p.posting_date <= $2::date)) order by t.booking_date, t.id`,
    [bank.id, asOf],
  );
  const pays = await ctx.sql<{ id: number; number: string; posting_date: string; signed: string }>(
    `select p.id, p.number, to_char(p.posting_date, 'YYYY-MM-DD') as posting_date, (case when p.payment_type = 'receive' then 1 else -1 end * p.amount * coalesce(p.exchange_rate, 1))::numeric(21,2)::text as signed
       from accounting_payment p where p.account = $1 and p.docstatus = 'submitted' and p.posting_date <= $2::date
        and not exists (select 1 from accounting_bank_transaction t where t.payment = p.id and t.booking_date <= $2::date) order by p.posting_date, p.id`,
    [bank.account, asOf],
  );
  const inStatement = txs.reduce((a, t) => a.add(t.amount), new Decimal(0));
  const inBooks = pays.reduce((a, p) => a.add(p.signed), new Decimal(0));
  // statement - book = (on the statement, not in the books) - (in the books, not on the statement) + unexplained
  const unexplained = statement.sub(book).sub(inStatement).add(inBooks);
  const rows: ReportRow[] = [
    { key: 'book', label: 'Book balance', labels: { lt: 'Buhalterinis likutis' }, amount: book.toFixed(2), style: 'total' },
    { key: 'tx', label: 'On the statement, not in the books', labels: { lt: 'Išraše, bet ne apskaitoje' }, style: 'section', amount: inStatement.toFixed(2) },
    ...txs.map((t) => ({
      key: `tx:${t.id}`,
      label: `${t.counterparty_name ?? ''} ${t.reference ?? ''}`.trim() || `#${t.id}`,
      level: 1,
      date: t.booking_date,
      amount: t.amount,
      bank_transaction: Number(t.id),
    })),
    {
      key: 'pay',
      label: 'In the books, not on the statement',
      labels: { lt: 'Apskaitoje, bet ne išraše' },
      style: 'section',
      amount: inBooks.neg().toFixed(2),
    },
    ...pays.map((p) => ({
      key: `pay:${p.id}`,
      label: p.number,
      level: 1,
      date: p.posting_date,
      amount: new Decimal(p.signed).neg().toFixed(2),
      payment: Number(p.id),
    })),
    { key: 'statement', label: 'Statement balance', labels: { lt: 'Išrašo likutis' }, amount: statement.toFixed(2), style: 'grand_total' },
  ];
  return {
    report: 'bank-reconciliation',
    currency: ctx.config.company.currency,
    params: { bank_account: String(bank.id), as_of: asOf },
    columns: [col('label', 'Item', 'Straipsnis', 'text'), col('date', 'Date', 'Data', 'date'), col('amount', 'Amount', 'Suma')],
    rows,
    totals: {
      book: book.toFixed(2),
      statement: statement.toFixed(2),
      unreconciled_transactions: inStatement.toFixed(2),
      unreconciled_payments: inBooks.toFixed(2),
      unexplained: unexplained.toFixed(2),
    },
    summary: [
      fig('book', 'Book balance', 'Buhalterinis likutis', book.toFixed(2)),
      fig('statement', 'Statement balance', 'Išrašo likutis', statement.toFixed(2)),
      fig('unexplained', 'Unexplained difference', 'Nepaaiškintas skirtumas', unexplained.toFixed(2)),
    ],
  };
}
