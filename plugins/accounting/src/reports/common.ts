/**
 * What every accounting report shares: the answer's shape (columns + rows + totals, which the
 * admin UI's generic report screen and the CSV export both read), query-string pieces, period
 * defaults, the account tree with its roll-up, and the balance source.
 *
 * Balances come from the daily balances (accounting_account_balance, kept by postVoucher in
 * the posting transaction) and their monthly sums (monthly.ts): a statement at any date reads
 * at most accounts x months rows plus the days of the months its dates fall in, never a scan
 * of the entries. When the caller's roles put a row rule on accounting.gl_entry, the figures
 * come from the entries the rule admits instead (slower, but those that caller's ledger shows).
 */
import { Decimal, Errors, type ServiceContext } from '@tessera/core';
import { errors } from '../ledger/errors.js';

/**
 * An exact amount of money in cents (BigInt): the statements add up thousands of figures per
 * request, and BigInt sums are an order of magnitude cheaper than decimal.js at 60 digits.
 * Amounts come from numeric(21,2) sums, so two places are exact; more places are refused.
 */
export class Cents {
  constructor(readonly v: bigint) {}
  static parse(text: string | number | Cents): Cents {
    if (text instanceof Cents) return text;
    const s = String(text).trim();
    const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(s);
    if (!m || (m[2] === '' && !m[3])) throw new Error(`not an amount: "${s}"`);
    const frac = m[3] ?? '';
    if (/[1-9]/.test(frac.slice(2))) throw new Error(`more than two decimal places: "${s}"`);
    const v = BigInt(m[2] || '0') * 100n + BigInt(`${frac}00`.slice(0, 2));
    return new Cents(m[1] ? -v : v);
  }
  plus(o: Cents | string): Cents {
    return new Cents(this.v + Cents.parse(o).v);
  }
  minus(o: Cents | string): Cents {
    return new Cents(this.v - Cents.parse(o).v);
  }
  neg(): Cents {
    return new Cents(-this.v);
  }
  isZero(): boolean {
    return this.v === 0n;
  }
  isNegative(): boolean {
    return this.v < 0n;
  }
  toFixed(): string {
    const a = this.v < 0n ? -this.v : this.v;
    return `${this.v < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
  }
  /** As a decimal.js number (for ratios). */
  toDecimal(): InstanceType<typeof Decimal> {
    return new Decimal(this.toFixed());
  }
}
export type Dec = Cents;
export const ZERO = new Cents(0n);
export const money = (d: Cents | string | number) => Cents.parse(d).toFixed();

export type ColumnType = 'text' | 'money' | 'date' | 'ratio' | 'number' | 'link';

export interface ReportColumn {
  key: string;
  label: string;
  labels: { lt: string };
  type: ColumnType;
}

/** A row; `level` indents tree rows, `style` marks section headers and totals, `drill` opens the general ledger. */
export interface ReportRow {
  key: string;
  label: string;
  labels?: { lt: string };
  level?: number;
  style?: 'section' | 'group' | 'total' | 'grand_total';
  account?: number;
  account_number?: string;
  is_group?: boolean;
  drill?: { report: string; params: Record<string, string> };
  [value: string]: unknown;
}

export interface SummaryFigure {
  key: string;
  label: string;
  labels: { lt: string };
  type: ColumnType;
  value: string | null;
  /** What the figure means (the definitions of DOMAIN.md for ratios). */
  definition?: string;
  definitions?: { lt: string };
}

export interface ReportAnswer {
  report: string;
  currency: string;
  params: Record<string, unknown>;
  columns: ReportColumn[];
  rows: ReportRow[];
  totals?: Record<string, string>;
  summary?: SummaryFigure[];
  [extra: string]: unknown;
}

export const col = (key: string, label: string, lt: string, type: ColumnType = 'money'): ReportColumn => ({ key, label, labels: { lt }, type });
export const fig = (
  key: string,
  label: string,
  lt: string,
  value: string | null,
  type: ColumnType = 'money',
  definition?: [string, string],
): SummaryFigure => ({
  key,
  label,
  labels: { lt },
  type,
  value,
  ...(definition ? { definition: definition[0], definitions: { lt: definition[1] } } : {}),
});

/** Query-string pieces, with EN and LT titles (the admin UI labels its filters with them). */
const t = (title: string, lt: string) => ({ title, 'x-labels': { lt: { title: lt } } });
export const Q = {
  from: { type: 'string', format: 'date', ...t('From', 'Nuo') },
  to: { type: 'string', format: 'date', ...t('To', 'Iki') },
  as_of: { type: 'string', format: 'date', ...t('As of', 'Datai') },
  account: { type: 'string', pattern: '^[1-9][0-9]{0,15}$', 'x-ref': 'accounting.account', ...t('Account', 'Sąskaita') },
  include_zero: { type: 'string', enum: ['true', 'false'], ...t('Show zero rows', 'Rodyti nulines eilutes') },
  format: { type: 'string', enum: ['json', 'csv'], ...t('Format', 'Formatas') },
};

/** What the statements need from a request's context (a dashboard widget's context has it too). */
export type ReportSql = Pick<ServiceContext, 'sql' | 'rowFilter' | 'config'>;

/** The fiscal year start (company setting "MM-DD") on or before a date. */
export function fiscalYearStart(ctx: ReportSql, date: string): string {
  const mmdd = ctx.config.company.fiscalYearStart ?? '01-01';
  const year = Number(date.slice(0, 4));
  const candidate = `${year}-${mmdd}`;
  return candidate <= date ? candidate : `${year - 1}-${mmdd}`;
}

export const today = () => new Date().toISOString().slice(0, 10);

export const dayBefore = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** A period from the query: `to` defaults to today, `from` to the start of `to`'s fiscal year; from > to is a 400 naming `from`. */
export function period(ctx: ReportSql, q: { from?: string; to?: string }, names: [string, string] = ['from', 'to']): { from: string; to: string } {
  const to = q.to ?? today();
  const from = q.from ?? fiscalYearStart(ctx, to);
  if (from > to) throw Errors.badQuery([{ path: names[0], ...errors.t('before_2', { names1: String(names[1]), to: String(to) }) }]);
  return { from, to };
}

export interface Account {
  id: number;
  number: string;
  name: string;
  parent: number | null;
  is_group: boolean;
  root_type: 'asset' | 'liability' | 'equity' | 'income' | 'expense';
  account_type: string | null;
  is_current: boolean;
}

/** Account numbers in natural order ("2" before "10"); one collator (localeCompare with options builds one per call). */
const numberOrder = new Intl.Collator('en', { numeric: true });
export const byNumber = (x: { number: string }, y: { number: string }) => numberOrder.compare(x.number, y.number);

/** The chart of accounts, children sorted by number. */
export class AccountTree {
  readonly byId = new Map<number, Account>();
  readonly children = new Map<number | null, Account[]>();
  constructor(accounts: Account[]) {
    for (const a of accounts) this.byId.set(a.id, a);
    for (const a of accounts) {
      const p = a.parent !== null && this.byId.has(a.parent) ? a.parent : null;
      if (!this.children.has(p)) this.children.set(p, []);
      this.children.get(p)!.push(a);
    }
    for (const list of this.children.values()) list.sort(byNumber);
  }

  static async load(ctx: ReportSql): Promise<AccountTree> {
    return new AccountTree(
      await ctx.sql<Account>(
        `select id, number, name, parent, is_group, root_type, account_type, coalesce(is_current, false) as is_current from accounting_account order by number`,
      ),
    );
  }

  /**
   * Rows of the subtrees under the roots of the given root types: each ledger account the
   * filter admits with its values (from `values`, one vector per account), each group
   * with the sums of its admitted descendants; zero rows left out unless includeZero.
   * Returns the rows (depth-first, level = depth) and the vector total.
   */
  rows(opts: {
    rootTypes: Account['root_type'][];
    width: number;
    values: (a: Account) => Dec[];
    admit?: (a: Account) => boolean;
    includeZero?: boolean;
    keys: string[];
    drill?: (a: Account) => ReportRow['drill'];
  }): { rows: ReportRow[]; total: Dec[] } {
    const { width, keys } = opts;
    const zero = () => Array.from({ length: width }, () => ZERO);
    const add = (a: Dec[], b: Dec[]) => a.map((x, i) => x.plus(b[i]!));
    const out: ReportRow[] = [];
    const visit = (a: Account, level: number): { sum: Dec[]; any: boolean } => {
      if (!a.is_group) {
        if (opts.admit && !opts.admit(a)) return { sum: zero(), any: false };
        const v = opts.values(a);
        const nonZero = v.some((x) => !x.isZero());
        if (!nonZero && !opts.includeZero) return { sum: v, any: false };
        out.push(this.row(a, level, v, keys, opts.drill));
        return { sum: v, any: true };
      }
      const at = out.length;
      let sum = zero();
      let any = false;
      for (const c of this.children.get(a.id) ?? []) {
        const r = visit(c, level + 1);
        sum = add(sum, r.sum);
        any ||= r.any;
      }
      if (any) out.splice(at, 0, this.row(a, level, sum, keys, opts.drill));
      return { sum, any };
    };
    let total = zero();
    for (const root of this.children.get(null) ?? []) {
      if (!opts.rootTypes.includes(root.root_type)) continue;
      total = add(total, visit(root, 0).sum);
    }
    return { rows: out, total };
  }

  private row(a: Account, level: number, v: Dec[], keys: string[], drill?: (a: Account) => ReportRow['drill']): ReportRow {
    return {
      key: `account.${a.id}`,
      label: `${a.number} ${a.name}`,
      level,
      account: a.id,
      account_number: a.number,
      is_group: a.is_group,
      ...(a.is_group ? { style: 'group' as const } : {}),
      ...Object.fromEntries(keys.map((k, i) => [k, money(v[i]!)])),
      ...(drill ? { drill: drill(a) } : {}),
    };
  }

  /** Ids of the account and every account below it. */
  subtree(id: number): number[] {
    const out: number[] = [];
    const walk = (x: number) => {
      out.push(x);
      for (const c of this.children.get(x) ?? []) walk(c.id);
    };
    walk(id);
    return out;
  }
}

/** Params collector for one statement. */
export class Params {
  readonly values: unknown[] = [];
  add = (v: unknown) => `$${this.values.push(v)}`;
}

export const CLOSING_VOUCHER = 'accounting.period_closing_voucher';

const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
const nextMonthStart = (d: string) => {
  const x = new Date(`${monthStart(d)}T00:00:00Z`);
  x.setUTCMonth(x.getUTCMonth() + 1);
  return x.toISOString().slice(0, 10);
};

/**
 * Per account, cumulative debits and credits up to (and including) each date, in one query.
 * Unrestricted callers: the monthly sums (monthly.ts) of every month that ends by the date,
 * plus the daily rows of the date's own month up to the date; the daily rows are read only for
 * the months the dates fall in (the posting_date index). Under a row rule on the entries: the
 * entries the rule admits (slower, but the figures that caller's ledger shows).
 */
async function cumulative(ctx: ReportSql, dates: string[]): Promise<Map<number, { debit: Dec[]; credit: Dec[] }>> {
  const p = new Params();
  const rule = ctx.rowFilter('accounting.gl_entry', 'g', p.add);
  const exprs: string[] = [];
  let sql: string;
  if (rule === 'true') {
    for (const d of dates) {
      const x = `${p.add(d)}::date`;
      const admit = `((b.is_month and b.month_end <= ${x}) or (not b.is_month and b.day <= ${x} and b.month_end > ${x}))`;
      exprs.push(`coalesce(sum(b.debit) filter (where ${admit}), 0)::text`, `coalesce(sum(b.credit) filter (where ${admit}), 0)::text`);
    }
    // a month-end date is all monthly sums: only the other dates' months need their days
    const midMonth = dates.filter((d) => dayBefore(nextMonthStart(d)) !== d);
    const months = [...new Set(midMonth.map(monthStart))].map((m) => {
      const last = midMonth
        .filter((d) => monthStart(d) === m)
        .sort()
        .at(-1)!;
      return `(d.posting_date between ${p.add(m)}::date and ${p.add(last)}::date)`;
    });
    if (!months.length) months.push('false');
    const upper = p.add([...dates].sort().at(-1)!);
    sql = `select b.account, array[${exprs.join(', ')}] as v from (
             select m.account, m.month as day, (m.month + interval '1 month' - interval '1 day')::date as month_end, m.debit, m.credit, true as is_month
               from accounting_account_balance_month m where m.month <= ${upper}::date
             union all
             select d.account, d.posting_date, (date_trunc('month', d.posting_date) + interval '1 month' - interval '1 day')::date, d.debit, d.credit, false
               from accounting_account_balance d where ${months.join(' or ')}) b
           group by b.account`;
  } else {
    for (const d of dates) {
      const x = `${p.add(d)}::date`;
      exprs.push(
        `coalesce(sum(g.debit) filter (where g.posting_date <= ${x}), 0)::text`,
        `coalesce(sum(g.credit) filter (where g.posting_date <= ${x}), 0)::text`,
      );
    }
    sql = `select g.account, array[${exprs.join(', ')}] as v from accounting_gl_entry g where (${rule}) and g.posting_date <= ${p.add([...dates].sort().at(-1)!)}::date group by g.account`;
  }
  const out = new Map<number, { debit: Dec[]; credit: Dec[] }>();
  for (const r of await ctx.sql<{ account: number; v: string[] }>(sql, p.values))
    out.set(Number(r.account), { debit: dates.map((_, i) => Cents.parse(r.v[2 * i]!)), credit: dates.map((_, i) => Cents.parse(r.v[2 * i + 1]!)) });
  return out;
}

/**
 * Per account: balance (debit - credit) up to each `balances` date, and the debits and
 * credits within each period, from the cumulative sums at those dates. `excludeClosing` takes
 * the period-closing vouchers' entries out of the movements (P&L and cash flow show the year's
 * trading, not its closing), read by their (voucher_type, voucher_id) index: a few rows a year.
 */
export async function accountFigures(
  ctx: ReportSql,
  spec: { balances?: string[]; periods?: { from: string; to: string }[]; excludeClosing?: boolean },
): Promise<Map<number, { balances: Dec[]; debit: Dec[]; credit: Dec[] }>> {
  const balances = spec.balances ?? [];
  const periods = spec.periods ?? [];
  const dates = [...new Set([...balances, ...periods.flatMap((x) => [dayBefore(x.from), x.to])])].sort();
  const cum = await cumulative(ctx, dates);
  const ix = (d: string) => dates.indexOf(d);
  const out = new Map<number, { balances: Dec[]; debit: Dec[]; credit: Dec[] }>();
  for (const [account, c] of cum) {
    out.set(account, {
      balances: balances.map((d) => c.debit[ix(d)]!.minus(c.credit[ix(d)]!)),
      debit: periods.map((x) => c.debit[ix(x.to)]!.minus(c.debit[ix(dayBefore(x.from))]!)),
      credit: periods.map((x) => c.credit[ix(x.to)]!.minus(c.credit[ix(dayBefore(x.from))]!)),
    });
  }
  if (spec.excludeClosing && periods.length) {
    const q = new Params();
    const rule = ctx.rowFilter('accounting.gl_entry', 'g', q.add);
    const vt = q.add(CLOSING_VOUCHER);
    const exprs2 = periods.flatMap((per) => {
      const f = q.add(per.from);
      const tt = q.add(per.to);
      return [
        `coalesce(sum(g.debit) filter (where g.posting_date between ${f} and ${tt}), 0)::text`,
        `coalesce(sum(g.credit) filter (where g.posting_date between ${f} and ${tt}), 0)::text`,
      ];
    });
    const closing = await ctx.sql<{ account: number; v: string[] }>(
      `select g.account, array[${exprs2.join(', ')}] as v from accounting_gl_entry g where g.voucher_type = ${vt} and (${rule}) group by g.account`,
      q.values,
    );
    for (const r of closing) {
      const f = out.get(Number(r.account));
      if (!f) continue;
      periods.forEach((_, i) => {
        f.debit[i] = f.debit[i]!.minus(r.v[2 * i]!);
        f.credit[i] = f.credit[i]!.minus(r.v[2 * i + 1]!);
      });
    }
  }
  return out;
}

export const isCash = (a: Account) => a.account_type === 'bank' || a.account_type === 'cash';

/** The general-ledger drill-down of an account over a period. */
export const drillTo = (from: string, to: string) => (a: Account) => ({ report: 'accounting.general-ledger', params: { account: String(a.id), from, to } });
