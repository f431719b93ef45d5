/**
 * The financial statements, from the daily balances and the account tree (see common.ts):
 * trial balance, profit and loss, balance sheet, cash flow and liquidity. Every figure is an
 * exact decimal string in the company currency; every account row drills down to the general
 * ledger of that account over the report's period.
 *
 * Signs: balances are debit - credit; statements show income, liabilities and equity credit-
 * positive and assets, expenses debit-positive, so every section reads as positive figures.
 */
import type { ServiceContext } from '@tessera/core';
import { liquidityPartyRows } from '../receivables/widgets.js';
import {
  AccountTree,
  Cents,
  ZERO,
  accountFigures,
  byNumber,
  col,
  dayBefore,
  drillTo,
  fig,
  isCash,
  money,
  period,
  today,
  type Account,
  type Dec,
  type ReportAnswer,
  type ReportRow,
  type ReportSql,
} from './common.js';

const currency = (ctx: ServiceContext) => ctx.config.company.currency;
const section = (key: string, label: string, lt: string): ReportRow => ({ key, label, labels: { lt }, level: 0, style: 'section' });
const total = (key: string, label: string, lt: string, values: Record<string, string>, style: 'total' | 'grand_total' = 'total'): ReportRow => ({
  key,
  label,
  labels: { lt },
  level: 0,
  style,
  ...values,
});

// ---------------------------------------------------------------------------------------------
// Trial balance

export interface TrialBalanceQuery {
  from?: string;
  to?: string;
  include_zero?: 'true' | 'false';
}

/**
 * Per account: opening balance (before `from`), the period's debits and credits, the closing
 * balance (at `to`), each balance shown as a debit or a credit; groups carry the sums of their
 * accounts. The totals balance: opening debit = opening credit, debit = credit, closing too.
 */
export async function trialBalance(ctx: ServiceContext, q: TrialBalanceQuery): Promise<ReportAnswer> {
  const { from, to } = period(ctx, q);
  const tree = await AccountTree.load(ctx);
  const figures = await accountFigures(ctx, { balances: [dayBefore(from)], periods: [{ from, to }] });
  const keys = ['opening_debit', 'opening_credit', 'debit', 'credit', 'closing_debit', 'closing_credit'];
  const split = (bal: Dec) => (bal.isNegative() ? [ZERO, bal.neg()] : [bal, ZERO]);
  const values = (a: Account) => {
    const f = figures.get(a.id);
    if (!f) return keys.map(() => ZERO);
    const opening = f.balances[0]!;
    const closing = opening.plus(f.debit[0]!).minus(f.credit[0]!);
    return [...split(opening), f.debit[0]!, f.credit[0]!, ...split(closing)];
  };
  const { rows, total: sums } = tree.rows({
    rootTypes: ['asset', 'liability', 'equity', 'income', 'expense'],
    width: keys.length,
    values,
    keys,
    includeZero: q.include_zero === 'true',
    drill: drillTo(from, to),
  });
  const totals = Object.fromEntries(keys.map((k, i) => [k, money(sums[i]!)]));
  rows.push(total('total', 'Total', 'Iš viso', totals, 'grand_total'));
  const balanced = totals.opening_debit === totals.opening_credit && totals.debit === totals.credit && totals.closing_debit === totals.closing_credit;
  return {
    report: 'trial-balance',
    currency: currency(ctx),
    params: { from, to },
    columns: [
      col('label', 'Account', 'Sąskaita', 'text'),
      col('opening_debit', 'Opening debit', 'Pradinis debetas'),
      col('opening_credit', 'Opening credit', 'Pradinis kreditas'),
      col('debit', 'Debit', 'Debetas'),
      col('credit', 'Credit', 'Kreditas'),
      col('closing_debit', 'Closing debit', 'Galutinis debetas'),
      col('closing_credit', 'Closing credit', 'Galutinis kreditas'),
    ],
    rows,
    totals,
    balanced,
    summary: [
      fig(
        'difference',
        'Closing debit - credit (must be 0)',
        'Galutinis debetas - kreditas (turi būti 0)',
        money(Cents.parse(totals.closing_debit!).minus(totals.closing_credit!)),
      ),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Profit and loss

export interface ProfitAndLossQuery {
  from?: string;
  to?: string;
  compare_from?: string;
  compare_to?: string;
  include_zero?: 'true' | 'false';
}

const isCogs = (a: Account) => a.account_type === 'cogs';

/**
 * Income - cost of goods sold = gross profit; - other expenses = net profit, over a period and
 * optionally a comparison period (columns amount, compare_amount, change). The period-closing
 * vouchers' entries are left out (they move the result to retained earnings, they are not trading).
 */
export async function profitAndLoss(ctx: ServiceContext, q: ProfitAndLossQuery): Promise<ReportAnswer> {
  const main = period(ctx, q);
  const compare =
    q.compare_from || q.compare_to ? period(ctx, { from: q.compare_from, to: q.compare_to ?? q.compare_from }, ['compare_from', 'compare_to']) : undefined;
  const periods = compare ? [main, compare] : [main];
  const tree = await AccountTree.load(ctx);
  const figures = await accountFigures(ctx, { periods, excludeClosing: true });
  const keys = compare ? ['amount', 'compare_amount'] : ['amount'];
  const credit = (a: Account) =>
    periods.map((_, i) => {
      const f = figures.get(a.id);
      return f ? f.credit[i]!.minus(f.debit[i]!) : ZERO;
    });
  const debit = (a: Account) => credit(a).map((x) => x.neg());
  const drill = drillTo(main.from, main.to);
  const zero = q.include_zero === 'true';
  const income = tree.rows({ rootTypes: ['income'], width: periods.length, values: credit, keys, includeZero: zero, drill });
  const cogs = tree.rows({ rootTypes: ['expense'], width: periods.length, values: debit, keys, admit: isCogs, includeZero: zero, drill });
  const expenses = tree.rows({ rootTypes: ['expense'], width: periods.length, values: debit, keys, admit: (a) => !isCogs(a), includeZero: zero, drill });
  const vals = (v: Dec[]) => {
    const o: Record<string, string> = Object.fromEntries(keys.map((k, i) => [k, money(v[i]!)]));
    if (compare) o.change = money(v[0]!.minus(v[1]!));
    return o;
  };
  const gross = income.total.map((x, i) => x.minus(cogs.total[i]!));
  const net = gross.map((x, i) => x.minus(expenses.total[i]!));
  const withChange = (rows: ReportRow[]) =>
    compare ? rows.map((r) => ({ ...r, change: money(Cents.parse(r.amount as string).minus(r.compare_amount as string)) })) : rows;
  const rows: ReportRow[] = [
    section('income', 'Income', 'Pajamos'),
    ...withChange(income.rows),
    total('total_income', 'Total income', 'Pajamos iš viso', vals(income.total)),
    section('cogs', 'Cost of goods sold', 'Parduotų prekių savikaina'),
    ...withChange(cogs.rows),
    total('total_cogs', 'Total cost of goods sold', 'Savikaina iš viso', vals(cogs.total)),
    total('gross_profit', 'Gross profit', 'Bendrasis pelnas', vals(gross)),
    section('expenses', 'Expenses', 'Sąnaudos'),
    ...withChange(expenses.rows),
    total('total_expenses', 'Total expenses', 'Sąnaudos iš viso', vals(expenses.total)),
    total('net_profit', 'Net profit', 'Grynasis pelnas', vals(net), 'grand_total'),
  ];
  return {
    report: 'profit-and-loss',
    currency: currency(ctx),
    params: { from: main.from, to: main.to, ...(compare ? { compare_from: compare.from, compare_to: compare.to } : {}) },
    columns: [
      col('label', 'Account', 'Sąskaita', 'text'),
      col('amount', `${main.from} – ${main.to}`, `${main.from} – ${main.to}`),
      ...(compare ? [col('compare_amount', `${compare.from} – ${compare.to}`, `${compare.from} – ${compare.to}`), col('change', 'Change', 'Pokytis')] : []),
    ],
    rows,
    totals: {
      income: money(income.total[0]!),
      cogs: money(cogs.total[0]!),
      gross_profit: money(gross[0]!),
      expenses: money(expenses.total[0]!),
      net_profit: money(net[0]!),
    },
    ...(compare
      ? {
          compare_totals: {
            income: money(income.total[1]!),
            cogs: money(cogs.total[1]!),
            gross_profit: money(gross[1]!),
            expenses: money(expenses.total[1]!),
            net_profit: money(net[1]!),
          },
        }
      : {}),
    summary: [fig('gross_profit', 'Gross profit', 'Bendrasis pelnas', money(gross[0]!)), fig('net_profit', 'Net profit', 'Grynasis pelnas', money(net[0]!))],
  };
}

// ---------------------------------------------------------------------------------------------
// Balance sheet

export interface BalanceSheetQuery {
  as_of?: string;
  include_zero?: 'true' | 'false';
}

/** Balances at a date, grouped the way the balance sheet and the liquidity ratios need them. */
async function positions(ctx: ReportSql, asOf: string) {
  const tree = await AccountTree.load(ctx);
  const figures = await accountFigures(ctx, { balances: [asOf] });
  const bal = (a: Account) => figures.get(a.id)?.balances[0] ?? ZERO;
  let currentAssets = ZERO;
  let stock = ZERO;
  let cash = ZERO;
  let nonCurrentAssets = ZERO;
  let currentLiabilities = ZERO;
  let nonCurrentLiabilities = ZERO;
  let unclosedProfit = ZERO;
  for (const a of tree.byId.values()) {
    if (a.is_group) continue;
    const b = bal(a);
    if (a.root_type === 'asset') {
      if (a.is_current || isCash(a) || a.account_type === 'stock' || a.account_type === 'receivable') {
        currentAssets = currentAssets.plus(b);
        if (a.account_type === 'stock') stock = stock.plus(b);
        if (isCash(a)) cash = cash.plus(b);
      } else nonCurrentAssets = nonCurrentAssets.plus(b);
    } else if (a.root_type === 'liability') {
      if (a.is_current || a.account_type === 'payable' || a.account_type === 'srnb') currentLiabilities = currentLiabilities.minus(b);
      else nonCurrentLiabilities = nonCurrentLiabilities.minus(b);
    } else if (a.root_type === 'income' || a.root_type === 'expense') unclosedProfit = unclosedProfit.minus(b);
  }
  return { tree, bal, currentAssets, stock, cash, nonCurrentAssets, currentLiabilities, nonCurrentLiabilities, unclosedProfit };
}

/**
 * Assets = liabilities + equity at a date; equity includes the profit not yet closed into
 * retained earnings (every income and expense balance up to the date). `check` is assets -
 * (liabilities + equity): "0.00" on a consistent ledger.
 */
export async function balanceSheet(ctx: ServiceContext, q: BalanceSheetQuery): Promise<ReportAnswer> {
  const asOf = q.as_of ?? today();
  const pos = await positions(ctx, asOf);
  const zero = q.include_zero === 'true';
  const drill = (a: Account) => ({ report: 'accounting.general-ledger', params: { account: String(a.id), to: asOf } });
  const keys = ['amount'];
  const assets = pos.tree.rows({ rootTypes: ['asset'], width: 1, values: (a) => [pos.bal(a)], keys, includeZero: zero, drill });
  const liabilities = pos.tree.rows({ rootTypes: ['liability'], width: 1, values: (a) => [pos.bal(a).neg()], keys, includeZero: zero, drill });
  const equity = pos.tree.rows({ rootTypes: ['equity'], width: 1, values: (a) => [pos.bal(a).neg()], keys, includeZero: zero, drill });
  const totalEquity = equity.total[0]!.plus(pos.unclosedProfit);
  const totalAssets = assets.total[0]!;
  const totalLiabilities = liabilities.total[0]!;
  const liabilitiesAndEquity = totalLiabilities.plus(totalEquity);
  const check = totalAssets.minus(liabilitiesAndEquity);
  const rows: ReportRow[] = [
    section('assets', 'Assets', 'Turtas'),
    ...assets.rows,
    total('total_assets', 'Total assets', 'Turtas iš viso', { amount: money(totalAssets) }, 'grand_total'),
    section('liabilities', 'Liabilities', 'Įsipareigojimai'),
    ...liabilities.rows,
    total('total_liabilities', 'Total liabilities', 'Įsipareigojimai iš viso', { amount: money(totalLiabilities) }),
    section('equity', 'Equity', 'Nuosavas kapitalas'),
    ...equity.rows,
    {
      key: 'unclosed_profit',
      label: 'Profit not yet closed (current period)',
      labels: { lt: 'Neuždarytas (einamojo laikotarpio) pelnas' },
      level: 1,
      amount: money(pos.unclosedProfit),
    },
    total('total_equity', 'Total equity', 'Nuosavas kapitalas iš viso', { amount: money(totalEquity) }),
    total(
      'total_liabilities_and_equity',
      'Total liabilities and equity',
      'Įsipareigojimai ir nuosavas kapitalas iš viso',
      { amount: money(liabilitiesAndEquity) },
      'grand_total',
    ),
  ];
  return {
    report: 'balance-sheet',
    currency: currency(ctx),
    params: { as_of: asOf },
    columns: [col('label', 'Account', 'Sąskaita', 'text'), col('amount', `Balance at ${asOf}`, `Likutis ${asOf}`)],
    rows,
    totals: {
      assets: money(totalAssets),
      current_assets: money(pos.currentAssets),
      non_current_assets: money(pos.nonCurrentAssets),
      liabilities: money(totalLiabilities),
      current_liabilities: money(pos.currentLiabilities),
      non_current_liabilities: money(pos.nonCurrentLiabilities),
      equity: money(totalEquity),
      unclosed_profit: money(pos.unclosedProfit),
      liabilities_and_equity: money(liabilitiesAndEquity),
      check: money(check),
    },
    balanced: check.isZero(),
    summary: [
      fig('current_assets', 'Current assets', 'Trumpalaikis turtas', money(pos.currentAssets)),
      fig('current_liabilities', 'Current liabilities', 'Trumpalaikiai įsipareigojimai', money(pos.currentLiabilities)),
      fig('check', 'Check: assets - (liabilities + equity), must be 0', 'Patikra: turtas - (įsipareigojimai + kapitalas), turi būti 0', money(check)),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Liquidity

const ratio = (a: Dec, b: Dec) => (b.isZero() ? null : a.toDecimal().div(b.toDecimal()).toFixed(2));

export const LIQUIDITY_DEFINITIONS = {
  current_ratio: ['current assets / current liabilities', 'trumpalaikis turtas / trumpalaikiai įsipareigojimai'],
  quick_ratio: ['(current assets - stock) / current liabilities', '(trumpalaikis turtas - atsargos) / trumpalaikiai įsipareigojimai'],
  cash_ratio: ['(cash + bank) / current liabilities', '(kasa + bankas) / trumpalaikiai įsipareigojimai'],
  working_capital: ['current assets - current liabilities', 'trumpalaikis turtas - trumpalaikiai įsipareigojimai'],
} as const satisfies Record<string, [string, string]>;

export async function liquidityFigures(ctx: ReportSql, asOf: string) {
  const pos = await positions(ctx, asOf);
  return {
    current_assets: pos.currentAssets,
    stock: pos.stock,
    cash: pos.cash,
    current_liabilities: pos.currentLiabilities,
    current_ratio: ratio(pos.currentAssets, pos.currentLiabilities),
    quick_ratio: ratio(pos.currentAssets.minus(pos.stock), pos.currentLiabilities),
    cash_ratio: ratio(pos.cash, pos.currentLiabilities),
    working_capital: pos.currentAssets.minus(pos.currentLiabilities),
  };
}

/** Current, quick and cash ratios and working capital at a date (ratios to 2 places; null without current liabilities). */
export async function liquidity(ctx: ServiceContext, q: { as_of?: string }): Promise<ReportAnswer> {
  const asOf = q.as_of ?? today();
  const l = await liquidityFigures(ctx, asOf);
  const party = await liquidityPartyRows(ctx, asOf); // receivables and payables (issue 14)
  const d = LIQUIDITY_DEFINITIONS;
  const summary = [
    fig('current_ratio', 'Current ratio', 'Einamojo likvidumo koeficientas', l.current_ratio, 'ratio', d.current_ratio),
    fig('quick_ratio', 'Quick ratio', 'Skubaus likvidumo koeficientas', l.quick_ratio, 'ratio', d.quick_ratio),
    fig('cash_ratio', 'Cash ratio', 'Absoliutaus likvidumo koeficientas', l.cash_ratio, 'ratio', d.cash_ratio),
    fig('working_capital', 'Working capital', 'Apyvartinis kapitalas', money(l.working_capital), 'money', d.working_capital),
  ];
  const parts: ReportRow[] = [
    { key: 'current_assets', label: 'Current assets', labels: { lt: 'Trumpalaikis turtas' }, level: 0, value: money(l.current_assets) },
    { key: 'stock', label: 'of which stock', labels: { lt: 'iš jo atsargos' }, level: 1, value: money(l.stock) },
    { key: 'cash', label: 'of which cash and bank', labels: { lt: 'iš jo kasa ir bankas' }, level: 1, value: money(l.cash) },
    ...party.assets,
    {
      key: 'current_liabilities',
      label: 'Current liabilities',
      labels: { lt: 'Trumpalaikiai įsipareigojimai' },
      level: 0,
      value: money(l.current_liabilities),
    },
    ...party.liabilities,
    ...summary.map((s) => ({ key: s.key, label: s.label, labels: s.labels, level: 0, style: 'total' as const, value: s.value, definition: s.definition })),
  ];
  return {
    report: 'liquidity',
    currency: currency(ctx),
    params: { as_of: asOf },
    columns: [col('label', 'Figure', 'Rodiklis', 'text'), col('value', 'Value', 'Reikšmė', 'text'), col('definition', 'Definition', 'Apibrėžimas', 'text')],
    rows: parts,
    totals: {
      current_assets: money(l.current_assets),
      stock: money(l.stock),
      cash: money(l.cash),
      current_liabilities: money(l.current_liabilities),
      working_capital: money(l.working_capital),
    },
    ratios: { current_ratio: l.current_ratio, quick_ratio: l.quick_ratio, cash_ratio: l.cash_ratio },
    definitions: Object.fromEntries(Object.entries(d).map(([k, [en, lt]]) => [k, { en, lt }])),
    summary,
  };
}

// ---------------------------------------------------------------------------------------------
// Cash flow

/**
 * Indirect method: net profit, then the period's movement of every balance-sheet account
 * other than cash and bank (an asset's increase uses cash, a liability's or equity's increase
 * brings it): current accounts under operating, long-term assets under investing, equity and
 * long-term liabilities under financing. Their sum is the change in cash and bank, which the
 * direct view (per cash and bank account: opening, receipts, payments, closing) shows from the
 * other side; `check` is the difference, "0.00" on a consistent ledger. Period-closing entries
 * are left out on both sides (they move profit into equity, no cash).
 */
export async function cashFlow(ctx: ServiceContext, q: { from?: string; to?: string }): Promise<ReportAnswer> {
  const { from, to } = period(ctx, q);
  const tree = await AccountTree.load(ctx);
  const figures = await accountFigures(ctx, { balances: [dayBefore(from)], periods: [{ from, to }], excludeClosing: true });
  const move = (a: Account) => {
    const f = figures.get(a.id);
    return f ? f.debit[0]!.minus(f.credit[0]!) : ZERO;
  };
  const drill = drillTo(from, to);
  const line = (a: Account, amount: Dec): ReportRow => ({
    key: `account.${a.id}`,
    label: `${a.number} ${a.name}`,
    level: 1,
    account: a.id,
    account_number: a.number,
    amount: money(amount),
    drill: drill(a),
  });
  let netProfit = ZERO;
  const operating: ReportRow[] = [];
  const investing: ReportRow[] = [];
  const financing: ReportRow[] = [];
  const sums = { operating: ZERO, investing: ZERO, financing: ZERO };
  const direct: ReportRow[] = [];
  let cashOpening = ZERO;
  let cashClosing = ZERO;
  const ledgers = [...tree.byId.values()].filter((a) => !a.is_group).sort(byNumber);
  for (const a of ledgers) {
    const m = move(a);
    if (a.root_type === 'income' || a.root_type === 'expense') {
      netProfit = netProfit.minus(m);
      continue;
    }
    if (isCash(a)) {
      const f = figures.get(a.id);
      const opening = f?.balances[0] ?? ZERO;
      const closing = opening.plus(m);
      cashOpening = cashOpening.plus(opening);
      cashClosing = cashClosing.plus(closing);
      if (f)
        direct.push({
          key: `account.${a.id}`,
          label: `${a.number} ${a.name}`,
          level: 1,
          account: a.id,
          account_number: a.number,
          opening: money(opening),
          receipts: money(f.debit[0]!),
          payments: money(f.credit[0]!),
          closing: money(closing),
          drill: drill(a),
        });
      continue;
    }
    if (m.isZero()) continue;
    const effect = m.neg();
    const current = a.is_current || ['receivable', 'payable', 'stock', 'srnb', 'tax'].includes(a.account_type ?? '');
    const bucket =
      a.root_type === 'equity'
        ? 'financing'
        : current || a.account_type === 'accumulated_depreciation'
          ? 'operating'
          : a.root_type === 'asset'
            ? 'investing'
            : 'financing';
    ({ operating, investing, financing })[bucket].push(line(a, effect));
    sums[bucket] = sums[bucket].plus(effect);
  }
  const operatingTotal = netProfit.plus(sums.operating);
  const netChange = operatingTotal.plus(sums.investing).plus(sums.financing);
  const check = netChange.minus(cashClosing.minus(cashOpening));
  const amt = (d: Dec) => ({ amount: money(d) });
  const rows: ReportRow[] = [
    section('operating', 'Operating activities', 'Pagrindinė veikla'),
    { key: 'net_profit', label: 'Net profit', labels: { lt: 'Grynasis pelnas' }, level: 1, amount: money(netProfit) },
    ...operating,
    total('total_operating', 'Net cash from operating activities', 'Pagrindinės veiklos pinigų srautai', amt(operatingTotal)),
    section('investing', 'Investing activities', 'Investicinė veikla'),
    ...investing,
    total('total_investing', 'Net cash from investing activities', 'Investicinės veiklos pinigų srautai', amt(sums.investing)),
    section('financing', 'Financing activities', 'Finansinė veikla'),
    ...financing,
    total('total_financing', 'Net cash from financing activities', 'Finansinės veiklos pinigų srautai', amt(sums.financing)),
    total('net_change', 'Net change in cash and bank', 'Pinigų ir jų ekvivalentų pokytis', amt(netChange), 'grand_total'),
    { key: 'cash_opening', label: 'Cash and bank at the start', labels: { lt: 'Pinigai laikotarpio pradžioje' }, level: 0, amount: money(cashOpening) },
    { key: 'cash_closing', label: 'Cash and bank at the end', labels: { lt: 'Pinigai laikotarpio pabaigoje' }, level: 0, amount: money(cashClosing) },
  ];
  return {
    report: 'cash-flow',
    currency: currency(ctx),
    params: { from, to },
    columns: [col('label', 'Item', 'Straipsnis', 'text'), col('amount', 'Amount', 'Suma')],
    rows,
    totals: {
      net_profit: money(netProfit),
      operating: money(operatingTotal),
      investing: money(sums.investing),
      financing: money(sums.financing),
      net_change: money(netChange),
      cash_opening: money(cashOpening),
      cash_closing: money(cashClosing),
      check: money(check),
    },
    direct: {
      label: 'Direct view: cash and bank accounts',
      labels: { lt: 'Tiesioginis metodas: kasos ir banko sąskaitos' },
      columns: [
        col('label', 'Account', 'Sąskaita', 'text'),
        col('opening', 'Opening', 'Pradžioje'),
        col('receipts', 'Receipts', 'Gauta'),
        col('payments', 'Payments', 'Išmokėta'),
        col('closing', 'Closing', 'Pabaigoje'),
      ],
      rows: direct,
      totals: {
        opening: money(cashOpening),
        receipts: money(direct.reduce((s, r) => s.plus(r.receipts as string), ZERO)),
        payments: money(direct.reduce((s, r) => s.plus(r.payments as string), ZERO)),
        closing: money(cashClosing),
      },
    },
    summary: [
      fig('net_change', 'Net change in cash and bank', 'Pinigų pokytis', money(netChange)),
      fig('check', 'Check: indirect - direct (must be 0)', 'Patikra: netiesioginis - tiesioginis (turi būti 0)', money(check)),
    ],
  };
}
