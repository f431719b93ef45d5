/**
 * Company-currency figures without accounting: the user enters the exchange rate of a document
 * in another currency (required to submit it), the company currency's rate is 1, and the
 * reports count every document in the company currency at its rate, to the cent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '@tessera/plugin-kit/testing';
import { startApp, type TestApp } from '../../../tests/helpers.js';

let t: TestApp;
let item: number;
let eurBuyer: number;
let usdBuyer: number;
const DAY = '2026-11-10';

const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'crm', 'sales'] });
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  const wh = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  item = (await post('/api/inventory/item', { code: 'SVC', name: 'Service', stock_uom: nos, is_stock_item: false, default_warehouse: wh }, 201)).id;
  eurBuyer = (await post('/api/sales/customer', { name: 'Kauno Prekyba', tax_rate: '21', default_warehouse: wh }, 201)).id;
  usdBuyer = (await post('/api/sales/customer', { name: 'US buyer', currency: 'USD', tax_rate: '0', default_warehouse: wh }, 201)).id;
});

afterAll(async () => {
  await t?.close();
});

describe('without accounting', () => {
  it('a USD order needs the rate the user enters; the company currency is at 1; both orders count in EUR', async () => {
    const draft = await post('/api/sales/sales_order', { customer: usdBuyer, order_date: DAY, lines: [{ item, qty: '3', rate: '33.33' }] }, 201);
    expect(draft.exchange_rate).toBeNull();
    const refused = await t.req('POST', `/api/sales/sales_order/${draft.id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('EXCHANGE_RATE_REQUIRED');
    expect(refused.body.error.details).toEqual([
      {
        path: 'exchange_rate',
        message: 'is required: the document is in USD; enter how many EUR one USD is worth (or record the rate in accounting)',
        key: 'sales.rate_required',
        params: { currency: 'USD', company: 'EUR' },
      },
    ]);
    const lt = await t.req('POST', `/api/sales/sales_order/${draft.id}/submit`, undefined, { 'accept-language': 'lt' });
    expect(lt.body.error.message).toBe(
      'exchange_rate: privalomas: dokumentas yra USD valiuta; įveskite, kiek EUR vertas vienas USD (arba įrašykite kursą apskaitoje)',
    );
    expect((await get(`/api/sales/sales_order/${draft.id}`)).docstatus).toBe('draft');
    const usd = ok(await t.req('PUT', `/api/sales/sales_order/${draft.id}`, { ...draft, exchange_rate: '0.9' }));
    expect(usd).toMatchObject({ exchange_rate: '0.900000000', net_total: '99.99', base_net_total: '89.99', base_grand_total: '89.99' });
    await post(`/api/sales/sales_order/${usd.id}/submit`);

    const wrong = await t.req('POST', '/api/sales/sales_order', {
      customer: eurBuyer,
      order_date: DAY,
      exchange_rate: '2',
      lines: [{ item, qty: '1', rate: '1' }],
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({
      code: 'INVALID_EXCHANGE_RATE',
      details: [{ path: 'exchange_rate', message: 'must be 1 for the company currency EUR', key: 'sales.rate_company_currency', params: { currency: 'EUR' } }],
    });
    const eur = await post('/api/sales/sales_order', { customer: eurBuyer, order_date: DAY, lines: [{ item, qty: '4', rate: '25.00' }] }, 201);
    expect(eur).toMatchObject({ exchange_rate: '1.000000000', base_net_total: '100.00', base_grand_total: '121.00' });
    await post(`/api/sales/sales_order/${eur.id}/submit`);

    const report = await get('/api/sales/reports/analytics?group_by=customer');
    expect(report.data.map((r: any) => [r.label, r.net_total])).toEqual([
      ['Kauno Prekyba', '100.00'],
      ['US buyer', '89.99'],
    ]);
    expect(report.totals).toMatchObject({ documents: 2, net_total: '189.99' });
    // the invoice takes the order's rate
    const inv = await post(`/api/sales/sales_order/${usd.id}/actions/make_invoice`, { posting_date: DAY, basis: 'ordered', submit: true });
    expect(await get(`/api/sales/sales_invoice/${inv.id}`)).toMatchObject({ exchange_rate: '0.900000000', grand_total: '99.99', base_grand_total: '89.99' });
  });
});
