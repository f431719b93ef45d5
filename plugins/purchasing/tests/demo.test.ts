import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { runCli } from '../../../core/src/cli/main.js';

const inventoryCommand = (args: string[]) => runCli(['inventory', ...args]);

let t: TestApp;
const rows = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params)).rows;

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'purchasing'], settings: { purchasing: { over_receipt_allowance: 10 } } }, { demo: true });
});
afterAll(async () => t?.close());

describe('demo company', () => {
  it('loads a warehouse tree, 50+ items in groups, opening stock and orders in every state, consistently', async () => {
    expect((await rows(`select name, is_group from inventory_warehouse order by id`)).map((r) => r.name)).toEqual([
      'All warehouses',
      'Vilnius main',
      'Kaunas store',
      'Transit',
      'Rejected goods',
    ]);
    expect(Number((await rows(`select count(*)::int as n from inventory_item`))[0].n)).toBeGreaterThanOrEqual(50);
    expect(Number((await rows(`select count(distinct item_group)::int as n from inventory_item`))[0].n)).toBe(6);
    const statuses = (await rows(`select distinct status from purchasing_purchase_order order by status`)).map((r) => r.status);
    expect(statuses).toEqual(['cancelled', 'completed', 'draft', 'to_bill', 'to_receive', 'to_receive_and_bill']);
    const partly = await rows(`select per_received from purchasing_purchase_order where per_received > 0 and per_received < 100`);
    expect(partly.length).toBeGreaterThan(0);
    const v = (await t.req('GET', '/api/inventory/reports/verify')).body;
    expect(v).toMatchObject({ ok: true, data: [] });
    expect(v.entries).toBeGreaterThan(50);
    const value = (await t.req('GET', '/api/dashboard/inventory.stock_value')).body.value;
    const sum = (await rows(`select sum(value_change)::numeric(21,2)::text as v from inventory_stock_ledger_entry`))[0].v;
    expect(value).toBe(sum);
  });

  it('an allowance of 10% accepts up to 110% of a line and refuses more', async () => {
    const [po] = await rows(
      `select id, number from purchasing_purchase_order where status = 'to_receive_and_bill' and per_received = 0 and docstatus = 'submitted' order by id limit 1`,
    );
    const order = (await t.req('GET', `/api/purchasing/purchase_order/${po.id}`)).body;
    const line = order.lines[0];
    const refusedOnSave = await t.req('POST', `/api/purchasing/goods_receipt`, {
      purchase_order: po.id,
      posting_date: '2026-03-01',
      lines: [{ purchase_order_line: line.id, qty: '1651' }],
    });
    expect(refusedOnSave.body.error.code).toBe('OVER_RECEIPT');
    const over = (
      await t.req('POST', `/api/purchasing/goods_receipt`, {
        purchase_order: po.id,
        posting_date: '2026-03-01',
        allow_over_receipt: true,
        lines: [{ purchase_order_line: line.id, qty: '1651' }],
      })
    ).body;
    const refused = await t.req('POST', `/api/purchasing/goods_receipt/${over.id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0].message).toBe(
      `over-receipt on ${po.number} line 1 (NUT-M10): ordered 1500, received 0, open 1500, this receipt 1651, allowance 10% (at most 1650 more)`,
    );
    expect((await t.req('PATCH', `/api/purchasing/goods_receipt/${over.id}`, { lines: [{ id: over.lines[0].id, qty: '1650' }] })).status).toBe(200);
    const done = await t.req('POST', `/api/purchasing/goods_receipt/${over.id}/submit`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const after = (await t.req('GET', `/api/purchasing/purchase_order/${po.id}`)).body;
    expect(after.lines[0].received_qty).toBe('1650.000000');
    // the ordered qty of the balance never goes below what other lines still expect
    const [b] = await rows(`select ordered_qty from inventory_bin where item = $1 and warehouse = $2`, [line.item, line.warehouse]);
    expect(b.ordered_qty).toBe('0.000000');
  });

  it('`tessera inventory verify` (a command the inventory plugin contributes) reports a clean ledger, and a tampered balance', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.url;
    try {
      await inventoryCommand(['verify']);
      expect(log.mock.calls.at(-1)![0]).toMatch(/^Stock ledger OK: \d+ balances and \d+ ledger entries agree\.$/);
      expect(process.exitCode ?? 0).toBe(0);
      await t.db.query(`update inventory_bin set actual_qty = actual_qty + 1 where id = (select min(id) from inventory_bin)`);
      await inventoryCommand(['verify']);
      expect(process.exitCode).toBe(1);
      expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toContain('actual_qty differs from the sum of the ledger');
      const api = (await t.req('GET', '/api/inventory/reports/verify')).body;
      expect(api.ok).toBe(false);
      expect(api.data[0]).toMatchObject({ problem: 'actual_qty differs from the sum of the ledger' });
    } finally {
      await t.db.query(`update inventory_bin set actual_qty = actual_qty - 1 where id = (select min(id) from inventory_bin)`);
      process.exitCode = 0;
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
      log.mockRestore();
    }
    expect((await t.req('GET', '/api/inventory/reports/verify')).body.ok).toBe(true);
  });

  it('labels, list columns, filters and Lithuanian titles reach the admin metadata', async () => {
    const meta = (await t.req('GET', '/api/meta')).body;
    const po = meta.entities.find((e: any) => e.key === 'purchasing.purchase_order');
    expect(po).toMatchObject({ label: 'Purchase order', icon: 'shopping_cart', labels: { lt: { title: 'Pirkimo užsakymas', plural: 'Pirkimo užsakymai' } } });
    expect(po.listColumns).toContain('status');
    const ledger = meta.entities.find((e: any) => e.key === 'inventory.stock_ledger_entry');
    expect(ledger.fields.every((f: any) => f.readOnly)).toBe(true);
    for (const e of meta.entities.filter((x: any) => x.plugin === 'inventory' || x.plugin === 'purchasing')) {
      expect(e.labels.lt?.title, e.key).toBeTruthy();
      // line items carry Lithuanian titles too
      for (const f of e.fields.filter((x: any) => x.kind === 'children')) expect(f.children.labels.lt?.title, `${e.key}.${f.name}`).toBeTruthy();
    }
    expect(po.fields.find((f: any) => f.name === 'lines').children.labels).toEqual({ lt: { title: 'Pirkimo užsakymo eilutė' } });
    for (const key of ['inventory.bin', 'inventory.stock_ledger_entry'])
      expect(meta.entities.find((e: any) => e.key === key)).toMatchObject({ readOnly: true, permissions: { create: false, update: false, delete: false } });
  });
});
