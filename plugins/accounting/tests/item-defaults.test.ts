/**
 * Defaults a document line takes from its item (issue 17, entry): the default tax template of
 * an item or its item group (up the tree), filled in by the forms (selling / buying defaults,
 * then the template's rate) and applied by the server to an API create that names none; and the
 * buying rate of purchase lines from the supplier's prices, else the item's standard buying rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let nos: number;
let main: number;
let customer: number;
let supplier: number;
let eurSupplier: number;
let groupItem: number;
let ownItem: number;
let plainItem: number;
const tpl: Record<string, number> = {};
const DAY = '2026-10-15';

const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));
const qs = (q: Record<string, string | number>) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'], settings: { accounting: { chart: 'lt' } } } as any);
  for (const r of (await t.db.query(`select id, kind, code from accounting_tax_template`)).rows) tpl[`${r.kind}:${r.code}`] = Number(r.id);
  nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  // Books (9 %) sit in a group under "Printed", which names the reduced templates; one item names its own.
  const printed = (
    await post('/api/inventory/item_group', { name: 'Printed', sales_tax_template: tpl['sales:VAT9'], purchase_tax_template: tpl['purchase:VAT9'] }, 201)
  ).id;
  const books = (await post('/api/inventory/item_group', { name: 'Books', parent: printed }, 201)).id;
  groupItem = (
    await post('/api/inventory/item', { code: 'BK-1', name: 'Book', item_group: books, stock_uom: nos, default_warehouse: main, standard_rate: '4' }, 201)
  ).id;
  ownItem = (
    await post(
      '/api/inventory/item',
      {
        code: 'BK-2',
        name: 'Newspaper',
        item_group: books,
        stock_uom: nos,
        default_warehouse: main,
        standard_rate: '1',
        sales_tax_template: tpl['sales:VAT5'],
      },
      201,
    )
  ).id;
  plainItem = (await post('/api/inventory/item', { code: 'PL-1', name: 'Plain', stock_uom: nos, default_warehouse: main, standard_rate: '2.5' }, 201)).id;
  customer = (await post('/api/sales/customer', { name: 'Pirkėjas', tax_rate: '21', default_warehouse: main }, 201)).id;
  supplier = (
    await post(
      '/api/purchasing/supplier',
      {
        name: 'Leidykla',
        code: 'LD',
        prices: [
          { item: groupItem, rate: '3.50' },
          { item: groupItem, min_qty: '100', rate: '3.00' },
          { item: groupItem, rate: '0.01', valid_until: '2020-12-31' },
        ],
      },
      201,
    )
  ).id;
  eurSupplier = (await post('/api/purchasing/supplier', { name: 'Dollar Books', code: 'DB', currency: 'USD', prices: [{ item: groupItem, rate: '9' }] }, 201))
    .id;
});
afterAll(async () => {
  await t?.close();
});

describe('default tax templates of items', () => {
  it('items and item groups declare them, in EN and LT', async () => {
    const meta = await get('/api/meta');
    const item = meta.entities.find((e: any) => e.key === 'inventory.item');
    const field = item.fields.find((f: any) => f.name === 'sales_tax_template');
    expect(field).toMatchObject({ label: 'Default sales tax template', labels: { lt: 'Numatytasis pardavimo mokesčių šablonas' } });
    expect(field.ui.refFilter).toEqual({ kind: 'sales', disabled: false });
    const group = meta.entities.find((e: any) => e.key === 'inventory.item_group');
    expect(group.fields.map((f: any) => f.name)).toEqual(expect.arrayContaining(['sales_tax_template', 'purchase_tax_template']));
  });

  it('the forms fill the template when an item is picked (own, else the group up the tree), then its rate', async () => {
    expect(await get(`/api/sales/selling-defaults?${qs({ item: groupItem, customer })}`)).toMatchObject({ tax_template: tpl['sales:VAT9'] });
    expect(await get(`/api/sales/selling-defaults?${qs({ item: ownItem, customer })}`)).toMatchObject({ tax_template: tpl['sales:VAT5'] });
    expect(await get(`/api/sales/selling-defaults?${qs({ item: plainItem, customer })}`)).not.toHaveProperty('tax_template');
    expect(await get(`/api/purchasing/buying-defaults?${qs({ item: groupItem, supplier })}`)).toMatchObject({ tax_template: tpl['purchase:VAT9'] });
    expect(await get(`/api/accounting/tax-template-rate?tax_template=${tpl['sales:VAT9']}`)).toEqual({ tax_rate: '9.00' });
    expect((await t.req('GET', '/api/accounting/tax-template-rate?tax_template=999999')).status).toBe(404);
    expect((await t.req('GET', '/api/accounting/tax-template-rate?tax_template=x')).status).toBe(400);
  });

  it("an API create without a template gets the item's; a given template or bare percentage is kept", async () => {
    const q = await post(
      '/api/sales/quotation',
      {
        customer,
        quotation_date: DAY,
        lines: [
          { item: groupItem, qty: '2', rate: '10' },
          { item: ownItem, qty: '1', rate: '10' },
          { item: plainItem, qty: '1', rate: '10' },
          { item: groupItem, qty: '1', rate: '10', tax_template: tpl['sales:VAT21'] },
          { item: groupItem, qty: '1', rate: '10', tax_rate: '0' },
        ],
      },
      201,
    );
    expect(q.lines.map((l: any) => [l.tax_template, l.tax_rate, l.tax_amount])).toEqual([
      [tpl['sales:VAT9'], '9.00', '1.80'],
      [tpl['sales:VAT5'], '5.00', '0.50'],
      [null, null, '2.10'],
      [tpl['sales:VAT21'], '21.00', '2.10'],
      [null, '0.00', '0.00'],
    ]);
    expect(q.tax_total).toBe('6.50');
    const po = await post(
      '/api/purchasing/purchase_order',
      {
        supplier,
        order_date: DAY,
        lines: [
          { item: groupItem, qty: '10' },
          { item: plainItem, qty: '4' },
        ],
      },
      201,
    );
    expect(po.lines.map((l: any) => [l.tax_template, l.tax_rate, l.tax_amount])).toEqual([
      [tpl['purchase:VAT9'], '9.00', '3.15'],
      [null, null, '0.00'],
    ]);
  });
});

describe('buying rates of purchase lines', () => {
  it("from the supplier's price on the date for the qty, else the standard buying rate", async () => {
    const d = (q: Record<string, string | number>) => get(`/api/purchasing/buying-defaults?${qs(q)}`);
    expect(await d({ item: groupItem, supplier, date: DAY, qty: '5' })).toMatchObject({ description: 'Book', uom: nos, rate: '3.5' });
    expect((await d({ item: groupItem, supplier, date: DAY, qty: '150' })).rate).toBe('3');
    // 10 boxes of 12: the 120-unit price break, per box.
    expect((await d({ item: groupItem, supplier, date: DAY, qty: '10', conversion_factor: '12' })).rate).toBe('36');
    expect((await d({ item: plainItem, supplier, date: DAY })).rate).toBe('2.5');
    // A supplier in USD: its prices for a USD order; an order in another currency takes the standard rate at the exchange rate.
    expect((await d({ item: groupItem, supplier: eurSupplier, date: DAY })).rate).toBe('9');
    expect((await d({ item: groupItem, supplier: eurSupplier, currency: 'EUR', date: DAY })).rate).toBe('4');
    expect((await d({ item: groupItem, supplier: eurSupplier, currency: 'GBP', exchange_rate: '2', date: DAY })).rate).toBe('2');
  });

  it('a purchase order line sent without a rate takes the same', async () => {
    const po = await post(
      '/api/purchasing/purchase_order',
      {
        supplier,
        order_date: DAY,
        lines: [
          { item: groupItem, qty: '5' },
          { item: groupItem, qty: '100' },
          { item: plainItem, qty: '1' },
          { item: groupItem, qty: '1', rate: '7' },
        ],
      },
      201,
    );
    expect(po.lines.map((l: any) => l.rate)).toEqual(['3.500000', '3.000000', '2.500000', '7.000000']);
  });
});
