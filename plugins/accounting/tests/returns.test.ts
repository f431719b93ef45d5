/**
 * Returns and credit notes: a sales return with a credit note (stock back at the delivery
 * cost, COGS reversed, outstanding reduced, the rest refundable), a credit note on a paid
 * invoice refunded with a payment, a supplier return with a debit note; counters (delivered,
 * billed, returned) consistent; cancel restores everything. Verify is ok after every test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';

let t: TestApp;
let main: number;
let nut: number;
let customer: number;
let supplier: number;
const DAY = '2026-11-02';

const ok = (r: { status: number; body: any }, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};
const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));
const stock = async () =>
  (
    await t.db.query(`select actual_qty::text as qty, stock_value::numeric(21,2)::text as value from inventory_bin where item = $1 and warehouse = $2`, [
      nut,
      main,
    ])
  ).rows[0];
const gl = async (type: string, id: number) =>
  (
    await t.db.query(
      `select a.number, sum(g.debit)::text as dr, sum(g.credit)::text as cr from accounting_gl_entry g join accounting_account a on a.id = g.account where voucher_type = $1 and voucher_id = $2 and not is_reversal group by a.number order by a.number`,
      [type, id],
    )
  ).rows;

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'] } as any);
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  nut = (await post('/api/inventory/item', { code: 'NUT', name: 'Nut', stock_uom: nos, default_warehouse: main }, 201)).id;
  customer = (await post('/api/sales/customer', { name: 'Žuko Statyba', tax_rate: '21', default_warehouse: main }, 201)).id;
  supplier = (await post('/api/purchasing/supplier', { name: 'Baltic Fasteners', code: 'BF' }, 201)).id;
  // 10 NUT received at 10.00
  let po = await post(
    '/api/purchasing/purchase_order',
    { supplier, order_date: DAY, set_warehouse: main, lines: [{ item: nut, qty: '10', rate: '10.00' }] },
    201,
  );
  po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
  const gr = await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: DAY });
  await post(`/api/purchasing/goods_receipt/${gr.id}/submit`);
});

afterEach(async () => {
  const v = await get('/api/accounting/reports/verify');
  expect(v.ok, JSON.stringify(v.data)).toBe(true);
});

afterAll(async () => {
  await t?.close();
});

async function soldInvoice(qty: string) {
  let so = await post('/api/sales/sales_order', { customer, order_date: DAY, lines: [{ item: nut, qty, rate: '25.00' }] }, 201);
  so = await post(`/api/sales/sales_order/${so.id}/submit`);
  await post(`/api/sales/sales_order/${so.id}/actions/make_delivery`, { posting_date: DAY, submit: true });
  const inv = await post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { posting_date: DAY, submit: true });
  return { so, inv: await get(`/api/sales/sales_invoice/${inv.id}`) };
}

describe('a sales return with a credit note', () => {
  it('brings the goods back at their delivery cost, reverses COGS, reduces the outstanding amount; cancel restores all', async () => {
    const { so, inv } = await soldInvoice('4'); // 100 + 21 VAT, COGS 40
    expect(await stock()).toEqual({ qty: '6.000000', value: '60.00' });
    const draft = await post(
      '/api/accounting/credit_note',
      { invoice: inv.id, posting_date: '2026-11-05', return_stock: true, reason: 'Damaged', lines: [{ invoice_line: inv.lines[0].id, qty: '1' }] },
      201,
    );
    expect(draft).toMatchObject({ party: customer, net_total: '25.00', tax_total: '5.25', grand_total: '30.25', currency: 'EUR' });
    const cn = await post(`/api/accounting/credit_note/${draft.id}/submit`);
    expect(cn.number).toMatch(/^CN-2026-\d{5}$/);
    expect(await stock()).toEqual({ qty: '7.000000', value: '70.00' });
    expect(cn.lines[0].stock_value).toBe('10.00');
    // Income Dr 25, VAT Dr 5.25, Stock Dr 10 / Receivables Cr 30.25, COGS Cr 10 (generic chart)
    expect(await gl('accounting.credit_note', cn.id)).toEqual([
      { number: '1200', dr: '0.00', cr: '30.25' },
      { number: '1300', dr: '10.00', cr: '0.00' },
      { number: '2200', dr: '5.25', cr: '0.00' },
      { number: '4100', dr: '25.00', cr: '0.00' },
      { number: '5100', dr: '0.00', cr: '10.00' },
    ]);
    expect(await get(`/api/sales/sales_invoice/${inv.id}`)).toMatchObject({ outstanding_amount: '90.75', payment_status: 'partly_paid' });
    const order = await get(`/api/sales/sales_order/${so.id}`);
    expect(order.lines[0]).toMatchObject({ delivered_qty: '4.000000', billed_qty: '4.000000', returned_qty: '1.000000' });
    // more than invoiced is refused, naming the line and the figures
    const over = await t.req('POST', '/api/accounting/credit_note', {
      invoice: inv.id,
      posting_date: '2026-11-05',
      lines: [{ invoice_line: inv.lines[0].id, qty: '3.5' }],
    });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'INVALID_CREDIT_NOTE', details: [{ path: 'lines/0/qty' }] });
    expect(over.body.error.message).toContain('not yet credited (invoiced 4, credited 1)');
    // the invoice cannot be cancelled while the credit note stands
    expect((await t.req('POST', `/api/sales/sales_invoice/${inv.id}/cancel`)).status).toBe(409);
    await post(`/api/accounting/credit_note/${cn.id}/cancel`);
    expect(await stock()).toEqual({ qty: '6.000000', value: '60.00' });
    expect((await get(`/api/sales/sales_order/${so.id}`)).lines[0].returned_qty).toBe('0.000000');
    expect(await get(`/api/sales/sales_invoice/${inv.id}`)).toMatchObject({ outstanding_amount: '121.00', payment_status: 'unpaid' });
  });

  it('a credit note on a paid invoice leaves a credit that is refunded with a payment; a full credit marks the invoice credited', async () => {
    const { inv } = await soldInvoice('2'); // 60.50
    await post(`/api/sales/sales_invoice/${inv.id}/actions/record_payment`, { posting_date: '2026-11-03', submit: true });
    const cn = await post(
      '/api/accounting/credit_note',
      { invoice: inv.id, posting_date: '2026-11-06', lines: [{ invoice_line: inv.lines[0].id, qty: '1' }] },
      201,
    );
    await post(`/api/accounting/credit_note/${cn.id}/submit`);
    const done = await get(`/api/accounting/credit_note/${cn.id}`);
    expect(done).toMatchObject({ grand_total: '30.25', outstanding_amount: '30.25', payment_status: 'unpaid' });
    const refund = await post(`/api/accounting/credit_note/${cn.id}/actions/record_payment`, { posting_date: '2026-11-07', submit: true });
    expect(refund).toMatchObject({ payment_type: 'pay', party_type: 'customer', amount: '30.25' });
    expect(await get(`/api/accounting/credit_note/${cn.id}`)).toMatchObject({ outstanding_amount: '0.00', payment_status: 'paid' });
    const { inv: other } = await soldInvoice('1'); // 30.25, unpaid
    // the invoice's "Credit note" action drafts a note of everything not yet credited
    const full = await post(`/api/sales/sales_invoice/${other.id}/actions/make_credit_note`, { posting_date: '2026-11-06' });
    expect(full).toMatchObject({
      docstatus: 'draft',
      grand_total: '30.25',
      lines: [expect.objectContaining({ invoice_line: other.lines[0].id, qty: '1.000000' })],
    });
    await post(`/api/accounting/credit_note/${full.id}/submit`);
    expect(await get(`/api/sales/sales_invoice/${other.id}`)).toMatchObject({ outstanding_amount: '0.00', payment_status: 'credited' });
  });
});

describe('a supplier return with a debit note', () => {
  it('the goods leave stock at their value, payables go down, the order line counts the return', async () => {
    let po = await post(
      '/api/purchasing/purchase_order',
      { supplier, order_date: DAY, set_warehouse: main, lines: [{ item: nut, qty: '5', rate: '10.00' }] },
      201,
    );
    po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    const gr = await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: DAY });
    await post(`/api/purchasing/goods_receipt/${gr.id}/submit`);
    const si = await post(`/api/purchasing/purchase_order/${po.id}/actions/bill`, { posting_date: DAY, bill_no: 'BF-9', submit: true });
    const inv = await get(`/api/purchasing/supplier_invoice/${si.id}`);
    const before = await stock();
    const dn = await post(
      '/api/accounting/debit_note',
      { invoice: si.id, posting_date: '2026-11-08', return_stock: true, lines: [{ invoice_line: inv.lines[0].id, qty: '2' }] },
      201,
    );
    const done = await post(`/api/accounting/debit_note/${dn.id}/submit`);
    expect(done).toMatchObject({ grand_total: '20.00', party: supplier });
    expect(Number((await stock()).qty)).toBe(Number(before.qty) - 2);
    expect(await get(`/api/purchasing/supplier_invoice/${si.id}`)).toMatchObject({ outstanding_amount: '30.00', payment_status: 'partly_paid' });
    expect((await get(`/api/purchasing/purchase_order/${po.id}`)).lines[0].returned_qty).toBe('2.000000');
    const entries = await gl('accounting.debit_note', dn.id);
    expect(entries.find((e: any) => e.number === '2110')).toMatchObject({ dr: '20.00' });
    expect(entries.find((e: any) => e.number === '1300')).toMatchObject({ cr: '20.00' });
  });
});

describe('notes hold references to what they correct', () => {
  it('the invoice, the party and each invoice line are references (the UI links them); a missing invoice is refused by the reference check', async () => {
    const meta = (await get('/api/meta')).entities;
    const field = (entity: string, name: string, lines = false) => {
      const e = meta.find((x: any) => x.key === entity);
      const fields = lines ? e.fields.find((c: any) => c.name === 'lines').children.fields : e.fields;
      return fields.find((f: any) => f.name === name);
    };
    expect(field('accounting.credit_note', 'invoice').ref).toMatchObject({ entity: 'sales.sales_invoice' });
    expect(field('accounting.credit_note', 'party').ref).toMatchObject({ entity: 'sales.customer' });
    expect(field('accounting.debit_note', 'invoice').ref).toMatchObject({ entity: 'purchasing.supplier_invoice' });
    expect(field('accounting.debit_note', 'party').ref).toMatchObject({ entity: 'purchasing.supplier' });
    expect(field('accounting.credit_note', 'invoice_line', true).ref).toMatchObject({ entity: 'sales.sales_invoice.lines' });
    expect(field('accounting.debit_note', 'invoice_line', true).ref).toMatchObject({ entity: 'purchasing.supplier_invoice.lines' });
    // the foreign keys exist in the database
    const fks = (
      await t.db.query(
        `select conrelid::regclass::text as tbl, confrelid::regclass::text as target from pg_constraint
          where contype = 'f' and conrelid::regclass::text in ('accounting_credit_note', 'accounting_credit_note_line', 'accounting_debit_note', 'accounting_debit_note_line')`,
      )
    ).rows.map((r: any) => `${r.tbl}->${r.target}`);
    expect(fks).toEqual(
      expect.arrayContaining([
        'accounting_credit_note->sales_sales_invoice',
        'accounting_credit_note->sales_customer',
        'accounting_credit_note_line->sales_sales_invoice_item',
        'accounting_debit_note->purchasing_supplier_invoice',
        'accounting_debit_note_line->purchasing_supplier_invoice_line',
      ]),
    );
    const missing = await t.req('POST', '/api/accounting/credit_note', { invoice: 999999, posting_date: DAY, lines: [{ invoice_line: 999999, qty: '1' }] });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.map((d: any) => d.path)).toContain('invoice');
  });
});
