/**
 * Tax templates: the seeded LT VAT templates (21, 9, 5, 0 %, exempt; sales and purchase, LT
 * names), templates on quotations, sales orders, invoices, purchase orders and supplier
 * invoices instead of a bare percentage (header and line), tax posted per tax account, the
 * VAT report for a period, and the refusals (a template of the wrong kind; a posting whose
 * default account is missing names the setting) -- nothing written on a refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let main: number;
let nut: number;
let customer: number;
let supplier: number;
const acc: Record<string, number> = {};
const tpl: Record<string, number> = {};
const DAY = '2026-10-15';

const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));
const gl = async (type: string, id: number) =>
  (
    await t.db.query(
      `select a.number, g.debit::text as debit, g.credit::text as credit from accounting_gl_entry g join accounting_account a on a.id = g.account
        where g.voucher_type = $1 and g.voucher_id = $2 and not g.is_reversal order by a.number, g.debit`,
      [type, id],
    )
  ).rows.map((r: any) => [r.number, r.debit, r.credit]);
const count = async (table: string) => (await t.db.query(`select count(*)::int as n from ${table}`)).rows[0].n as number;

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'], settings: { accounting: { chart: 'lt' } } } as any);
  for (const r of (await t.db.query(`select id, number from accounting_account`)).rows) acc[r.number] = Number(r.id);
  for (const r of (await t.db.query(`select id, kind, code from accounting_tax_template`)).rows) tpl[`${r.kind}:${r.code}`] = Number(r.id);
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  nut = (await post('/api/inventory/item', { code: 'NUT', name: 'Nut', stock_uom: nos, default_warehouse: main }, 201)).id;
  customer = (await post('/api/sales/customer', { name: 'Pirkėjas', tax_rate: '21', default_warehouse: main }, 201)).id;
  supplier = (await post('/api/purchasing/supplier', { name: 'Tiekėjas', code: 'TK' }, 201)).id;
  const e = await post(
    '/api/inventory/stock_entry',
    { purpose: 'receipt', posting_date: DAY, to_warehouse: main, lines: [{ item: nut, qty: '100', rate: '1.00' }] },
    201,
  );
  await post(`/api/inventory/stock_entry/${e.id}/submit`);
});
afterAll(async () => {
  await t?.close();
});

describe('seeded templates', () => {
  it('LT VAT 21, 9, 5, 0 % and exempt for sales (output VAT 4492) and purchases (input VAT 2441), with Lithuanian names', async () => {
    const rows = (await get('/api/accounting/tax_template?limit=50&sort=id')).data;
    expect(rows).toHaveLength(10);
    const sales21 = rows.find((r: any) => r.kind === 'sales' && r.code === 'VAT21');
    expect(sales21).toMatchObject({ name: 'LT VAT 21 % (sales)', name_lt: 'PVM 21 % (pardavimai)', rate: '21.00', exempt: false });
    expect((await get(`/api/accounting/tax_template/${sales21.id}`)).lines).toMatchObject([{ rate: '21.00', account: acc['4492'] }]);
    const purchase9 = rows.find((r: any) => r.kind === 'purchase' && r.code === 'VAT9');
    expect(purchase9).toMatchObject({ name_lt: 'PVM 9 % (lengvatinis) (pirkimai)', rate: '9.00' });
    expect((await get(`/api/accounting/tax_template/${purchase9.id}`)).lines[0].account).toBe(acc['2441']);
    expect(rows.map((r: any) => `${r.kind}:${r.code}:${r.rate}`).sort()).toEqual(
      ['EXEMPT:0.00', 'VAT0:0.00', 'VAT21:21.00', 'VAT5:5.00', 'VAT9:9.00'].flatMap((c) => [`purchase:${c}`, `sales:${c}`]).sort(),
    );
    expect(rows.find((r: any) => r.code === 'EXEMPT').exempt).toBe(true);
    const meta = (await get('/api/meta')).entities.find((e: any) => e.key === 'accounting.tax_template');
    expect(meta.labels.lt).toMatchObject({ title: 'Mokesčių šablonas' });
  });
});

describe('templates on sales documents', () => {
  let quotation: any;

  it("a quotation takes the header template's rate; a line's own template wins over it", async () => {
    quotation = await post(
      '/api/sales/quotation',
      {
        customer,
        quotation_date: DAY,
        tax_template: tpl['sales:VAT9'],
        lines: [
          { item: nut, qty: '10', rate: '3.00' },
          { item: nut, qty: '4', rate: '5.00', tax_template: tpl['sales:VAT5'] },
        ],
      },
      201,
    );
    expect(quotation).toMatchObject({ tax_rate: '9.00', net_total: '50.00', tax_total: '3.70', grand_total: '53.70' });
    expect(quotation.lines.map((l: any) => [l.tax_rate, l.tax_amount])).toEqual([
      ['9.00', '2.70'],
      ['5.00', '1.00'],
    ]);
    // changing the header template re-prices the lines that follow it
    const changed = ok(await t.req('PATCH', `/api/sales/quotation/${quotation.id}`, { tax_template: tpl['sales:VAT21'] }));
    expect(changed.lines.map((l: any) => [l.tax_rate, l.tax_amount])).toEqual([
      ['21.00', '6.30'],
      ['5.00', '1.00'],
    ]);
    expect(changed).toMatchObject({ tax_total: '7.30', grand_total: '57.30' });
    quotation = await post(`/api/sales/quotation/${quotation.id}/submit`);
  });

  it('the order made from the quotation keeps its templates; the invoice posts VAT per template account', async () => {
    let order = await post(`/api/sales/quotation/${quotation.id}/actions/make_sales_order`, {});
    expect(order.tax_template).toBe(tpl['sales:VAT21']);
    expect(order.lines.map((l: any) => [l.tax_template, l.tax_rate])).toEqual([
      [null, '21.00'],
      [tpl['sales:VAT5'], '5.00'],
    ]);
    order = await post(`/api/sales/sales_order/${order.id}/submit`);
    const inv = await post(`/api/sales/sales_order/${order.id}/actions/make_invoice`, { posting_date: DAY, basis: 'ordered', submit: true });
    expect(inv.lines.map((l: any) => l.tax_template)).toEqual([tpl['sales:VAT21'], tpl['sales:VAT5']]);
    expect(inv).toMatchObject({ net_total: '50.00', tax_total: '7.30', grand_total: '57.30' });
    expect(await gl('sales.sales_invoice', inv.id)).toEqual([
      ['2410', '57.30', '0.00'],
      ['4492', '0.00', '7.30'],
      ['5000', '0.00', '50.00'],
    ]);
  });

  it('a template with two tax lines splits the tax over its accounts by rate, to the cent', async () => {
    const split = await post(
      '/api/accounting/tax_template',
      {
        name: 'Split 15 + 6',
        kind: 'sales',
        code: 'SPLIT',
        lines: [
          { description: 'Part A', rate: '15', account: acc['4492'] },
          { description: 'Part B', rate: '6', account: acc['4493'] },
        ],
      },
      201,
    );
    expect(split.rate).toBe('21.00');
    const other = split.lines[1].account;
    const otherNumber = (await t.db.query(`select number from accounting_account where id = $1`, [other])).rows[0].number;
    let order = await post(
      '/api/sales/sales_order',
      { customer, order_date: DAY, tax_template: split.id, lines: [{ item: nut, qty: '1', rate: '33.33', warehouse: main }] },
      201,
    );
    expect(order).toMatchObject({ tax_total: '7.00', grand_total: '40.33' });
    order = await post(`/api/sales/sales_order/${order.id}/submit`);
    const inv = await post(`/api/sales/sales_order/${order.id}/actions/make_invoice`, { posting_date: DAY, basis: 'ordered', submit: true });
    // 7.00 x 15 / 21 = 5.00; the last line takes the rest, 2.00
    const rows = await gl('sales.sales_invoice', inv.id);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['4492', '0.00', '5.00'],
        [otherNumber, '0.00', '2.00'],
        ['2410', '40.33', '0.00'],
        ['5000', '0.00', '33.33'],
      ]),
    );
    expect(rows).toHaveLength(4);
  });

  it('a purchase template on a sales document is refused naming the field, and nothing is written', async () => {
    const before = await count('sales_sales_order');
    const r = await t.req('POST', '/api/sales/sales_order', {
      customer,
      order_date: DAY,
      tax_template: tpl['purchase:VAT21'],
      lines: [{ item: nut, qty: '1', rate: '1', tax_template: tpl['purchase:VAT9'] }],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('INVALID_TAX_TEMPLATE');
    expect(r.body.error.details).toEqual([
      {
        path: 'tax_template',
        message: 'LT VAT 21 % (purchases) is a purchase tax template: choose a sales one',
        key: 'accounting.tax_template_choose_one',
        params: { kind: { en: 'purchase', lt: 'pirkimų' }, kind2: { en: 'sales', lt: 'pardavimų' }, name: 'LT VAT 21 % (purchases)' },
      },
      {
        path: 'lines/0/tax_template',
        message: 'LT VAT 9 % (reduced) (purchases) is a purchase tax template: choose a sales one',
        key: 'accounting.tax_template_choose_one',
        params: { kind: { en: 'purchase', lt: 'pirkimų' }, kind2: { en: 'sales', lt: 'pardavimų' }, name: 'LT VAT 9 % (reduced) (purchases)' },
      },
    ]);
    expect(await count('sales_sales_order')).toBe(before);
  });
});

describe('templates on purchasing documents (VAT on supplier invoices)', () => {
  it('a purchase order with VAT 21 %, invoiced: lines inherit the template, input VAT posts to 2441', async () => {
    let po = await post(
      '/api/purchasing/purchase_order',
      { supplier, order_date: DAY, set_warehouse: main, tax_template: tpl['purchase:VAT21'], lines: [{ item: nut, qty: '20', rate: '1.00' }] },
      201,
    );
    expect(po).toMatchObject({ total: '20.00', tax_total: '4.20', grand_total: '24.20' });
    po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    const gr = await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: DAY });
    await post(`/api/purchasing/goods_receipt/${gr.id}/submit`);
    const inv = await post(`/api/purchasing/purchase_order/${po.id}/actions/bill`, { posting_date: DAY, bill_no: 'T-1', submit: true });
    expect(inv).toMatchObject({ tax_template: tpl['purchase:VAT21'], tax_total: '4.20', grand_total: '24.20' });
    expect(await gl('purchasing.supplier_invoice', inv.id)).toEqual([
      ['2441', '4.20', '0.00'],
      ['4430', '0.00', '24.20'],
      ['4432', '20.00', '0.00'],
    ]);
  });

  it("a supplier invoice line with a bare percentage and no template keeps it; a service posts to expense, its VAT to the 21 % template's account", async () => {
    const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
    const transport = (await post('/api/inventory/item', { code: 'TRANSPORT', name: 'Transport', stock_uom: nos, is_stock_item: false }, 201)).id;
    let inv = await post(
      '/api/purchasing/supplier_invoice',
      { supplier, posting_date: '2026-09-30', lines: [{ item: transport, qty: '1', rate: '10.00', tax_rate: '21' }] },
      201,
    );
    expect(inv).toMatchObject({ total: '10.00', tax_total: '2.10', grand_total: '12.10' });
    inv = await post(`/api/purchasing/supplier_invoice/${inv.id}/submit`);
    expect(await gl('purchasing.supplier_invoice', inv.id)).toEqual([
      ['2441', '2.10', '0.00'],
      ['4430', '0.00', '12.10'],
      ['6290', '10.00', '0.00'],
    ]);
  });
});

describe('VAT report', () => {
  it('October: output 7.30 + 7.00, input 4.20, payable 10.10; bases per template from the invoices', async () => {
    const vat = await get(`/api/accounting/reports/vat?from=2026-10-01&to=2026-10-31`);
    expect(vat.totals).toEqual({ output: '14.30', input: '4.20', payable: '10.10' });
    expect(vat.bases).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ side: 'output', code: 'VAT21', base: '30.00', tax: '6.30' }),
        expect.objectContaining({ side: 'output', code: 'VAT5', base: '20.00', tax: '1.00' }),
        expect.objectContaining({ side: 'output', code: 'SPLIT', base: '33.33', tax: '7.00' }),
        expect.objectContaining({ side: 'input', code: 'VAT21', base: '20.00', tax: '4.20' }),
      ]),
    );
    expect(vat.data.find((r: any) => r.key === 'payable')).toMatchObject({ amount: '10.10', labels: { lt: 'Mokėtinas PVM (neigiamas: grąžintinas)' } });
    const nov = await get(`/api/accounting/reports/vat?from=2026-11-01&to=2026-11-30`);
    expect(nov.totals).toEqual({ output: '0.00', input: '0.00', payable: '0.00' });
    const bad = await t.req('GET', '/api/accounting/reports/vat?from=2026-11-30&to=2026-11-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('from');
  });
});

describe('a sales document in a currency without a recorded exchange rate', () => {
  it('is refused naming the currency (not booked at a wrong value): the order draft, and an invoice of an order with an entered rate; nothing is billed', async () => {
    const usd = (await post('/api/sales/customer', { name: 'US buyer', currency: 'USD', tax_rate: '0', default_warehouse: main }, 201)).id;
    const glRows = await count('accounting_gl_entry');
    // accounting fills the rate of the order date, and refuses the order when it has none
    const refused = await t.req('POST', '/api/sales/sales_order', { customer: usd, order_date: DAY, lines: [{ item: nut, qty: '1', rate: '9.00' }] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('EXCHANGE_RATE_MISSING');
    expect(refused.body.error.details).toEqual([
      {
        path: 'currency',
        message: `USD has no exchange rate to EUR on or before ${DAY}`,
        key: 'accounting.no_exchange_rate_before',
        params: { date: DAY, from: 'USD', target: 'EUR' },
      },
    ]);
    // a rate the user enters on the order stands; the invoice still needs a recorded rate of its own date to post
    let order = await post(
      '/api/sales/sales_order',
      { customer: usd, order_date: DAY, exchange_rate: '0.9', lines: [{ item: nut, qty: '1', rate: '9.00' }] },
      201,
    );
    expect(order.currency).toBe('USD');
    order = await post(`/api/sales/sales_order/${order.id}/submit`);
    const r = await t.req('POST', `/api/sales/sales_order/${order.id}/actions/make_invoice`, { posting_date: DAY, basis: 'ordered' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('EXCHANGE_RATE_MISSING');
    expect(r.body.error.details).toEqual([
      {
        path: 'currency',
        message: `USD has no exchange rate to EUR on or before ${DAY}`,
        key: 'accounting.no_exchange_rate_before',
        params: { date: DAY, from: 'USD', target: 'EUR' },
      },
    ]);
    expect((await get(`/api/sales/sales_order/${order.id}`)).lines[0].billed_qty).toBe('0.000000');
    expect(await count('accounting_gl_entry')).toBe(glRows);
  });
});

describe('a posting rule that finds no account', () => {
  it('names the missing default and where to set it; the document stays a draft and no stock moves', async () => {
    const a = await startApp({ plugins: ['inventory', 'accounting'], settings: { accounting: { defaults: { stock_adjustment: '9999' } } } } as any);
    try {
      const nos = (await a.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
      const wh = ok(await a.req('POST', '/api/inventory/warehouse', { name: 'Main' }), 201).id;
      const it = ok(await a.req('POST', '/api/inventory/item', { code: 'X', name: 'X', stock_uom: nos }), 201).id;
      const e = ok(
        await a.req('POST', '/api/inventory/stock_entry', {
          purpose: 'receipt',
          posting_date: DAY,
          to_warehouse: wh,
          lines: [{ item: it, qty: '1', rate: '5' }],
        }),
        201,
      );
      const r = await a.req('POST', `/api/inventory/stock_entry/${e.id}/submit`);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('ACCOUNT_NOT_CONFIGURED');
      expect(r.body.error.message).toMatch(/stock_adjustment account 9999 .* does not exist .*settings\.accounting\.defaults\.stock_adjustment/);
      expect(r.body.error.details[0].path).toBe('settings.accounting.defaults.stock_adjustment');
      expect(ok(await a.req('GET', `/api/inventory/stock_entry/${e.id}`)).docstatus).toBe('draft');
      expect((await a.db.query(`select count(*)::int as n from inventory_stock_ledger_entry`)).rows[0].n).toBe(0);
      expect((await a.db.query(`select count(*)::int as n from accounting_gl_entry`)).rows[0].n).toBe(0);
    } finally {
      await a.close();
    }
  });
});
