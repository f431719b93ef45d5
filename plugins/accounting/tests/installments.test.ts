/**
 * Ageing and the cash forecast by payment-schedule installments, not by the invoice's final due
 * date: 50 % now + 50 % in 30 days lands in two buckets (and two forecast weeks), each with its
 * open part, a payment settling the oldest installment first; the ageing still equals the
 * receivables control account at three dates. Verify is ok after every test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '@tessera/plugin-kit/testing';
import { startApp, type TestApp } from '../../../tests/helpers.js';

let t: TestApp;
let invoice: any;
let customer: number;

const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'crm', 'sales', 'accounting'] });
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  const main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  const svc = (await post('/api/inventory/item', { code: 'SVC', name: 'Service', stock_uom: nos, is_stock_item: false }, 201)).id;
  const terms = await post(
    '/api/accounting/payment_terms',
    {
      name: '50 % now, 50 % in 30 days',
      name_lt: '50 % iš karto, 50 % per 30 d.',
      lines: [
        { portion: '50', due_days: 0, basis: 'invoice_date' },
        { portion: '50', due_days: 30, basis: 'invoice_date' },
      ],
    },
    201,
  );
  customer = (await post('/api/sales/customer', { name: 'Dalimis UAB', tax_rate: '21', default_warehouse: main, payment_terms: terms.id }, 201)).id;
  let so = await post('/api/sales/sales_order', { customer, order_date: '2026-09-01', lines: [{ item: svc, qty: '1', rate: '100.00' }] }, 201);
  so = await post(`/api/sales/sales_order/${so.id}/submit`);
  const inv = await post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { posting_date: '2026-09-01', basis: 'ordered', submit: true });
  invoice = await get(`/api/sales/sales_invoice/${inv.id}`);
  // 121.00: 60.50 due 09-01, 60.50 due 10-01; 20.00 paid on 09-05 settles the first installment first
  await post(`/api/sales/sales_invoice/${inv.id}/actions/record_payment`, { amount: '20.00', posting_date: '2026-09-05', submit: true });
});

afterEach(async () => {
  const v = await get('/api/accounting/reports/verify?as_of=2026-10-31');
  expect(v.ok, JSON.stringify(v.data)).toBe(true);
});

afterAll(async () => {
  await t?.close();
});

const control = async (date: string) =>
  (
    await t.db.query(
      `select coalesce(sum(g.debit - g.credit), 0)::numeric(21,2)::text as v from accounting_gl_entry g join accounting_account a on a.id = g.account
        where a.account_type = 'receivable' and g.posting_date <= $1`,
      [date],
    )
  ).rows[0].v;

describe('an invoice with two installments', () => {
  it('has its schedule: two halves, the due date the last one', () => {
    expect(invoice.payment_schedule).toEqual([
      { due_date: '2026-09-01', portion: '50.0000', amount: '60.50' },
      { due_date: '2026-10-01', portion: '50.0000', amount: '60.50' },
    ]);
    expect(invoice.due_date).toBe('2026-10-01');
  });

  it('the ageing puts each installment in its own bucket with its open part, oldest paid first; totals equal the control account at three dates', async () => {
    const row = async (date: string) =>
      (await get(`/api/accounting/reports/ageing?party_type=customer&as_of=${date}`)).data.find((r: any) => r.party === customer);
    // 09-15: the first half is 14 days late with 40.50 open, the second not yet due
    expect(await row('2026-09-15')).toMatchObject({ not_due: '60.50', d0_30: '40.50', d31_60: '0.00', total: '101.00' });
    // 10-15: the first 44 days late, the second 14 days late
    expect(await row('2026-10-15')).toMatchObject({ not_due: '0.00', d0_30: '60.50', d31_60: '40.50', total: '101.00' });
    // 11-05: 65 and 35 days late
    expect(await row('2026-11-05')).toMatchObject({ d31_60: '60.50', d61_90: '40.50', d90_plus: '0.00', total: '101.00' });
    for (const date of ['2026-09-15', '2026-10-15', '2026-11-05']) {
      const a = await get(`/api/accounting/reports/ageing?party_type=customer&as_of=${date}`);
      expect(a.totals.total, date).toBe(await control(date));
      expect(a.summary.find((f: any) => f.key === 'difference').value, date).toBe('0.00');
    }
    // only the late installment counts as overdue
    const sep = await get('/api/accounting/reports/ageing?party_type=customer&as_of=2026-09-15');
    expect(sep.summary.find((f: any) => f.key === 'overdue').value).toBe('40.50');
    const detail = await get(`/api/accounting/reports/ageing?party_type=customer&as_of=2026-09-15&detail=true&party=${customer}`);
    expect(detail.data.find((r: any) => r.level === 1)).toMatchObject({
      label: invoice.number,
      due_date: '2026-09-01',
      days_overdue: '14',
      not_due: '60.50',
      d0_30: '40.50',
      total: '101.00',
      installments: [
        { due_date: '2026-09-01', amount: '40.50' },
        { due_date: '2026-10-01', amount: '60.50' },
      ],
    });
  });

  it('the cash forecast expects each installment in its week; a payment of the first half leaves only the second', async () => {
    const f = await get('/api/accounting/reports/cash-forecast?as_of=2026-09-10&weeks=4');
    // overdue 40.50 in week 1; 60.50 due 10-01 = day 21 -> week 4
    expect(f.data.map((r: any) => r.in_invoices)).toEqual(['40.50', '0.00', '0.00', '60.50']);
    expect(f.totals.in_invoices).toBe('101.00');
    await post(`/api/sales/sales_invoice/${invoice.id}/actions/record_payment`, { amount: '40.50', posting_date: '2026-09-11', submit: true });
    const g = await get('/api/accounting/reports/cash-forecast?as_of=2026-09-11&weeks=4');
    expect(g.data.map((r: any) => r.in_invoices)).toEqual(['0.00', '0.00', '60.50', '0.00']);
    expect((await get(`/api/sales/sales_invoice/${invoice.id}`)).outstanding_amount).toBe('60.50');
  });
});
