import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'production'] }, { demo: true });
});
afterAll(async () => t?.close());

describe('demo data', () => {
  it('builds on the inventory demo: nested bills, work orders in every state, the ledger in balance', async () => {
    const boms = ok(await t.req('GET', '/api/production/bom?expand=item&sort=number')).data;
    expect(boms.map((b: any) => [b._expanded.item.code, b.is_default, b.total_cost])).toEqual([
      // 4 x 0.21 + 4 x 0.08 + 8 x 0.03 = 1.40, + 1.5 min packing at 18.00/h = 0.45
      ['FST-SET-M8', true, '1.85'],
      // 20 x 2.80 + 10 x 1.85 + 120 x 0.04 + 10 x 0.45 = 83.80, + 1 h bench 24.00 + 30 min packing 9.00
      ['SHELF-KIT', true, '116.80'],
    ]);
    const orders = ok(await t.req('GET', '/api/production/work_order?sort=planned_start_date&expand=item')).data;
    expect(orders.map((o: any) => [o._expanded.item.code, o.qty, o.produced_qty, o.status])).toEqual([
      ['FST-SET-M8', '20.000000', '20.000000', 'completed'],
      ['SHELF-KIT', '10.000000', '6.000000', 'in_process'],
      ['FST-SET-M8', '30.000000', '0.000000', 'draft'],
      ['SHELF-KIT', '25.000000', '0.000000', 'not_started'],
    ]);
    // the fastener sets were made from components consumed at 1.40 each (operations are not posted to stock)
    expect(orders[0]).toMatchObject({ produced_value: '28.000000' });
    const shortage = ok(await t.req('GET', '/api/production/reports/component-shortage')).data;
    expect(shortage.map((s: any) => [s.item_code, s.required_qty, s.actual_qty, s.shortage_qty])).toEqual([
      ['FST-SET-M8', '25.000000', '10.000000', '15.000000'],
    ]);
    const v = ok(await t.req('GET', '/api/inventory/reports/verify'));
    expect(v.data).toEqual([]);
    const meta = ok(await t.req('GET', '/api/meta'));
    const wo = meta.entities.find((e: any) => e.key === 'production.work_order');
    expect(wo.actions.map((a: any) => a.name)).toEqual(['transfer', 'manufacture', 'stop', 'resume']);
    expect(wo.labels.lt).toMatchObject({ title: 'Gamybos užsakymas' });
    // line items carry Lithuanian titles too
    for (const e of meta.entities.filter((x: any) => x.plugin === 'production'))
      for (const f of e.fields.filter((x: any) => x.kind === 'children')) expect(f.children.labels.lt?.title, `${e.key}.${f.name}`).toBeTruthy();
    const api = ok(await t.req('GET', '/api/openapi.json'));
    for (const r of ['bom-cost', 'work-order-status', 'component-shortage', 'production-by-month'])
      expect(api.paths).toHaveProperty([`/api/production/reports/${r}`]);
    const widget = ok(await t.req('GET', '/api/dashboard/production.open_work_orders'));
    expect(widget).toEqual({ value: 2 });
  });
});
