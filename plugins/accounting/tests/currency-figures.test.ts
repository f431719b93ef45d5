/**
 * Company-currency figures in sales with accounting on: selling documents in another currency
 * take the rate of their date from accounting.exchange_rate (a document in a currency without a
 * rate is refused, naming it), carry base totals to the cent, and the sales reports and
 * dashboard count them converted instead of leaving them out. Verify is ok after every test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '@tessera/plugin-kit/testing';
import { startApp, type TestApp } from '../../../tests/helpers.js';

let t: TestApp;
let main: number;
let nut: number;
let eurBuyer: number;
let usdBuyer: number;
let today: string;

const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'] } as any);
  today = (await t.db.query(`select current_date::text as d`)).rows[0].d;
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  nut = (await post('/api/inventory/item', { code: 'NUT', name: 'Nut', stock_uom: nos, default_warehouse: main }, 201)).id;
  const supplier = (await post('/api/purchasing/supplier', { name: 'Baltic Fasteners', code: 'BF' }, 201)).id;
  let po = await post(
    '/api/purchasing/purchase_order',
    { supplier, order_date: today, set_warehouse: main, lines: [{ item: nut, qty: '20', rate: '10.00' }] },
    201,
  );
  po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
  const gr = await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: today });
  await post(`/api/purchasing/goods_receipt/${gr.id}/submit`);
  eurBuyer = (await post('/api/sales/customer', { name: 'Vilniaus Statyba', tax_rate: '21', default_warehouse: main }, 201)).id;
  usdBuyer = (await post('/api/sales/customer', { name: 'US buyer', currency: 'USD', tax_rate: '0', default_warehouse: main }, 201)).id;
  // The company currency is EUR; USD is worth 0.90 EUR from the first of the month.
  await post('/api/accounting/exchange_rate', { rate_date: `${today.slice(0, 8)}01`, from_currency: 'USD', to_currency: 'EUR', rate: '0.900000000' }, 201);
});

afterEach(async () => {
  const v = await get('/api/accounting/reports/verify');
  expect(v.ok, JSON.stringify(v.data)).toBe(true);
});

afterAll(async () => {
  await t?.close();
});

describe('a USD order and a EUR order', () => {
  it('the USD one takes the rate of its date and both are counted in EUR, the USD one at its rate, to the cent', async () => {
    let eur = await post('/api/sales/sales_order', { customer: eurBuyer, order_date: today, lines: [{ item: nut, qty: '4', rate: '25.00' }] }, 201);
    expect(eur).toMatchObject({ currency: 'EUR', exchange_rate: '1.000000000', net_total: '100.00', base_net_total: '100.00', base_grand_total: '121.00' });
    let usd = await post('/api/sales/sales_order', { customer: usdBuyer, order_date: today, lines: [{ item: nut, qty: '3', rate: '33.33' }] }, 201);
    // 99.99 USD x 0.90 = 89.991 -> 89.99 EUR
    expect(usd).toMatchObject({ currency: 'USD', exchange_rate: '0.900000000', net_total: '99.99', base_net_total: '89.99', base_grand_total: '89.99' });
    eur = await post(`/api/sales/sales_order/${eur.id}/submit`);
    usd = await post(`/api/sales/sales_order/${usd.id}/submit`);

    const byCustomer = await get('/api/sales/reports/analytics?group_by=customer');
    expect(byCustomer.currency).toBe('EUR');
    expect(byCustomer.data.map((r: any) => [r.label, r.net_total])).toEqual([
      ['Vilniaus Statyba', '100.00'],
      ['US buyer', '89.99'],
    ]);
    expect(byCustomer.totals).toMatchObject({ documents: 2, net_total: '189.99' });
    expect(byCustomer.excluded).toEqual({ documents_without_rate: 0 });
    // the currency filter picks documents by their currency; the figure stays in EUR
    expect((await get('/api/sales/reports/analytics?group_by=month&currency=USD')).totals).toMatchObject({ documents: 1, net_total: '89.99' });
    expect(await get('/api/dashboard/sales.sales_this_month')).toEqual({ value: '189.99', count: 2, currency: 'EUR' });
    const months = (await get('/api/dashboard/sales.sales_by_month')).series;
    expect(months.at(-1)).toEqual({ label: today.slice(0, 7), value: '189.99' });

    // delivered: revenue at the order's rate, gross profit in EUR (revenue 89.99 - cost 3 x 10.00)
    const d = await post(`/api/sales/sales_order/${usd.id}/actions/make_delivery`, { posting_date: today, submit: true });
    const delivery = await get(`/api/sales/delivery/${d.id}`);
    expect(delivery).toMatchObject({ exchange_rate: '0.900000000', net_total: '99.99', base_net_total: '89.99', total_cost: '30.00', gross_profit: '59.99' });
    const profit = await get(`/api/sales/reports/gross-profit?sales_order=${usd.id}`);
    expect(profit.data).toEqual([expect.objectContaining({ currency: 'USD', revenue: '89.99', cost_of_goods_sold: '30.00', gross_profit: '59.99' })]);
    expect(profit).toMatchObject({ currency: 'EUR', excluded: { deliveries_without_rate: 0 } });
    expect(await get('/api/dashboard/sales.gross_profit_this_month')).toEqual({ value: '59.99', revenue: '89.99', currency: 'EUR' });

    // the invoice: one rate, the one the ledger posts at (rate of the invoice date)
    const inv = await post(`/api/sales/sales_order/${usd.id}/actions/make_invoice`, { posting_date: today, submit: true });
    expect(await get(`/api/sales/sales_invoice/${inv.id}`)).toMatchObject({
      exchange_rate: '0.900000000',
      grand_total: '99.99',
      base_grand_total: '89.99',
      outstanding_amount: '99.99',
    });
    const recv = (
      await t.db.query(
        `select debit::text, exchange_rate::text from accounting_gl_entry where voucher_type = 'sales.sales_invoice' and voucher_id = $1 and party is not null`,
        [inv.id],
      )
    ).rows;
    expect(recv).toEqual([{ debit: '89.99', exchange_rate: '0.900000000' }]);
    expect((await get('/api/sales/reports/analytics?based_on=invoice')).totals).toMatchObject({ documents: 1, net_total: '89.99' });
  });

  it('a document in a currency without a recorded rate is refused, naming the currency and the date; nothing is written', async () => {
    const gbp = (await post('/api/sales/customer', { name: 'UK buyer', currency: 'GBP', tax_rate: '0', default_warehouse: main }, 201)).id;
    const before = (await t.db.query(`select count(*)::int as n from sales_sales_order`)).rows[0].n;
    const r = await t.req('POST', '/api/sales/sales_order', { customer: gbp, order_date: today, lines: [{ item: nut, qty: '1', rate: '10.00' }] });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('EXCHANGE_RATE_MISSING');
    expect(r.body.error.details).toEqual([
      {
        path: 'currency',
        message: `GBP has no exchange rate to EUR on or before ${today}`,
        key: 'accounting.no_exchange_rate_before',
        params: { date: today, from: 'GBP', target: 'EUR' },
      },
    ]);
    expect((await t.db.query(`select count(*)::int as n from sales_sales_order`)).rows[0].n).toBe(before);
    // a rate the user enters stands (accounting fills only an empty one)
    const own = await post(
      '/api/sales/sales_order',
      { customer: gbp, order_date: today, exchange_rate: '1.15', lines: [{ item: nut, qty: '1', rate: '10.00' }] },
      201,
    );
    expect(own).toMatchObject({ exchange_rate: '1.150000000', base_net_total: '11.50' });
  });
});

describe('purchasing figures', () => {
  it('purchase order analysis, received-not-billed and its widget count a USD order at its rate, beside the EUR one', async () => {
    const supplier = (await post('/api/purchasing/supplier', { name: 'US Tools Inc', code: 'UST', currency: 'USD' }, 201)).id;
    let po = await post(
      '/api/purchasing/purchase_order',
      { supplier, currency: 'USD', exchange_rate: '0.9', order_date: today, set_warehouse: main, lines: [{ item: nut, qty: '3', rate: '33.33' }] },
      201,
    );
    po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    const analysis = await get('/api/purchasing/reports/purchase-order-analysis');
    // EUR order 20 x 10.00 = 200.00 (received, not billed); USD order 99.99 x 0.90 = 89.99 (nothing received)
    expect(analysis.currency).toBe('EUR');
    expect(analysis.totals).toMatchObject({ orders: 2, amount: '289.99', received_amount: '200.00', billed_amount: '0.00', pending_amount: '289.99' });
    expect(analysis.data.find((r: any) => r.purchase_order === po.id)).toMatchObject({ currency: 'USD', amount: '99.99', base_amount: '89.99' });
    const gr = await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: today });
    await post(`/api/purchasing/goods_receipt/${gr.id}/submit`);
    const rnb = await get('/api/purchasing/reports/received-not-billed');
    expect(rnb.totals).toEqual({ to_bill: '289.99' });
    expect(rnb.data.find((r: any) => r.purchase_order === po.id)).toMatchObject({ currency: 'USD', to_bill: '99.99', base_to_bill: '89.99' });
    expect((await get('/api/dashboard/purchasing.received_not_billed')).value).toBe('289.99');
  });
});
