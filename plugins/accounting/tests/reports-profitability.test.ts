/**
 * Profitability by customer, item and item group, through documents (stock receipt, sales
 * orders, deliveries, invoices), to the cent; its totals equal the P&L's income and COGS of the
 * same period (the same postings, read from the other side); the sales row rules apply.
 *   stock in: NUT 10 @ 10.00, BOLT 10 @ 3.00
 *   customer Alfa: NUT 4 @ 25.00, BOLT 2 @ 10.00 -> revenue 120.00, COGS 46.00, margin 74.00
 *   customer Beta: NUT 1 @ 30.00               -> revenue  30.00, COGS 10.00, margin 20.00
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
const id: Record<string, number> = {};
const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));
const DAY = '2026-10-15';

async function sell(customer: number, lines: { item: number; qty: string; rate: string }[]) {
  let so = await post('/api/sales/sales_order', { customer, order_date: DAY, lines }, 201);
  so = await post(`/api/sales/sales_order/${so.id}/submit`);
  await post(`/api/sales/sales_order/${so.id}/actions/make_delivery`, { posting_date: DAY, submit: true });
  return post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { posting_date: DAY, submit: true });
}

beforeAll(async () => {
  t = await startApp({
    plugins: ['inventory', 'crm', 'sales', 'accounting'],
    roles: {
      // the ledger and the user's own sales documents only
      'reports.own_sales': {
        label: 'Own sales analyst',
        permissions: { 'accounting.gl_entry': ['read'], 'sales.sales_invoice': ['read'], 'sales.delivery': ['read'] },
        rows: { 'sales.sales_invoice': 'own', 'sales.delivery': 'own' },
      },
      'reports.ledger_only': { label: 'Ledger only', permissions: { 'accounting.gl_entry': ['read'] } },
    },
  });
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  id.main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  id.groupA = (await post('/api/inventory/item_group', { name: 'Nuts' }, 201)).id;
  id.groupB = (await post('/api/inventory/item_group', { name: 'Bolts' }, 201)).id;
  id.NUT = (await post('/api/inventory/item', { code: 'NUT', name: 'Nut M8', stock_uom: nos, item_group: id.groupA, default_warehouse: id.main }, 201)).id;
  id.BOLT = (await post('/api/inventory/item', { code: 'BOLT', name: 'Bolt M8', stock_uom: nos, item_group: id.groupB, default_warehouse: id.main }, 201)).id;
  const receipt = await post(
    '/api/inventory/stock_entry',
    {
      purpose: 'receipt',
      posting_date: '2026-10-01',
      to_warehouse: id.main,
      lines: [
        { item: id.NUT, qty: '10', rate: '10.00' },
        { item: id.BOLT, qty: '10', rate: '3.00' },
      ],
    },
    201,
  );
  await post(`/api/inventory/stock_entry/${receipt.id}/submit`);
  id.alfa = (await post('/api/sales/customer', { name: 'Alfa UAB', default_warehouse: id.main }, 201)).id;
  id.beta = (await post('/api/sales/customer', { name: 'Beta UAB', default_warehouse: id.main }, 201)).id;
  await sell(id.alfa, [
    { item: id.NUT, qty: '4', rate: '25.00' },
    { item: id.BOLT, qty: '2', rate: '10.00' },
  ]);
  await sell(id.beta, [{ item: id.NUT, qty: '1', rate: '30.00' }]);
});
afterAll(async () => {
  await t?.close();
});

const figures = (answer: any) => Object.fromEntries(answer.data.map((r: any) => [r.label, [r.revenue, r.cogs, r.gross_margin, r.margin_percent]]));

describe('profitability', () => {
  it('by customer: Alfa 120.00 - 46.00 = 74.00 (61.67 %), Beta 30.00 - 10.00 = 20.00', async () => {
    const p = await get('/api/accounting/reports/profitability?by=customer&from=2026-10-01&to=2026-10-31');
    expect(figures(p)).toEqual({
      'Alfa UAB': ['120.00', '46.00', '74.00', '61.67'],
      'Beta UAB': ['30.00', '10.00', '20.00', '66.67'],
      Total: ['150.00', '56.00', '94.00', '62.67'],
    });
    expect(p.excluded).toEqual({ other_currency_documents: 0 });
  });

  it('by item and by item group', async () => {
    const byItem = await get('/api/accounting/reports/profitability?by=item&from=2026-10-01&to=2026-10-31');
    expect(figures(byItem)).toMatchObject({ 'NUT Nut M8': ['130.00', '50.00', '80.00', '61.54'], 'BOLT Bolt M8': ['20.00', '6.00', '14.00', '70.00'] });
    const byGroup = await get('/api/accounting/reports/profitability?by=item_group&from=2026-10-01&to=2026-10-31');
    expect(figures(byGroup)).toMatchObject({ Nuts: ['130.00', '50.00', '80.00', '61.54'], Bolts: ['20.00', '6.00', '14.00', '70.00'] });
  });

  it('agrees with the P&L of the same period: income = revenue, COGS = cost of goods sold', async () => {
    const pl = await get('/api/accounting/reports/profit-and-loss?from=2026-10-01&to=2026-10-31');
    const p = await get('/api/accounting/reports/profitability?from=2026-10-01&to=2026-10-31');
    expect([pl.totals.income, pl.totals.cogs]).toEqual([p.totals.revenue, p.totals.cogs]);
    // another period: nothing
    const empty = await get('/api/accounting/reports/profitability?from=2026-09-01&to=2026-09-30');
    expect(empty.totals).toMatchObject({ revenue: '0.00', cogs: '0.00' });
  });

  it('follows the row rules on the sales documents, needs their read permission, refuses a bad "by"', async () => {
    const own = await t.createUser('own_sales', ['reports.own_sales']);
    const mine = ok(await own.req('GET', '/api/accounting/reports/profitability?from=2026-10-01&to=2026-10-31'));
    expect(mine.totals.revenue).toBe('0.00'); // the admin created every document
    const ledgerOnly = await t.createUser('ledger_only', ['reports.ledger_only']);
    expect((await ledgerOnly.req('GET', '/api/accounting/reports/profitability')).status).toBe(403);
    const bad = await t.req('GET', '/api/accounting/reports/profitability?by=region');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('by');
  });
});
