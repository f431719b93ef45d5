/**
 * Manufacturing (production work orders). A work order moves stock at its actions, not at
 * submit: "transfer" moves components from the source warehouse to work in progress, and
 * "manufacture" consumes them there and receives the finished goods at the consumed value.
 * Both net to zero in value, so the ledger sees stock accounts only: each warehouse's stock
 * account takes the value change posted there -- WIP Dr / Stock Cr on transfer, Finished
 * goods Dr / WIP Cr on manufacture, when the WIP warehouse has its own account (mapped in
 * accounting.warehouse_account); nothing when all three warehouses share one account.
 *
 * The rule is incremental: after every action (afterAction hook) it posts, per date, the
 * difference between the stock ledger's value per account and what the ledger already holds
 * for the work order (an append voucher), so several actions on one order each post their own
 * entries, dated like their stock entries. Cancel reverses everything.
 */
import { Decimal } from '@tessera/core';
import type { PostingRule } from '../contract.js';
import { GL_TABLE } from '../ledger/post.js';
import { accounts, cents, stockValues, voucherOf, VoucherLines } from './common.js';

export const WORK_ORDER = 'production.work_order';

export const workOrderRule: PostingRule = {
  voucherType: WORK_ORDER,
  plugin: 'production',
  incremental: true,
  async build(ctx, doc) {
    const account = accounts(ctx);
    const wanted = new Map<string, Decimal>(); // "date|account" -> exact stock value change
    for (const v of await stockValues(ctx, WORK_ORDER, Number(doc.id))) {
      const key = `${v.postingDate}|${await account('stock', { warehouse: v.warehouse })}`;
      wanted.set(key, (wanted.get(key) ?? new Decimal(0)).add(v.value));
    }
    const posted = await ctx.sql<{ posting_date: string; account: number; net: string }>(
      `select to_char(g.posting_date, 'YYYY-MM-DD') as posting_date, g.account, sum(g.debit - g.credit)::text as net
         from ${GL_TABLE} g
        where g.voucher_type = $1 and g.voucher_id = $2 and not g.is_reversal
          and not exists (select 1 from ${GL_TABLE} r where r.reverses = g.id)
        group by 1, 2`,
      [WORK_ORDER, Number(doc.id)],
    );
    // The round-off account takes the cent residuals of earlier vouchers: not a difference to post again.
    const roundOff = await account('round_off');
    const have = new Map(posted.filter((r) => Number(r.account) !== roundOff).map((r) => [`${r.posting_date}|${r.account}`, new Decimal(r.net)]));
    const deltas = new Map<string, Map<number, Decimal>>(); // date -> account -> missing amount
    for (const key of new Set([...wanted.keys(), ...have.keys()])) {
      const diff = cents(wanted.get(key) ?? new Decimal(0)).sub(have.get(key) ?? 0);
      if (diff.isZero()) continue;
      const [date, acc] = key.split('|') as [string, string];
      if (!deltas.has(date)) deltas.set(date, new Map());
      deltas.get(date)!.set(Number(acc), diff);
    }
    const first = [...deltas.keys()].sort()[0];
    if (!first) return null;
    const lines = new VoucherLines();
    for (const [acc, amount] of deltas.get(first)!) lines.debit(acc, amount);
    const v = voucherOf(WORK_ORDER, doc, lines, first, `Work order ${doc.number}: stock moved between warehouse accounts`);
    return v && { ...v, append: true };
  },
};
