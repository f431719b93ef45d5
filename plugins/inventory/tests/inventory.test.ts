import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_USER } from '@tessera/core';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { adjustOrderedQty, getBalance, reserveStock, unreserveStock } from '../src/stock.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let uom: Record<string, number>;
let root: number;
let main: number;
let store: number;

const bin = async (item: number, warehouse: number) =>
  (
    await t.db.query(
      `select actual_qty, reserved_qty, ordered_qty, projected_qty, valuation_rate, stock_value from inventory_bin where item = $1 and warehouse = $2`,
      [item, warehouse],
    )
  ).rows[0];
const ledger = async (item: number) =>
  (
    await t.db.query(
      `select warehouse, qty_change, incoming_rate, qty_after, valuation_rate, value_change, stock_value_after, is_reversal from inventory_stock_ledger_entry where item = $1 order by id`,
      [item],
    )
  ).rows;
const item = async (code: string, extra: Record<string, unknown> = {}) =>
  ok(await t.req('POST', '/api/inventory/item', { code, name: `Item ${code}`, stock_uom: uom.Nos, ...extra }), 201).id as number;
const entry = async (body: Record<string, unknown>) => {
  const created = ok(await t.req('POST', '/api/inventory/stock_entry', { posting_date: '2026-03-01', ...body }), 201);
  return t.req('POST', `/api/inventory/stock_entry/${created.id}/submit`);
};
const receive = (it: number, qty: string, rate: string, wh = main) => entry({ purpose: 'receipt', to_warehouse: wh, lines: [{ item: it, qty, rate }] });
const issue = (it: number, qty: string, wh = main) => entry({ purpose: 'issue', from_warehouse: wh, lines: [{ item: it, qty }] });

beforeAll(async () => {
  t = await startApp({
    plugins: ['inventory'],
    roles: {
      // sees only the items it created, and no balances or ledger entries (the stock API's rows belong to no user)
      'inventory.own_viewer': {
        label: 'Own items viewer',
        // (reports label their rows with warehouse and unit names: reading those needs their read permission)
        permissions: {
          'inventory.item': ['read', 'create'],
          'inventory.bin': ['read'],
          'inventory.stock_ledger_entry': ['read'],
          'inventory.warehouse': ['read'],
          'inventory.uom': ['read'],
        },
        rows: { 'inventory.item': 'own', 'inventory.bin': 'own', 'inventory.stock_ledger_entry': 'own' },
      },
    },
  });
  uom = Object.fromEntries((await t.db.query(`select id, name from inventory_uom`)).rows.map((r) => [r.name, r.id]));
  root = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'All', is_group: true }), 201).id;
  main = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Main', parent: root }), 201).id;
  store = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Store', parent: root }), 201).id;
});
afterAll(async () => {
  if (!t) return;
  // the invariant holds at the end of the file
  const v = ok(await t.req('GET', '/api/inventory/reports/verify'));
  expect(v.data).toEqual([]);
  expect(v.ok).toBe(true);
  await t.close();
});

describe('moving average (the DOMAIN worked example)', () => {
  it('NUT: 40 @ 1.50 + 20 @ 3.00 -> rate 2.00, value 120.00; issue 25 -> 50.00 out, 35 left worth 70.00', async () => {
    const nut = await item('NUT');
    const r1 = ok(await receive(nut, '40', '1.50'));
    expect(r1.total_value).toBe('60.000000');
    // the values the submit set are in the audit trail, between the create and the submit
    const audit = (await t.db.query(`select action, changes from tessera_audit where entity = 'inventory.stock_entry' and record_id = $1 order by id`, [r1.id]))
      .rows;
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'submit']);
    expect(audit[1].changes.total_value).toEqual({ old: null, new: '60.000000' });
    expect(audit[1].changes.lines.changed[0].changes.valuation_rate).toEqual({ old: null, new: '1.500000000' });
    ok(await receive(nut, '20', '3.00'));
    expect(await bin(nut, main)).toMatchObject({ actual_qty: '60.000000', valuation_rate: '2.000000000', stock_value: '120.000000' });
    const out = ok(await issue(nut, '25'));
    expect(out.lines[0]).toMatchObject({ valuation_rate: '2.000000000', value: '50.000000' });
    expect(await bin(nut, main)).toMatchObject({
      actual_qty: '35.000000',
      valuation_rate: '2.000000000',
      stock_value: '70.000000',
      projected_qty: '35.000000',
    });
    expect(await ledger(nut)).toEqual([
      expect.objectContaining({
        qty_change: '40.000000',
        incoming_rate: '1.500000000',
        qty_after: '40.000000',
        valuation_rate: '1.500000000',
        value_change: '60.000000',
        stock_value_after: '60.000000',
      }),
      expect.objectContaining({
        qty_change: '20.000000',
        incoming_rate: '3.000000000',
        qty_after: '60.000000',
        valuation_rate: '2.000000000',
        value_change: '60.000000',
        stock_value_after: '120.000000',
      }),
      expect.objectContaining({
        qty_change: '-25.000000',
        incoming_rate: null,
        qty_after: '35.000000',
        valuation_rate: '2.000000000',
        value_change: '-50.000000',
        stock_value_after: '70.000000',
      }),
    ]);
  });

  it('keeps a repeating rate exact to the cent: 1 @ 10 + 2 @ 10.01, then issue everything', async () => {
    const it1 = await item('REP');
    ok(await receive(it1, '1', '10'));
    ok(await receive(it1, '2', '10.01'));
    // (10 + 20.02) / 3 = 10.006666666...
    expect(await bin(it1, main)).toMatchObject({ valuation_rate: '10.006666667', stock_value: '30.020000' });
    const first = ok(await issue(it1, '1'));
    expect(first.lines[0].value).toBe('10.006667');
    const rest = ok(await issue(it1, '2'));
    expect(rest.lines[0].value).toBe('20.013333');
    expect(await bin(it1, main)).toMatchObject({ actual_qty: '0.000000', stock_value: '0.000000' });
  });
});

describe('FIFO', () => {
  it('issues consume the oldest layers first', async () => {
    const f = await item('FIFO-1', { valuation_method: 'fifo' });
    ok(await receive(f, '10', '1.00'));
    ok(await receive(f, '10', '2.00'));
    ok(await receive(f, '5', '4.00'));
    expect(await bin(f, main)).toMatchObject({ actual_qty: '25.000000', stock_value: '50.000000', valuation_rate: '2.000000000' });
    const a = ok(await issue(f, '12'));
    expect(a.lines[0].value).toBe('14.000000'); // 10 x 1.00 + 2 x 2.00
    expect(await bin(f, main)).toMatchObject({ actual_qty: '13.000000', stock_value: '36.000000' });
    const b = ok(await issue(f, '10'));
    expect(b.lines[0].value).toBe('24.000000'); // 8 x 2.00 + 2 x 4.00
    expect(await bin(f, main)).toMatchObject({ actual_qty: '3.000000', stock_value: '12.000000', valuation_rate: '4.000000000' });
  });
});

describe('transfers, units, counts', () => {
  it('a transfer moves qty and value between warehouses, in another unit', async () => {
    const box = ok(
      await t.req('POST', '/api/inventory/item', { code: 'BOXED', name: 'Boxed', stock_uom: uom.Nos, uoms: [{ uom: uom.Box, conversion_factor: '12' }] }),
      201,
    ).id;
    const r = ok(await entry({ purpose: 'receipt', to_warehouse: main, lines: [{ item: box, qty: '3', uom: uom.Box, rate: '30.00' }] }));
    expect(r.lines[0]).toMatchObject({ stock_qty: '36.000000', conversion_factor: '12.000000', valuation_rate: '2.500000000', value: '90.000000' });
    const tr = ok(await entry({ purpose: 'transfer', from_warehouse: main, to_warehouse: store, lines: [{ item: box, qty: '10' }] }));
    expect(tr.total_value).toBe('25.000000');
    expect(await bin(box, main)).toMatchObject({ actual_qty: '26.000000', stock_value: '65.000000' });
    expect(await bin(box, store)).toMatchObject({ actual_qty: '10.000000', stock_value: '25.000000', valuation_rate: '2.500000000' });
    const half = await t.req('POST', '/api/inventory/stock_entry', {
      purpose: 'receipt',
      posting_date: '2026-03-01',
      to_warehouse: main,
      lines: [{ item: box, qty: '1.5', uom: uom.Box, rate: '1' }],
    });
    expect(half.status).toBe(422);
    expect(half.body.error.details).toEqual([expect.objectContaining({ path: 'lines/0/qty', message: expect.stringContaining('whole number') })]);
    const kg = await t.req('POST', '/api/inventory/stock_entry', {
      purpose: 'receipt',
      posting_date: '2026-03-01',
      to_warehouse: main,
      lines: [{ item: box, qty: '1', uom: uom.Kg, rate: '1' }],
    });
    expect(kg.body.error.details[0]).toMatchObject({ path: 'lines/0/uom', message: expect.stringContaining('is not a unit of item BOXED') });
  });

  it('refuses group warehouses and lines without a warehouse, with field paths', async () => {
    const it1 = await item('WHCHK');
    const g = await t.req('POST', '/api/inventory/stock_entry', {
      purpose: 'receipt',
      posting_date: '2026-03-01',
      lines: [{ item: it1, qty: '1', rate: '1', target_warehouse: root }],
    });
    expect(g.status).toBe(422);
    expect(g.body.error.details[0]).toMatchObject({ path: 'lines/0/target_warehouse', message: expect.stringContaining('group warehouse') });
    const none = await t.req('POST', '/api/inventory/stock_entry', { purpose: 'issue', posting_date: '2026-03-01', lines: [{ item: it1, qty: '1' }] });
    expect(none.body.error.details[0].path).toBe('lines/0/source_warehouse');
  });

  it('a stock reconciliation sets counted qty and rate; its cancel restores the balance', async () => {
    const c = await item('COUNT');
    ok(await receive(c, '10', '5'));
    const rec = ok(
      await t.req('POST', '/api/inventory/stock_reconciliation', {
        posting_date: '2026-03-05',
        lines: [{ item: c, warehouse: main, qty: '8', valuation_rate: '6' }],
      }),
      201,
    );
    const sub = ok(await t.req('POST', `/api/inventory/stock_reconciliation/${rec.id}/submit`));
    expect(sub.lines[0]).toMatchObject({
      current_qty: '10.000000',
      current_valuation_rate: '5.000000000',
      qty_difference: '-2.000000',
      value_difference: '-2.000000',
    });
    expect(await bin(c, main)).toMatchObject({ actual_qty: '8.000000', valuation_rate: '6.000000000', stock_value: '48.000000' });
    ok(await t.req('POST', `/api/inventory/stock_reconciliation/${rec.id}/cancel`));
    expect(await bin(c, main)).toMatchObject({ actual_qty: '10.000000', stock_value: '50.000000', valuation_rate: '5.000000000' });
  });
});

describe('no negative stock, cancel and amend', () => {
  it('an issue beyond stock is refused naming item, warehouse and shortage; nothing is written', async () => {
    const it1 = await item('SHORT', { name: 'Short item', stock_uom: uom.Kg });
    ok(await receive(it1, '10', '1'));
    const before = await ledger(it1);
    const r = await issue(it1, '12.5');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect(r.body.error.message).toContain('not enough stock of SHORT (Short item) in Main: 10 on hand, 12.5 needed, short by 2.5');
    expect(r.body.error.details[0].path).toBe('lines/0/qty');
    expect(await ledger(it1)).toEqual(before);
    expect((await bin(it1, main)).actual_qty).toBe('10.000000');
  });

  it('allows negative stock when the item allows it', async () => {
    const neg = await item('NEG', { allow_negative_stock: true });
    ok(await receive(neg, '2', '3'));
    ok(await issue(neg, '5'));
    expect(await bin(neg, main)).toMatchObject({ actual_qty: '-3.000000', stock_value: '-9.000000' });
    ok(await receive(neg, '5', '4'));
    expect(await bin(neg, main)).toMatchObject({ actual_qty: '2.000000', stock_value: '8.000000', valuation_rate: '4.000000000' });
  });

  it('cancel posts reversing entries and restores the balance; amend makes X-1', async () => {
    const it1 = await item('CXL');
    ok(await receive(it1, '40', '1.50'));
    const second = ok(await receive(it1, '20', '3.00'));
    ok(await issue(it1, '25'));
    expect(await bin(it1, main)).toMatchObject({ actual_qty: '35.000000', stock_value: '70.000000' });
    // cancelling the second receipt takes 20 @ 3.00 back out: 15 left worth 10.00
    ok(await t.req('POST', `/api/inventory/stock_entry/${second.id}/cancel`));
    expect(await bin(it1, main)).toMatchObject({ actual_qty: '15.000000', stock_value: '10.000000' });
    const rows = await ledger(it1);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatchObject({ qty_change: '-20.000000', value_change: '-60.000000', is_reversal: true });
    expect((await t.req('POST', `/api/inventory/stock_entry/${second.id}/cancel`)).body.error.code).toBe('INVALID_TRANSITION');
    const amended = ok(await t.req('POST', `/api/inventory/stock_entry/${second.id}/amend`), 201);
    expect(amended.number).toBe(`${second.number}-1`);
    ok(await t.req('POST', `/api/inventory/stock_entry/${amended.id}/submit`));
    expect(await bin(it1, main)).toMatchObject({ actual_qty: '35.000000', stock_value: '70.000000' });
  });

  it('cancelling a receipt whose goods were issued is refused', async () => {
    const it1 = await item('GONE');
    const rec = ok(await receive(it1, '5', '2'));
    ok(await issue(it1, '4'));
    const c = await t.req('POST', `/api/inventory/stock_entry/${rec.id}/cancel`);
    expect(c.status).toBe(422);
    expect(c.body.error.message).toContain('short by 4');
    expect((await t.req('GET', `/api/inventory/stock_entry/${rec.id}`)).body.docstatus).toBe('submitted');
  });
});

describe('reserved and ordered qty', () => {
  it('move the projected qty (actual - reserved + ordered) without touching the ledger', async () => {
    const it1 = await item('RES');
    ok(await receive(it1, '10', '1.25'));
    const balance = await t.service.withServices(SYSTEM_USER, async (ctx) => {
      await reserveStock(ctx, [{ item: it1, warehouse: main, qty: '4' }]);
      await adjustOrderedQty(ctx, [{ item: it1, warehouse: main, qty: '6.5' }]);
      await unreserveStock(ctx, [{ item: it1, warehouse: main, qty: '1' }]);
      return getBalance(ctx, it1, main);
    });
    expect(Object.fromEntries(Object.entries(balance).map(([k, v]) => [k, String(v)]))).toEqual({
      item: String(it1),
      warehouse: String(main),
      actualQty: '10',
      reservedQty: '3',
      orderedQty: '6.5',
      projectedQty: '13.5',
      valuationRate: '1.25',
      stockValue: '12.5',
    });
    expect(await bin(it1, main)).toMatchObject({ reserved_qty: '3.000000', ordered_qty: '6.500000', projected_qty: '13.500000' });
    expect(await ledger(it1)).toHaveLength(1);
  });
});

describe('the ledger and balances are read-only', () => {
  it('have no write routes, are read-only in the metadata, refuse service writes and UPDATE/DELETE in the database', async () => {
    const [row] = (await t.db.query(`select id from inventory_stock_ledger_entry limit 1`)).rows;
    const [b] = (await t.db.query(`select id from inventory_bin limit 1`)).rows;
    for (const r of [
      await t.req('POST', '/api/inventory/stock_ledger_entry', { qty_change: '5' }),
      await t.req('PATCH', `/api/inventory/stock_ledger_entry/${row.id}`, { voucher_no: 'x' }),
      await t.req('DELETE', `/api/inventory/stock_ledger_entry/${row.id}`),
      await t.req('POST', '/api/inventory/bin', {}),
      await t.req('PATCH', `/api/inventory/bin/${b.id}`, {}),
      await t.req('DELETE', `/api/inventory/bin/${b.id}`),
    ]) {
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('ROUTE_NOT_FOUND');
    }
    const meta = ok(await t.req('GET', '/api/meta')).entities.filter((e: any) => ['inventory.bin', 'inventory.stock_ledger_entry'].includes(e.key));
    expect(meta.map((e: any) => [e.key, e.readOnly, e.permissions.read, e.permissions.create, e.permissions.update, e.permissions.delete])).toEqual([
      ['inventory.bin', true, true, false, false, false],
      ['inventory.stock_ledger_entry', true, true, false, false, false],
    ]);
    // plugin code cannot write them through the service API either (only the stock API posts)
    const refused = await t.service.withServices(SYSTEM_USER, async (ctx) => {
      const codes: string[] = [];
      for (const attempt of [
        () => ctx.entity('inventory.bin').update(b.id, {}),
        () => ctx.entity('inventory.bin').delete(b.id),
        () => ctx.entity('inventory.stock_ledger_entry').update(row.id, {}),
      ])
        await attempt().then(
          () => codes.push('written'),
          (e) => codes.push(e.code),
        );
      return codes;
    });
    expect(refused).toEqual(['READ_ONLY_ENTITY', 'READ_ONLY_ENTITY', 'READ_ONLY_ENTITY']);
    await expect(t.db.query(`update inventory_stock_ledger_entry set qty_change = 0 where id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`delete from inventory_stock_ledger_entry where id = $1`, [row.id])).rejects.toThrow(/append-only/);
    expect((await t.req('GET', '/api/inventory/stock_ledger_entry?limit=1')).status).toBe(200);
  });

  it('an item with stock transactions keeps its unit and valuation method', async () => {
    const id = (await t.db.query(`select id from inventory_item where code = 'NUT'`)).rows[0].id;
    const r = await t.req('PATCH', `/api/inventory/item/${id}`, { valuation_method: 'fifo' });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0]).toMatchObject({ path: 'valuation_method' });
  });
});

describe('concurrency', () => {
  it('50 parallel issues of 1 against 10 on hand: exactly 10 succeed', async () => {
    const c = await item('RACE', { name: 'Race item' });
    ok(await receive(c, '10', '2.00'));
    const drafts = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.req('POST', '/api/inventory/stock_entry', { purpose: 'issue', posting_date: '2026-03-02', from_warehouse: main, lines: [{ item: c, qty: '1' }] }),
      ),
    );
    const results = await Promise.all(drafts.map((d) => t.req('POST', `/api/inventory/stock_entry/${d.body.id}/submit`)));
    const okCount = results.filter((r) => r.status === 200).length;
    const refused = results.filter((r) => r.status !== 200);
    expect(okCount).toBe(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('INSUFFICIENT_STOCK');
      expect(r.body.error.message).toContain('not enough stock of RACE (Race item) in Main: 0 on hand, 1 needed, short by 1');
    }
    expect(await bin(c, main)).toMatchObject({ actual_qty: '0.000000', stock_value: '0.000000' });
    expect(await ledger(c)).toHaveLength(11);
  });
});

describe('reports', () => {
  it('stock balance now and as of a date, warehouse subtree; stock ledger with running balance', async () => {
    const it1 = await item('RPT');
    ok(await entry({ purpose: 'receipt', posting_date: '2026-04-01', to_warehouse: main, lines: [{ item: it1, qty: '10', rate: '2' }] }));
    ok(await entry({ purpose: 'transfer', posting_date: '2026-04-05', from_warehouse: main, to_warehouse: store, lines: [{ item: it1, qty: '4' }] }));
    ok(await entry({ purpose: 'issue', posting_date: '2026-04-10', from_warehouse: store, lines: [{ item: it1, qty: '1' }] }));
    const now = ok(await t.req('GET', `/api/inventory/reports/stock-balance?item=${it1}`));
    expect(now.data.map((r: any) => [r.warehouse_name, r.qty, r.value])).toEqual([
      ['Main', '6.000000', '12.000000'],
      ['Store', '3.000000', '6.000000'],
    ]);
    expect(now.totals).toEqual({ qty: '9.000000', value: '18.000000' });
    const asOf = ok(await t.req('GET', `/api/inventory/reports/stock-balance?item=${it1}&as_of=2026-04-05`));
    expect(asOf.totals).toEqual({ qty: '10.000000', value: '20.000000' });
    const tree = ok(await t.req('GET', `/api/inventory/reports/stock-balance?item=${it1}&warehouse=${root}`));
    expect(tree.total).toBe(2);
    const led = ok(await t.req('GET', `/api/inventory/reports/stock-ledger?item=${it1}&from=2026-04-02`));
    expect(led.opening).toEqual({ qty: '10.000000', value: '20.000000' });
    expect(led.data.map((r: any) => [r.qty_change, r.balance_qty, r.balance_value])).toEqual([
      ['-4.000000', '6.000000', '12.000000'],
      ['4.000000', '10.000000', '20.000000'],
      ['-1.000000', '9.000000', '18.000000'],
    ]);
    const bad = await t.req('GET', '/api/inventory/reports/stock-ledger?from=2026-13-01');
    expect(bad.status).toBe(400);
  });

  it('reorder suggestions: projected at or below the level -> max(reorder qty, level - projected)', async () => {
    const it1 = await item('REORD', { reorder_levels: [{ warehouse: main, reorder_level: '20', reorder_qty: '15' }] });
    ok(await receive(it1, '25', '1'));
    expect(ok(await t.req('GET', `/api/inventory/reports/reorder?item=${it1}`)).data).toEqual([]);
    ok(await issue(it1, '22'));
    const s = ok(await t.req('GET', `/api/inventory/reports/reorder?item=${it1}`)).data;
    expect(s).toEqual([expect.objectContaining({ item_code: 'REORD', projected_qty: '3.000000', reorder_level: '20.000000', suggested_qty: '17.000000' })]);
  });

  it("reports and widgets show only the rows the caller's row rules admit", async () => {
    const viewer = await t.createUser('viewer', ['inventory.own_viewer']);
    ok(
      await viewer.req('POST', '/api/inventory/item', {
        code: 'MINE',
        name: 'Mine',
        stock_uom: uom.Nos,
        reorder_levels: [{ warehouse: main, reorder_level: '5', reorder_qty: '5' }],
      }),
      201,
    );
    expect(ok(await viewer.req('GET', '/api/inventory/reports/reorder')).data.map((r: any) => r.item_code)).toEqual(['MINE']);
    expect(ok(await t.req('GET', '/api/inventory/reports/reorder')).data.map((r: any) => r.item_code)).toEqual(['MINE', 'REORD']);
    expect(ok(await t.req('GET', '/api/inventory/reports/stock-balance')).total).toBeGreaterThan(0);
    expect(ok(await viewer.req('GET', '/api/inventory/reports/stock-balance')).total).toBe(0);
    expect(ok(await viewer.req('GET', '/api/inventory/reports/stock-balance?as_of=2026-12-31')).total).toBe(0);
    const nut = (await t.db.query(`select id from inventory_item where code = 'NUT'`)).rows[0].id;
    expect(ok(await viewer.req('GET', `/api/inventory/reports/stock-ledger?item=${nut}`)).data).toEqual([]);
    expect(ok(await t.req('GET', `/api/inventory/reports/stock-ledger?item=${nut}`)).data.length).toBeGreaterThan(0);
    expect(ok(await viewer.req('GET', '/api/dashboard/inventory.stock_value')).value).toBe('0.00');
    expect(ok(await viewer.req('GET', '/api/dashboard/inventory.items_to_reorder')).value).toBe(1);
  });

  it('dashboard widgets answer', async () => {
    const meta = ok(await t.req('GET', '/api/meta'));
    expect(meta.dashboard.map((w: any) => w.id)).toEqual(['inventory.stock_value', 'inventory.stock_value_by_warehouse', 'inventory.items_to_reorder']);
    const v = ok(await t.req('GET', '/api/dashboard/inventory.stock_value'));
    expect(v.value).toMatch(/^\d+\.\d{2}$/);
    const bars = ok(await t.req('GET', '/api/dashboard/inventory.stock_value_by_warehouse'));
    expect(bars.series.map((s: any) => s.label)).toContain('Main');
  });
});
