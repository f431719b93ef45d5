/**
 * Accounting dashboard widgets (owned by the reports part): cash and bank balance, profit this
 * month, receivables and payables totals, current ratio. Each reads the daily balances like
 * the statements (src/reports/common.ts), so a figure here equals the same figure in the
 * balance sheet or the P&L. The core offers and serves a widget only to viewers who may read
 * accounting.gl_entry; a row rule on the entries narrows the figures as in the reports.
 */
import type { DashboardWidget } from '@tessera/core';
import { AccountTree, ZERO, accountFigures, isCash, money, today, type Account, type ReportSql } from './reports/common.js';
import { liquidityFigures } from './reports/statements.js';
import { receivableWidgets } from './receivables/widgets.js';

type WidgetContext = Parameters<DashboardWidget['query']>[0];
const reportSql = (w: WidgetContext): ReportSql => ({ sql: w.sql as ReportSql['sql'], rowFilter: w.rowFilter, config: w.config });

/** The sum of the balances (debit - credit) of the ledger accounts `pick` admits, today. */
async function balanceOf(w: WidgetContext, pick: (a: Account) => boolean) {
  const ctx = reportSql(w);
  const tree = await AccountTree.load(ctx);
  const figures = await accountFigures(ctx, { balances: [today()] });
  let sum = ZERO;
  for (const a of tree.byId.values()) if (!a.is_group && pick(a)) sum = sum.plus(figures.get(a.id)?.balances[0] ?? ZERO);
  return sum;
}

const ENTITY = 'accounting.gl_entry';
/** What the widgets compute from (the daily balances are sums of these entries). */
const READS = {
  'accounting.gl_entry': ['account', 'posting_date', 'debit', 'credit'],
  'accounting.account': ['parent', 'is_group', 'root_type', 'account_type'],
} as const;

export const accountingDashboard: DashboardWidget[] = [
  {
    id: 'cash_and_bank',
    label: 'Cash and bank balance',
    labels: { lt: 'Pinigai kasoje ir banke' },
    kind: 'money',
    entity: ENTITY,
    reads: READS,
    query: async (w) => ({ value: money(await balanceOf(w, isCash)), currency: w.config.company.currency }),
  },
  {
    id: 'profit_this_month',
    label: 'Profit this month',
    labels: { lt: 'Šio mėnesio pelnas' },
    kind: 'money',
    entity: ENTITY,
    reads: READS,
    query: async (w) => {
      const ctx = reportSql(w);
      const to = today();
      const from = `${to.slice(0, 7)}-01`;
      const tree = await AccountTree.load(ctx);
      const figures = await accountFigures(ctx, { periods: [{ from, to }], excludeClosing: true });
      let profit = ZERO;
      for (const a of tree.byId.values()) {
        const f = figures.get(a.id);
        if (!a.is_group && f && (a.root_type === 'income' || a.root_type === 'expense')) profit = profit.plus(f.credit[0]!).minus(f.debit[0]!);
      }
      return { value: money(profit), currency: w.config.company.currency, from, to };
    },
  },
  {
    id: 'receivables',
    label: 'Receivables',
    labels: { lt: 'Gautinos sumos' },
    kind: 'money',
    entity: ENTITY,
    reads: READS,
    query: async (w) => ({ value: money(await balanceOf(w, (a) => a.account_type === 'receivable')), currency: w.config.company.currency }),
  },
  {
    id: 'payables',
    label: 'Payables',
    labels: { lt: 'Mokėtinos sumos' },
    kind: 'money',
    entity: ENTITY,
    reads: READS,
    query: async (w) => ({ value: money((await balanceOf(w, (a) => a.account_type === 'payable')).neg()), currency: w.config.company.currency }),
  },
  {
    id: 'current_ratio',
    label: 'Current ratio',
    labels: { lt: 'Einamojo likvidumo koeficientas' },
    kind: 'number',
    entity: ENTITY,
    reads: READS,
    query: async (w) => {
      const l = await liquidityFigures(reportSql(w), today());
      return { value: l.current_ratio ?? '–', quick_ratio: l.quick_ratio, cash_ratio: l.cash_ratio, definition: 'current assets / current liabilities' };
    },
  },
  ...receivableWidgets,
];
