import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPdf, pdfText, pdfToPng } from '../../../tests/outbound/pdf.js';
import { ok } from '@tessera/plugin-kit/testing';

// A 1x1 PNG: the client's logo (configuration print.logo)
const LOGO = join(mkdtempSync(join(tmpdir(), 'logo-')), 'logo.png');
writeFileSync(LOGO, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

let t: TestApp;
let order: any;
let invoice: any;
let customer: number;

const flat = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await startApp({
    plugins: ['crm', 'inventory', 'sales'],
    company: {
      name: 'Baltic Tools UAB',
      currency: 'EUR',
      locale: 'en',
      code: '304567890',
      vatCode: 'LT100012345678',
      address: 'Gedimino pr. 1\nLT-01103 Vilnius',
      bankAccounts: [{ bank: 'Swedbank', iban: 'LT12 7300 0101 2345 6789', swift: 'HABALT22' }],
    },
    print: {
      logo: LOGO,
      footer: { en: 'Thank you for your business.', lt: 'Dėkojame, kad perkate.' },
      formats: { 'sales.sales_order': { title: { en: 'Order confirmation' }, terms: { en: 'Prices valid 30 days.' } } },
    },
  });
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0]!.id;
  const wh = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Main' }), 201).id;
  const drill = ok(
    await t.req('POST', '/api/inventory/item', { code: 'DRL-18', name: 'Grąžtas Šuolis 18V', description: 'Cordless drill, two batteries', stock_uom: nos }),
    201,
  ).id;
  const book = ok(await t.req('POST', '/api/inventory/item', { code: 'BOOK-1', name: 'Manual of ąčęėįšųūž', stock_uom: nos }), 201).id;
  const rec = ok(
    await t.req('POST', '/api/inventory/stock_entry', {
      purpose: 'receipt',
      posting_date: '2026-03-01',
      to_warehouse: wh,
      lines: [
        { item: drill, qty: '10', rate: '50' },
        { item: book, qty: '10', rate: '5' },
      ],
    }),
    201,
  );
  ok(await t.req('POST', `/api/inventory/stock_entry/${rec.id}/submit`));
  const org = ok(
    await t.req('POST', '/api/crm/organization', {
      name: 'Žuko Statyba',
      code: '123456789',
      vat_code: 'LT987654321',
      street: 'Ąžuolų g. 5',
      city: 'Kaunas',
      postal_code: 'LT-44001',
    }),
    201,
  ).id;
  customer = ok(await t.req('POST', '/api/sales/customer', { organization: org, email: 'buh@zuko.lt', payment_terms_days: 14 }), 201).id;
  order = ok(
    await t.req('POST', '/api/sales/sales_order', {
      customer,
      order_date: '2026-03-02',
      warehouse: wh,
      customer_po: 'PO-77',
      lines: [
        { item: drill, qty: '2', rate: '120.00', discount_percent: '10', tax_rate: '21' },
        { item: book, qty: '3', rate: '10.00', tax_rate: '9' },
      ],
    }),
    201,
  );
  order = ok(await t.req('POST', `/api/sales/sales_order/${order.id}/submit`));
  invoice = ok(await t.req('POST', `/api/sales/sales_order/${order.id}/actions/make_invoice`, { basis: 'ordered', posting_date: '2026-03-05' }));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('sales invoice PDF', () => {
  it('is watermarked "Draft" while a draft', async () => {
    const r = await getPdf(t.app, `/api/sales/sales_invoice/${invoice.id}/pdf`, t.adminToken);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(r.pdf)).toContain('DRAFT');
  });

  it('prints number, parties, item names, every tax rate, totals and the amount in words (EN)', async () => {
    invoice = ok(await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/submit`));
    // 2 x 120 - 10 % = 216.00 + 21 % 45.36; 3 x 10 = 30.00 + 9 % 2.70; total 294.06
    expect(invoice.grand_total).toBe('294.06');
    const r = await getPdf(t.app, `/api/sales/sales_invoice/${invoice.id}/pdf?download=1`, t.adminToken);
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${invoice.number}.pdf"`);
    const text = flat(pdfText(r.pdf));
    expect(text).not.toContain('DRAFT');
    expect(r.pdf.includes('/Subtype /Image')).toBe(true); // the configured logo
    for (const s of [
      'Invoice',
      invoice.number,
      'Baltic Tools UAB',
      'LT100012345678',
      'Gedimino pr. 1',
      'Žuko Statyba',
      'Ąžuolų g. 5',
      'LT987654321',
      'Grąžtas Šuolis 18V (DRL-18)',
      'Cordless drill, two batteries',
      'Manual of ąčęėįšųūž',
      'Nos',
      '21%',
      '9%',
      '216.00',
      '45.36',
      '30.00',
      '2.70',
      '294.06',
      'Two hundred ninety-four euros and 06 cents',
      'Due date',
      '19/03/2026',
      'Payment within 14 days',
      'LT12 7300 0101 2345 6789',
      'Thank you for your business.',
      'Page 1 of 1',
    ])
      expect(text, s).toContain(s);
    pdfToPng(r.pdf, 'invoice-en');
  });

  it("follows the customer's document language (LT), with Lithuanian letters", async () => {
    ok(await t.req('PATCH', `/api/sales/customer/${customer}`, { locale: 'lt' }));
    const r = await getPdf(t.app, `/api/sales/sales_invoice/${invoice.id}/pdf`, t.adminToken);
    const text = flat(pdfText(r.pdf));
    for (const s of [
      'PVM sąskaita faktūra',
      invoice.number,
      'Pirkėjas',
      'Žuko Statyba',
      'Grąžtas Šuolis 18V',
      'Manual of ąčęėįšųūž',
      '21%',
      '9%',
      '294,06',
      'Du šimtai devyniasdešimt keturi eurai 06 ct',
      'Apmokėti iki',
      '2026-03-19',
      'Dėkojame, kad perkate.',
      'Puslapis 1 iš 1',
    ])
      expect(text, s).toContain(s);
    pdfToPng(r.pdf, 'invoice-lt');
    // ?lang= overrides the customer's language
    expect(flat(pdfText((await getPdf(t.app, `/api/sales/sales_invoice/${invoice.id}/pdf?lang=en`, t.adminToken)).pdf))).toContain('Bill to');
    ok(await t.req('PATCH', `/api/sales/customer/${customer}`, { locale: null }));
  });
});

describe('other sales documents', () => {
  it('prints the sales order and the quotation with prices and taxes', async () => {
    const so = flat(pdfText((await getPdf(t.app, `/api/sales/sales_order/${order.id}/pdf`, t.adminToken)).pdf));
    for (const s of ['Order confirmation', 'Prices valid 30 days.', order.number, 'Žuko Statyba', 'PO-77', 'Grąžtas Šuolis 18V', '21%', '9%', '294.06'])
      expect(so, s).toContain(s);
    const q = ok(
      await t.req('POST', '/api/sales/quotation', {
        customer,
        quotation_date: '2026-03-01',
        valid_until: '2026-03-31',
        terms: 'Delivery within 5 days.',
        lines: [{ item: order.lines[0].item, qty: '1', rate: '100.00', tax_rate: '21' }],
      }),
      201,
    );
    const qt = flat(pdfText((await getPdf(t.app, `/api/sales/quotation/${q.id}/pdf`, t.adminToken)).pdf));
    for (const s of ['Quotation', q.number, 'DRAFT', 'Valid until', 'Grąžtas Šuolis 18V', '21%', '121.00', 'Delivery within 5 days.'])
      expect(qt, s).toContain(s);
  });

  it('prints a delivery note with quantities and units, without prices', async () => {
    const d = ok(await t.req('POST', `/api/sales/sales_order/${order.id}/actions/make_delivery`, { submit: true }));
    const text = flat(pdfText((await getPdf(t.app, `/api/sales/delivery/${d.id}/pdf`, t.adminToken)).pdf));
    for (const s of ['Delivery note', d.number, order.number, 'Deliver to', 'Žuko Statyba', 'Grąžtas Šuolis 18V', 'Manual of ąčęėįšųūž', 'Nos', 'Total qty'])
      expect(text, s).toContain(s);
    expect(text).not.toContain('120.00');
  });
});

describe('refusals', () => {
  it('answers 404 for a record that does not exist, 403 without read permission, 400 for a bad language', async () => {
    const missing = await getPdf(t.app, '/api/sales/sales_invoice/999999/pdf', t.adminToken);
    expect([missing.status, missing.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const nobody = await t.createUser('no_sales', []);
    const denied = await getPdf(t.app, `/api/sales/sales_invoice/${invoice.id}/pdf`, nobody.token);
    expect(denied.status).toBe(403);
    const bad = await getPdf(t.app, `/api/sales/sales_invoice/${invoice.id}/pdf?lang=de`, t.adminToken);
    expect(bad.status).toBe(400);
    const formats = ok(await t.req('GET', '/api/print/formats'));
    expect(Object.keys(formats).sort()).toEqual(['sales.delivery', 'sales.quotation', 'sales.sales_invoice', 'sales.sales_order']);
  });
});
