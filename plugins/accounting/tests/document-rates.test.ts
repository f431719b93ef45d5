/**
 * The rate provider with accounting on: a purchase order in another currency without a rate
 * takes the rate of its order date from accounting.exchange_rate before its lines are priced
 * (or is refused naming the currency and the date), the company currency is 1, receipts and
 * supplier invoices made from it inherit its rate. The rate read route the forms use, the
 * backfill of documents saved without a rate, and the credit limit counted from
 * base_grand_total. Verify is ok after every test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_USER } from '@tessera/core';
import { ok } from '@tessera/plugin-kit/testing';
import { rateCommands } from '../src/currency/backfill.js';
import { startApp, type TestApp } from '../../../tests/helpers.js';

let t: TestApp;
let main: number;
let bolt: number;
let usdSupplier: number;
let today: string;
let first: string;
let eurSupplier: number;

const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));
const count = async (table: string) => (await t.db.query(`select count(*)::int as n from ${table}`)).rows[0].n;

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'] } as any);
  today = (await t.db.query(`select current_date::text as d`)).rows[0].d;
  first = (await t.db.query(`select (current_date - 10)::text as d`)).rows[0].d;
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  // bought at 9.00 EUR a piece (standard buying rate, company currency)
  bolt = (await post('/api/inventory/item', { code: 'BOLT', name: 'Bolt', stock_uom: nos, default_warehouse: main, standard_rate: '9.00' }, 201)).id;
  usdSupplier = (await post('/api/purchasing/supplier', { name: 'US Tools Inc', code: 'UST', currency: 'USD' }, 201)).id;
  // The company currency is EUR; USD is worth 0.90 EUR from ten days ago.
  await post('/api/accounting/exchange_rate', { rate_date: first, from_currency: 'USD', to_currency: 'EUR', rate: '0.900000000' }, 201);
  // 20 bolts in stock (EUR order)
  eurSupplier = (await post('/api/purchasing/supplier', { name: 'Baltic Fasteners', code: 'BF' }, 201)).id;
  const po = await post(
    '/api/purchasing/purchase_order',
    { supplier: eurSupplier, order_date: today, set_warehouse: main, lines: [{ item: bolt, qty: '20' }] },
    201,
  );
  await post(`/api/purchasing/purchase_order/${po.id}/submit`);
  await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: today, submit: true });
});

afterEach(async () => {
  const v = await get('/api/accounting/reports/verify');
  expect(v.ok, JSON.stringify(v.data)).toBe(true);
});

afterAll(async () => {
  await t?.close();
});

describe('purchase order exchange rate', () => {
  it('a USD order without a rate takes the rate of its date, prices its lines from it; the receipt and the invoice inherit it', async () => {
    let po = await post(
      '/api/purchasing/purchase_order',
      { supplier: usdSupplier, order_date: today, set_warehouse: main, lines: [{ item: bolt, qty: '10' }] },
      201,
    );
    // 9.00 EUR / 0.90 = 10.00 USD a piece
    expect(po).toMatchObject({ currency: 'USD', exchange_rate: '0.900000000', total: '100.00' });
    expect(po.lines[0].rate).toBe('10.000000');
    po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    const gr = await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: today, submit: true });
    expect(gr).toMatchObject({ currency: 'USD', exchange_rate: '0.900000000' });
    // stock at 10 x 10.00 USD x 0.90 = 90.00 EUR
    const stock = (
      await t.db.query(
        `select coalesce(sum(value_change), 0)::text as v from inventory_stock_ledger_entry where voucher_type = 'purchasing.goods_receipt' and voucher_id = $1`,
        [gr.id],
      )
    ).rows[0].v;
    expect(Number(stock)).toBe(90);
    // a later rate does not move the order's documents: the invoice takes the order's rate
    await post('/api/accounting/exchange_rate', { rate_date: today, from_currency: 'USD', to_currency: 'EUR', rate: '0.950000000' }, 201);
    try {
      const inv = await post(`/api/purchasing/purchase_order/${po.id}/actions/bill`, { posting_date: today, bill_no: 'US-1', submit: true });
      expect(inv).toMatchObject({ currency: 'USD', exchange_rate: '0.900000000', outstanding_amount: '100.00' });
    } finally {
      await t.db.query(`delete from accounting_exchange_rate where rate_date = $1 and rate = 0.95`, [today]);
    }
  });

  it('the company currency is 1; a rate entered by hand stays; a currency without a rate is refused and nothing is written', async () => {
    const eur = await post(
      '/api/purchasing/purchase_order',
      { supplier: eurSupplier, order_date: today, lines: [{ item: bolt, qty: '1' }], set_warehouse: main },
      201,
    );
    expect(eur).toMatchObject({ currency: 'EUR', exchange_rate: '1.000000000', total: '9.00' });
    const own = await post(
      '/api/purchasing/purchase_order',
      { supplier: usdSupplier, order_date: today, exchange_rate: '0.8', set_warehouse: main, lines: [{ item: bolt, qty: '2' }] },
      201,
    );
    expect(own).toMatchObject({ exchange_rate: '0.800000000', total: '22.50' });
    const before = await count('purchasing_purchase_order');
    const r = await t.req('POST', '/api/purchasing/purchase_order', {
      supplier: usdSupplier,
      currency: 'GBP',
      order_date: today,
      set_warehouse: main,
      lines: [{ item: bolt, qty: '1' }],
    });
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
    expect(await count('purchasing_purchase_order')).toBe(before);
  });
});

describe('GET /api/accounting/exchange-rate', () => {
  it('answers the rate a document of that date takes, to whoever may create one; refuses others and a date without a rate', async () => {
    expect(await get(`/api/accounting/exchange-rate?from=USD&date=${today}`)).toEqual({ from: 'USD', to: 'EUR', date: today, rate: '0.900000000' });
    // inverted pair: 1 / 0.9, to 9 places
    expect((await get(`/api/accounting/exchange-rate?from=EUR&to=USD&date=${today}`)).rate).toBe('1.111111111');
    const seller = await t.createUser('rate-seller', ['sales.user']);
    expect(ok(await seller.req('GET', `/api/accounting/exchange-rate?from=USD&date=${today}`)).rate).toBe('0.900000000');
    const stranger = await t.createUser('rate-stranger', []);
    expect((await stranger.req('GET', `/api/accounting/exchange-rate?from=USD&date=${today}`)).status).toBe(403);
    const before = await t.req('GET', `/api/accounting/exchange-rate?from=USD&date=2000-01-01`);
    expect(before.status).toBe(422);
    expect(before.body.error.code).toBe('EXCHANGE_RATE_MISSING');
    expect(before.body.error.details[0]).toMatchObject({ path: 'from', params: { from: 'USD', target: 'EUR', date: '2000-01-01' } });
    expect((await t.req('GET', `/api/accounting/exchange-rate?from=usd&date=${today}`)).status).toBe(400);
  });
});

describe('credit limit in another currency', () => {
  it('counts a USD order by its base_grand_total and names the figures in EN and LT', async () => {
    const c = (await post('/api/sales/customer', { name: 'US Limited', currency: 'USD', tax_rate: '0', default_warehouse: main, credit_limit: '500.00' }, 201))
      .id;
    // an open order of 300.00 USD at a rate entered by hand (0.80) = 240.00 EUR, as the order says
    // (not at the rate table's 0.90); then 333.33 USD at 0.90 = 300.00 EUR (299.997)
    const open = await post(
      '/api/sales/sales_order',
      { customer: c, order_date: today, exchange_rate: '0.8', lines: [{ item: bolt, qty: '1', rate: '300.00' }] },
      201,
    );
    expect(open.base_grand_total).toBe('240.00');
    await post(`/api/sales/sales_order/${open.id}/submit`);
    const so = await post('/api/sales/sales_order', { customer: c, order_date: today, lines: [{ item: bolt, qty: '1', rate: '333.33' }] }, 201);
    expect(so).toMatchObject({ grand_total: '333.33', base_grand_total: '300.00' });
    const r = await t.req('POST', `/api/sales/sales_order/${so.id}/submit`);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('CREDIT_LIMIT_EXCEEDED');
    const figures = { owed: '0.00', ordered: '240.00', self: '300.00', exposure: '540.00', limit: '500.00', over: '40.00', currency: 'EUR' };
    expect(r.body.error.details).toEqual([
      {
        path: 'customer',
        code: 'credit_limit',
        message: 'owed 0.00 + other open orders 240.00 + this order 300.00 = 540.00 EUR, over the credit limit 500.00 EUR by 40.00',
        key: 'accounting.credit_limit_figures',
        params: figures,
      },
    ]);
    const lt = await t.req('POST', `/api/sales/sales_order/${so.id}/submit`, undefined, { 'accept-language': 'lt' });
    expect(lt.body.error.message).toContain(
      'US Limited: skola 0.00 + kiti atviri užsakymai 240.00 + šis užsakymas 300.00 = 540.00 EUR, viršija kredito limitą 500.00 EUR suma 40.00',
    );
    expect((await get(`/api/sales/sales_order/${so.id}`)).docstatus).toBe('draft');
    await t.req('PATCH', `/api/sales/customer/${c}`, { credit_limit_action: 'warn' });
    const warned = await post(`/api/sales/sales_order/${so.id}/submit`);
    expect(warned.credit_limit_note).toBe(
      'Credit limit exceeded: owed 0.00 + other open orders 240.00 + this order 300.00 = 540.00 EUR, over the credit limit 500.00 EUR by 40.00',
    );
  });
});

describe('backfill of documents saved without a rate', () => {
  it('fills rates (ledger, order, date) and base totals, reports what it cannot fill, and is idempotent', async () => {
    const usdBuyer = (await post('/api/sales/customer', { name: 'US buyer', currency: 'USD', tax_rate: '0', default_warehouse: main }, 201)).id;
    const gbpBuyer = (await post('/api/sales/customer', { name: 'UK buyer', currency: 'GBP', tax_rate: '0', default_warehouse: main }, 201)).id;
    const q = await post('/api/sales/quotation', { customer: usdBuyer, quotation_date: today, lines: [{ item: bolt, qty: '3', rate: '33.33' }] }, 201);
    let so = await post('/api/sales/sales_order', { customer: usdBuyer, order_date: today, lines: [{ item: bolt, qty: '1', rate: '50.00' }] }, 201);
    so = await post(`/api/sales/sales_order/${so.id}/submit`);
    await post(`/api/sales/sales_order/${so.id}/actions/make_delivery`, { posting_date: today, submit: true });
    const inv = await post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { posting_date: today, submit: true });
    const gbp = await post(
      '/api/sales/quotation',
      { customer: gbpBuyer, quotation_date: today, exchange_rate: '1.15', lines: [{ item: bolt, qty: '1', rate: '10.00' }] },
      201,
    );
    // as saved before documents carried a rate
    await t.db.query(`update sales_quotation set exchange_rate = null, base_net_total = null, base_grand_total = null where id = any($1)`, [[q.id, gbp.id]]);
    await t.db.query(`update sales_sales_order set exchange_rate = null, base_net_total = null, base_grand_total = null where id = $1`, [so.id]);
    await t.db.query(`update sales_sales_invoice set exchange_rate = null, base_net_total = null, base_grand_total = null where id = $1`, [inv.id]);
    expect((await get('/api/sales/reports/analytics?group_by=customer')).excluded).toEqual({ documents_without_rate: 1 });
    // a later rate: the quotation and the order take it (their date's), the invoice keeps the rate its entries posted at
    await post('/api/accounting/exchange_rate', { rate_date: today, from_currency: 'USD', to_currency: 'EUR', rate: '0.950000000' }, 201);
    try {
      const stranger = await t.createUser('backfill-stranger', ['sales.manager']);
      expect((await stranger.req('POST', '/api/accounting/exchange-rates/backfill', {})).status).toBe(403);
      const r = await post('/api/accounting/exchange-rates/backfill');
      expect(r.filled).toEqual({ 'sales.quotation': 1, 'sales.sales_order': 1, 'sales.sales_invoice': 1 });
      expect(r.unfilled).toEqual([
        expect.objectContaining({ entity: 'sales.quotation', id: gbp.id, number: gbp.number, currency: 'GBP', date: today, code: 'EXCHANGE_RATE_MISSING' }),
      ]);
      // 99.99 x 0.95 = 94.9905 -> 94.99; 50.00 x 0.95 = 47.50; the invoice at 0.90: 45.00
      expect(await get(`/api/sales/quotation/${q.id}`)).toMatchObject({ exchange_rate: '0.950000000', base_net_total: '94.99', base_grand_total: '94.99' });
      expect(await get(`/api/sales/sales_order/${so.id}`)).toMatchObject({ exchange_rate: '0.950000000', base_grand_total: '47.50' });
      expect(await get(`/api/sales/sales_invoice/${inv.id}`)).toMatchObject({ exchange_rate: '0.900000000', base_grand_total: '45.00' });
      expect((await get('/api/sales/reports/analytics?group_by=customer')).excluded).toEqual({ documents_without_rate: 0 });
      // once the missing rate is recorded, running it again finishes the job
      await post('/api/accounting/exchange_rate', { rate_date: first, from_currency: 'GBP', to_currency: 'EUR', rate: '1.150000000' }, 201);
      expect(await post('/api/accounting/exchange-rates/backfill')).toEqual({ filled: { 'sales.quotation': 1 }, unfilled: [] });
      expect(await get(`/api/sales/quotation/${gbp.id}`)).toMatchObject({ exchange_rate: '1.150000000', base_net_total: '11.50' });
      expect(await post('/api/accounting/exchange-rates/backfill')).toEqual({ filled: {}, unfilled: [] });
    } finally {
      await t.db.query(`delete from accounting_exchange_rate where rate_date = $1 and rate = 0.95`, [today]);
    }
  });
});

describe('pnpm tessera accounting backfill-rates', () => {
  it('fills what it can, prints what it did and what it could not, and exits 1 while some document stays without a rate', async () => {
    const buyer = (await post('/api/sales/customer', { name: 'CLI buyer', currency: 'USD', tax_rate: '0', default_warehouse: main }, 201)).id;
    const chf = (await post('/api/sales/customer', { name: 'CLI CHF buyer', currency: 'CHF', tax_rate: '0', default_warehouse: main }, 201)).id;
    const q = await post('/api/sales/quotation', { customer: buyer, quotation_date: today, lines: [{ item: bolt, qty: '1', rate: '10.00' }] }, 201);
    const c = await post(
      '/api/sales/quotation',
      { customer: chf, quotation_date: today, exchange_rate: '0.95', lines: [{ item: bolt, qty: '1', rate: '10.00' }] },
      201,
    );
    await t.db.query(`update sales_quotation set exchange_rate = null, base_net_total = null, base_grand_total = null where id = any($1)`, [[q.id, c.id]]);
    const lines: string[] = [];
    const run = (options: Record<string, boolean> = {}) =>
      rateCommands['backfill-rates']!.run({
        args: [],
        options,
        config: t.config,
        withServices: (fn) => t.service.withServices(SYSTEM_USER, fn),
        sql: async (text, params) => (await t.db.query(text, params)).rows,
        print: (line) => lines.push(line),
      });
    expect(await run()).toBe(1);
    expect(lines).toEqual([
      'Filled 1 document(s): sales.quotation 1.',
      `  not filled: sales.quotation ${c.number} (CHF, ${today}): currency: no exchange rate CHF -> EUR is recorded on or before ${today}: add one in accounting.exchange_rate (or import a CSV of rates)`,
    ]);
    expect(await get(`/api/sales/quotation/${q.id}`)).toMatchObject({ exchange_rate: '0.900000000', base_grand_total: '9.00' });
    await t.db.query(`update sales_quotation set exchange_rate = 0.95 where id = $1`, [c.id]);
    lines.length = 0;
    expect(await run({ json: true })).toBe(0);
    expect(JSON.parse(lines.join('\n'))).toEqual({ filled: {}, unfilled: [] });
  });
});

describe('rules that must hold', () => {
  it('a foreign-currency invoice: every figure to the cent, the conversion residual goes to the round-off account', async () => {
    const buyer = (await post('/api/sales/customer', { name: 'US cents', currency: 'USD', tax_rate: '21', default_warehouse: main }, 201)).id;
    let so = await post('/api/sales/sales_order', { customer: buyer, order_date: today, lines: [{ item: bolt, qty: '1', rate: '1.05' }] }, 201);
    so = await post(`/api/sales/sales_order/${so.id}/submit`);
    await post(`/api/sales/sales_order/${so.id}/actions/make_delivery`, { posting_date: today, submit: true });
    const inv = await post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { posting_date: today, submit: true });
    const rows = (
      await t.db.query(
        `select a.account_type, g.debit::text, g.credit::text, g.debit_in_currency::text, g.credit_in_currency::text, g.remarks
           from accounting_gl_entry g join accounting_account a on a.id = g.account
          where g.voucher_type = 'sales.sales_invoice' and g.voucher_id = $1 order by g.id`,
        [inv.id],
      )
    ).rows;
    // net 1.05 + VAT 0.22 = 1.27 USD; at 0.90: income 0.945 -> 0.95, VAT 0.198 -> 0.20, receivable 1.143 -> 1.14
    const sum = (k: 'debit' | 'credit') => rows.reduce((a: number, r: any) => a + Math.round(Number(r[k]) * 100), 0);
    expect(sum('debit')).toBe(sum('credit'));
    expect(rows.find((r: any) => r.account_type === 'receivable')).toMatchObject({ debit: '1.14', debit_in_currency: '1.27' });
    expect(rows.find((r: any) => r.account_type === 'income')).toMatchObject({ credit: '0.95' });
    expect(rows.find((r: any) => r.account_type === 'tax')).toMatchObject({ credit: '0.20' });
    // 1.14 = 0.95 + 0.20 - 0.01: the cent goes to the round-off account, named
    expect(rows.filter((r: any) => r.account_type === 'round_off')).toEqual([
      expect.objectContaining({ debit: '0.01', credit: '0.00', remarks: 'Rounding difference' }),
    ]);
    for (const r of rows) for (const k of ['debit', 'credit']) expect(r[k]).toMatch(/^\d+\.\d{2}$/);
  });

  it('verify finds an invoice whose stored outstanding amount disagrees with the ledger (the control account rule), and is ok once it agrees', async () => {
    const [inv] = (await t.db.query(`select id, outstanding_amount::text as o from sales_sales_invoice where docstatus = 'submitted' order by id limit 1`))
      .rows;
    await t.db.query(`update sales_sales_invoice set outstanding_amount = outstanding_amount + 1 where id = $1`, [inv.id]);
    try {
      const v = await get('/api/accounting/reports/verify');
      expect(v.ok).toBe(false);
      expect(v.data).toEqual([expect.objectContaining({ check: 'outstanding_amount', voucher_type: 'sales.sales_invoice', voucher_id: inv.id })]);
    } finally {
      await t.db.query(`update sales_sales_invoice set outstanding_amount = $2 where id = $1`, [inv.id, inv.o]);
    }
  });
});
