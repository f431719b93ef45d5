/**
 * The demo data of every plugin, loaded with accounting on (the shipped configuration):
 * every document the demos submit posts through its rule as it is submitted (work orders at
 * their actions), so the ledger is complete without a backfill: verify is ok, the trial
 * balance balances, and each document type with accounting effect has entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '@tessera/core';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;

beforeAll(async () => {
  const shipped = JSON.parse(readFileSync(join(ROOT_DIR, 'tessera.config.json'), 'utf8'));
  t = await startApp({ ...shipped, database: undefined }, { demo: true });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('demo data with accounting on', () => {
  it('posts every submitted document: verify ok, the trial balance balances, no backfill needed', async () => {
    expect(t.plugins.map((p) => p.def.name)).toContain('accounting');
    const verify = ok(await t.req('GET', '/api/accounting/reports/verify'));
    expect(verify.data).toEqual([]);
    expect(verify.ok).toBe(true);
    const [tb] = (await t.db.query(`select sum(debit)::text as dr, sum(credit)::text as cr from accounting_gl_entry`)).rows;
    expect(tb.dr).toBe(tb.cr);
    const types = (await t.db.query(`select distinct voucher_type from accounting_gl_entry order by 1`)).rows.map((r: any) => r.voucher_type);
    expect(types).toEqual(expect.arrayContaining(['purchasing.goods_receipt', 'sales.delivery', 'sales.sales_invoice', 'inventory.stock_entry']));
    // every submitted invoice and receipt of the demo has live entries
    for (const [table, type] of [
      ['sales_sales_invoice', 'sales.sales_invoice'],
      ['purchasing_goods_receipt', 'purchasing.goods_receipt'],
      ['sales_delivery', 'sales.delivery'],
    ]) {
      const missing = (
        await t.db.query(
          `select d.id from ${table} d where d.docstatus = 'submitted'
             and not exists (select 1 from accounting_gl_entry g where g.voucher_type = $1 and g.voucher_id = d.id and not g.is_reversal)`,
          [type],
        )
      ).rows;
      expect(missing, type).toEqual([]);
    }
  });

  it('has payments, a few overdue invoices and a bank statement to reconcile (with suggestions), and the ageing agrees with the control account', async () => {
    const pays = (await t.db.query(`select count(*)::int as n from accounting_payment where docstatus = 'submitted'`)).rows[0].n;
    expect(pays).toBeGreaterThanOrEqual(3);
    const overdue = (await t.db.query(`select count(*)::int as n from sales_sales_invoice where payment_status = 'overdue'`)).rows[0].n;
    expect(overdue).toBeGreaterThanOrEqual(1);
    const [bank] = (await t.db.query(`select id from accounting_bank_account`)).rows;
    const sug = ok(await t.req('GET', `/api/accounting/bank-reconciliation/${bank.id}/suggestions`)).data;
    expect(sug.length).toBeGreaterThanOrEqual(3);
    expect(sug.filter((s: any) => s.payments.length).length).toBeGreaterThanOrEqual(2);
    expect(sug.some((s: any) => s.invoices.length)).toBe(true);
    const ageing = ok(await t.req('GET', '/api/accounting/reports/ageing?party_type=customer'));
    expect(ageing.summary.find((f: any) => f.key === 'difference').value).toBe('0.00');
  });
});
