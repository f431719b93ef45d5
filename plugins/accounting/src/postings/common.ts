/**
 * What the posting rules share: exact money helpers, a builder that nets lines per account
 * (and party) and rounds each to the cent, and the stock ledger read every perpetual-inventory
 * rule starts from (live entries of a voucher, i.e. not reversals and not yet reversed).
 * Rules never write GL rows: they return a Voucher for postVoucher (src/ledger/post.ts).
 */
import { Decimal, type Doc, type ServiceContext } from '@tessera/core';
import { LEDGER_TABLE } from '@tessera/plugin-inventory/api';
import type { GlLine, PartyType, Voucher } from '../contract.js';
import { accountFor } from '../ledger/post.js';
import { D } from '@tessera/plugin-kit';

export { D };

export const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** The transaction-currency side of a line (foreign-currency documents): signed like the amount. */
export interface InCurrency {
  code: string;
  rate: Decimal;
  amount: Decimal;
}

interface Pending {
  account: number;
  party_type?: PartyType;
  party?: number;
  /** Signed: debit positive, credit negative (exact, rounded at the end). */
  amount: Decimal;
  remarks?: string;
  inCurrency?: InCurrency;
}

/** Collects debits and credits; lines() nets them per account + party and rounds each to the cent. */
export class VoucherLines {
  private readonly byKey = new Map<string, Pending>();

  private add(account: number, amount: Decimal, extra: Omit<Pending, 'account' | 'amount'>): this {
    if (amount.isZero()) return this;
    const key = `${account}:${extra.party_type ?? ''}:${extra.party ?? ''}:${extra.inCurrency?.code ?? ''}`;
    const hit = this.byKey.get(key);
    if (hit) {
      hit.amount = hit.amount.add(amount);
      if (hit.inCurrency && extra.inCurrency) hit.inCurrency.amount = hit.inCurrency.amount.add(extra.inCurrency.amount);
    } else this.byKey.set(key, { account, amount, ...extra, ...(extra.inCurrency ? { inCurrency: { ...extra.inCurrency } } : {}) });
    return this;
  }

  debit(account: number, amount: Decimal, extra: Omit<Pending, 'account' | 'amount'> = {}): this {
    return this.add(account, amount, extra);
  }

  credit(account: number, amount: Decimal, extra: Omit<Pending, 'account' | 'amount'> = {}): this {
    const inCurrency = extra.inCurrency ? { ...extra.inCurrency, amount: extra.inCurrency.amount.negated() } : undefined;
    return this.add(account, amount.negated(), { ...extra, ...(inCurrency ? { inCurrency } : {}) });
  }

  lines(): GlLine[] {
    const out: GlLine[] = [];
    for (const p of this.byKey.values()) {
      const a = cents(p.amount);
      if (a.isZero()) continue;
      const line: GlLine = { account: p.account, ...(a.gt(0) ? { debit: a.toFixed(2) } : { credit: a.negated().toFixed(2) }) };
      if (p.party_type) Object.assign(line, { party_type: p.party_type, party: p.party });
      if (p.remarks) line.remarks = p.remarks;
      if (p.inCurrency) {
        const c = cents(p.inCurrency.amount);
        Object.assign(
          line,
          { currency: p.inCurrency.code, exchange_rate: p.inCurrency.rate.toFixed() },
          c.gt(0) ? { debit_in_currency: c.toFixed(2) } : { credit_in_currency: c.negated().toFixed(2) },
        );
      }
      out.push(line);
    }
    return out;
  }
}

/** The voucher of a document, or null when nothing is left after netting (e.g. a transfer between warehouses on one account). */
export function voucherOf(voucherType: string, doc: Doc, lines: VoucherLines, postingDate?: string, remarks?: string): Voucher | null {
  const gl = lines.lines();
  if (!gl.length) return null;
  return {
    voucher_type: voucherType,
    voucher_id: Number(doc.id),
    voucher_no: String(doc.number ?? doc.id),
    posting_date: String(postingDate ?? doc.posting_date),
    ...(remarks ? { remarks } : {}),
    lines: gl,
  };
}

export interface StockValue {
  warehouse: number;
  item: number;
  itemGroup: number | null;
  voucherLine: number | null;
  postingDate: string;
  /** Signed stock value change (6 places, exact). */
  value: Decimal;
}

/** Live stock ledger entries of a voucher (not reversals, not reversed), with the item group. */
export async function stockValues(ctx: ServiceContext, voucherType: string, voucherId: number): Promise<StockValue[]> {
  const rows = await ctx.sql<{
    warehouse: number;
    item: number;
    item_group: number | null;
    voucher_line: number | null;
    posting_date: string;
    value_change: string;
  }>(
    `select e.warehouse, e.item, i.item_group, e.voucher_line, to_char(e.posting_date, 'YYYY-MM-DD') as posting_date, e.value_change::text as value_change
       from ${LEDGER_TABLE} e join inventory_v_item i on i.id = e.item
      where e.voucher_type = $1 and e.voucher_id = $2 and not e.is_reversal
        and not exists (select 1 from ${LEDGER_TABLE} r where r.reverses = e.id)
      order by e.id`,
    [voucherType, voucherId],
  );
  return rows.map((r) => ({
    warehouse: Number(r.warehouse),
    item: Number(r.item),
    itemGroup: r.item_group == null ? null : Number(r.item_group),
    voucherLine: r.voucher_line == null ? null : Number(r.voucher_line),
    postingDate: r.posting_date,
    value: D(r.value_change),
  }));
}

/** Memoized accountFor within one rule run (a voucher with many lines asks the same questions). */
export function accounts(ctx: ServiceContext) {
  const cache = new Map<string, Promise<number>>();
  return (role: Parameters<typeof accountFor>[1], scope: Parameters<typeof accountFor>[2] = {}) => {
    const key = `${role}:${scope?.warehouse ?? ''}:${scope?.itemGroup ?? ''}:${scope?.item ?? ''}`;
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = accountFor(ctx, role, scope)));
    return hit;
  };
}

/** Debits (value > 0) or credits (value < 0) each warehouse's stock account with its stock value change; returns the total. */
export async function postStockValues(lines: VoucherLines, account: ReturnType<typeof accounts>, values: StockValue[]): Promise<Decimal> {
  let total = new Decimal(0);
  for (const v of values) {
    lines.debit(await account('stock', { warehouse: v.warehouse }), v.value);
    total = total.add(v.value);
  }
  return total;
}

/** Item groups of items (for income/expense accounts per item group). */
export async function itemGroups(ctx: ServiceContext, items: number[]): Promise<Map<number, number | null>> {
  const ids = [...new Set(items.filter((x) => x != null).map(Number))];
  if (!ids.length) return new Map();
  const rows = await ctx.sql<{ id: number; item_group: number | null; is_stock_item: boolean }>(
    `select id, item_group from inventory_v_item where id = any($1)`,
    [ids],
  );
  return new Map(rows.map((r) => [Number(r.id), r.item_group == null ? null : Number(r.item_group)]));
}
