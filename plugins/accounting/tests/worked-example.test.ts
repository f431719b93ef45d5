/**
 * The DOMAIN.md worked example to the cent, through documents only (no direct GL writes),
 * on the Lithuanian chart with VAT 21 % on separate input and output accounts:
 *   owner invests 5,000.00 (journal: Bank 271 Dr / Share capital 3010 Cr);
 *   receive 10 NUT @ 10.00 (Stock 2040 Dr 100 / SRNB 4432 Cr 100);
 *   supplier invoice 100 + VAT 21 (SRNB Dr 100, VAT input 2441 Dr 21 / Payables 4430 Cr 121);
 *   deliver 4 NUT (COGS 6000 Dr 40 / Stock Cr 40);
 *   sales invoice 4 @ 25.00 + VAT 21 % (Receivables 2410 Dr 121 / Income 5000 Cr 100, VAT output 4492 Cr 21).
 * Then P&L: income 100, COGS 40, gross and net profit 60; balance sheet 5,202 = 121 + 21 + 5,060;
 * current ratio 5,202 / 142 = 36.63; verify ok.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
const acc: Record<string, number> = {};
const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));
const balance = async (number: string) =>
  (await t.db.query(`select coalesce(sum(debit - credit), 0)::text as v from accounting_account_balance where account = $1`, [acc[number]])).rows[0].v;
const template = async (kind: string, code: string) =>
  (await t.db.query(`select id from accounting_tax_template where kind = $1 and code = $2`, [kind, code])).rows[0].id;

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'], settings: { accounting: { chart: 'lt' } } } as any);
  for (const r of (await t.db.query(`select id, number from accounting_account`)).rows) acc[r.number] = Number(r.id);
});
afterAll(async () => {
  await t?.close();
});

describe('the worked example, through documents only', () => {
  it('posts each document to the cent and the statements agree with DOMAIN.md', async () => {
    // Owner invests 5,000.00
    const je = await post(
      '/api/accounting/journal_entry',
      {
        entry_type: 'journal',
        posting_date: '2026-11-02',
        remarks: 'Owner invests',
        lines: [
          { account: acc['271'], debit: '5000.00', credit: '0' },
          { account: acc['3010'], debit: '0', credit: '5000.00' },
        ],
      },
      201,
    );
    await post(`/api/accounting/journal_entry/${je.id}/submit`);

    // Receive 10 NUT @ 10.00
    const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
    const main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
    const nut = (await post('/api/inventory/item', { code: 'NUT', name: 'Nut M8', stock_uom: nos, default_warehouse: main }, 201)).id;
    const supplier = (await post('/api/purchasing/supplier', { name: 'Baltic Fasteners', code: 'BF' }, 201)).id;
    let po = await post(
      '/api/purchasing/purchase_order',
      {
        supplier,
        order_date: '2026-11-03',
        set_warehouse: main,
        tax_template: await template('purchase', 'VAT21'),
        lines: [{ item: nut, qty: '10', rate: '10.00' }],
      },
      201,
    );
    expect(po).toMatchObject({ total: '100.00', tax_total: '21.00', grand_total: '121.00' });
    po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    const gr = await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: '2026-11-03' });
    await post(`/api/purchasing/goods_receipt/${gr.id}/submit`);
    expect([await balance('2040'), await balance('4432')]).toEqual(['100.00', '-100.00']);

    // Supplier invoice 100 + VAT 21 = 121 (the order's template carries over)
    const inv = await post(`/api/purchasing/purchase_order/${po.id}/actions/bill`, { posting_date: '2026-11-04', bill_no: 'BF-1001', submit: true });
    expect(inv).toMatchObject({ docstatus: 'submitted', total: '100.00', tax_total: '21.00', grand_total: '121.00' });
    expect([await balance('4432'), await balance('2441'), await balance('4430')]).toEqual(['0.00', '21.00', '-121.00']);

    // Deliver 4 NUT, invoice 4 @ 25.00 + VAT 21 %
    const customer = (await post('/api/sales/customer', { name: 'Žuko Statyba', default_warehouse: main }, 201)).id;
    let so = await post(
      '/api/sales/sales_order',
      { customer, order_date: '2026-11-05', tax_template: await template('sales', 'VAT21'), lines: [{ item: nut, qty: '4', rate: '25.00' }] },
      201,
    );
    expect(so).toMatchObject({ tax_rate: '21.00', net_total: '100.00', tax_total: '21.00', grand_total: '121.00' });
    so = await post(`/api/sales/sales_order/${so.id}/submit`);
    await post(`/api/sales/sales_order/${so.id}/actions/make_delivery`, { posting_date: '2026-11-06', submit: true });
    expect([await balance('6000'), await balance('2040')]).toEqual(['40.00', '60.00']);
    const si = await post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { posting_date: '2026-11-06', submit: true });
    expect(si).toMatchObject({ net_total: '100.00', tax_total: '21.00', grand_total: '121.00' });
    expect([await balance('2410'), await balance('5000'), await balance('4492')]).toEqual(['121.00', '-100.00', '-21.00']);

    // Trial balance
    const tb = await get('/api/accounting/reports/trial-balance?from=2026-11-01&to=2026-11-30');
    expect(tb.balanced).toBe(true);
    expect(tb.totals).toMatchObject({ debit: '5382.00', credit: '5382.00' });
    const closing = (n: string) => {
      const r = tb.data.find((x: any) => x.key === `account.${acc[n]}`);
      return [r.closing_debit, r.closing_credit];
    };
    expect(closing('271')).toEqual(['5000.00', '0.00']);
    expect(closing('2410')).toEqual(['121.00', '0.00']);
    expect(closing('2040')).toEqual(['60.00', '0.00']);
    expect(closing('2441')).toEqual(['21.00', '0.00']);
    expect(closing('4430')).toEqual(['0.00', '121.00']);
    expect(closing('4492')).toEqual(['0.00', '21.00']);
    expect(closing('3010')).toEqual(['0.00', '5000.00']);
    expect(closing('5000')).toEqual(['0.00', '100.00']);
    expect(closing('6000')).toEqual(['40.00', '0.00']);

    // P&L: income 100, COGS 40, gross and net profit 60
    const pl = await get('/api/accounting/reports/profit-and-loss?from=2026-11-01&to=2026-11-30');
    expect(pl.totals).toEqual({ income: '100.00', cogs: '40.00', gross_profit: '60.00', expenses: '0.00', net_profit: '60.00' });

    // Balance sheet: Bank 5,000 + Receivables 121 + Stock 60 + VAT input 21 = 5,202 = Payables 121 + VAT output 21 + equity 5,060
    const bs = await get('/api/accounting/reports/balance-sheet?as_of=2026-11-30');
    expect(bs.totals).toMatchObject({
      assets: '5202.00',
      current_assets: '5202.00',
      liabilities: '142.00',
      current_liabilities: '142.00',
      equity: '5060.00',
      unclosed_profit: '60.00',
      liabilities_and_equity: '5202.00',
      check: '0.00',
    });
    expect(bs.balanced).toBe(true);

    // Current ratio 5,202 / 142 = 36.63
    const liq = await get('/api/accounting/reports/liquidity?as_of=2026-11-30');
    expect(liq.ratios.current_ratio).toBe('36.63');
    expect(liq.totals).toMatchObject({ current_assets: '5202.00', stock: '60.00', cash: '5000.00', current_liabilities: '142.00' });

    // VAT for November: output 21.00, input 21.00, payable 0.00
    const vat = await get('/api/accounting/reports/vat?from=2026-11-01&to=2026-11-30');
    expect(vat.totals).toEqual({ output: '21.00', input: '21.00', payable: '0.00' });

    const verify = await get('/api/accounting/reports/verify');
    expect(verify.data).toEqual([]);
    expect(verify.ok).toBe(true);
  });
});
