import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_USER } from '@tessera/core';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let nos: number;
let main: number;
let rejected: number;
let supplier: number;

const bin = async (item: number, warehouse = main) =>
  (
    await t.db.query(`select actual_qty, ordered_qty, projected_qty, valuation_rate, stock_value from inventory_bin where item = $1 and warehouse = $2`, [
      item,
      warehouse,
    ])
  ).rows[0];
const ledgerCount = async () => Number((await t.db.query(`select count(*)::int as n from inventory_stock_ledger_entry`)).rows[0].n);
const item = async (code: string, extra: Record<string, unknown> = {}) =>
  ok(await t.req('POST', '/api/inventory/item', { code, name: `Item ${code}`, stock_uom: nos, ...extra }), 201).id as number;
const po = async (lines: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
  ok(await t.req('POST', '/api/purchasing/purchase_order', { supplier, order_date: '2026-05-01', set_warehouse: main, lines, ...extra }), 201);
const submit = async (entity: string, id: number) => ok(await t.req('POST', `/api/purchasing/${entity}/${id}/submit`));
const getPo = async (id: number) => ok(await t.req('GET', `/api/purchasing/purchase_order/${id}`));
const receipt = async (body: Record<string, unknown>) => ok(await t.req('POST', '/api/purchasing/goods_receipt', { posting_date: '2026-05-03', ...body }), 201);

beforeAll(async () => {
  t = await startApp({
    plugins: ['inventory', 'purchasing'],
    roles: {
      // a buyer who sees only the purchase orders they created
      'purchasing.own_buyer': {
        label: 'Buyer (own orders)',
        // (reports also label their rows with the suppliers' names: reading those needs supplier read)
        permissions: { 'purchasing.purchase_order': ['read', 'create', 'submit'], 'inventory.item': ['read'], 'purchasing.supplier': ['read'] },
        rows: { 'purchasing.purchase_order': 'own' },
      },
    },
  });
  nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  const root = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'All', is_group: true }), 201).id;
  main = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Main', parent: root }), 201).id;
  rejected = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Rejected', parent: root }), 201).id;
  supplier = ok(await t.req('POST', '/api/purchasing/supplier', { name: 'Baltic Fasteners', code: 'BF' }), 201).id;
});
afterAll(async () => {
  if (!t) return;
  const v = ok(await t.req('GET', '/api/inventory/reports/verify'));
  expect(v.data).toEqual([]);
  await t.close();
});

describe('purchase to stock: order, receive, bill', () => {
  let nut: number;
  let bolt: number;
  let order: any;

  it('submitting a purchase order raises the ordered qty; status to receive and bill', async () => {
    nut = await item('NUT');
    bolt = await item('BOLT');
    order = await po([
      { item: nut, qty: '60', rate: '1.50' },
      { item: bolt, qty: '100', rate: '0.25' },
    ]);
    expect(order).toMatchObject({ total: '115.00', total_qty: '160.000000', status: 'draft', currency: 'EUR' });
    expect(order.lines[0]).toMatchObject({ amount: '90.00', warehouse: main, received_qty: '0.000000', billed_amount: '0.00' });
    order = await submit('purchase_order', order.id);
    expect(order.status).toBe('to_receive_and_bill');
    expect(await bin(nut)).toMatchObject({ actual_qty: '0.000000', ordered_qty: '60.000000', projected_qty: '60.000000' });
  });

  it('"receive" creates a receipt for the open lines; a partial receipt posts stock at the line rate', async () => {
    const meta = ok(await t.req('GET', '/api/meta')).entities.find((e: any) => e.key === 'purchasing.purchase_order');
    expect(meta.actions.map((a: any) => [a.name, a.label, a.labels.lt])).toEqual([
      ['receive', 'Receive', 'Priimti prekes'],
      ['bill', 'Bill', 'Registruoti sąskaitą'],
    ]);
    const draft = ok(await t.req('POST', `/api/purchasing/purchase_order/${order.id}/actions/receive`, { posting_date: '2026-05-03' }));
    expect(draft).toMatchObject({ docstatus: 'draft', supplier, purchase_order: order.id });
    expect(draft.lines.map((l: any) => [l.item, l.qty, l.rate, l.warehouse])).toEqual([
      [nut, '60.000000', '1.500000', main],
      [bolt, '100.000000', '0.250000', main],
    ]);
    ok(await t.req('PATCH', `/api/purchasing/goods_receipt/${draft.id}`, { lines: [{ id: draft.lines[0].id, qty: '40' }, { id: draft.lines[1].id }] }));
    const rec = await submit('goods_receipt', draft.id);
    expect(rec.lines[0].valuation_rate).toBe('1.500000000');
    expect(await bin(nut)).toMatchObject({
      actual_qty: '40.000000',
      valuation_rate: '1.500000000',
      stock_value: '60.000000',
      ordered_qty: '20.000000',
      projected_qty: '60.000000',
    });
    expect(await bin(bolt)).toMatchObject({ actual_qty: '100.000000', stock_value: '25.000000', ordered_qty: '0.000000' });
    order = await getPo(order.id);
    expect(order.lines.map((l: any) => l.received_qty)).toEqual(['40.000000', '100.000000']);
    expect(order).toMatchObject({ per_received: '87.50', per_billed: '0.00', status: 'to_receive_and_bill' });
  });

  it('receiving more than the open qty is refused when the receipt is saved, naming the line', async () => {
    const before = await ledgerCount();
    const saved = await t.req('POST', '/api/purchasing/goods_receipt', {
      posting_date: '2026-05-03',
      purchase_order: order.id,
      lines: [{ purchase_order_line: order.lines[0].id, qty: '21' }],
    });
    expect(saved.status).toBe(422);
    expect(saved.body.error.code).toBe('OVER_RECEIPT');
    expect(saved.body.error.details).toEqual([
      {
        path: 'lines/0/qty',
        message: `over-receipt on ${order.number} line 1 (NUT): ordered 60, received 40, open 20, this receipt 21`,
        key: 'purchasing.over_receipt_line_ordered_received',
        params: { po_number: order.number, value: '1', item_code: 'NUT', value2: '60', value3: '40', value4: '20', value5: '21', value6: '' },
      },
    ]);
    expect(saved.body.error.message).toContain('allow_over_receipt');
    const fine = await receipt({ purchase_order: order.id, lines: [{ purchase_order_line: order.lines[0].id, qty: '20' }] });
    const raised = await t.req('PATCH', `/api/purchasing/goods_receipt/${fine.id}`, { lines: [{ id: fine.lines[0].id, qty: '25' }] });
    expect(raised.body.error?.code).toBe('OVER_RECEIPT');
    ok(await t.req('DELETE', `/api/purchasing/goods_receipt/${fine.id}`));
    expect(await ledgerCount()).toBe(before);
  });

  it('a draft that may exceed the order (allow_over_receipt) is saved; its submit is refused naming the line, and nothing changes', async () => {
    const entries = await ledgerCount();
    const before = await bin(nut);
    const r = await receipt({ purchase_order: order.id, allow_over_receipt: true, lines: [{ purchase_order_line: order.lines[0].id, qty: '21' }] });
    const s = await t.req('POST', `/api/purchasing/goods_receipt/${r.id}/submit`);
    expect(s.status).toBe(422);
    expect(s.body.error.code).toBe('OVER_RECEIPT');
    expect(s.body.error.details).toEqual([
      {
        path: 'lines/0/qty',
        message: `over-receipt on ${order.number} line 1 (NUT): ordered 60, received 40, open 20, this receipt 21`,
        key: 'purchasing.over_receipt_line_ordered_received',
        params: { po_number: order.number, value: '1', item_code: 'NUT', value2: '60', value3: '40', value4: '20', value5: '21', value6: '' },
      },
    ]);
    expect(await ledgerCount()).toBe(entries);
    expect(await bin(nut)).toEqual(before);
    expect((await getPo(order.id)).lines[0].received_qty).toBe('40.000000');
    expect(ok(await t.req('GET', `/api/purchasing/goods_receipt/${r.id}`)).docstatus).toBe('draft');
    ok(await t.req('DELETE', `/api/purchasing/goods_receipt/${r.id}`));
  });

  it('the second receipt at another rate moves the average: (60 + 60) / 60 = 2.00, value 120.00', async () => {
    const r = await receipt({ purchase_order: order.id, lines: [{ purchase_order_line: order.lines[0].id, qty: '20', rate: '3.00' }] });
    expect(r.total).toBe('60.00');
    await submit('goods_receipt', r.id);
    expect(await bin(nut)).toMatchObject({
      actual_qty: '60.000000',
      valuation_rate: '2.000000000',
      stock_value: '120.000000',
      ordered_qty: '0.000000',
      projected_qty: '60.000000',
    });
    order = await getPo(order.id);
    expect(order).toMatchObject({ per_received: '100.00', status: 'to_bill' });
  });

  it('received but not billed, then "bill" completes the order', async () => {
    const rnb = ok(await t.req('GET', `/api/purchasing/reports/received-not-billed?supplier=${supplier}`));
    expect(rnb.data.map((r: any) => [r.item_code, r.received_amount, r.billed_amount, r.to_bill])).toEqual([
      ['NUT', '90.00', '0.00', '90.00'],
      ['BOLT', '25.00', '0.00', '25.00'],
    ]);
    expect(rnb.totals.to_bill).toBe('115.00');
    const inv = ok(
      await t.req('POST', `/api/purchasing/purchase_order/${order.id}/actions/bill`, { posting_date: '2026-05-05', bill_no: 'BF-1001', submit: true }),
    );
    expect(inv).toMatchObject({ docstatus: 'submitted', total: '115.00', bill_no: 'BF-1001', purchase_order: order.id });
    order = await getPo(order.id);
    expect(order.lines.map((l: any) => l.billed_amount)).toEqual(['90.00', '25.00']);
    expect(order).toMatchObject({ per_billed: '100.00', status: 'completed' });
    expect(ok(await t.req('GET', `/api/purchasing/reports/received-not-billed?supplier=${supplier}`)).data).toEqual([]);
    // Bill and Receive are offered only while something is open (the status): a completed order refuses both
    for (const action of ['bill', 'receive']) {
      const again = await t.req('POST', `/api/purchasing/purchase_order/${order.id}/actions/${action}`, {});
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('ACTION_NOT_ALLOWED');
    }
    const meta = ok(await t.req('GET', '/api/meta')).entities.find((e: any) => e.key === 'purchasing.purchase_order');
    expect(meta.actions.map((a: any) => [a.name, a.when])).toEqual([
      ['receive', { docstatus: ['submitted'], status: ['to_receive_and_bill', 'to_receive'] }],
      ['bill', { docstatus: ['submitted'], status: ['to_receive_and_bill', 'to_bill'] }],
    ]);
    // the counters and the status were set as audited server fields, under the user's name
    const audit = (
      await t.db.query(`select action, changes from tessera_audit where entity = 'purchasing.purchase_order' and record_id = $1 order by id`, [order.id])
    ).rows;
    expect(audit.map((a) => a.action)).toEqual(['create', 'submit', 'receive', 'update', 'update', 'update', 'bill']);
    expect(audit.at(-2).changes).toMatchObject({ status: { old: 'to_bill', new: 'completed' }, per_billed: { old: '0.00', new: '100.00' } });
  });

  it('issue 25: value out 50.00, 35 left worth 70.00; transfer keeps value', async () => {
    const store = ok(
      await t.req('POST', '/api/inventory/warehouse', {
        name: 'Store',
        parent: (await t.db.query(`select id from inventory_warehouse where name = 'All'`)).rows[0].id,
      }),
      201,
    ).id;
    const issue = ok(
      await t.req('POST', '/api/inventory/stock_entry', {
        purpose: 'issue',
        posting_date: '2026-05-06',
        from_warehouse: main,
        lines: [{ item: nut, qty: '25' }],
      }),
      201,
    );
    expect(ok(await t.req('POST', `/api/inventory/stock_entry/${issue.id}/submit`)).total_value).toBe('50.000000');
    expect(await bin(nut)).toMatchObject({ actual_qty: '35.000000', stock_value: '70.000000' });
    const tr = ok(
      await t.req('POST', '/api/inventory/stock_entry', {
        purpose: 'transfer',
        posting_date: '2026-05-06',
        from_warehouse: main,
        to_warehouse: store,
        lines: [{ item: nut, qty: '5' }],
      }),
      201,
    );
    ok(await t.req('POST', `/api/inventory/stock_entry/${tr.id}/submit`));
    expect(await bin(nut)).toMatchObject({ actual_qty: '30.000000', stock_value: '60.000000' });
    expect(await bin(nut, store)).toMatchObject({ actual_qty: '5.000000', stock_value: '10.000000', valuation_rate: '2.000000000' });
  });

  it('a purchase order with submitted receipts or invoices cannot be cancelled', async () => {
    const c = await t.req('POST', `/api/purchasing/purchase_order/${order.id}/cancel`);
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('HAS_SUBMITTED_DEPENDENTS');
    expect(c.body.error.message).toMatch(/submitted (Goods receipt|Supplier invoice) PUR-(REC|INV)-2026-\d{5} depends on it/);
    // a receipt whose header names no order still blocks through its lines
    const other = await submit('purchase_order', (await po([{ item: bolt, qty: '10', rate: '0.25' }])).id);
    const r = await receipt({ supplier, lines: [{ purchase_order_line: other.lines[0].id, qty: '10' }] });
    expect(r.purchase_order).toBeNull();
    expect(r.lines[0].purchase_order).toBe(other.id);
    await submit('goods_receipt', r.id);
    const c2 = await t.req('POST', `/api/purchasing/purchase_order/${other.id}/cancel`);
    expect(c2.status).toBe(409);
    expect(c2.body.error.message).toContain(`submitted Goods receipt ${r.number} depends on it`);
  });
});

describe('cancel and amend', () => {
  it('cancelling a receipt posts reversing entries and restores bins and counters; then the order cancels and amends', async () => {
    const gear = await item('GEAR');
    let order = await submit('purchase_order', (await po([{ item: gear, qty: '10', rate: '5.00' }])).id);
    const r = await receipt({ purchase_order: order.id, lines: [{ purchase_order_line: order.lines[0].id, qty: '4' }] });
    await submit('goods_receipt', r.id);
    expect(await bin(gear)).toMatchObject({ actual_qty: '4.000000', stock_value: '20.000000', ordered_qty: '6.000000', projected_qty: '10.000000' });
    ok(await t.req('POST', `/api/purchasing/goods_receipt/${r.id}/cancel`));
    const rows = (await t.db.query(`select qty_change, value_change, is_reversal from inventory_stock_ledger_entry where item = $1 order by id`, [gear])).rows;
    expect(rows).toEqual([
      { qty_change: '4.000000', value_change: '20.000000', is_reversal: false },
      { qty_change: '-4.000000', value_change: '-20.000000', is_reversal: true },
    ]);
    expect(await bin(gear)).toMatchObject({ actual_qty: '0.000000', stock_value: '0.000000', ordered_qty: '10.000000', projected_qty: '10.000000' });
    order = await getPo(order.id);
    expect(order).toMatchObject({ per_received: '0.00', status: 'to_receive_and_bill' });
    expect(order.lines[0].received_qty).toBe('0.000000');
    const cancelled = ok(await t.req('POST', `/api/purchasing/purchase_order/${order.id}/cancel`));
    expect(cancelled.status).toBe('cancelled');
    expect(await bin(gear)).toMatchObject({ ordered_qty: '0.000000', projected_qty: '0.000000' });
    const amended = ok(await t.req('POST', `/api/purchasing/purchase_order/${order.id}/amend`), 201);
    expect(amended).toMatchObject({ number: `${order.number}-1`, amended_from: order.id, status: 'draft', total: '50.00' });
    expect(amended.lines[0]).toMatchObject({ received_qty: '0.000000', billed_amount: '0.00' });
  });
});

describe('rejected goods, FIFO, approval', () => {
  it('rejected qty goes to the rejected warehouse at the line rate and does not count as received', async () => {
    const lamp = await item('LAMP');
    const order = await submit('purchase_order', (await po([{ item: lamp, qty: '10', rate: '4.00' }])).id);
    const r = await receipt({
      purchase_order: order.id,
      rejected_warehouse: rejected,
      lines: [{ purchase_order_line: order.lines[0].id, qty: '8', rejected_qty: '2' }],
    });
    await submit('goods_receipt', r.id);
    expect(await bin(lamp)).toMatchObject({ actual_qty: '8.000000', stock_value: '32.000000', ordered_qty: '2.000000' });
    expect(await bin(lamp, rejected)).toMatchObject({ actual_qty: '2.000000', stock_value: '8.000000' });
    expect((await getPo(order.id)).lines[0].received_qty).toBe('8.000000');
  });

  it('FIFO item bought at two rates: issuing 15 costs 10 x 1.00 + 5 x 2.00 = 20.00', async () => {
    const f = await item('FIFO', { valuation_method: 'fifo' });
    const order = await submit('purchase_order', (await po([{ item: f, qty: '20', rate: '1.00' }])).id);
    await submit('goods_receipt', (await receipt({ purchase_order: order.id, lines: [{ purchase_order_line: order.lines[0].id, qty: '10' }] })).id);
    await submit(
      'goods_receipt',
      (await receipt({ purchase_order: order.id, lines: [{ purchase_order_line: order.lines[0].id, qty: '10', rate: '2.00' }] })).id,
    );
    expect(await bin(f)).toMatchObject({ actual_qty: '20.000000', stock_value: '30.000000', valuation_rate: '1.500000000' });
    const issue = ok(
      await t.req('POST', '/api/inventory/stock_entry', {
        purpose: 'issue',
        posting_date: '2026-05-08',
        from_warehouse: main,
        lines: [{ item: f, qty: '15' }],
      }),
      201,
    );
    expect(ok(await t.req('POST', `/api/inventory/stock_entry/${issue.id}/submit`)).total_value).toBe('20.000000');
    expect(await bin(f)).toMatchObject({ actual_qty: '5.000000', stock_value: '10.000000', valuation_rate: '2.000000000' });
  });

  it('orders above 10,000 need the purchasing manager to submit', async () => {
    const big = await item('BIG');
    const order = await po([{ item: big, qty: '1000', rate: '10.01' }]);
    expect(order.total).toBe('10010.00');
    // Both roles may submit purchase orders; only the manager may submit one above 10,000.
    const clerk = await t.createUser('clerk', ['purchasing.user']);
    const boss = await t.createUser('boss', ['purchasing.manager']);
    const refused = await clerk.req('POST', `/api/purchasing/purchase_order/${order.id}/submit`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('is above 10000 and needs approval: only the role purchasing.manager can submit it');
    const done = ok(await boss.req('POST', `/api/purchasing/purchase_order/${order.id}/submit`));
    expect(done.status).toBe('to_receive_and_bill');
    // reports follow read permissions
    const nobody = await t.createUser('nobody', []);
    expect((await nobody.req('GET', '/api/purchasing/reports/purchase-order-analysis')).status).toBe(403);
    expect((await nobody.req('GET', '/api/inventory/reports/stock-balance')).status).toBe(403);
    expect((await clerk.req('GET', '/api/inventory/reports/stock-balance')).status).toBe(200);
    expect((await t.req('GET', '/api/inventory/reports/stock-balance', undefined, { authorization: '' })).status).toBe(401);
  });
  it('field errors carry their paths', async () => {
    const r = await t.req('POST', '/api/purchasing/purchase_order', { supplier, order_date: '2026-05-01', lines: [{ item: await item('NOWH'), qty: '1' }] });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: any) => d.path).sort()).toEqual(['lines/0/rate', 'lines/0/warehouse']);
    // receipt and invoice lines refer to order lines (a foreign key to the line items)
    const missing = await t.req('POST', '/api/purchasing/goods_receipt', {
      supplier,
      posting_date: '2026-05-03',
      lines: [{ purchase_order_line: 999999, item: await item('NOLINE'), qty: '1', rate: '1', warehouse: main }],
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: [expect.objectContaining({ path: 'lines/0/purchase_order_line' })] });
    const meta = ok(await t.req('GET', '/api/meta')).entities.find((e: any) => e.key === 'purchasing.supplier_invoice');
    const lineRef = meta.fields.find((f: any) => f.name === 'lines').children.fields.find((f: any) => f.name === 'purchase_order_line');
    expect(lineRef.ref).toMatchObject({ entity: 'purchasing.purchase_order.lines', path: '/api/purchasing/purchase_order' });
  });
});

describe('reorder and reports', () => {
  it('suggests a purchase request for max(reorder qty, level - projected), once; ordering it clears the need', async () => {
    const paint = await item('PAINT', { standard_rate: '7', reorder_levels: [{ warehouse: main, reorder_level: '20', reorder_qty: '15' }] });
    const se = ok(
      await t.req('POST', '/api/inventory/stock_entry', {
        purpose: 'receipt',
        posting_date: '2026-05-09',
        to_warehouse: main,
        lines: [{ item: paint, qty: '2', rate: '7' }],
      }),
      201,
    );
    ok(await t.req('POST', `/api/inventory/stock_entry/${se.id}/submit`));
    const run = await t.req('POST', `/api/purchasing/reorder?item=${paint}`);
    expect(run.status).toBe(201);
    expect(run.body.lines).toEqual([expect.objectContaining({ item_code: 'PAINT', projected_qty: '2.000000', pending_qty: '0', request_qty: '18' })]);
    const req = run.body.request;
    expect(req).toMatchObject({ source: 'reorder', status: 'draft' });
    expect(req.lines[0]).toMatchObject({ item: paint, qty: '18.000000', warehouse: main });
    // the open request covers the need: neither the endpoint nor the scheduled job asks again
    expect(ok(await t.req('POST', `/api/purchasing/reorder?item=${paint}`))).toEqual({ request: null, lines: [] });
    const def = t.plugins.find((p) => p.def.name === 'purchasing')!.def;
    expect(def.schedules!.map((s) => [s.name, s.cron])).toEqual([['reorder', '15 * * * *']]);
    await t.service.withServices(SYSTEM_USER, async (ctx) => def.schedules![0]!.handler(ctx));
    expect(Number((await t.db.query(`select count(*)::int as n from purchasing_purchase_request where source = 'reorder'`)).rows[0].n)).toBe(1);
    await submit('purchase_request', req.id);
    const made = ok(await t.req('POST', `/api/purchasing/purchase_request/${req.id}/actions/make_purchase_order`, { supplier, order_date: '2026-05-10' }));
    expect(made.lines[0]).toMatchObject({ item: paint, qty: '18.000000', rate: '7.000000', amount: '126.00', purchase_request_line: req.lines[0].id });
    await submit('purchase_order', made.id);
    expect(ok(await t.req('GET', `/api/purchasing/purchase_request/${req.id}`))).toMatchObject({ status: 'ordered', per_ordered: '100.00' });
    // nothing left to order: the action is no longer offered
    const twice = await t.req('POST', `/api/purchasing/purchase_request/${req.id}/actions/make_purchase_order`, { supplier });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ACTION_NOT_ALLOWED');
    expect(await bin(paint)).toMatchObject({ ordered_qty: '18.000000', projected_qty: '20.000000' });
    // projected 20 is still at the level: but the request is ordered, so a new one is raised
    const again = ok(await t.req('POST', `/api/purchasing/reorder?item=${paint}`), 201);
    expect(again.lines[0].request_qty).toBe('15');
    expect(ok(await t.req('POST', `/api/purchasing/purchase_request/${again.request.id}/submit`))).toMatchObject({ status: 'pending', per_ordered: '0.00' });
    expect(ok(await t.req('POST', `/api/purchasing/purchase_request/${again.request.id}/cancel`))).toMatchObject({
      status: 'cancelled',
      docstatus: 'cancelled',
    });
  });

  it('purchase order analysis: ordered, received, billed and pending per line', async () => {
    const a = ok(await t.req('GET', `/api/purchasing/reports/purchase-order-analysis?supplier=${supplier}&pending=receive`));
    const gearless = a.data.filter((r: any) => r.item_code === 'LAMP');
    expect(gearless).toEqual([
      expect.objectContaining({
        ordered_qty: '10.000000',
        received_qty: '8.000000',
        pending_qty: '2.000000',
        amount: '40.00',
        billed_amount: '0.00',
        pending_amount: '40.00',
        received_amount: '32.00',
      }),
    ]);
    const bad = await t.req('GET', '/api/purchasing/reports/purchase-order-analysis?status=open');
    expect(bad.status).toBe(400);
    const dash = ok(await t.req('GET', '/api/dashboard/purchasing.open_purchase_orders'));
    expect(dash.value).toBeGreaterThan(0);
  });

  it("reports and widgets show only the orders the caller's row rule admits", async () => {
    const buyer = await t.createUser('buyer', ['purchasing.own_buyer']);
    const mine = ok(
      await buyer.req('POST', '/api/purchasing/purchase_order', {
        supplier,
        order_date: '2026-05-11',
        set_warehouse: main,
        lines: [{ item: await item('OWN'), qty: '3', rate: '2' }],
      }),
      201,
    );
    ok(await buyer.req('POST', `/api/purchasing/purchase_order/${mine.id}/submit`));
    const seen = ok(await buyer.req('GET', '/api/purchasing/reports/purchase-order-analysis'));
    expect(seen.data.map((r: any) => r.number)).toEqual([mine.number]);
    expect(seen.totals).toMatchObject({ amount: '6.00' });
    expect(ok(await t.req('GET', '/api/purchasing/reports/purchase-order-analysis')).total).toBeGreaterThan(1);
    expect(ok(await buyer.req('GET', '/api/purchasing/reports/received-not-billed')).data).toEqual([]);
    expect(ok(await buyer.req('GET', '/api/dashboard/purchasing.open_purchase_orders')).value).toBe(1);
    expect(ok(await buyer.req('GET', '/api/dashboard/purchasing.orders_by_status')).series).toEqual([{ label: 'to_receive_and_bill', value: 1 }]);
  });
});

describe('exchange rate without accounting', () => {
  it('an order in another currency needs its rate: none is filled, submitting or pricing from the standard rate without one is refused', async () => {
    const usd = ok(await t.req('POST', '/api/purchasing/supplier', { name: 'US Tools Inc', code: 'UST', currency: 'USD' }), 201).id;
    const screw = await item('SCREW-USD', { standard_rate: '9.00' });
    const before = Number((await t.db.query(`select count(*)::int as n from purchasing_purchase_order`)).rows[0].n);
    // no rate provider (accounting is off): no default rate, and no 1 for a foreign currency
    const draft = await po([{ item: screw, qty: '2', rate: '5.00' }], { supplier: usd });
    expect(draft).toMatchObject({ currency: 'USD', exchange_rate: null, total: '10.00' });
    const message = 'is required: the order is in USD; enter how many EUR one USD is worth (or record the rate in accounting)';
    const refused = await t.req('POST', `/api/purchasing/purchase_order/${draft.id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'EXCHANGE_RATE_REQUIRED', message: `exchange_rate: ${message}` });
    expect(refused.body.error.details).toEqual([
      { path: 'exchange_rate', message, key: 'purchasing.exchange_rate_required', params: { currency: 'USD', company: 'EUR' } },
    ]);
    expect((await getPo(draft.id)).docstatus).toBe('draft');
    // a line priced from the item's standard buying rate (EUR) needs the rate now
    const unpriced = await t.req('POST', '/api/purchasing/purchase_order', {
      supplier: usd,
      order_date: '2026-05-01',
      set_warehouse: main,
      lines: [{ item: screw, qty: '1' }],
    });
    expect(unpriced.status).toBe(422);
    expect(unpriced.body.error.code).toBe('EXCHANGE_RATE_REQUIRED');
    expect(Number((await t.db.query(`select count(*)::int as n from purchasing_purchase_order`)).rows[0].n)).toBe(before + 1);
    // with the rate entered: 9.00 EUR / 0.90 = 10.00 USD a piece, and it submits
    const priced = await po([{ item: screw, qty: '1' }], { supplier: usd, exchange_rate: '0.9' });
    expect(priced).toMatchObject({ exchange_rate: '0.900000000', total: '10.00' });
    ok(await t.req('PATCH', `/api/purchasing/purchase_order/${draft.id}`, { exchange_rate: '0.9' }));
    expect((await submit('purchase_order', draft.id)).docstatus).toBe('submitted');
    // the company currency is 1
    expect(await po([{ item: screw, qty: '1', rate: '9.00' }])).toMatchObject({ currency: 'EUR', exchange_rate: '1.000000000' });
  });
});
