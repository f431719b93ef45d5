import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'hr', 'projects'] }, { demo: true });
});
afterAll(async () => t?.close());

describe('projects demo data', () => {
  it('has two projects with timesheets, one billed with materials charged; profitability adds up', async () => {
    const report = ok(await t.req('GET', '/api/projects/reports/profitability')).data;
    expect(report.map((p: any) => p.name)).toEqual(['Warehouse scanners / Sandėlio skaitytuvai', 'Website support / Svetainės priežiūra']);
    const [rollout, support] = report;
    // 6 h + 4 h consulting at 40.00, 7.5 h installation at 35.00 = 662.50 billed; cost 250.00 + 165.00 labour.
    expect(rollout).toMatchObject({ billed: '662.50', labour_cost: '415.00', hours: '22.50' });
    expect(Number(rollout.material_cost)).toBeGreaterThan(0);
    expect(rollout.margin).toBe((662.5 - 415 - Number(rollout.material_cost)).toFixed(2));
    expect(support).toMatchObject({ billed: '0.00', labour_cost: '50.00', hours: '3.50' });
    const statuses = ok(await t.req('GET', '/api/projects/timesheet?limit=50'))
      .data.map((s: any) => s.status)
      .sort();
    expect(statuses).toEqual(['approved', 'billed', 'billed', 'billed', 'to_approve', 'to_approve']);
  });
});
