/**
 * Price lists and the selling defaults a quotation / order form fills in (GET
 * /api/sales/selling-defaults), and live totals from the declared x-compute formulas matching
 * what the server stores to the cent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let uom: number;
const create = async (path: string, body: unknown) => ok(await t.req('POST', path, body), 201);

beforeAll(async () => {
  t = await startApp({ plugins: ['crm', 'inventory', 'sales'], company: { currency: 'EUR' } });
  uom = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0]!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('selling defaults', () => {
  let bolt: number;
  let service: number;
  let wh: number;
  let retail: number;
  let wholesale: number;
  let special: number;

  beforeAll(async () => {
    wh = (await create('/api/inventory/warehouse', { name: 'Pricing WH' })).id;
    bolt = (await create('/api/inventory/item', { code: 'PB-1', name: 'Priced bolt', stock_uom: uom, default_warehouse: wh })).id;
    service = (await create('/api/inventory/item', { code: 'SRV-1', name: 'Setup service', stock_uom: uom, is_stock_item: false })).id;
    await create('/api/sales/price_list', {
      name: 'Std EUR',
      currency: 'EUR',
      is_default: true,
      prices: [
        { item: bolt, rate: '1.20' },
        { item: bolt, min_qty: '100', rate: '1.00' },
        { item: service, rate: '50' },
      ],
    });
    await create('/api/sales/price_list', {
      name: 'Old EUR',
      currency: 'EUR',
      is_default: true,
      valid_until: '2020-12-31',
      prices: [{ item: bolt, rate: '0.10' }],
    });
    await create('/api/sales/price_list', { name: 'Wholesale EUR', currency: 'EUR', customer_group: 'Wholesale', prices: [{ item: bolt, rate: '0.95' }] });
    const own = await create('/api/sales/price_list', {
      name: 'Special USD',
      currency: 'USD',
      valid_from: '2026-01-01',
      valid_until: '2026-12-31',
      prices: [{ item: bolt, rate: '0.80' }],
    });
    retail = (await create('/api/sales/customer', { name: 'Retail Co', tax_rate: '21' })).id;
    wholesale = (await create('/api/sales/customer', { name: 'Wholesale Co', customer_group: 'Wholesale' })).id;
    special = (await create('/api/sales/customer', { name: 'Special Co', currency: 'USD', price_list: own.id, default_warehouse: wh })).id;
  });

  const defaults = async (q: Record<string, string | number>) =>
    ok(await t.req('GET', `/api/sales/selling-defaults?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`));

  it('takes the header from the customer: currency, tax rate (else the settings), warehouse', async () => {
    expect(await defaults({ customer: retail })).toEqual({ currency: 'EUR', exchange_rate: '1', tax_rate: '21.00' });
    expect(await defaults({ customer: special })).toMatchObject({ currency: 'USD', warehouse: wh });
    expect((await defaults({ customer: wholesale })).tax_rate).toBe('0');
  });

  it('prices an item from the default list, the customer group, the own list, by date and qty break', async () => {
    expect(await defaults({ item: bolt, customer: retail, date: '2026-03-01' })).toMatchObject({
      description: 'Priced bolt',
      uom,
      rate: '1.2000',
      warehouse: wh,
    });
    expect((await defaults({ item: bolt, customer: retail, date: '2026-03-01', qty: '150' })).rate).toBe('1.0000');
    expect((await defaults({ item: bolt, customer: wholesale, date: '2026-03-01' })).rate).toBe('0.9500');
    expect((await defaults({ item: bolt, customer: special, date: '2026-03-01' })).rate).toBe('0.8000');
    // Outside its validity the own list does not apply, and no USD default exists: no rate.
    expect((await defaults({ item: bolt, customer: special, date: '2027-01-05' })).rate).toBeUndefined();
    // A dated-out list does not apply (2020); a service has no warehouse.
    const srv = await defaults({ item: service, customer: retail, date: '2026-03-01' });
    expect(srv).toMatchObject({ rate: '50.0000', description: 'Setup service' });
    expect(srv.warehouse).toBeUndefined();
  });

  it('answers 400 for bad parameters and 404 for an item that does not exist', async () => {
    const bad = await t.req('GET', '/api/sales/selling-defaults?item=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeTruthy();
    expect((await t.req('GET', '/api/sales/selling-defaults?item=999999')).status).toBe(404);
    expect((await t.req('GET', '/api/sales/selling-defaults?date=2026-02-30')).status).toBe(400);
  });

  it('stores the totals the x-compute formulas give (line tax falls back to the document rate)', async () => {
    const q = await create('/api/sales/quotation', {
      customer: retail,
      lines: [
        { item: bolt, qty: '3', rate: '0.333', discount_percent: '10' },
        { item: service, qty: '1', rate: '50', tax_rate: '9' },
        { item: bolt, qty: '7', rate: '1.005' },
      ],
    });
    // 3 x 0.333 = 0.999 -> 1.00, discount 0.0999 -> 0.10, net 0.90, tax 21 % 0.189 -> 0.19
    expect(q.lines.map((l: any) => [l.gross_amount, l.discount_amount, l.amount, l.tax_amount])).toEqual([
      ['1.00', '0.10', '0.90', '0.19'],
      ['50.00', '0.00', '50.00', '4.50'],
      ['7.04', '0.00', '7.04', '1.48'],
    ]);
    expect([q.gross_total, q.discount_total, q.net_total, q.tax_total, q.grand_total]).toEqual(['58.04', '0.10', '57.94', '6.17', '64.11']);
  });

  it('offers Make sales order while the quotation is open; a draft order made from it is named in the 409', async () => {
    const q = await create('/api/sales/quotation', { customer: retail, lines: [{ item: bolt, qty: '1', rate: '1' }] });
    ok(await t.req('POST', `/api/sales/quotation/${q.id}/submit`));
    const draft = ok(await t.req('POST', `/api/sales/quotation/${q.id}/actions/make_sales_order`, { warehouse: wh }));
    const again = await t.req('POST', `/api/sales/quotation/${q.id}/actions/make_sales_order`, { warehouse: wh });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'QUOTATION_ALREADY_ORDERED' });
    expect(again.body.error.message).toContain(draft.number);
    ok(await t.req('POST', `/api/sales/sales_order/${draft.id}/submit`));
    expect((await t.req('POST', `/api/sales/quotation/${q.id}/actions/make_sales_order`, { warehouse: wh })).body.error.code).toBe('ACTION_NOT_ALLOWED');
  });
});
