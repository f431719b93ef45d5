import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, filter, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let main: number;
let nut: number;
let hammer: number;
let stage: Record<string, number>;

const post = async (path: string, body?: unknown, status = 200) => ok(await t.req('POST', path, body ?? {}), status);
const get = async (path: string) => ok(await t.req('GET', path));
const bin = async (item: number) =>
  (await t.db.query(`select actual_qty, reserved_qty, valuation_rate, stock_value from inventory_bin where item = $1 and warehouse = $2`, [item, main]))
    .rows[0];
const count = async (table: string) => Number((await t.db.query(`select count(*)::int as n from ${table}`)).rows[0]!.n);
const item = async (code: string) =>
  ok(
    await t.req('POST', '/api/inventory/item', {
      code,
      name: `Item ${code}`,
      stock_uom: (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0]!.id,
    }),
    201,
  ).id as number;
const receive = async (it: number, qty: string, rate: string) => {
  const e = ok(
    await t.req('POST', '/api/inventory/stock_entry', { purpose: 'receipt', posting_date: '2026-03-01', to_warehouse: main, lines: [{ item: it, qty, rate }] }),
    201,
  );
  ok(await t.req('POST', `/api/inventory/stock_entry/${e.id}/submit`));
};
const orderLines = async (id: number) => (await get(`/api/sales/sales_order/${id}`)).lines.map((l: any) => [l.delivered_qty, l.billed_qty]);

/** A client's role whose row rule "own" (created by the user) limits the sales documents a seller sees. */
const SELLER_ROLE = {
  label: 'Seller (own documents)',
  permissions: {
    'sales.customer': ['read'],
    'sales.sales_order': ['read', 'create', 'submit', 'make_delivery'],
    'sales.delivery': ['read', 'create', 'submit'],
    'sales.sales_invoice': ['read'],
    'inventory.item': ['read'],
    'inventory.warehouse': ['read'],
  },
  rows: { 'sales.sales_order': 'own', 'sales.delivery': 'own', 'sales.sales_invoice': 'own' },
};

beforeAll(async () => {
  // Demo data loads too (one start-up instead of two); the stories below use their own items, warehouse and customers.
  t = await startApp({ plugins: ['crm', 'inventory', 'sales'], company: { currency: 'EUR' }, roles: { 'acme.seller': SELLER_ROLE } }, { demo: true });
  stage = Object.fromEntries((await get('/api/crm/stage')).data.map((s: any) => [s.name, s.id]));
  main = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Main' }), 201).id;
  nut = await item('NUT');
  hammer = await item('HAMMER');
  // moving average: 40 @ 1.50 + 20 @ 3.00 -> 60 @ 2.00 (value 120.00)
  await receive(nut, '40', '1.50');
  await receive(nut, '20', '3.00');
  await receive(hammer, '12', '4.10');
});

afterAll(async () => {
  if (!t) return;
  const v = ok(await t.req('GET', '/api/inventory/reports/verify'));
  expect(v.data).toEqual([]);
  await t.close();
});

describe('demo data', () => {
  it('loads after the inventory demo: quotations, orders delivered and invoiced, a deal converted', async () => {
    const orders = (await get('/api/sales/sales_order?limit=100')).data;
    expect(orders.map((o: any) => o.status).sort()).toEqual(['completed', 'to_deliver_and_bill', 'to_deliver_and_bill']);
    expect(orders.find((o: any) => o.quotation !== null)).toMatchObject({ per_delivered: '50.00', per_billed: '50.00' });
    expect((await get(`/api/crm/opportunity?filter=${filter({ status: 'converted' })}`)).total).toBe(1);
    expect((await get('/api/sales/quotation')).data.map((q: any) => q.status).sort()).toEqual(['draft', 'ordered']);
    expect((await get('/api/sales/reports/gross-profit')).data.length).toBe(2);
  });
});

describe('lead -> deal -> quotation -> order -> deliveries -> invoice', () => {
  let deal: any;
  let quotation: any;
  let order: any;
  let firstDelivery: any;

  it('converts a lead into a customer organization and a deal', async () => {
    const lead = ok(await t.req('POST', '/api/crm/lead', { name: 'Ona Žukienė', company_name: 'Žuko Statyba', email: 'ona@zuko.lt' }), 201);
    const r = await post(`/api/crm/lead/${lead.id}/actions/convert`, { create_opportunity: true, amount: '150.00', opportunity_name: 'Fasteners and tools' });
    deal = r.opportunity;
    expect(deal).toMatchObject({ organization: r.organization.id, lead: lead.id, status: 'open', stage: stage.Prospecting });
  });

  it('quotes the deal: discounts and taxes (per document and per line) computed exactly', async () => {
    quotation = await post(`/api/crm/opportunity/${deal.id}/actions/make_quotation`, {
      tax_rate: '21',
      lines: [
        { item: nut, qty: '30', rate: '4.00', discount_percent: '10' },
        { item: hammer, qty: '5', rate: '9.99', tax_rate: '9' },
      ],
    });
    expect(quotation.lines.map((l: any) => [l.gross_amount, l.discount_amount, l.amount, l.tax_amount])).toEqual([
      ['120.00', '12.00', '108.00', '22.68'],
      ['49.95', '0.00', '49.95', '4.50'],
    ]);
    expect(quotation).toMatchObject({
      total_qty: '35.000000',
      gross_total: '169.95',
      discount_total: '12.00',
      net_total: '157.95',
      tax_total: '27.18',
      grand_total: '185.13',
      currency: 'EUR',
      status: 'draft',
      opportunity: deal.id,
    });
    const customer = await get(`/api/sales/customer/${quotation.customer}`);
    expect(customer).toMatchObject({ name: 'Žuko Statyba', organization: deal.organization });
    expect((await get(`/api/crm/organization/${deal.organization}`)).relationship).toBe('customer');
    const sent = await post(`/api/sales/quotation/${quotation.id}/submit`);
    expect(sent.status).toBe('open');
    // The status is written with the submit itself: one audit entry, no follow-up update.
    const history = (await get(`/api/sales/quotation/${quotation.id}/history`)).data;
    expect(history.map((h: any) => h.action)).toEqual(['submit', 'create']);
    expect(history[0].changes).toMatchObject({ status: { old: 'draft', new: 'open' }, docstatus: { old: 'draft', new: 'submitted' } });
    const notes = (await get(`/api/crm/activity?filter=${filter({ reference_type: 'crm.opportunity', reference_id: deal.id })}`)).data;
    expect(notes.map((n: any) => n.subject)).toEqual([`Quotation ${quotation.number} sent: 185.13 EUR`]);
  });

  it('ordering (by a sales user who cannot edit deals) reserves stock, marks the quotation ordered and the deal converted', async () => {
    const seller = await t.createUser('seller', ['sales.user']);
    expect((await seller.req('PATCH', `/api/crm/opportunity/${deal.id}`, { amount: '1.00' })).status).toBe(403);
    order = ok(await seller.req('POST', `/api/sales/quotation/${quotation.id}/actions/make_sales_order`, { warehouse: main, submit: true }));
    expect((await seller.req('POST', `/api/sales/quotation/${quotation.id}/cancel`)).status).toBe(403);
    expect(order).toMatchObject({
      docstatus: 'submitted',
      status: 'to_deliver_and_bill',
      per_delivered: '0.00',
      per_billed: '0.00',
      grand_total: '185.13',
      quotation: quotation.id,
      opportunity: deal.id,
    });
    expect(await bin(nut)).toMatchObject({ actual_qty: '60.000000', reserved_qty: '30.000000' });
    expect(await bin(hammer)).toMatchObject({ actual_qty: '12.000000', reserved_qty: '5.000000' });
    expect((await get(`/api/sales/quotation/${quotation.id}`)).status).toBe('ordered');
    expect(await get(`/api/crm/opportunity/${deal.id}`)).toMatchObject({ status: 'converted', stage: stage.Won, probability: '100.00' });
    // A converted deal's stage no longer changes: its stage actions are not offered.
    const reopen = await t.req('POST', `/api/crm/opportunity/${deal.id}/actions/reopen`, {});
    expect(reopen.status).toBe(409);
    expect(reopen.body.error).toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
      message: 'Reopen is not possible on Deal Fasteners and tools: its status is converted (needs won or lost)',
    });
    expect((await t.req('POST', `/api/crm/opportunity/${deal.id}/actions/mark_won`, {})).body.error.code).toBe('ACTION_NOT_ALLOWED');
    const again = await t.req('POST', `/api/sales/quotation/${quotation.id}/actions/make_sales_order`, { warehouse: main });
    // An ordered quotation no longer offers the action (when: status open; the admin UI hides the button).
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ACTION_NOT_ALLOWED');
    expect(again.body.error.message).toMatch(/ordered/);
  });

  it('a partial delivery issues stock at the valuation rate, keeps the cost and releases the reservation', async () => {
    const d = await post(`/api/sales/sales_order/${order.id}/actions/make_delivery`, { lines: [{ sales_order_item: order.lines[0].id, qty: '25' }] });
    expect(d).toMatchObject({ docstatus: 'draft', net_total: '90.00', customer: order.customer });
    firstDelivery = await post(`/api/sales/delivery/${d.id}/submit`);
    expect(firstDelivery.lines.map((l: any) => [l.qty, l.amount, l.valuation_rate, l.cost_amount])).toEqual([
      ['25.000000', '90.00', '2.000000000', '50.000000'],
    ]);
    expect(firstDelivery).toMatchObject({ net_total: '90.00', total_cost: '50.00', gross_profit: '40.00' });
    // The totals the submit hook computed are written (and audited) with the submit.
    const submitted = (await get(`/api/sales/delivery/${d.id}/history`)).data.find((h: any) => h.action === 'submit');
    expect(submitted.changes).toMatchObject({ total_cost: { old: null, new: '50.00' }, gross_profit: { old: null, new: '40.00' } });
    expect(await bin(nut)).toMatchObject({ actual_qty: '35.000000', reserved_qty: '5.000000', stock_value: '70.000000' });
    expect(await get(`/api/sales/sales_order/${order.id}`)).toMatchObject({ per_delivered: '71.43', status: 'to_deliver_and_bill' });
    expect(await orderLines(order.id)).toEqual([
      ['25.000000', '0.000000'],
      ['0.000000', '0.000000'],
    ]);
  });

  it('refuses to deliver more than ordered, and nothing changes', async () => {
    const before = [await count('sales_delivery'), await count('inventory_stock_ledger_entry'), await bin(nut), await orderLines(order.id)];
    const r = await t.req('POST', '/api/sales/delivery', { sales_order: order.id, lines: [{ sales_order_item: order.lines[0].id, qty: '6' }] });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('OVER_DELIVERY');
    expect(r.body.error.details).toEqual([
      {
        path: 'lines/0/qty',
        message: `only 5 of NUT left to deliver on ${order.number} line 1 (ordered 30, delivered 25)`,
        key: 'sales.left_to_deliver',
        params: { left: '5', item: 'NUT', number: order.number, line: 1, ordered: '30', done: '25' },
      },
    ]);
    // two lines of the same order line that together exceed it
    const split = await t.req('POST', '/api/sales/delivery', {
      sales_order: order.id,
      lines: [
        { sales_order_item: order.lines[0].id, qty: '3' },
        { sales_order_item: order.lines[0].id, qty: '3' },
      ],
    });
    expect(split.status).toBe(422);
    expect(split.body.error.details[0].path).toBe('lines/1/qty');
    const foreign = await t.req('POST', '/api/sales/delivery', { sales_order: order.id, lines: [{ sales_order_item: 999999, qty: '1' }] });
    expect(foreign.body.error.details[0]).toEqual({
      path: 'lines/0/sales_order_item',
      message: `999999 is not a line of sales order ${order.number}`,
      key: 'sales.not_order_line',
      params: { line: '999999', number: order.number },
    });
    expect([await count('sales_delivery'), await count('inventory_stock_ledger_entry'), await bin(nut), await orderLines(order.id)]).toEqual(before);
  });

  it('the final delivery takes the remainder of the amounts; gross profit per order to the cent', async () => {
    const d = await post(`/api/sales/sales_order/${order.id}/actions/make_delivery`, { submit: true });
    expect(d.lines.map((l: any) => [l.qty, l.amount, l.cost_amount])).toEqual([
      ['5.000000', '18.00', '10.000000'],
      ['5.000000', '49.95', '20.500000'],
    ]);
    expect(d).toMatchObject({ net_total: '67.95', total_cost: '30.50', gross_profit: '37.45' });
    expect(await get(`/api/sales/sales_order/${order.id}`)).toMatchObject({ per_delivered: '100.00', per_billed: '0.00', status: 'to_bill' });
    expect(await bin(nut)).toMatchObject({ actual_qty: '30.000000', reserved_qty: '0.000000', stock_value: '60.000000' });
    expect(await bin(hammer)).toMatchObject({ actual_qty: '7.000000', reserved_qty: '0.000000', stock_value: '28.700000' });
    const nothing = await t.req('POST', `/api/sales/sales_order/${order.id}/actions/make_delivery`, {});
    expect(nothing.status).toBe(409);
    expect(nothing.body.error).toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
      message: `Make delivery is not possible on Sales order ${order.number}: its status is to_bill (needs to_deliver_and_bill or to_deliver)`,
    });

    const gp = await get(`/api/sales/reports/gross-profit?sales_order=${order.id}`);
    expect(gp.data).toEqual([
      {
        sales_order: order.id,
        number: order.number,
        customer: order.customer,
        customer_name: 'Žuko Statyba',
        order_date: order.order_date,
        currency: 'EUR',
        ordered_net_total: '157.95',
        delivered_qty: '35.000000',
        revenue: '157.95',
        cost_of_goods_sold: '80.50',
        gross_profit: '77.45',
        margin_percent: '49.03',
      },
    ]);
    expect(gp.totals).toEqual({ revenue: '157.95', cost_of_goods_sold: '80.50', gross_profit: '77.45' });
  });

  it('invoicing what was delivered bills the order to the cent and completes it', async () => {
    const inv = await post(`/api/sales/sales_order/${order.id}/actions/make_invoice`, { posting_date: '2026-06-10', submit: true });
    expect(inv.lines.map((l: any) => [l.qty, l.amount, l.tax_rate, l.tax_amount])).toEqual([
      ['30.000000', '108.00', '21.00', '22.68'],
      ['5.000000', '49.95', '9.00', '4.50'],
    ]);
    expect(inv).toMatchObject({ net_total: '157.95', tax_total: '27.18', grand_total: '185.13', due_date: '2026-07-10', docstatus: 'submitted' });
    expect(await get(`/api/sales/sales_order/${order.id}`)).toMatchObject({ per_delivered: '100.00', per_billed: '100.00', status: 'completed' });
    const again = await t.req('POST', `/api/sales/sales_order/${order.id}/actions/make_invoice`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ACTION_NOT_ALLOWED');
    const over = await t.req('POST', '/api/sales/sales_invoice', { sales_order: order.id, lines: [{ sales_order_item: order.lines[1].id, qty: '1' }] });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('OVER_BILLING');
  });

  it('an order with submitted deliveries cannot be cancelled', async () => {
    const r = await t.req('POST', `/api/sales/sales_order/${order.id}/cancel`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('HAS_SUBMITTED_DEPENDENTS');
  });

  it('sales analytics by customer, item and month', async () => {
    const byCustomer = await get(`/api/sales/reports/analytics?group_by=customer&customer=${order.customer}`);
    expect(byCustomer.data).toEqual([{ key: String(order.customer), label: 'Žuko Statyba', documents: 1, qty: '35.000000', net_total: '157.95' }]);
    const byItem = await get(`/api/sales/reports/analytics?group_by=item&customer=${order.customer}`);
    expect(byItem.data.map((r: any) => [r.label, r.qty, r.net_total])).toEqual([
      ['NUT Item NUT', '30.000000', '108.00'],
      ['HAMMER Item HAMMER', '5.000000', '49.95'],
    ]);
    const byMonth = await get(`/api/sales/reports/analytics?group_by=month&based_on=invoice&customer=${order.customer}`);
    expect(byMonth.data).toEqual([{ key: '2026-06', label: '2026-06', documents: 1, qty: '35.000000', net_total: '157.95' }]);
    expect((await t.req('GET', '/api/sales/reports/analytics?group_by=warehouse')).status).toBe(400);
  });

  it("a sales document has its own timeline, which joins its customer organization's history", async () => {
    const call = ok(
      await t.req('POST', '/api/crm/activity', {
        activity_type: 'call',
        subject: 'Asked for the invoice copy',
        reference_type: 'sales.sales_order',
        reference_id: order.id,
      }),
      201,
    );
    expect(call).toMatchObject({ organization: deal.organization, reference_type: 'sales.sales_order' });
    const onQuotation = ok(
      await t.req('POST', '/api/crm/activity', {
        activity_type: 'note',
        subject: 'Accepted by phone',
        reference_type: 'sales.quotation',
        reference_id: quotation.id,
      }),
      201,
    );
    expect(onQuotation).toMatchObject({ organization: deal.organization, contact: quotation.contact });
    expect(quotation.contact).not.toBeNull();
    const timeline = await get(`/api/crm/activity?filter=${filter({ reference_type: 'sales.sales_order', reference_id: order.id })}`);
    expect(timeline.data.map((a: any) => a.subject)).toEqual(['Asked for the invoice copy']);
    const history = (await get(`/api/crm/activity?filter=${filter({ organization: deal.organization })}&limit=100`)).data.map((a: any) => a.subject);
    expect(history).toEqual(expect.arrayContaining(['Asked for the invoice copy', 'Accepted by phone', `Quotation ${quotation.number} sent: 185.13 EUR`]));
    const missing = await t.req('POST', '/api/crm/activity', { activity_type: 'note', subject: 'x', reference_type: 'sales.delivery', reference_id: 999999 });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toEqual([
      {
        path: 'reference_id',
        message: 'Delivery 999999 does not exist',
        key: 'crm.record_missing',
        params: { entity: { en: 'Delivery', lt: 'Pristatymas' }, id: '999999' },
      },
    ]);
  });
});

describe('document rules', () => {
  let customer: number;
  beforeAll(async () => {
    customer = ok(await t.req('POST', '/api/sales/customer', { name: 'Rules Ltd', tax_rate: '0', payment_terms_days: 0 }), 201).id;
  });

  it('concurrent deliveries cannot over-deliver: exactly one of two submits wins', async () => {
    const o = ok(await t.req('POST', '/api/sales/sales_order', { customer, warehouse: main, lines: [{ item: nut, qty: '10', rate: '5.00' }] }), 201);
    await post(`/api/sales/sales_order/${o.id}/submit`);
    const line = o.lines[0].id;
    const a = ok(await t.req('POST', '/api/sales/delivery', { sales_order: o.id, lines: [{ sales_order_item: line, qty: '8' }] }), 201);
    const b = ok(await t.req('POST', '/api/sales/delivery', { sales_order: o.id, lines: [{ sales_order_item: line, qty: '8' }] }), 201);
    const ledgerBefore = await count('inventory_stock_ledger_entry');
    const results = await Promise.all([t.req('POST', `/api/sales/delivery/${a.id}/submit`), t.req('POST', `/api/sales/delivery/${b.id}/submit`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    const refused = results.find((r) => r.status === 422)!;
    expect(refused.body.error.code).toBe('OVER_DELIVERY');
    expect(refused.body.error.details[0].message).toBe(`only 2 of NUT left to deliver on ${o.number} line 1 (ordered 10, delivered 8)`);
    expect(await orderLines(o.id)).toEqual([['8.000000', '0.000000']]);
    expect(await count('inventory_stock_ledger_entry')).toBe(ledgerBefore + 1);
    expect(await bin(nut)).toMatchObject({ actual_qty: '22.000000', reserved_qty: '2.000000' });
  });

  it('cancelling a delivery reverses the stock and restores the counters and the reservation', async () => {
    const o = ok(await t.req('POST', '/api/sales/sales_order', { customer, warehouse: main, lines: [{ item: hammer, qty: '4', rate: '10.00' }] }), 201);
    await post(`/api/sales/sales_order/${o.id}/submit`);
    const before = await bin(hammer);
    expect(before.reserved_qty).toBe('4.000000');
    const d = await post(`/api/sales/sales_order/${o.id}/actions/make_delivery`, { submit: true });
    expect(d.total_cost).toBe('16.40');
    expect(await get(`/api/sales/sales_order/${o.id}`)).toMatchObject({ status: 'to_bill', per_delivered: '100.00' });
    await post(`/api/sales/delivery/${d.id}/cancel`);
    expect(await bin(hammer)).toEqual(before);
    expect(await get(`/api/sales/sales_order/${o.id}`)).toMatchObject({ status: 'to_deliver_and_bill', per_delivered: '0.00' });
    const reversals = (
      await t.db.query(
        `select qty_change, value_change from inventory_stock_ledger_entry where voucher_type = 'sales.delivery' and voucher_id = $1 order by id`,
        [d.id],
      )
    ).rows;
    expect(reversals).toEqual([
      { qty_change: '-4.000000', value_change: '-16.400000' },
      { qty_change: '4.000000', value_change: '16.400000' },
    ]);
    const cancelled = await post(`/api/sales/sales_order/${o.id}/cancel`);
    expect(cancelled.status).toBe('cancelled');
    expect((await bin(hammer)).reserved_qty).toBe('0.000000');
  });

  it('partial invoices share the order amounts so that they add up to the cent', async () => {
    const o = ok(
      await t.req('POST', '/api/sales/sales_order', { customer, warehouse: main, tax_rate: '21', lines: [{ item: nut, qty: '3', rate: '3.335' }] }),
      201,
    );
    expect([o.lines[0].amount, o.lines[0].tax_amount, o.grand_total]).toEqual(['10.01', '2.10', '12.11']);
    await post(`/api/sales/sales_order/${o.id}/submit`);
    const shares = [];
    for (let i = 0; i < 3; i++) {
      const inv = await post(`/api/sales/sales_order/${o.id}/actions/make_invoice`, { basis: 'ordered' });
      const one = ok(await t.req('PATCH', `/api/sales/sales_invoice/${inv.id}`, { lines: [{ id: inv.lines[0].id, qty: '1' }] }));
      const s = await post(`/api/sales/sales_invoice/${one.id}/submit`);
      shares.push([s.lines[0].amount, s.lines[0].tax_amount, s.grand_total]);
    }
    expect(shares).toEqual([
      ['3.34', '0.70', '4.04'],
      ['3.34', '0.70', '4.04'],
      ['3.33', '0.70', '4.03'],
    ]);
    expect(await get(`/api/sales/sales_order/${o.id}`)).toMatchObject({ per_billed: '100.00', status: 'to_deliver' });
  });

  it('the status compares exact quantities: an order 99.999999% delivered still offers Make delivery', async () => {
    const bulk = await item('BULK');
    await receive(bulk, '100000', '0.01');
    const o = ok(await t.req('POST', '/api/sales/sales_order', { customer, warehouse: main, lines: [{ item: bulk, qty: '100000', rate: '0.01' }] }), 201);
    await post(`/api/sales/sales_order/${o.id}/submit`);
    await post(`/api/sales/sales_order/${o.id}/actions/make_delivery`, { lines: [{ sales_order_item: o.lines[0].id, qty: '99999.999' }], submit: true });
    expect(await get(`/api/sales/sales_order/${o.id}`)).toMatchObject({ per_delivered: '100.00', status: 'to_deliver_and_bill' });
    const rest = await post(`/api/sales/sales_order/${o.id}/actions/make_delivery`, { submit: true });
    expect(rest.lines.map((l: any) => l.qty)).toEqual(['0.001000']);
    expect(await get(`/api/sales/sales_order/${o.id}`)).toMatchObject({ per_delivered: '100.00', status: 'to_bill' });
  });

  it('a lost deal is not quoted until reopened', async () => {
    const org = ok(await t.req('POST', '/api/crm/organization', { name: 'Lost Deal Org' }), 201);
    const reason = (await get('/api/crm/lost_reason')).data[0].id;
    const lost = ok(
      await t.req('POST', '/api/crm/opportunity', { name: 'Lost deal', organization: org.id, amount: '10.00', stage: stage.Lost, lost_reason: reason }),
      201,
    );
    const q = await t.req('POST', `/api/crm/opportunity/${lost.id}/actions/make_quotation`, { lines: [{ item: nut, qty: '1', rate: '1' }] });
    expect(q.status).toBe(409);
    expect(q.body.error).toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
      message: 'Make quotation is not possible on Deal Lost deal: its status is lost (needs open or won or converted)',
    });
    await post(`/api/crm/opportunity/${lost.id}/actions/reopen`);
    ok(await t.req('POST', `/api/crm/opportunity/${lost.id}/actions/make_quotation`, { lines: [{ item: nut, qty: '1', rate: '1' }] }));
  });

  it('clear errors: draft order lines need a warehouse; a draft order cannot be delivered', async () => {
    const noWh = await t.req('POST', '/api/sales/sales_order', { customer, lines: [{ item: nut, qty: '1', rate: '1' }] });
    expect(noWh.status).toBe(422);
    expect(noWh.body.error.details).toEqual([
      {
        path: 'lines/0/warehouse',
        message: "is required: set the order's warehouse or a default warehouse of item NUT",
        key: 'sales.line_warehouse_required',
        params: { code: 'NUT' },
      },
    ]);
    const draft = ok(await t.req('POST', '/api/sales/sales_order', { customer, warehouse: main, lines: [{ item: nut, qty: '1', rate: '1' }] }), 201);
    const d = await t.req('POST', '/api/sales/delivery', { sales_order: draft.id, lines: [{ sales_order_item: draft.lines[0].id, qty: '1' }] });
    expect(d.status).toBe(422);
    expect(d.body.error.details[0].path).toBe('sales_order');
    const lead = ok(await t.req('POST', '/api/crm/lead', { name: 'Only A Lead' }), 201);
    const leadDeal = ok(await t.req('POST', '/api/crm/opportunity', { name: 'Lead deal', lead: lead.id, amount: '10.00' }), 201);
    const q = await t.req('POST', `/api/crm/opportunity/${leadDeal.id}/actions/make_quotation`, { lines: [{ item: nut, qty: '1', rate: '1' }] });
    expect(q.status).toBe(422);
    expect(q.body.error.details[0].path).toBe('customer');
  });
});

describe("reports and widgets follow the caller's row rules", () => {
  it("a seller's sales reports and widgets count only their own documents; a manager's count all", async () => {
    const seller = await t.createUser('rows.seller', ['acme.seller']);
    const manager = await t.createUser('rows.sales_manager', ['sales.manager']);
    const customer = ok(await t.req('POST', '/api/sales/customer', { name: 'Row Rules Customer', tax_rate: '0' }), 201).id;
    const order = { customer, warehouse: main, lines: [{ item: nut, qty: '1', rate: '10.00' }] };
    // The seller's: one order delivered, one waiting for delivery; someone else's: one delivered.
    const delivered = ok(await seller.req('POST', '/api/sales/sales_order', order), 201);
    ok(await seller.req('POST', `/api/sales/sales_order/${delivered.id}/submit`));
    const shipped = ok(await seller.req('POST', `/api/sales/sales_order/${delivered.id}/actions/make_delivery`, { submit: true }));
    const waiting = ok(await seller.req('POST', '/api/sales/sales_order', { ...order, lines: [{ item: nut, qty: '2', rate: '10.00' }] }), 201);
    ok(await seller.req('POST', `/api/sales/sales_order/${waiting.id}/submit`));
    const theirs = ok(await t.req('POST', '/api/sales/sales_order', { ...order, lines: [{ item: nut, qty: '1', rate: '30.00' }] }), 201);
    await post(`/api/sales/sales_order/${theirs.id}/submit`);
    await post(`/api/sales/sales_order/${theirs.id}/actions/make_delivery`, { submit: true });
    expect((await seller.req('GET', `/api/sales/sales_order/${theirs.id}`)).status).toBe(404);

    const as = async (who: { req: typeof t.req }, path: string) => ok(await who.req('GET', path));
    const admin = { req: t.req };
    const analytics = await as(seller, `/api/sales/reports/analytics?customer=${customer}`);
    expect(analytics.data).toEqual([{ key: String(customer), label: 'Row Rules Customer', documents: 2, qty: '3.000000', net_total: '30.00' }]);
    const profit = await as(seller, `/api/sales/reports/gross-profit?customer=${customer}`);
    expect(profit.data.map((r: any) => [r.number, r.revenue, r.gross_profit])).toEqual([[delivered.number, '10.00', shipped.gross_profit]]);
    expect(await as(seller, '/api/dashboard/sales.sales_this_month')).toEqual({ value: '30.00', count: 2, currency: 'EUR' });
    expect(await as(seller, '/api/dashboard/sales.gross_profit_this_month')).toEqual({ value: shipped.gross_profit, revenue: '10.00', currency: 'EUR' });
    expect((await as(seller, '/api/dashboard/sales.sales_by_month')).series.at(-1).value).toBe('30.00');
    expect((await as(seller, '/api/dashboard/sales.orders_to_deliver')).value).toBe(1);

    const all = await as(manager, `/api/sales/reports/analytics?customer=${customer}`);
    expect(all.data).toEqual([{ key: String(customer), label: 'Row Rules Customer', documents: 3, qty: '4.000000', net_total: '60.00' }]);
    expect((await as(manager, `/api/sales/reports/gross-profit?customer=${customer}`)).data.map((r: any) => r.number)).toEqual([
      delivered.number,
      theirs.number,
    ]);
    for (const path of [
      '/api/sales/reports/analytics',
      '/api/sales/reports/analytics?based_on=invoice&group_by=month',
      '/api/sales/reports/gross-profit',
      '/api/dashboard/sales.sales_this_month',
      '/api/dashboard/sales.gross_profit_this_month',
      '/api/dashboard/sales.sales_by_month',
      '/api/dashboard/sales.orders_to_deliver',
    ])
      expect(await as(manager, path), path).toEqual(await as(admin, path));
  });
});

describe('declarations and dashboard', () => {
  it('exposes actions, Lithuanian labels and dashboard widgets', async () => {
    const meta = await get('/api/meta');
    const so = meta.entities.find((e: any) => e.key === 'sales.sales_order');
    expect(so.labels.lt.title).toBe('Pardavimo užsakymas');
    expect(so.actions.map((a: any) => [a.name, a.when])).toEqual([
      ['make_delivery', { docstatus: ['submitted'], status: ['to_deliver_and_bill', 'to_deliver'] }],
      ['make_invoice', { docstatus: ['submitted'], status: ['to_deliver_and_bill', 'to_bill'] }],
    ]);
    expect(so.fields.find((f: any) => f.name === 'lines').children.labels).toEqual({ lt: { title: 'Pardavimo užsakymo eilutė' } });
    const deal = meta.entities.find((e: any) => e.key === 'crm.opportunity');
    expect(deal.actions.map((a: any) => a.name)).toContain('make_quotation');
    // Sales documents are CRM timeline links: each has the activity timeline.
    for (const key of ['sales.quotation', 'sales.sales_order', 'sales.delivery', 'sales.sales_invoice'])
      expect(
        meta.entities.find((e: any) => e.key === key).timelines.map((x: any) => x.entity),
        key,
      ).toEqual(['crm.activity']);
    expect(meta.dashboard.map((w: any) => w.id)).toEqual(
      expect.arrayContaining(['sales.sales_this_month', 'sales.gross_profit_this_month', 'crm.open_pipeline_weighted', 'crm.pipeline_by_stage']),
    );
    expect((await t.req('GET', '/api/dashboard/sales.gross_profit_this_month')).status).toBe(200);
  });
});
