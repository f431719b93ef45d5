/**
 * Receivables and payables through the documents' API: outstanding amounts and payment status
 * derived from the ledger, payments with allocation (partial, several invoices, advances
 * allocated later), cancel, over-allocation refused (also under 20 parallel payments),
 * a foreign-currency invoice paid at another rate, credit limits; after every test the
 * receivable and payable control accounts equal the open items and verify is ok.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let main: number;
let nut: number;
let customer: number;
let supplier: number;
const acc: Record<string, number> = {};
const DAY = '2026-11-02';

const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));

/** A submitted sales invoice for qty x rate (tax 0) of a new order. */
async function salesInvoice(qty: string, rate: string, date = DAY, who = customer) {
  let so = await post('/api/sales/sales_order', { customer: who, order_date: date, lines: [{ item: nut, qty, rate }] }, 201);
  so = await post(`/api/sales/sales_order/${so.id}/submit`);
  return post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { posting_date: date, basis: 'ordered', submit: true });
}

async function balance(number: string): Promise<string> {
  return (await t.db.query(`select coalesce(sum(debit - credit), 0)::numeric(21,2)::text as v from accounting_gl_entry where account = $1`, [acc[number]]))
    .rows[0].v;
}

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'] } as any);
  for (const r of (await t.db.query(`select id, number from accounting_account`)).rows) acc[r.number] = Number(r.id);
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  nut = (await post('/api/inventory/item', { code: 'NUT', name: 'Nut', stock_uom: nos, default_warehouse: main, is_stock_item: false }, 201)).id;
  customer = (await post('/api/sales/customer', { name: 'Žuko Statyba', tax_rate: '0', default_warehouse: main, payment_terms_days: 30 }, 201)).id;
  supplier = (await post('/api/purchasing/supplier', { name: 'Baltic Fasteners', code: 'BF' }, 201)).id;
});

afterEach(async () => {
  const v = await get('/api/accounting/reports/verify');
  expect(v.ok, JSON.stringify(v.data)).toBe(true);
});

afterAll(async () => {
  await t?.close();
});

describe('a sale from order to paid', () => {
  it('partial payment, then the rest: outstanding and status follow the ledger; Bank Dr / Receivables Cr', async () => {
    const inv = await salesInvoice('4', '25.00');
    expect(inv).toMatchObject({ grand_total: '100.00', outstanding_amount: '100.00', payment_status: 'unpaid', due_date: '2026-12-02' });
    const bankBefore = await balance('1110');
    const p1 = await post(`/api/sales/sales_invoice/${inv.id}/actions/record_payment`, { amount: '40.00', posting_date: '2026-11-10', submit: true });
    expect(p1).toMatchObject({
      docstatus: 'submitted',
      payment_type: 'receive',
      party_type: 'customer',
      party: customer,
      amount: '40.00',
      unallocated_amount: '0.00',
    });
    expect(p1.number).toMatch(/^PAY-2026-\d{5}$/);
    expect(await get(`/api/sales/sales_invoice/${inv.id}`)).toMatchObject({ outstanding_amount: '60.00', payment_status: 'partly_paid' });
    const rest = await post(`/api/sales/sales_invoice/${inv.id}/actions/record_payment`, { posting_date: '2026-11-20', submit: true });
    expect(rest.amount).toBe('60.00');
    expect(await get(`/api/sales/sales_invoice/${inv.id}`)).toMatchObject({ outstanding_amount: '0.00', payment_status: 'paid' });
    expect(Number(await balance('1110')) - Number(bankBefore)).toBe(100);
    // cancel restores the outstanding amount and reverses the entries
    await post(`/api/accounting/payment/${rest.id}/cancel`);
    expect(await get(`/api/sales/sales_invoice/${inv.id}`)).toMatchObject({ outstanding_amount: '60.00', payment_status: 'partly_paid' });
    const live = (
      await t.db.query(
        `select count(*)::int as n from accounting_gl_entry g where voucher_type = 'accounting.payment' and voucher_id = $1 and not is_reversal and not exists (select 1 from accounting_gl_entry r where r.reverses = g.id)`,
        [rest.id],
      )
    ).rows[0].n;
    expect(live).toBe(0);
    // an invoice with a payment cannot be cancelled
    const c = await t.req('POST', `/api/sales/sales_invoice/${inv.id}/cancel`);
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('INVOICE_HAS_PAYMENTS');
    expect(c.body.error.message).toContain(p1.number);
  });

  it('one payment over several invoices; paying twice over is refused unless recorded as an advance', async () => {
    const a = await salesInvoice('1', '30.00');
    const b = await salesInvoice('1', '20.00');
    const draft = await post(
      '/api/accounting/payment',
      {
        payment_type: 'receive',
        party_type: 'customer',
        party: customer,
        posting_date: DAY,
        amount: '80.00',
        allocations: [
          { invoice_type: 'sales.sales_invoice', invoice: a.id, allocated_amount: '30.00' },
          { invoice_type: 'sales.sales_invoice', invoice: b.id, allocated_amount: '20.00' },
        ],
      },
      201,
    );
    expect(draft).toMatchObject({ allocated_total: '50.00', unallocated_amount: '30.00' });
    const refused = await t.req('POST', `/api/accounting/payment/${draft.id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('UNALLOCATED_AMOUNT');
    expect(refused.body.error.details[0].path).toBe('amount');
    // over-allocation of one invoice: 409 naming the line and the figures; nothing written
    const over = await post(
      '/api/accounting/payment',
      {
        payment_type: 'receive',
        party_type: 'customer',
        party: customer,
        posting_date: DAY,
        amount: '31.00',
        allocations: [{ invoice_type: 'sales.sales_invoice', invoice: a.id, allocated_amount: '31.00' }],
      },
      201,
    );
    const gl = (await t.db.query(`select count(*)::int as n from accounting_gl_entry`)).rows[0].n;
    const r = await t.req('POST', `/api/accounting/payment/${over.id}/submit`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('OVER_ALLOCATION');
    expect(r.body.error.details[0]).toMatchObject({ path: 'allocations/0/allocated_amount' });
    expect(r.body.error.message).toContain('30.00');
    expect((await t.db.query(`select count(*)::int as n from accounting_gl_entry`)).rows[0].n).toBe(gl);
    // as an advance it goes through: 50 allocated, 30 open against the payment
    await t.req('PATCH', `/api/accounting/payment/${draft.id}`, { is_advance: true });
    const p = await post(`/api/accounting/payment/${draft.id}/submit`);
    expect(p.unallocated_amount).toBe('30.00');
    expect((await get(`/api/sales/sales_invoice/${a.id}`)).payment_status).toBe('paid');
    expect((await get(`/api/sales/sales_invoice/${b.id}`)).payment_status).toBe('paid');
    // the advance is allocated later to a new invoice
    const c = await salesInvoice('1', '45.00', '2026-11-15');
    const after = await post(`/api/accounting/payment/${p.id}/actions/allocate`, {
      posting_date: '2026-11-16',
      allocations: [{ invoice_type: 'sales.sales_invoice', invoice: c.id, allocated_amount: '30.00' }],
    });
    expect(after).toMatchObject({ allocated_total: '80.00', unallocated_amount: '0.00' });
    expect(after.allocations).toHaveLength(3);
    expect(await get(`/api/sales/sales_invoice/${c.id}`)).toMatchObject({ outstanding_amount: '15.00', payment_status: 'partly_paid' });
    const again = await t.req('POST', `/api/accounting/payment/${p.id}/actions/allocate`, {
      allocations: [{ invoice_type: 'sales.sales_invoice', invoice: c.id, allocated_amount: '1.00' }],
    });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('INVALID_PAYMENT');
  });

  it('20 parallel payments against one invoice never over-allocate', async () => {
    const inv = await salesInvoice('1', '100.00');
    const drafts = [];
    for (let i = 0; i < 20; i++)
      drafts.push(
        await post(
          '/api/accounting/payment',
          {
            payment_type: 'receive',
            party_type: 'customer',
            party: customer,
            posting_date: DAY,
            amount: '30.00',
            allocations: [{ invoice_type: 'sales.sales_invoice', invoice: inv.id, allocated_amount: '30.00' }],
          },
          201,
        ),
      );
    const results = await Promise.all(drafts.map((d) => t.req('POST', `/api/accounting/payment/${d.id}/submit`)));
    const done = results.filter((r) => r.status === 200);
    expect(done).toHaveLength(3);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'OVER_ALLOCATION')).toHaveLength(17);
    expect(await get(`/api/sales/sales_invoice/${inv.id}`)).toMatchObject({ outstanding_amount: '10.00', payment_status: 'partly_paid' });
  });
});

describe('a purchase to paid', () => {
  it('supplier invoice: Payables Dr / Bank Cr; the payable item closes', async () => {
    let po = await post(
      '/api/purchasing/purchase_order',
      { supplier, order_date: DAY, set_warehouse: main, lines: [{ item: nut, qty: '10', rate: '7.00' }] },
      201,
    );
    po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    const si = await post(`/api/purchasing/purchase_order/${po.id}/actions/bill`, { posting_date: DAY, bill_no: 'BF-7', submit: true });
    const inv = await get(`/api/purchasing/supplier_invoice/${si.id}`);
    expect(inv).toMatchObject({ outstanding_amount: '70.00', payment_status: 'unpaid' });
    const p = await post(`/api/purchasing/supplier_invoice/${si.id}/actions/record_payment`, { posting_date: '2026-11-05', submit: true });
    expect(p).toMatchObject({ payment_type: 'pay', party_type: 'supplier', amount: '70.00' });
    const rows = (
      await t.db.query(
        `select a.number, g.debit::text, g.credit::text from accounting_gl_entry g join accounting_account a on a.id = g.account where voucher_type = 'accounting.payment' and voucher_id = $1 order by a.number`,
        [p.id],
      )
    ).rows;
    expect(rows).toEqual([
      { number: '1110', debit: '0.00', credit: '70.00' },
      { number: '2110', debit: '70.00', credit: '0.00' },
    ]);
    expect(await get(`/api/purchasing/supplier_invoice/${si.id}`)).toMatchObject({ outstanding_amount: '0.00', payment_status: 'paid' });
  });
});

describe('a foreign-currency invoice paid at another rate', () => {
  it('posts at the invoice date rate, keeps both amounts, and the payment posts the realized gain', async () => {
    await post('/api/accounting/exchange_rate', { rate_date: '2026-11-01', from_currency: 'USD', to_currency: 'EUR', rate: '0.900000000' }, 201);
    await post('/api/accounting/exchange_rate', { rate_date: '2026-11-20', from_currency: 'USD', to_currency: 'EUR', rate: '0.950000000' }, 201);
    const usd = (await post('/api/sales/customer', { name: 'US buyer', currency: 'USD', tax_rate: '0', default_warehouse: main }, 201)).id;
    const inv = await salesInvoice('3', '33.33', DAY, usd);
    expect(inv).toMatchObject({ currency: 'USD', exchange_rate: '0.900000000', grand_total: '99.99', outstanding_amount: '99.99' });
    const [recv] = (
      await t.db.query(
        `select debit::text, debit_in_currency::text, currency from accounting_gl_entry where voucher_type = 'sales.sales_invoice' and voucher_id = $1 and party = $2`,
        [inv.id, usd],
      )
    ).rows;
    expect(recv).toEqual({ debit: '89.99', debit_in_currency: '99.99', currency: 'USD' });
    // sales figures count it in the company currency at its rate (no longer left out)
    const prof = await get('/api/accounting/reports/profitability?by=customer&from=2026-11-01&to=2026-11-30');
    expect(prof.data.find((r: any) => r.label === 'US buyer')).toMatchObject({ revenue: '89.99' });
    expect(prof.excluded).toEqual({ other_currency_documents: 0 });
    const gainBefore = await balance('5320');
    const p = await post(`/api/sales/sales_invoice/${inv.id}/actions/record_payment`, { posting_date: '2026-11-21', submit: true });
    expect(p).toMatchObject({ currency: 'USD', exchange_rate: '0.950000000', amount: '99.99' });
    // bank 99.99 x 0.95 = 94.99; receivable cleared 89.99; gain 5.00 (credit)
    expect(Number(await balance('5320')) - Number(gainBefore)).toBeCloseTo(-5, 2);
    expect(await get(`/api/sales/sales_invoice/${inv.id}`)).toMatchObject({ outstanding_amount: '0.00', payment_status: 'paid' });
    const open = (
      await t.db.query(
        `select coalesce(sum(debit - credit), 0)::text as v from accounting_gl_entry where against_voucher_type = 'sales.sales_invoice' and against_voucher_id = $1`,
        [inv.id],
      )
    ).rows[0].v;
    expect(open).toBe('0.00');
  });
});

describe('period-end revaluation', () => {
  it('posts the unrealized difference of open foreign items on the date and reverses it the next day', async () => {
    await post('/api/accounting/exchange_rate', { rate_date: '2026-11-25', from_currency: 'GBP', to_currency: 'EUR', rate: '1.100000000' }, 201);
    await post('/api/accounting/exchange_rate', { rate_date: '2026-11-30', from_currency: 'GBP', to_currency: 'EUR', rate: '1.200000000' }, 201);
    const gbp = (await post('/api/sales/customer', { name: 'UK buyer', currency: 'GBP', tax_rate: '0', default_warehouse: main }, 201)).id;
    const inv = await salesInvoice('1', '200.00', '2026-11-26', gbp);
    expect(inv).toMatchObject({ exchange_rate: '1.100000000', outstanding_amount: '200.00' });
    const r = await post('/api/accounting/exchange_revaluation', { posting_date: '2026-11-30' }, 201);
    const done = await post(`/api/accounting/exchange_revaluation/${r.id}/submit`);
    expect(done).toMatchObject({ total_difference: '20.00', reversal_date: '2026-12-01' });
    expect(done.items).toEqual([expect.objectContaining({ voucher_id: inv.id, book: '220.00', revalued: '240.00', difference: '20.00' })]);
    const at = async (d: string) =>
      (
        await t.db.query(
          `select coalesce(sum(debit - credit), 0)::text as v from accounting_gl_entry where against_voucher_type = 'sales.sales_invoice' and against_voucher_id = $1 and posting_date <= $2`,
          [inv.id, d],
        )
      ).rows[0].v;
    expect(await at('2026-11-30')).toBe('240.00');
    expect(await at('2026-12-01')).toBe('220.00');
    // the outstanding amount in GBP is untouched
    expect((await get(`/api/sales/sales_invoice/${inv.id}`)).outstanding_amount).toBe('200.00');
    await post(`/api/accounting/exchange_revaluation/${r.id}/cancel`);
    expect(await at('2026-11-30')).toBe('220.00');
  });
});

describe('payment terms', () => {
  it('50 % on order + 50 % in 30 days: the schedule splits the total to the cent and the due date is the last installment', async () => {
    const bad = await t.req('POST', '/api/accounting/payment_terms', { name: 'Broken', lines: [{ portion: '50', due_days: 0 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('lines');
    const terms = await post(
      '/api/accounting/payment_terms',
      {
        name: '50/50',
        name_lt: '50/50',
        lines: [
          { portion: '50', due_days: 0, basis: 'order_date' },
          { portion: '50', due_days: 30, basis: 'invoice_date' },
        ],
      },
      201,
    );
    const c = (await post('/api/sales/customer', { name: 'Terms UAB', tax_rate: '0', default_warehouse: main, payment_terms: terms.id }, 201)).id;
    let so = await post('/api/sales/sales_order', { customer: c, order_date: '2026-10-20', lines: [{ item: nut, qty: '1', rate: '100.01' }] }, 201);
    so = await post(`/api/sales/sales_order/${so.id}/submit`);
    const inv = await post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { posting_date: '2026-11-02', basis: 'ordered', submit: true });
    const got = await get(`/api/sales/sales_invoice/${inv.id}`);
    expect(got.payment_terms).toBe(terms.id);
    expect(got.payment_schedule).toEqual([
      { due_date: '2026-10-20', portion: '50.0000', amount: '50.01' },
      { due_date: '2026-12-02', portion: '50.0000', amount: '50.00' },
    ]);
    expect(got.due_date).toBe('2026-12-02');
  });
});

describe('credit limit', () => {
  it('blocks an order beyond the limit with the figures; warn-only submits with a note', async () => {
    const c = (await post('/api/sales/customer', { name: 'Limited UAB', tax_rate: '0', default_warehouse: main, credit_limit: '150.00' }, 201)).id;
    await salesInvoice('1', '100.00', DAY, c);
    let so = await post('/api/sales/sales_order', { customer: c, order_date: DAY, lines: [{ item: nut, qty: '1', rate: '60.00' }] }, 201);
    const r = await t.req('POST', `/api/sales/sales_order/${so.id}/submit`);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('CREDIT_LIMIT_EXCEEDED');
    expect(r.body.error.message).toContain('owed 100.00 + other open orders 0.00 + this order 60.00 = 160.00 EUR, over the credit limit 150.00 EUR by 10.00');
    await t.req('PATCH', `/api/sales/customer/${c}`, { credit_limit_action: 'warn' });
    so = await post(`/api/sales/sales_order/${so.id}/submit`);
    expect(so.credit_limit_note).toContain('160.00');
  });
});
