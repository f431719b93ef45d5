/**
 * 200 sales invoices submitted in parallel through the API, all posting to the same
 * receivable, income and VAT accounts on the same day (so every posting contends for the same
 * daily balance rows): none fails or deadlocks, the trial balance balances, every invoice has
 * exactly its entries, the daily balances equal the entries, and verify is ok.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

const N = 200;
let t: TestApp;
const DAY = '2026-11-10';

/** Runs fn over items with at most `width` in flight (setup only: the test itself goes all at once). */
async function inBatches<T, R>(items: T[], width: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map((x, k) => fn(x, i + k)))));
  return out;
}

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'crm', 'sales', 'accounting'] });
});
afterAll(async () => {
  await t?.close();
});

describe('parallel postings', () => {
  it(`${N} sales invoices submitted at once: all posted, the ledger balances, daily balances equal entries, verify ok`, async () => {
    const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
    const wh = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Main' }), 201).id;
    const service = ok(
      await t.req('POST', '/api/inventory/item', { code: 'SVC', name: 'Service hour', stock_uom: nos, is_stock_item: false, default_warehouse: wh }),
      201,
    ).id;
    const customers = await inBatches(
      [0, 1, 2, 3],
      4,
      async (i) => ok(await t.req('POST', '/api/sales/customer', { name: `Customer ${i}`, tax_rate: '21' }), 201).id as number,
    );
    const invoices = await inBatches(
      Array.from({ length: N }, (_, i) => i),
      20,
      async (i) => {
        // amounts vary so that a lost or doubled posting shows in the totals
        const order = ok(
          await t.req('POST', '/api/sales/sales_order', {
            customer: customers[i % 4],
            order_date: DAY,
            lines: [{ item: service, qty: String(1 + (i % 7)), rate: `${10 + i}.37` }],
          }),
          201,
        );
        ok(await t.req('POST', `/api/sales/sales_order/${order.id}/submit`));
        return ok(await t.req('POST', `/api/sales/sales_order/${order.id}/actions/make_invoice`, { posting_date: DAY, basis: 'ordered' })) as {
          id: number;
          grand_total: string;
          net_total: string;
          tax_total: string;
        };
      },
    );
    expect((await t.db.query(`select count(*)::int as n from accounting_gl_entry`)).rows[0].n).toBe(0);

    const results = await Promise.all(invoices.map((inv) => t.req('POST', `/api/sales/sales_invoice/${inv.id}/submit`)));
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);

    const [tb] = (
      await t.db.query(
        `select sum(debit)::text as dr, sum(credit)::text as cr, count(distinct voucher_id)::int as vouchers from accounting_gl_entry where voucher_type = 'sales.sales_invoice'`,
      )
    ).rows;
    const expectedTotal = invoices.reduce((a, i) => a + Math.round(Number(i.grand_total) * 100), 0);
    expect(tb.dr).toBe(tb.cr);
    expect(Math.round(Number(tb.dr) * 100)).toBe(expectedTotal);
    expect(tb.vouchers).toBe(N);

    // every invoice: receivable = grand total, income = net, VAT = tax, nothing else
    const per = (
      await t.db.query(
        `select g.voucher_id, a.account_type, sum(g.debit)::text as dr, sum(g.credit)::text as cr, count(*)::int as n
           from accounting_gl_entry g join accounting_account a on a.id = g.account
          where g.voucher_type = 'sales.sales_invoice' group by g.voucher_id, a.account_type`,
      )
    ).rows;
    const byVoucher = new Map<number, Record<string, { dr: string; cr: string; n: number }>>();
    for (const r of per) byVoucher.set(Number(r.voucher_id), { ...byVoucher.get(Number(r.voucher_id)), [r.account_type]: { dr: r.dr, cr: r.cr, n: r.n } });
    for (const inv of invoices) {
      const e = byVoucher.get(inv.id)!;
      expect(Object.keys(e).sort()).toEqual(['income', 'receivable', 'tax']);
      expect([e.receivable!.dr, e.income!.cr, e.tax!.cr, e.receivable!.n]).toEqual([inv.grand_total, inv.net_total, inv.tax_total, 1]);
    }

    // the daily balance rows equal the entries, per account
    const daily = (
      await t.db.query(
        `select b.account, b.debit::text as bd, b.credit::text as bc, g.d::text as gd, g.c::text as gc
           from accounting_account_balance b
           full join (select account, posting_date, sum(debit) as d, sum(credit) as c from accounting_gl_entry group by 1, 2) g on g.account = b.account and g.posting_date = b.posting_date`,
      )
    ).rows;
    expect(daily.length).toBe(3);
    for (const d of daily) expect([d.bd, d.bc]).toEqual([d.gd, d.gc]);

    const verify = ok(await t.req('GET', '/api/accounting/reports/verify'));
    expect(verify.data).toEqual([]);
    expect(verify.ok).toBe(true);
    const tbReport = ok(await t.req('GET', `/api/accounting/reports/trial-balance?from=${DAY}&to=${DAY}`));
    expect(tbReport.balanced).toBe(true);
    expect(tbReport.totals.debit).toBe(tb.dr);
  }, 300_000);
});
