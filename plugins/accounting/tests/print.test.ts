/**
 * Print formats with accounting on: purchase order (tax per rate from the tax templates),
 * goods receipt, the statement of account from the GL's party columns, and the payment receipt
 * of a real payment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { getPdf, pdfText } from '../../../tests/outbound/pdf.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let main: number;
let nut: number;
let bolt: number;
let customer: number;
let supplier: number;
const DAY = '2026-10-15';
const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const text = async (path: string, token = t.adminToken) => {
  const r = await getPdf(t.app, path, token);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return pdfText(r.pdf).replace(/\s+/g, ' ');
};

beforeAll(async () => {
  t = await startApp({
    plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'],
    company: { name: 'Baltic Tools UAB', currency: 'EUR', locale: 'en' },
    settings: { accounting: { chart: 'lt' } },
  } as any);
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  nut = (await post('/api/inventory/item', { code: 'NUT', name: 'Veržlė M8', stock_uom: nos, default_warehouse: main }, 201)).id;
  bolt = (await post('/api/inventory/item', { code: 'BOLT', name: 'Varžtas M8', description: 'Zinc plated', stock_uom: nos, default_warehouse: main }, 201)).id;
  customer = (
    await post(
      '/api/sales/customer',
      { name: 'Pirkėjas UAB', code: 'PIR', tax_rate: '21', default_warehouse: main, billing_address: 'Laisvės al. 10, Kaunas' },
      201,
    )
  ).id;
  supplier = (
    await post('/api/purchasing/supplier', { name: 'Tiekėjas UAB', code: 'TK', vat_code: 'LT555', address: 'Pramonės g. 3, Vilnius', locale: 'lt' }, 201)
  ).id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('purchasing documents', () => {
  let po: any;
  it("a purchase order prints the supplier, items, each tax rate and the grand total (in the supplier's language)", async () => {
    po = await post(
      '/api/purchasing/purchase_order',
      {
        supplier,
        order_date: DAY,
        set_warehouse: main,
        supplier_ref: 'Q-55',
        lines: [
          { item: nut, qty: '100', rate: '0.50', tax_rate: '21' },
          { item: bolt, qty: '10', rate: '2.00', tax_rate: '9' },
        ],
      },
      201,
    );
    po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    // 50.00 + 21 % 10.50; 20.00 + 9 % 1.80 -> 82.30
    expect(po.grand_total).toBe('82.30');
    const s = await text(`/api/purchasing/purchase_order/${po.id}/pdf`);
    for (const x of [
      'Pirkimo užsakymas',
      po.number,
      'Tiekėjas UAB',
      'Pramonės g. 3, Vilnius',
      'LT555',
      'Q-55',
      'Veržlė M8 (NUT)',
      'Varžtas M8 (BOLT)',
      'Zinc plated',
      '21%',
      '9%',
      '10,50',
      '1,80',
      '82,30',
      'Aštuoniasdešimt du eurai 30 ct',
    ])
      expect(s, x).toContain(x);
    const en = await text(`/api/purchasing/purchase_order/${po.id}/pdf?lang=en`);
    expect(en).toContain('Eighty-two euros and 30 cents');
  });

  it('a goods receipt prints the quantities received with units and the order it receives', async () => {
    const gr = await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: DAY, supplier_delivery_note: 'VT-901', submit: true });
    const s = await text(`/api/purchasing/goods_receipt/${gr.id}/pdf?lang=en`);
    for (const x of ['Goods receipt', gr.number, po.number, 'VT-901', 'Tiekėjas UAB', 'Veržlė M8 (NUT)', 'Varžtas M8 (BOLT)', 'Nos', '100', '70.00'])
      expect(s, x).toContain(x);
  });
});

describe('statement of account', () => {
  it("lists the customer's ledger entries with the running balance and the balance due", async () => {
    const so = await post('/api/sales/sales_order', { customer, order_date: DAY, warehouse: main, lines: [{ item: nut, qty: '10', rate: '10.00' }] }, 201);
    await post(`/api/sales/sales_order/${so.id}/submit`);
    const inv = await post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { basis: 'ordered', posting_date: DAY, submit: true });
    expect(inv.grand_total).toBe('121.00');
    const s = await text(`/api/sales/customer/${customer}/pdf`);
    for (const x of [
      'Statement of account',
      'Pirkėjas UAB',
      'Laisvės al. 10, Kaunas',
      inv.number,
      '15/10/2026',
      '121.00',
      'Balance due EUR',
      'One hundred twenty-one euros and 00 cents',
    ])
      expect(s, x).toContain(x);
    // a supplier's statement: what we owe after the supplier's invoice (none yet: balance 0)
    const sup = await text(`/api/purchasing/supplier/${supplier}/pdf?format=statement`);
    expect(sup).toContain('Atsiskaitymų suderinimo aktas');
    expect(sup).toContain('Mūsų skola EUR');
  });

  it('is refused to a user who may read customers but not the ledger', async () => {
    const role = await t.req('POST', '/api/auth/role', {
      name: 'cust_reader',
      label: 'Customer reader',
      permissions: [{ entity: 'sales.customer', actions: 'read' }],
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const u = await t.createUser('cust_reader_1', ['cust_reader']);
    const r = await getPdf(t.app, `/api/sales/customer/${customer}/pdf`, u.token);
    expect([r.status, r.json.error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('payment receipt', () => {
  it('is offered on payments, beside the other print formats', async () => {
    const formats = ok(await t.req('GET', '/api/print/formats'));
    expect(Object.keys(formats)).toEqual(
      expect.arrayContaining([
        'accounting.payment',
        'sales.customer',
        'purchasing.supplier',
        'purchasing.purchase_order',
        'purchasing.goods_receipt',
        'sales.sales_invoice',
      ]),
    );
  });

  it('prints a submitted payment with the invoice it settles, the advance left over and the amount in words', async () => {
    const so = await post('/api/sales/sales_order', { customer, order_date: DAY, warehouse: main, lines: [{ item: bolt, qty: '5', rate: '20.00' }] }, 201);
    await post(`/api/sales/sales_order/${so.id}/submit`);
    const inv = await post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { basis: 'ordered', posting_date: DAY, submit: true });
    expect(inv.grand_total).toBe('121.00');
    const pay = await post(
      '/api/accounting/payment',
      {
        payment_type: 'receive',
        party_type: 'customer',
        party: customer,
        posting_date: DAY,
        amount: '150.00',
        is_advance: true,
        reference_no: 'BANK-123',
        allocations: [{ invoice_type: 'sales.sales_invoice', invoice: inv.id, allocated_amount: '121.00' }],
      },
      201,
    );
    await post(`/api/accounting/payment/${pay.id}/submit`);
    const en = await text(`/api/accounting/payment/${pay.id}/pdf`);
    for (const x of [
      'Payment receipt',
      pay.number,
      'Received from',
      'Pirkėjas UAB',
      'BANK-123',
      inv.number,
      '121.00',
      'Advance (not allocated)',
      '29.00',
      '150.00',
      'One hundred fifty euros and 00 cents',
    ])
      expect(en, x).toContain(x);
    const lt = await text(`/api/accounting/payment/${pay.id}/pdf?lang=lt`);
    for (const x of ['Mokėjimo kvitas', 'Gauta iš', inv.number, '121,00', 'Avansas (nepriskirtas)', 'Šimtas penkiasdešimt eurų 00 ct'])
      expect(lt, x).toContain(x);
  });
});

describe('credit note', () => {
  it('prints the customer, the invoice it credits, the returned items with price and tax rate, tax per rate and the total credited', async () => {
    let so = await post(
      '/api/sales/sales_order',
      {
        customer,
        order_date: DAY,
        warehouse: main,
        lines: [
          { item: nut, qty: '4', rate: '10.00', tax_rate: '21' },
          { item: bolt, qty: '2', rate: '5.00', tax_rate: '9' },
        ],
      },
      201,
    );
    so = await post(`/api/sales/sales_order/${so.id}/submit`);
    const inv = ok(
      await t.req(
        'GET',
        `/api/sales/sales_invoice/${(await post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { basis: 'ordered', posting_date: DAY, submit: true })).id}`,
      ),
    );
    const cn = await post(
      '/api/accounting/credit_note',
      {
        invoice: inv.id,
        posting_date: DAY,
        reason: 'Damaged in transit',
        lines: [
          { invoice_line: inv.lines[0].id, qty: '1' },
          { invoice_line: inv.lines[1].id, qty: '2' },
        ],
      },
      201,
    );
    const draft = await text(`/api/accounting/credit_note/${cn.id}/pdf`);
    expect(draft).toContain('DRAFT');
    const submitted = await post(`/api/accounting/credit_note/${cn.id}/submit`);
    expect(submitted.grand_total).toBe('23.00'); // 10.00 + 21 % and 10.00 + 9 %
    const s = await text(`/api/accounting/credit_note/${cn.id}/pdf`);
    for (const x of [
      'Credit note',
      submitted.number,
      'Pirkėjas UAB',
      inv.number,
      'Veržlė M8 (NUT)',
      'Varžtas M8 (BOLT)',
      '21',
      '9',
      '2.10',
      '0.90',
      '23.00',
      'Damaged in transit',
      'Twenty-three euros and 00 cents',
    ])
      expect(s, x).toContain(x);
    const lt = await text(`/api/accounting/credit_note/${cn.id}/pdf?lang=lt`);
    for (const x of ['Kreditinė PVM sąskaita faktūra', 'Koreguojama sąskaita', inv.number, '23,00', 'Dvidešimt trys eurai 00 ct']) expect(lt, x).toContain(x);
  });
});
