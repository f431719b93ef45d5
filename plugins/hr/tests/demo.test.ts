import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@tessera/core';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;

beforeAll(async () => {
  t = await startApp({ plugins: ['hr'] }, { demo: true });
});
afterAll(async () => t?.close());

describe('demo data', () => {
  it('has employees in a department tree, leave in every state and a consistent leave ledger', async () => {
    const head = ok(await t.req('GET', '/api/hr/reports/headcount?date=2026-03-01'));
    expect(head.totals.total).toBe(12);
    expect(head.data.find((d: any) => d.name === 'UAB Demo')).toMatchObject({ direct: 0, total: 12 });
    const apps = ok(await t.req('GET', '/api/hr/leave_application?sort=from_date&expand=employee')).data;
    expect(apps.map((a: any) => [a._expanded.employee.full_name, a.total_leave_days, a.docstatus, a.status])).toEqual([
      ['Jonas Jonaitis', '5.0', 'submitted', 'approved'],
      ['Kęstutis Navickas', '2.0', 'submitted', 'approved'],
      ['Tomas Stankevičius', '4.0', 'submitted', 'open'], // 11 March is a holiday
      ['Laura Vasiliauskienė', '0.5', 'submitted', 'open'],
      ['Darius Butkus', '5.0', 'submitted', 'rejected'],
      ['Ieva Urbonaitė', '10.0', 'draft', 'open'],
    ]);
    const balances = ok(await t.req('GET', '/api/hr/reports/leave-balance?date=2026-03-01')).data;
    expect(balances).toHaveLength(12);
    expect(balances.find((b: any) => b.full_name === 'Jonas Jonaitis')).toMatchObject({ allocated: '20.0', taken: '5.0', pending: '0', balance: '15.0' });
    expect(balances.find((b: any) => b.full_name === 'Tomas Stankevičius')).toMatchObject({ pending: '4.0', balance: '20.0' });
    // every balance is the sum of its ledger
    const sums = (await t.db.query(`select allocation, sum(leaves)::text as s from hr_leave_ledger_entry group by allocation`)).rows;
    for (const b of balances) expect(sums.find((s) => Number(s.allocation) === Number(b.allocation))?.s).toBe(b.balance);
    const sheet = ok(await t.req('GET', '/api/hr/reports/attendance-sheet?month=2026-03')).data;
    const kestutis = sheet.find((r: any) => r.full_name === 'Kęstutis Navickas');
    expect(['02', '03', '04', '11'].map((d) => kestutis.days[`2026-03-${d}`])).toEqual(['L', 'L', 'P', 'H']);
  });

  it('links the demo users: "hr.employee" to a manager who sees her reports\' open leave, "jonas" to a report', async () => {
    const users = (await t.db.query(`select u.username, e.full_name from hr_employee e join auth_user u on u.id = e."user" order by u.username`)).rows;
    expect(users).toEqual([
      { username: 'hr.employee', full_name: 'Rasa Petraitė' },
      { username: 'jonas', full_name: 'Jonas Jonaitis' },
    ]);
    // both sign in with the core's demo password
    for (const username of ['hr.employee', 'jonas'])
      expect((await t.req('POST', '/api/auth/login', { username, password: DEMO_PASSWORD }, { authorization: '' })).status, username).toBe(200);
  });

  it('documents its reports in OpenAPI and its screens in the metadata', async () => {
    const api = ok(await t.req('GET', '/api/openapi.json'));
    for (const r of ['leave-balance', 'attendance-sheet', 'headcount']) expect(api.paths).toHaveProperty([`/api/hr/reports/${r}`]);
    const meta = ok(await t.req('GET', '/api/meta'));
    const leave = meta.entities.find((e: any) => e.key === 'hr.leave_application');
    expect(leave.actions.map((a: any) => a.name)).toEqual(['approve', 'reject']);
    expect(leave.labels.lt).toMatchObject({ title: 'Prašymas atostogoms' });
    expect(leave.actions.map((a: any) => [a.name, a.when])).toEqual([
      ['approve', { docstatus: ['submitted'], status: ['open'] }],
      ['reject', { docstatus: ['submitted'], status: ['open'] }],
    ]);
    const holidays = meta.entities.find((e: any) => e.key === 'hr.holiday_list').fields.find((f: any) => f.name === 'holidays');
    expect(holidays.children.labels).toEqual({ lt: { title: 'Šventė' } });
    const bad = await t.req('GET', '/api/hr/reports/attendance-sheet?month=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('month');
  });
});
