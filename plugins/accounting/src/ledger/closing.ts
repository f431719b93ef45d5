/**
 * Period-closing voucher: on submit, moves the fiscal year's income and expense balances
 * (read from the daily balances) into the closing account (default: retained earnings),
 * dated the year's last day, and closes the year; cancel reopens the year and reverses it.
 * Reports that show a closed year's profit and loss leave out the entries of voucher type
 * `accounting.period_closing_voucher` (a handful of rows, found by their voucher index).
 */
import { Decimal, Errors, type EntityHooks, type Hook } from '@tessera/core';
import type { GlLine } from '../contract.js';
import { ledgerError } from './errors.js';
import { accountFor, postVoucher, reverseVoucher } from './post.js';
import { errors } from './errors.js';

export const PERIOD_CLOSING = 'accounting.period_closing_voucher';

const closeYear: Hook = async (args) => {
  const { doc } = args;
  const [fy] = await args.sql<{ id: number; name: string; start: string; end: string; closed: boolean }>(
    `select id, name, to_char(start_date, 'YYYY-MM-DD') as start, to_char(end_date, 'YYYY-MM-DD') as end, closed from accounting_fiscal_year where id = $1`,
    [doc.fiscal_year],
  );
  if (!fy) throw Errors.validation([{ path: 'fiscal_year', ...errors.t('fiscal_year_does_not_exist', { fiscal_year: String(doc.fiscal_year) }) }]);
  if (doc.posting_date < fy.start || doc.posting_date > fy.end)
    throw Errors.validation([
      { path: 'posting_date', ...errors.t('within_fiscal_year_normally_last', { name: String(fy.name), start: String(fy.start), end: String(fy.end) }) },
    ]);
  const closing = doc.closing_account != null ? Number(doc.closing_account) : await accountFor(args, 'retained_earnings');
  const balances = await args.sql<{ account: number; balance: string }>(
    `select b.account, sum(b.debit - b.credit)::text as balance
       from accounting_account_balance b join accounting_account a on a.id = b.account
      where a.root_type in ('income', 'expense') and b.posting_date between $1::date and $2::date
      group by b.account having sum(b.debit - b.credit) <> 0 order by b.account`,
    [fy.start, doc.posting_date],
  );
  if (!balances.length)
    throw ledgerError('NOTHING_TO_CLOSE', errors.t('fiscal_year_no_income_expense', { name: String(fy.name), posting_date: String(doc.posting_date) }), [
      { path: 'fiscal_year', ...errors.t('nothing_close') },
    ]);
  let net = new Decimal(0); // debit-positive sum of P&L balances: negative = profit
  const lines: GlLine[] = balances.map((b) => {
    const bal = new Decimal(b.balance);
    net = net.add(bal);
    return bal.isPos() ? { account: Number(b.account), credit: bal.toFixed(2) } : { account: Number(b.account), debit: bal.neg().toFixed(2) };
  });
  const profit = net.neg();
  lines.push(profit.isPos() ? { account: closing, credit: profit.toFixed(2) } : { account: closing, debit: profit.neg().toFixed(2) });
  await postVoucher(args, {
    voucher_type: PERIOD_CLOSING,
    voucher_id: Number(doc.id),
    voucher_no: doc.number,
    posting_date: doc.posting_date,
    remarks: `Closing of fiscal year ${fy.name}`,
    lines,
  });
  doc.net_profit = profit.toFixed(2);
  await args.entity('accounting.fiscal_year').setServerFields(fy.id, { closed: true });
};

const reopenYear: Hook = async (args) => {
  const doc = args.old ?? args.doc;
  await args.entity('accounting.fiscal_year').setServerFields(Number(doc.fiscal_year), { closed: false });
  await reverseVoucher(args, PERIOD_CLOSING, Number(doc.id));
};

export const closingHooks: Record<string, EntityHooks> = {
  period_closing_voucher: { beforeSubmit: closeYear, beforeCancel: reopenYear },
};
