/**
 * Documents submitted while accounting was off get their entries when it is switched on
 * (backfill on start, through the same posting rules), dated like the documents; a work
 * order's incremental rule posts one append voucher per date it moved stock on, also when a
 * warehouse mapping is added later and the backfill route runs again. Verify is ok after each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let url: string;
let t: TestApp;
const ids: Record<string, number> = {};

beforeAll(async () => {
  url = await createTestDatabase();
  // First life: no accounting.
  const before = await startApp({ plugins: ['inventory', 'production'] }, { url });
  try {
    const req = before.req;
    const nos = (await before.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
    const root = ok(await req('POST', '/api/inventory/warehouse', { name: 'All', is_group: true }), 201).id;
    for (const w of ['Stores', 'WIP', 'FG']) ids[w] = ok(await req('POST', '/api/inventory/warehouse', { name: w, parent: root }), 201).id;
    for (const code of ['LEG', 'TABLE']) ids[code] = ok(await req('POST', '/api/inventory/item', { code, name: code, stock_uom: nos }), 201).id;
    const receipt = ok(
      await req('POST', '/api/inventory/stock_entry', {
        purpose: 'receipt',
        posting_date: '2026-10-01',
        to_warehouse: ids.Stores,
        lines: [{ item: ids.LEG, qty: '8', rate: '5.00' }],
      }),
      201,
    );
    ok(await req('POST', `/api/inventory/stock_entry/${receipt.id}/submit`));
    ids.receipt = receipt.id;
    ok(await req('POST', '/api/production/bom', { item: ids.TABLE, quantity: '1', items: [{ item: ids.LEG, qty: '4' }] }), 201);
    const wo = ok(
      await req('POST', '/api/production/work_order', {
        item: ids.TABLE,
        qty: '2',
        source_warehouse: ids.Stores,
        wip_warehouse: ids.WIP,
        fg_warehouse: ids.FG,
        planned_start_date: '2026-10-02',
      }),
      201,
    );
    ok(await req('POST', `/api/production/work_order/${wo.id}/submit`));
    ok(await req('POST', `/api/production/work_order/${wo.id}/actions/transfer`, { posting_date: '2026-10-02' }));
    ok(await req('POST', `/api/production/work_order/${wo.id}/actions/manufacture`, { qty: '1', posting_date: '2026-10-05' }));
    ids.wo = wo.id;
  } finally {
    await before.close();
  }
  // Second life: accounting on; the start backfills.
  t = await startApp({ plugins: ['inventory', 'production', 'accounting'] }, { url });
});
afterAll(async () => {
  await t?.close();
});

const entries = async (type: string, id: number) =>
  (
    await t.db.query(
      `select to_char(g.posting_date, 'YYYY-MM-DD') as d, a.number, g.debit::text as dr, g.credit::text as cr from accounting_gl_entry g join accounting_account a on a.id = g.account
        where g.voucher_type = $1 and g.voucher_id = $2 and not g.is_reversal order by g.posting_date, a.number`,
      [type, id],
    )
  ).rows.map((r: any) => [r.d, r.number, r.dr, r.cr]);

describe('backfill through the posting rules', () => {
  it('posts the receipt on its own date; the work order (one stock account) needs nothing; verify ok', async () => {
    expect(await entries('inventory.stock_entry', ids.receipt!)).toEqual([
      ['2026-10-01', '1300', '40.00', '0.00'],
      ['2026-10-01', '5110', '0.00', '40.00'],
    ]);
    expect(await entries('production.work_order', ids.wo!)).toEqual([]);
    const v = ok(await t.req('GET', '/api/accounting/reports/verify'));
    expect(v.data).toEqual([]);
  });

  it('after WIP gets its own account, the backfill route posts the work order once per date it moved stock', async () => {
    const wip = (await t.db.query(`select id from accounting_account where number = '1310'`)).rows[0].id;
    ok(await t.req('POST', '/api/accounting/warehouse_account', { warehouse: ids.WIP, account: wip }), 201);
    const missing = ok(await t.req('GET', '/api/accounting/reports/verify'));
    expect(missing.data.map((p: any) => p.check)).toEqual(expect.arrayContaining(['missing_entries', 'stock_account']));
    ok(await t.req('POST', '/api/accounting/backfill', {}));
    // transfer 8 LEG (40.00) on 2 Oct: WIP Dr / Stock Cr; manufacture 1 (20.00) on 5 Oct: FG (1300) Dr / WIP Cr
    expect(await entries('production.work_order', ids.wo!)).toEqual([
      ['2026-10-02', '1300', '0.00', '40.00'],
      ['2026-10-02', '1310', '40.00', '0.00'],
      ['2026-10-05', '1300', '20.00', '0.00'],
      ['2026-10-05', '1310', '0.00', '20.00'],
    ]);
    const again = ok(await t.req('POST', '/api/accounting/backfill', {}));
    expect(again).toMatchObject({ posted: 0 });
    const v = ok(await t.req('GET', '/api/accounting/reports/verify'));
    expect(v.data).toEqual([]);
    expect(v.ok).toBe(true);
  });
});
