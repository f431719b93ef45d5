/**
 * Dashboard widgets of receivables and payables: overdue receivables (open customer items past
 * their due date) and payables due this week (open supplier items due by Sunday, overdue ones
 * included), from the same open items as the ageing report; and the liquidity report's
 * receivable / payable rows.
 */
import { Decimal, type DashboardWidget } from '@tessera/core';
import type { ReportRow } from '../reports/common.js';
import { dueParts, openItems, type DuePart, type OpenItem } from './open-items.js';

/** The open parts of items (per installment of a payment schedule) that fall due by a test. */
const partsDue = (items: OpenItem[], due: (d: string) => boolean): (DuePart & { item: OpenItem })[] =>
  items.flatMap((item) => dueParts(item).map((p) => ({ ...p, item }))).filter((p) => due(p.due_date) && p.amount.gt(0));

const READS = {
  'accounting.gl_entry': ['account', 'posting_date', 'debit', 'credit', 'party_type', 'party'],
  'accounting.account': ['account_type'],
} as const;

const today = () => new Date().toISOString().slice(0, 10);
const sunday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((7 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
};

type Ctx = Parameters<DashboardWidget['query']>[0];
const sqlCtx = (w: Ctx) => ({ sql: w.sql as any, config: w.config, rowFilter: w.rowFilter as any });

export const receivableWidgets: DashboardWidget[] = [
  {
    id: 'overdue_receivables',
    label: 'Overdue receivables',
    labels: { lt: 'Pradelstos gautinos sumos' },
    kind: 'money',
    entity: 'accounting.gl_entry',
    reads: READS,
    query: async (w) => {
      const day = today();
      const open = (await openItems(sqlCtx(w), { partyType: 'customer', asOf: day })).filter((i) => i.amount.gt(0));
      const items = partsDue(open, (d) => d < day);
      return {
        value: items.reduce((a, i) => a.add(i.amount), new Decimal(0)).toFixed(2),
        count: new Set(items.map((p) => p.item)).size,
        currency: w.config.company.currency,
        report: 'accounting.ageing',
      };
    },
  },
  {
    id: 'payables_due_this_week',
    label: 'Payables due this week',
    labels: { lt: 'Šią savaitę mokėtinos sumos' },
    kind: 'money',
    entity: 'accounting.gl_entry',
    reads: READS,
    query: async (w) => {
      const day = today();
      const end = sunday(day);
      const open = (await openItems(sqlCtx(w), { partyType: 'supplier', asOf: day })).filter((i) => i.amount.gt(0));
      const items = partsDue(open, (d) => d <= end);
      const overdue = items.filter((i) => i.due_date < day).reduce((a, i) => a.add(i.amount), new Decimal(0));
      return {
        value: items.reduce((a, i) => a.add(i.amount), new Decimal(0)).toFixed(2),
        overdue: overdue.toFixed(2),
        count: new Set(items.map((p) => p.item)).size,
        until: end,
        currency: w.config.company.currency,
      };
    },
  },
];

/** Rows the liquidity report shows under current assets / liabilities: receivables (overdue), payables (due in 30 days). */
export async function liquidityPartyRows(
  ctx: { sql: any; config: any; rowFilter?: any },
  asOf: string,
): Promise<{ assets: ReportRow[]; liabilities: ReportRow[] }> {
  const sum = (xs: { amount: Decimal }[]) => xs.reduce((a, i) => a.add(i.amount), new Decimal(0)).toFixed(2);
  const recv = await openItems(ctx, { partyType: 'customer', asOf });
  const pay = await openItems(ctx, { partyType: 'supplier', asOf });
  const in30 = new Date(Date.parse(`${asOf}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    assets: [
      { key: 'receivables', label: 'of which receivables from customers', labels: { lt: 'iš jo pirkėjų skolos' }, level: 1, value: sum(recv) },
      {
        key: 'overdue_receivables',
        label: 'of which overdue',
        labels: { lt: 'iš jų pradelsta' },
        level: 2,
        value: sum(recv.flatMap((i) => dueParts(i)).filter((p) => p.due_date < asOf)),
      },
    ],
    liabilities: [
      { key: 'payables', label: 'of which payables to suppliers', labels: { lt: 'iš jų skolos tiekėjams' }, level: 1, value: sum(pay) },
      {
        key: 'payables_due_30',
        label: 'of which due within 30 days',
        labels: { lt: 'iš jų mokėtina per 30 d.' },
        level: 2,
        value: sum(pay.flatMap((i) => dueParts(i)).filter((p) => p.due_date <= in30)),
      },
    ],
  };
}
