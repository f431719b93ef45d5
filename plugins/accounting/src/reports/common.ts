/**
 * What every accounting report shares: the answer's shape (columns + rows + totals, which the
 * admin UI's generic report screen and the CSV export both read), query-string pieces, period
 * defaults, the account tree with its roll-up, and the balance source.
 *
 * Balances come from accounting_account_balance (per account per day, kept by postVoucher in
 * the posting transaction): a statement at any date is one aggregate over at most
 * accounts x days rows, never a scan of the entries. When the caller's roles put a row rule on
 * accounting.gl_entry, the same per-day shape is computed from the entries the rule admits
 * instead (slower, but the figures are the ones that caller's ledger shows).
 */
import { Decimal, Errors, type ServiceContext } from '@tessera/core';

export type Dec = InstanceType<typeof Decimal>;
export const ZERO = new Decimal(0);
export const money = (d: Dec | string | number) => new Decimal(d).toFixed(2);

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
export const fig = (key: string, label: string, lt: string, value: string | null, type: ColumnType = 'money', definition?: [string, string]): SummaryFigure => ({
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
  if (from > to) throw Errors.badQuery([{ path: names[0], message: `must be on or before ${names[1]} (${to})` }]);
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
    for (const list of this.children.values()) list.sort((x, y) => x.number.localeCompare(y.number, 'en', { numeric: true }));
  }

  static async load(ctx: ReportSql): Promise<AccountTree> {
    return new AccountTree(
      await ctx.sql<Account>(`select id, number, name, parent, is_group, root_type, account_type, coalesce(is_current, false) as is_current from accounting_account order by number`),
    );
  }

  /**
   * Rows of the subtrees under the roots of the given root types: each ledger account the
   * filter admits with its values (from `values`, one Decimal vector per account), each group
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

/**
 * The per-account per-day source as a SQL fragment (account, posting_date, debit, credit):
 * the daily balances, or, under a row rule on the entries, the entries the rule admits summed
 * per day. (Routes and widgets assert the read permission on the entries first.)
 */
export function balanceSource(ctx: ReportSql, p: Params): string {
  const rule = ctx.rowFilter('accounting.gl_entry', 'g', p.add);
  if (rule === 'true') return 'accounting_account_balance';
  return `(select g.account, g.posting_date, sum(g.debit) as debit, sum(g.credit) as credit from accounting_gl_entry g where ${rule} group by g.account, g.posting_date)`;
}

export const CLOSING_VOUCHER = 'accounting.period_closing_voucher';

/**
 * Per account: balance (debit - credit) up to each `upTo` date, and movements within each
 * period, in one aggregate over the daily balances. `excludeClosing` takes the period-closing
 * vouchers' entries out of the movements (P&L and cash flow show the year's trading, not its
 * closing), read by their (voucher_type, voucher_id) index: a few rows per year.
 */
export async function accountFigures(
  ctx: ReportSql,
  spec: { balances?: string[]; periods?: { from: string; to: string }[]; excludeClosing?: boolean },
): Promise<Map<number, { balances: Dec[]; debit: Dec[]; credit: Dec[] }>> {
  const balances = spec.balances ?? [];
  const periods = spec.periods ?? [];
  const p = new Params();
  const src = balanceSource(ctx, p);
  const exprs: string[] = [];
  for (const d of balances) exprs.push(`coalesce(sum(b.debit - b.credit) filter (where b.posting_date <= ${p.add(d)}), 0)::text`);
  for (const per of periods) {
    const f = p.add(per.from);
    const tt = p.add(per.to);
    exprs.push(`coalesce(sum(b.debit) filter (where b.posting_date between ${f} and ${tt}), 0)::text`);
    exprs.push(`coalesce(sum(b.credit) filter (where b.posting_date between ${f} and ${tt}), 0)::text`);
  }
  const upper = [...balances, ...periods.map((x) => x.to)].sort().at(-1)!;
  // movements only (P&L): the rows of the periods, not the whole history before them
  const lower = balances.length ? undefined : periods.map((x) => x.from).sort()[0];
  const rows = await ctx.sql<{ account: number; v: string[] }>(
    `select b.account, array[${exprs.join(', ')}] as v from ${src} b where b.posting_date <= ${p.add(upper)}${lower ? ` and b.posting_date >= ${p.add(lower)}` : ''} group by b.account`,
    p.values,
  );
  const out = new Map<number, { balances: Dec[]; debit: Dec[]; credit: Dec[] }>();
  for (const r of rows) {
    const v = r.v.map((x) => new Decimal(x));
    out.set(r.account, {
      balances: v.slice(0, balances.length),
      debit: periods.map((_, i) => v[balances.length + 2 * i]!),
      credit: periods.map((_, i) => v[balances.length + 2 * i + 1]!),
    });
  }
  if (spec.excludeClosing && periods.length) {
    const q = new Params();
    const rule = ctx.rowFilter('accounting.gl_entry', 'g', q.add);
    const vt = q.add(CLOSING_VOUCHER);
    const exprs2 = periods.flatMap((per) => {
      const f = q.add(per.from);
      const tt = q.add(per.to);
      return [`coalesce(sum(g.debit) filter (where g.posting_date between ${f} and ${tt}), 0)::text`, `coalesce(sum(g.credit) filter (where g.posting_date between ${f} and ${tt}), 0)::text`];
    });
    const closing = await ctx.sql<{ account: number; v: string[] }>(
      `select g.account, array[${exprs2.join(', ')}] as v from accounting_gl_entry g where g.voucher_type = ${vt} and (${rule}) group by g.account`,
      q.values,
    );
    for (const r of closing) {
      const f = out.get(r.account);
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
