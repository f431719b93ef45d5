/**
 * Who may approve leave (issue 11, item 12): someone in the employee's manager chain, the leave
 * approver of their department (or of a department above it), or an HR manager. Naming anyone
 * else, such as a person who reports to the employee, is refused with 422 at path "approver"
 * when the application is created, updated, submitted and approved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type Req, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

type User = { id: number; token: string; req: Req };
let t: TestApp;
let jonasUser: User;
let petrasUser: User;
let hrUser: User;
const emp: Record<string, any> = {};
let unpaid: number;
let production: number;
let day = 1;

/** A one-day application of Jonas (each on its own working day, so none overlap). */
const application = (approver: number | undefined) => {
  const d = `2026-04-${String(day++).padStart(2, '0')}`;
  return { leave_type: unpaid, from_date: d, to_date: d, ...(approver ? { approver } : {}) };
};
const refusedApprover = (r: { status: number; body: any }) => {
  expect(r.status, JSON.stringify(r.body)).toBe(422);
  expect(r.body.error.details.map((d: any) => d.path)).toContain('approver');
  expect(r.body.error.message).toMatch(/manager chain/);
};

beforeAll(async () => {
  t = await startApp({ plugins: ['hr'] });
  jonasUser = await t.createUser('jonas', ['hr.employee']);
  petrasUser = await t.createUser('petras', ['hr.employee']);
  hrUser = await t.createUser('hanna', ['hr.employee', 'hr.manager']);
  const onaUser = await t.createUser('ona', ['hr.employee']);
  ok(await t.req('POST', '/api/hr/holiday_list', { name: 'Everyday', weekly_off: [] }), 201);
  const company = ok(await t.req('POST', '/api/hr/department', { name: 'Company' }), 201).id;
  production = ok(await t.req('POST', '/api/hr/department', { name: 'Production', parent: company }), 201).id;
  const office = ok(await t.req('POST', '/api/hr/department', { name: 'Office', parent: company }), 201).id;
  const add = async (key: string, body: Record<string, unknown>) =>
    (emp[key] = ok(await t.req('POST', '/api/hr/employee', { date_of_joining: '2024-01-08', last_name: 'Test', ...body }), 201));
  await add('director', { first_name: 'Dalius' });
  await add('rasa', { first_name: 'Rasa', manager: emp.director.id, department: production });
  await add('jonas', { first_name: 'Jonas', manager: emp.rasa.id, department: production, user: jonasUser.id });
  await add('petras', { first_name: 'Petras', manager: emp.jonas.id, department: production, user: petrasUser.id });
  await add('ona', { first_name: 'Ona', department: office, user: onaUser.id });
  await add('hanna', { first_name: 'Hanna', department: office, user: hrUser.id });
  unpaid = ok(await t.req('POST', '/api/hr/leave_type', { name: 'Unpaid', is_lwp: true }), 201).id;
});
afterAll(async () => t?.close());

describe('leave approver', () => {
  it('refuses one’s own subordinate as approver when the application is created', async () => {
    refusedApprover(await jonasUser.req('POST', '/api/hr/leave_application', application(emp.petras.id)));
    // Someone outside the chain, the department and HR is refused as well.
    refusedApprover(await jonasUser.req('POST', '/api/hr/leave_application', application(emp.ona.id)));
    expect((await t.db.query(`select count(*)::int as n from hr_leave_application`)).rows[0].n).toBe(0);
  });

  it('accepts the manager (by default), a manager higher up the chain and an HR manager', async () => {
    const byDefault = ok(await jonasUser.req('POST', '/api/hr/leave_application', application(undefined)), 201);
    expect(byDefault.approver).toBe(emp.rasa.id);
    ok(await jonasUser.req('POST', '/api/hr/leave_application', application(emp.director.id)), 201);
    ok(await jonasUser.req('POST', '/api/hr/leave_application', application(emp.hanna.id)), 201);
  });

  it('accepts the leave approver of the employee’s department or of a department above it', async () => {
    refusedApprover(await jonasUser.req('POST', '/api/hr/leave_application', application(emp.ona.id)));
    ok(await t.req('PATCH', `/api/hr/department/${production}`, { approver: emp.ona.id }));
    ok(await jonasUser.req('POST', '/api/hr/leave_application', application(emp.ona.id)), 201);
    ok(await t.req('PATCH', `/api/hr/department/${production}`, { approver: null }));
  });

  it('refuses the subordinate on update and on submit', async () => {
    const draft = ok(await jonasUser.req('POST', '/api/hr/leave_application', application(undefined)), 201);
    refusedApprover(await jonasUser.req('PATCH', `/api/hr/leave_application/${draft.id}`, { approver: emp.petras.id }));
    expect(ok(await t.req('GET', `/api/hr/leave_application/${draft.id}`)).approver).toBe(emp.rasa.id);
    // A draft stored before the rule (written directly) cannot be submitted either.
    await t.db.query(`update hr_leave_application set approver = $1 where id = $2`, [emp.petras.id, draft.id]);
    refusedApprover(await jonasUser.req('POST', `/api/hr/leave_application/${draft.id}/submit`));
  });

  it('refuses the subordinate’s approval of a submitted application; an HR manager may approve it', async () => {
    const a = ok(await jonasUser.req('POST', '/api/hr/leave_application', application(undefined)), 201);
    ok(await jonasUser.req('POST', `/api/hr/leave_application/${a.id}/submit`));
    // As if named before the rule existed.
    await t.db.query(`update hr_leave_application set approver = $1 where id = $2`, [emp.petras.id, a.id]);
    const r = await petrasUser.req('POST', `/api/hr/leave_application/${a.id}/actions/approve`, {});
    refusedApprover(r);
    expect(ok(await t.req('GET', `/api/hr/leave_application/${a.id}`)).status).toBe('open');
    expect((await t.db.query(`select count(*)::int as n from hr_attendance where leave_application = $1`, [a.id])).rows[0].n).toBe(0);
    const approved = ok(await hrUser.req('POST', `/api/hr/leave_application/${a.id}/actions/approve`, {}));
    expect(approved.status).toBe('approved');
  });
});
