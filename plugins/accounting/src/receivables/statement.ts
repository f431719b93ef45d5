/**
 * Statement of account of one party (GET /api/accounting/reports/statement-of-account):
 * opening balance before `from`, every document and payment in the period (one row per
 * voucher, with its debit, credit and the running balance), closing balance; plus the open
 * items at `to` with their due dates. Company currency; receivables and payables of the party
 * together (a customer who is also owed money shows both). The data of the statement PDF.
 */
import { Decimal, Errors, type ServiceContext } from '@tessera/core';
import { GL_TABLE } from '../ledger/post.js';
import { col, fig, fiscalYearStart, today, type ReportAnswer, type ReportRow } from '../reports/common.js';
import { CONTROL_TYPE, openItems, partyNames, type PartyKind } from './open-items.js';
import { errors } from '../ledger/errors.js';

export interface StatementQuery {
  party_type?: PartyKind;
  party?: string;
  from?: string;
  to?: string;
}

export async function statementOfAccount(ctx: ServiceContext, q: StatementQuery): Promise<ReportAnswer> {
  const partyType = q.party_type ?? 'customer';
  if (!CONTROL_TYPE[partyType]) throw Errors.badQuery([{ path: 'party_type', ...errors.t('customer_supplier_employee') }]);
  if (!q.party) throw Errors.badQuery([{ path: 'party', ...errors.t('required_id_customer_supplier_employee') }]);
  const party = Number(q.party);
  const to = q.to ?? today();
  const from = q.from ?? fiscalYearStart(ctx, to);
  if (from > to) throw Errors.badQuery([{ path: 'from', ...errors.t('before', { to: String(to) }) }]);
  const sign = CONTROL_TYPE[partyType] === 'receivable' ? 1 : -1;
  // The row rule on the entries applies as in the general ledger (its parameters follow the fixed ones).
  const ruleParams: unknown[] = [];
  const rule = ctx.rowFilter('accounting.gl_entry', 'g', (v) => `$${4 + ruleParams.push(v)}`);
  const base = `from ${GL_TABLE} g join accounting_account a on a.id = g.account where a.account_type in ('receivable', 'payable') and g.party_type = $1 and g.party = $2 and (${rule})`;
  const [open] = await ctx.sql<{ v: string }>(
    `select coalesce(sum(g.debit - g.credit), 0)::text as v ${base} and g.posting_date < $3::date and $4::date is not null`,
    [partyType, party, from, to, ...ruleParams],
  );
  const moves = await ctx.sql<{
    voucher_type: string;
    voucher_id: number;
    voucher_no: string;
    posting_date: string;
    debit: string;
    credit: string;
    remarks: string | null;
  }>(
    `select g.voucher_type, g.voucher_id, max(g.voucher_no) as voucher_no, to_char(g.posting_date, 'YYYY-MM-DD') as posting_date,
            sum(g.debit)::text as debit, sum(g.credit)::text as credit, min(g.remarks) as remarks
       ${base} and g.posting_date between $3::date and $4::date
      group by g.voucher_type, g.voucher_id, g.posting_date, g.is_reversal order by g.posting_date, min(g.id)`,
    [partyType, party, from, to, ...ruleParams],
  );
  const name = (await partyNames(ctx, partyType, [party])).get(party) ?? `${partyType} ${party}`;
  let running = new Decimal(open!.v);
  const rows: ReportRow[] = [
    { key: 'opening', label: 'Opening balance', labels: { lt: 'Pradinis likutis' }, posting_date: from, balance: running.mul(sign).toFixed(2), style: 'total' },
  ];
  let debit = new Decimal(0);
  let credit = new Decimal(0);
  for (const m of moves) {
    const d = new Decimal(m.debit);
    const c = new Decimal(m.credit);
    const net = d.sub(c);
    if (net.isZero() && d.isZero()) continue;
    running = running.add(net);
    debit = debit.add(d);
    credit = credit.add(c);
    rows.push({
      key: `${m.voucher_type}:${m.voucher_id}:${m.posting_date}:${rows.length}`,
      label: m.voucher_no,
      voucher_type: m.voucher_type,
      voucher_id: Number(m.voucher_id),
      posting_date: m.posting_date,
      // The entity key: the screen shows the entity's title in the viewer's language (the row's label stays the number).
      document: m.voucher_type,
      debit: net.gt(0) ? net.toFixed(2) : '0.00',
      credit: net.lt(0) ? net.neg().toFixed(2) : '0.00',
      balance: running.mul(sign).toFixed(2),
      remarks: m.remarks,
    });
  }
  rows.push({
    key: 'closing',
    label: 'Closing balance',
    labels: { lt: 'Galutinis likutis' },
    posting_date: to,
    balance: running.mul(sign).toFixed(2),
    style: 'grand_total',
  });
  const items = await openItems(ctx, { partyType, asOf: to, party });
  return {
    report: 'statement-of-account',
    currency: ctx.config.company.currency,
    params: { party_type: partyType, party: String(party), from, to },
    party: { type: partyType, id: party, name },
    columns: [
      col('posting_date', 'Date', 'Data', 'date'),
      col('document', 'Document', 'Dokumentas', 'text'),
      col('label', 'Number', 'Numeris', 'text'),
      col('debit', 'Debit', 'Debetas'),
      col('credit', 'Credit', 'Kreditas'),
      col('balance', 'Balance', 'Likutis'),
    ],
    rows,
    totals: { opening: new Decimal(open!.v).mul(sign).toFixed(2), debit: debit.toFixed(2), credit: credit.toFixed(2), closing: running.mul(sign).toFixed(2) },
    open_items: items.map((i) => ({
      voucher_type: i.voucher_type,
      voucher_id: i.voucher_id,
      number: i.voucher_no,
      posting_date: i.posting_date,
      due_date: i.due_date,
      currency: i.currency,
      amount: i.amount.toFixed(2),
      amount_in_currency: i.amount_in_currency.toFixed(2),
    })),
    summary: [
      fig('opening', 'Opening balance', 'Pradinis likutis', new Decimal(open!.v).mul(sign).toFixed(2)),
      fig('closing', 'Closing balance', 'Galutinis likutis', running.mul(sign).toFixed(2)),
      fig(
        'overdue',
        'Overdue',
        'Pradelsta',
        items
          .filter((i) => i.due_date < to)
          .reduce((a, i) => a.add(i.amount), new Decimal(0))
          .toFixed(2),
      ),
    ],
  };
}
