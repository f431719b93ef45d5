import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { Decimal } from '@tessera/core';
import { exactValueReceipt } from '../src/valuation.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let uom: Record<string, number>;
let stores: number;
let wip: number;
let fg: number;
let leg: number;
let top: number;
let table: number;

const bin = async (item: number, warehouse: number) =>
  (
    await t.db.query(`select actual_qty, reserved_qty, projected_qty, valuation_rate, stock_value from inventory_bin where item = $1 and warehouse = $2`, [
      item,
      warehouse,
    ])
  ).rows[0];
const ledgerOf = async (voucherId: number) =>
  (
    await t.db.query(
      `select item, warehouse, qty_change, incoming_rate, value_change, is_reversal from inventory_stock_ledger_entry where voucher_type = 'production.work_order' and voucher_id = $1 order by id`,
      [voucherId],
    )
  ).rows;
const item = async (code: string, extra: Record<string, unknown> = {}) =>
  ok(await t.req('POST', '/api/inventory/item', { code, name: `Item ${code}`, stock_uom: uom.Nos, ...extra }), 201).id as number;
const receive = async (it: number, qty: string, rate: string, wh = stores) => {
  const e = ok(
    await t.req('POST', '/api/inventory/stock_entry', { purpose: 'receipt', posting_date: '2026-03-01', to_warehouse: wh, lines: [{ item: it, qty, rate }] }),
    201,
  );
  ok(await t.req('POST', `/api/inventory/stock_entry/${e.id}/submit`));
};
const workOrder = async (extra: Record<string, unknown>) =>
  ok(
    await t.req('POST', '/api/production/work_order', {
      item: table,
      qty: '6',
      source_warehouse: stores,
      wip_warehouse: wip,
      fg_warehouse: fg,
      planned_start_date: '2026-03-02',
      ...extra,
    }),
    201,
  );
const act = (id: number, name: string, input: Record<string, unknown> = {}) => t.req('POST', `/api/production/work_order/${id}/actions/${name}`, input);
/** Everything a refused action must leave untouched. */
const snapshot = async () => ({
  bins: (await t.db.query(`select item, warehouse, actual_qty, reserved_qty, stock_value from inventory_bin order by item, warehouse`)).rows,
  ledger: Number((await t.db.query(`select count(*)::int as n from inventory_stock_ledger_entry`)).rows[0].n),
  orders: (await t.db.query(`select id, status, material_transferred_qty, produced_qty, produced_value from production_work_order order by id`)).rows,
  lines: (await t.db.query(`select id, transferred_qty, consumed_qty from production_work_order_item order by id`)).rows,
});

beforeAll(async () => {
  t = await startApp({
    plugins: ['inventory', 'production'],
    settings: { production: { over_production_allowance: '10' } },
    roles: {
      // a planner who sees only the work orders they created
      'production.own_planner': {
        label: 'Planner (own work orders)',
        permissions: {
          'production.work_order': ['read', 'create', 'submit'],
          'inventory.item': ['read'],
          'inventory.warehouse': ['read'],
          'inventory.bin': ['read'],
        },
        rows: { 'production.work_order': 'own' },
      },
    },
  });
  uom = Object.fromEntries((await t.db.query(`select id, name from inventory_uom`)).rows.map((r) => [r.name, r.id]));
  const root = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'All', is_group: true }), 201).id;
  stores = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Stores', parent: root }), 201).id;
  wip = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'WIP', parent: root }), 201).id;
  fg = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Finished goods', parent: root }), 201).id;
  leg = await item('LEG');
  top = await item('TOP');
  table = await item('TABLE');
  // LEG: the DOMAIN example, 40 @ 1.50 + 20 @ 3.00 -> 60 at 2.00; TOP: 10 @ 12.35
  await receive(leg, '40', '1.50');
  await receive(leg, '20', '3.00');
  await receive(top, '10', '12.35');
});
afterAll(async () => {
  if (!t) return;
  const v = ok(await t.req('GET', '/api/inventory/reports/verify'));
  expect(v.data).toEqual([]);
  expect(v.ok).toBe(true);
  await t.close();
});

describe('bills of materials', () => {
  it("a two-component bill becomes the item's default; a second default is refused; cost rolls up", async () => {
    const bom = ok(
      await t.req('POST', '/api/production/bom', {
        item: table,
        quantity: '3',
        items: [
          { item: leg, qty: '10' },
          { item: top, qty: '3' },
        ],
      }),
      201,
    );
    expect(bom).toMatchObject({ number: 'BOM-00001', is_default: true });
    expect(bom.items.map((l: any) => [l.stock_qty, l.uom])).toEqual([
      ['10.000000', uom.Nos],
      ['3.000000', uom.Nos],
    ]);
    const second = await t.req('POST', '/api/production/bom', { item: table, is_default: true, items: [{ item: leg, qty: '4' }] });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'DEFAULT_BOM_EXISTS' });
    expect(second.body.error.message).toContain('BOM-00001 is already the default bill of materials of TABLE');
    // LEG 10 x 2.00 = 20.00, TOP 3 x 12.35 = 37.05 -> 57.05 for 3 tables
    const cost = ok(await t.req('GET', `/api/production/reports/bom-cost?bom=${bom.id}`));
    expect(cost).toMatchObject({ raw_material_cost: '57.05', total_cost: '57.05', unit_cost: '19.016666667' });
    expect(cost.data.map((l: any) => [l.item_code, l.rate, l.amount, l.rate_source])).toEqual([
      ['LEG', '2', '20.00', 'valuation_rate'],
      ['TOP', '12.35', '37.05', 'valuation_rate'],
    ]);
    const updated = ok(await t.req('POST', `/api/production/bom/${bom.id}/actions/update_cost`, {}));
    expect(updated).toMatchObject({ raw_material_cost: '57.05', total_cost: '57.05', unit_cost: '19.016666667' });
  });

  it('nested bills roll up through sub-assemblies and a cycle is refused with its path', async () => {
    const frame = await item('FRAME');
    const desk = await item('DESK');
    const ws = ok(await t.req('POST', '/api/production/workstation', { name: 'Welding', hour_rate: '30.00' }), 201);
    // FRAME = 4 LEG (8.00) + 12 min welding (6.00) = 14.00
    ok(
      await t.req('POST', '/api/production/bom', {
        item: frame,
        items: [{ item: leg, qty: '4' }],
        operations: [{ operation: 'Weld', workstation: ws.id, minutes: '12' }],
      }),
      201,
    );
    // DESK = FRAME (14.00) + TOP (12.35) = 26.35
    const deskBom = ok(
      await t.req('POST', '/api/production/bom', {
        item: desk,
        items: [
          { item: frame, qty: '1' },
          { item: top, qty: '1' },
        ],
      }),
      201,
    );
    const cost = ok(await t.req('GET', `/api/production/reports/bom-cost?bom=${deskBom.id}`));
    expect(cost).toMatchObject({ raw_material_cost: '26.35', total_cost: '26.35', unit_cost: '26.35' });
    expect(cost.data[0]).toMatchObject({ item_code: 'FRAME', rate: '14', amount: '14.00', rate_source: 'bom' });
    expect(cost.data[0].sub_bom).toMatchObject({ raw_material_cost: '8.00', operating_cost: '6.00', total_cost: '14.00' });
    // FRAME made of DESK would close the loop DESK -> FRAME -> DESK
    const cyc = await t.req('POST', '/api/production/bom', { item: frame, items: [{ item: desk, qty: '1' }] });
    expect(cyc.status).toBe(422);
    expect(cyc.body.error.code).toBe('BOM_CYCLE');
    expect(cyc.body.error.details[0]).toMatchObject({ path: 'items/0/item', message: 'the bill would contain itself: FRAME -> DESK -> FRAME' });
    const self = await t.req('POST', '/api/production/bom', { item: frame, items: [{ item: frame, qty: '1' }] });
    expect(self.status).toBe(422);
    expect(self.body.error.details[0].path).toBe('items/0/item');
  });
});

describe('work order: reserve, transfer, manufacture in two parts', () => {
  let wo: any;

  it('submit reserves the components (projected qty drops)', async () => {
    wo = await workOrder({});
    expect(wo).toMatchObject({ number: expect.stringMatching(/^WO-\d{4}-00001$/), status: 'draft', bom: expect.any(Number) });
    // 6 tables from a bill for 3: LEG 20, TOP 6
    expect(wo.required_items.map((l: any) => [l.item, l.required_qty])).toEqual([
      [leg, '20.000000'],
      [top, '6.000000'],
    ]);
    wo = ok(await t.req('POST', `/api/production/work_order/${wo.id}/submit`));
    expect(wo.status).toBe('not_started');
    expect(await bin(leg, stores)).toMatchObject({ actual_qty: '60.000000', reserved_qty: '20.000000', projected_qty: '40.000000' });
    expect(await bin(top, stores)).toMatchObject({ actual_qty: '10.000000', reserved_qty: '6.000000', projected_qty: '4.000000' });
  });

  it('transfer moves the components to work in progress at their value and releases the reservation', async () => {
    wo = ok(await act(wo.id, 'transfer', { posting_date: '2026-03-03' }));
    expect(wo).toMatchObject({ status: 'in_process', material_transferred_qty: '6.000000', actual_start_date: '2026-03-03' });
    expect(wo.required_items.map((l: any) => [l.transferred_qty, l.to_transfer_qty])).toEqual([
      ['20.000000', '0.000000'],
      ['6.000000', '0.000000'],
    ]);
    expect(await bin(leg, stores)).toMatchObject({ actual_qty: '40.000000', reserved_qty: '0.000000', stock_value: '80.000000' });
    expect(await bin(leg, wip)).toMatchObject({ actual_qty: '20.000000', stock_value: '40.000000' });
    expect(await bin(top, wip)).toMatchObject({ actual_qty: '6.000000', stock_value: '74.100000' });
    expect(wo.log.at(-1)).toMatchObject({ kind: 'transfer', qty: '6.000000', value: '114.100000' });
    const again = await act(wo.id, 'transfer', {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_TRANSFERRED');
  });

  it('first part: 3 tables consume 20.00 + 37.05 and are received at exactly 57.05 (rate 19.02)', async () => {
    wo = ok(await act(wo.id, 'manufacture', { qty: '3', posting_date: '2026-03-04' }));
    expect(wo).toMatchObject({ status: 'in_process', produced_qty: '3.000000', produced_value: '57.050000', per_produced: '50.00' });
    expect(wo.required_items.map((l: any) => l.consumed_qty)).toEqual(['10.000000', '3.000000']);
    expect(await bin(table, fg)).toMatchObject({ actual_qty: '3.000000', stock_value: '57.050000', valuation_rate: '19.016666667' });
    const fgLedger = (await ledgerOf(wo.id)).filter((r: any) => r.item === table);
    // 57.05 / 3 does not terminate: 2 @ 19.016666 + 1 @ 19.016668 carry the value exactly
    expect(fgLedger.map((r: any) => [r.qty_change, r.incoming_rate, r.value_change])).toEqual([
      ['2.000000', '19.016666000', '38.033332'],
      ['1.000000', '19.016668000', '19.016668'],
    ]);
    expect(new Decimal(wo.log.at(-1).rate).toDecimalPlaces(2).toFixed(2)).toBe('19.02');
    expect(wo.log.at(-1)).toMatchObject({ kind: 'manufacture', qty: '3.000000', value: '57.050000', rate: '19.016666667' });
  });

  it('over-production beyond the 10% allowance is refused and changes nothing', async () => {
    const before = await snapshot();
    const r = await act(wo.id, 'manufacture', { qty: '3.7' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('OVER_PRODUCTION');
    expect(r.body.error.details).toEqual([
      {
        path: 'qty',
        message: 'producing 3.7 would make 6.7 of the 6 ordered (at most 6.6 with the 10% allowance); 3 already produced, at most 3.6 more',
        key: 'production.producing_would_make_ordered_already',
        params: {
          after: '6.7',
          ordered: '6',
          produced: '3',
          qty: '3.7',
          value: { en: ' (at most 6.6 with the 10% allowance)', lt: ' (daugiausia 6.6 su leistinu 10% perviršiu)' },
          value2: '3.6',
        },
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('a component shortage in work in progress is refused, naming the item and the missing qty', async () => {
    const before = await snapshot();
    // 3.5 more needs LEG 11.666667 and TOP 3.5 in WIP; only 10 and 3 are left there
    const r = await act(wo.id, 'manufacture', { qty: '3.5' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('COMPONENT_SHORTAGE');
    expect(r.body.error.details).toEqual([
      {
        path: 'required_items/0/item',
        message: 'LEG (Item LEG) is short by 1.666667: 11.666667 needed, 10 transferred to work in progress and not consumed; transfer the materials first',
        key: 'production.short_needed_transferred_work_progress',
        params: { qty: '11.666667', value: 'LEG (Item LEG)', value2: '1.666667', value3: '10' },
      },
      {
        path: 'required_items/1/item',
        message: 'TOP (Item TOP) is short by 0.5: 3.5 needed, 3 transferred to work in progress and not consumed; transfer the materials first',
        key: 'production.short_needed_transferred_work_progress',
        params: { qty: '3.5', value: 'TOP (Item TOP)', value2: '0.5', value3: '3' },
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('second part completes the order: 6 tables worth 114.10, WIP empty, status completed', async () => {
    wo = ok(await act(wo.id, 'manufacture', { qty: '3', posting_date: '2026-03-05' }));
    expect(wo).toMatchObject({
      status: 'completed',
      produced_qty: '6.000000',
      produced_value: '114.100000',
      per_produced: '100.00',
      actual_end_date: '2026-03-05',
    });
    expect(await bin(table, fg)).toMatchObject({ actual_qty: '6.000000', stock_value: '114.100000', valuation_rate: '19.016666667' });
    expect(await bin(leg, wip)).toMatchObject({ actual_qty: '0.000000', stock_value: '0.000000' });
    expect(await bin(top, wip)).toMatchObject({ actual_qty: '0.000000', stock_value: '0.000000' });
    const status = ok(await t.req('GET', '/api/production/reports/work-order-status?status=completed'));
    expect(status.data).toEqual([
      expect.objectContaining({ number: wo.number, produced_qty: '6.000000', produced_value: '114.100000', produced_rate: '19.016666667' }),
    ]);
    const byMonth = ok(await t.req('GET', '/api/production/reports/production-by-month?from=2026-03&to=2026-03'));
    expect(byMonth.data).toEqual([expect.objectContaining({ item_code: 'TABLE', month: '2026-03', qty: '6.000000', value: '114.100000' })]);
    // a completed order is not running: Stop is not offered
    expect((await act(wo.id, 'stop')).body.error).toMatchObject({ code: 'ACTION_NOT_ALLOWED' });
    // every counter change is an audited update under the user's name, after the action's own entry
    const audit = (await t.db.query(`select action, changes from tessera_audit where entity = 'production.work_order' and record_id = $1 order by id`, [wo.id]))
      .rows;
    expect(audit.map((a) => a.action)).toEqual(['create', 'submit', 'update', 'transfer', 'update', 'manufacture', 'update', 'manufacture']);
    expect(audit[1].changes.status).toEqual({ old: 'draft', new: 'not_started' });
    expect(audit.at(-2).changes).toMatchObject({ status: { old: 'in_process', new: 'completed' }, produced_qty: { old: '3.000000', new: '6.000000' } });
  });

  it('a transfer short of stock is refused with the item and the missing qty, and nothing changes', async () => {
    // TOP: 4 left in Stores; 10 tables need 10
    const big = await workOrder({ qty: '10' });
    ok(await t.req('POST', `/api/production/work_order/${big.id}/submit`));
    const shortage = ok(await t.req('GET', '/api/production/reports/component-shortage'));
    expect(shortage.data).toEqual([
      expect.objectContaining({ item_code: 'TOP', warehouse_name: 'Stores', required_qty: '10.000000', actual_qty: '4.000000', shortage_qty: '6.000000' }),
    ]);
    const before = await snapshot();
    const r = await act(big.id, 'transfer', {});
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('COMPONENT_SHORTAGE');
    expect(r.body.error.details).toEqual([
      {
        path: 'required_items/1/item',
        message: 'TOP (Item TOP) is short by 6 in Stores: 10 needed, 4 in stock',
        key: 'production.short_needed_stock',
        params: { onHand: '4', qty: '10', value: 'TOP (Item TOP)', value2: '6', value3: 'Stores' },
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('stop, resume and cancel', () => {
  it('stop releases the reservation, resume restores it; cancel reverses every posting', async () => {
    const wo = await workOrder({ qty: '3' });
    ok(await t.req('POST', `/api/production/work_order/${wo.id}/submit`));
    const legBefore = await bin(leg, stores);
    const stopped = ok(await act(wo.id, 'stop'));
    expect(stopped.status).toBe('stopped');
    expect((await act(wo.id, 'manufacture', { qty: '1' })).body.error.code).toBe('WORK_ORDER_STOPPED');
    // Stop only while running, Resume only while stopped (the action conditions; the admin UI hides the button)
    const twice = await act(wo.id, 'stop');
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ACTION_NOT_ALLOWED');
    const released = await bin(leg, stores);
    expect(new Decimal(legBefore.reserved_qty).sub(released.reserved_qty).toFixed()).toBe('10');
    expect(ok(await act(wo.id, 'resume')).status).toBe('not_started');
    expect((await bin(leg, stores)).reserved_qty).toBe(legBefore.reserved_qty);
    expect((await act(wo.id, 'resume')).body.error.code).toBe('ACTION_NOT_ALLOWED');
    const meta = ok(await t.req('GET', '/api/meta')).entities.find((e: any) => e.key === 'production.work_order');
    expect(Object.fromEntries(meta.actions.map((a: any) => [a.name, a.when.status ?? null]))).toEqual({
      transfer: null,
      manufacture: null,
      stop: ['not_started', 'in_process'],
      resume: ['stopped'],
    });
    // transfer for 2 tables, make 1, then cancel
    ok(await act(wo.id, 'transfer', { qty: '2' }));
    const made = ok(await act(wo.id, 'manufacture', { qty: '1' }));
    expect(made.status).toBe('in_process');
    const fgBefore = await bin(table, fg);
    const cancelled = ok(await t.req('POST', `/api/production/work_order/${wo.id}/cancel`));
    expect(cancelled.status).toBe('cancelled');
    const rows = await ledgerOf(wo.id);
    const originals = rows.filter((r: any) => !r.is_reversal);
    const reversals = rows.filter((r: any) => r.is_reversal);
    expect(reversals.length).toBe(originals.length);
    for (const [k, v] of Object.entries({ qty_change: 0, value_change: 0 }))
      expect(rows.reduce((a: Decimal, r: any) => a.add(r[k]), new Decimal(0)).toFixed()).toBe(String(v));
    expect(await bin(leg, stores)).toMatchObject({ actual_qty: legBefore.actual_qty, reserved_qty: new Decimal(legBefore.reserved_qty).sub(10).toFixed(6) });
    expect((await bin(table, fg)).actual_qty).toBe(new Decimal(fgBefore.actual_qty).sub(1).toFixed(6));
  });
});

describe('units, FIFO finished goods, amend and roles', () => {
  it('a component line in another unit is converted to the stock unit', async () => {
    const box = (await t.db.query(`select id from inventory_uom where name = 'Box'`)).rows[0].id;
    const screw = await item('SCREW', { uoms: [{ uom: box, conversion_factor: '100' }] });
    const shelf = await item('SHELF');
    const bom = ok(await t.req('POST', '/api/production/bom', { item: shelf, items: [{ item: screw, qty: '0.25', uom: box }] }), 201);
    expect(bom.items[0]).toMatchObject({ conversion_factor: '100.000000', stock_qty: '25.000000' });
    const bad = await t.req('POST', '/api/production/bom', { item: shelf, items: [{ item: leg, qty: '1', uom: box }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([
      {
        path: 'items/0/uom',
        message: "LEG (Item LEG) has no conversion for this unit: add it to the item's unit conversions or use its stock unit",
        key: 'production.no_conversion_unit_add_item',
        params: { value: 'LEG (Item LEG)' },
      },
    ]);
  });

  it('finished goods valued FIFO on top of older layers still receive exactly the consumed value', async () => {
    const gear = await item('GEAR');
    const box = await item('GEARBOX', { valuation_method: 'fifo' });
    await receive(gear, '10', '1.13');
    await receive(box, '1', '0.333333', fg); // an older layer whose value is not a whole cent
    ok(await t.req('POST', '/api/production/bom', { item: box, quantity: '3', items: [{ item: gear, qty: '10' }] }), 201);
    const wo = await workOrder({ item: box, qty: '3' });
    ok(await t.req('POST', `/api/production/work_order/${wo.id}/submit`));
    ok(await act(wo.id, 'transfer'));
    // 10 x 1.13 = 11.30 for 3 boxes: 3.7666... per box does not terminate
    const done = ok(await act(wo.id, 'manufacture', { qty: '3' }));
    expect(done.produced_value).toBe('11.300000');
    const fgRows = (await ledgerOf(wo.id)).filter((r: any) => r.item === box);
    expect(fgRows.map((r: any) => [r.qty_change, r.value_change])).toEqual([
      ['2.000000', '7.533332'],
      ['1.000000', '3.766668'],
    ]);
    expect(await bin(box, fg)).toMatchObject({ actual_qty: '4.000000', stock_value: '11.633333' });
  });

  it('a cancelled work order is amended into a new draft with the components again', async () => {
    const wo = await workOrder({ qty: '1' });
    ok(await t.req('POST', `/api/production/work_order/${wo.id}/submit`));
    ok(await t.req('POST', `/api/production/work_order/${wo.id}/cancel`));
    const amended = ok(await t.req('POST', `/api/production/work_order/${wo.id}/amend`), 201);
    expect(amended).toMatchObject({ number: `${wo.number}-1`, status: 'draft', produced_qty: '0.000000', amended_from: wo.id });
    expect(amended.required_items.map((l: any) => l.required_qty)).toEqual(['3.333333', '1.000000']);
  });

  it('an operator runs work orders but does not edit bills; reports need read permissions', async () => {
    const operator = await t.createUser('operator', ['production.operator']);
    const nobody = await t.createUser('nobody', []);
    const bomId = (await t.db.query(`select id from production_bom where item = $1`, [table])).rows[0].id;
    expect((await operator.req('PATCH', `/api/production/bom/${bomId}`, { description: 'x' })).status).toBe(403);
    expect((await operator.req('GET', `/api/production/reports/bom-cost?bom=${bomId}`)).status).toBe(200);
    expect((await nobody.req('GET', `/api/production/reports/bom-cost?bom=${bomId}`)).status).toBe(403);
    expect((await nobody.req('GET', '/api/production/reports/work-order-status')).status).toBe(403);
    const wo = await workOrder({ qty: '1' });
    ok(await t.req('POST', `/api/production/work_order/${wo.id}/submit`));
    expect((await operator.req('POST', `/api/production/work_order/${wo.id}/cancel`)).status).toBe(403);
    const moved = ok(await operator.req('POST', `/api/production/work_order/${wo.id}/actions/transfer`, {}));
    expect(moved.status).toBe('in_process');
    const bad = await operator.req('GET', '/api/production/reports/bom-cost?bom=abc');
    expect(bad.status).toBe(400);
  });

  it("reports and widgets show only the work orders the caller's row rule admits", async () => {
    const planner = await t.createUser('planner', ['production.own_planner']);
    const mine = ok(
      await planner.req('POST', '/api/production/work_order', {
        item: table,
        qty: '2',
        source_warehouse: stores,
        wip_warehouse: wip,
        fg_warehouse: fg,
        planned_start_date: '2026-04-01',
      }),
      201,
    );
    ok(await planner.req('POST', `/api/production/work_order/${mine.id}/submit`));
    const seen = ok(await planner.req('GET', '/api/production/reports/work-order-status'));
    expect(seen.data.map((r: any) => r.number)).toEqual([mine.number]);
    expect(seen.by_status).toEqual({ not_started: 1 });
    expect(ok(await t.req('GET', '/api/production/reports/work-order-status')).data.length).toBeGreaterThan(1);
    const short = ok(await planner.req('GET', '/api/production/reports/component-shortage?only_short=false')).data;
    expect(short.length).toBeGreaterThan(0);
    expect(short.every((r: any) => r.work_orders.length === 1 && r.work_orders[0] === mine.number)).toBe(true);
    expect(ok(await planner.req('GET', '/api/dashboard/production.open_work_orders'))).toEqual({ value: 1 });
    expect(ok(await planner.req('GET', '/api/dashboard/production.work_orders_by_status')).series).toEqual([{ label: 'not_started', value: 1 }]);
  });
});

describe('exact-value receipts', () => {
  it('split a non-terminating rate into moves whose products are exact', () => {
    for (const [qty, value] of [
      ['3', '10'],
      ['7', '1'],
      ['2.5', '10.000001'],
      ['1234567.123', '999.999999'],
      ['0.000003', '1'],
    ]) {
      const parts = exactValueReceipt(new Decimal(qty), new Decimal(value));
      expect(parts.reduce((a, p) => a.add(p.qty), new Decimal(0)).eq(qty)).toBe(true);
      expect(parts.reduce((a, p) => a.add(p.qty.mul(p.rate)), new Decimal(0)).eq(value)).toBe(true);
      for (const p of parts) {
        expect(p.rate.decimalPlaces()).toBeLessThanOrEqual(9);
        expect(p.qty.mul(p.rate).decimalPlaces()).toBeLessThanOrEqual(6);
      }
    }
  });
});
