import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, startApp, type Req, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

type User = { id: number; token: string; req: Req };
let t: TestApp;
let hrManager: User;
let rasaUser: User;
let jonasUser: User;
let petrasUser: User;
let rasa: any;
let jonas: any;
let ona: any;
let petras: any;
let annual: number;

const names = (rows: any[]) => rows.map((r) => r.full_name).sort();

beforeAll(async () => {
  t = await startApp({ plugins: ['hr'] });
  hrManager = await t.createUser('hr.boss', ['hr.manager']);
  rasaUser = await t.createUser('rasa', ['hr.employee']);
  jonasUser = await t.createUser('jonas', ['hr.employee']);
  petrasUser = await t.createUser('petras', ['hr.employee']);
  ok(await t.req('POST', '/api/hr/holiday_list', { name: 'Default', weekly_off: ['saturday', 'sunday'] }), 201);
  const emp = async (body: Record<string, unknown>) => ok(await hrManager.req('POST', '/api/hr/employee', { date_of_joining: '2024-01-08', ...body }), 201);
  rasa = await emp({ first_name: 'Rasa', last_name: 'Petraitė', user: rasaUser.id, salary: '2400.00', personal_phone: '+37060000001' });
  jonas = await emp({ first_name: 'Jonas', last_name: 'Jonaitis', user: jonasUser.id, manager: rasa.id, salary: '1650.00', personal_phone: '+37060000002' });
  ona = await emp({ first_name: 'Ona', last_name: 'Onaitė', manager: rasa.id, salary: '1500.00' });
  petras = await emp({ first_name: 'Petras', last_name: 'Petraitis', user: petrasUser.id, salary: '1700.00' });
  annual = ok(await hrManager.req('POST', '/api/hr/leave_type', { name: 'Annual leave' }), 201).id;
  for (const e of [jonas, ona, petras]) {
    const a = ok(
      await hrManager.req('POST', '/api/hr/leave_allocation', {
        employee: e.id,
        leave_type: annual,
        from_date: '2026-01-01',
        to_date: '2026-12-31',
        new_leaves_allocated: '20',
      }),
      201,
    );
    ok(await hrManager.req('POST', `/api/hr/leave_allocation/${a.id}/submit`));
  }
});
afterAll(async () => t?.close());

describe('employees see themselves and their reports; personal data is hidden', () => {
  it('an employee sees their own record only, without salary or personal phone', async () => {
    const list = ok(await jonasUser.req('GET', '/api/hr/employee'));
    expect(names(list.data)).toEqual(['Jonas Jonaitis']);
    expect(list.data[0]).not.toHaveProperty('salary');
    expect(list.data[0]).not.toHaveProperty('personal_phone');
    expect(list.data[0]).toMatchObject({ user: jonasUser.id, manager: rasa.id });
    expect((await jonasUser.req('GET', `/api/hr/employee/${petras.id}`)).status).toBe(404);
    const bySalary = await jonasUser.req('GET', `/api/hr/employee?filter=${filter({ salary: { gt: '1000' } })}`);
    expect(bySalary.status).toBe(400);
    expect((await jonasUser.req('PATCH', `/api/hr/employee/${jonas.id}`, { work_phone: '+37060000009' })).status).toBe(403);
  });

  it('a manager sees their reports, still without pay; the HR manager sees everyone with pay', async () => {
    const mine = ok(await rasaUser.req('GET', '/api/hr/employee'));
    expect(names(mine.data)).toEqual(['Jonas Jonaitis', 'Ona Onaitė', 'Rasa Petraitė']);
    expect(mine.data.every((e: any) => !('salary' in e))).toBe(true);
    const all = ok(await hrManager.req('GET', '/api/hr/employee?sort=full_name'));
    expect(all.data.map((e: any) => [e.full_name, e.salary])).toEqual([
      ['Jonas Jonaitis', '1650.00'],
      ['Ona Onaitė', '1500.00'],
      ['Petras Petraitis', '1700.00'],
      ['Rasa Petraitė', '2400.00'],
    ]);
  });
});

describe('leave: apply for yourself, the approver decides', () => {
  let app: any;
  it('an employee applies for their own leave (the employee and the approver are filled in)', async () => {
    app = ok(await jonasUser.req('POST', '/api/hr/leave_application', { leave_type: annual, from_date: '2026-05-04', to_date: '2026-05-08' }), 201);
    expect(app).toMatchObject({ employee: jonas.id, approver: rasa.id, total_leave_days: '5.0', status: 'open' });
    ok(await jonasUser.req('POST', `/api/hr/leave_application/${app.id}/submit`));
    const forOther = await jonasUser.req('POST', '/api/hr/leave_application', {
      employee: petras.id,
      leave_type: annual,
      from_date: '2026-05-04',
      to_date: '2026-05-04',
    });
    expect(forOther.status).toBe(403);
    expect(forOther.body.error.message).toContain('you can apply for leave for yourself or for the employees who report to you');
    // The row rule also admits applications the user approves, so naming oneself the approver of a
    // stranger's leave would pass the core's create check: the plugin's own check refuses it.
    const asApprover = await jonasUser.req('POST', '/api/hr/leave_application', {
      employee: petras.id,
      approver: jonas.id,
      leave_type: annual,
      from_date: '2026-05-11',
      to_date: '2026-05-11',
    });
    expect(asApprover.status).toBe(403);
    expect(asApprover.body.error.message).toContain('you can apply for leave for yourself or for the employees who report to you');
    const draft = ok(await jonasUser.req('POST', '/api/hr/leave_application', { leave_type: annual, from_date: '2026-05-18', to_date: '2026-05-18' }), 201);
    const moved = await jonasUser.req('PATCH', `/api/hr/leave_application/${draft.id}`, { employee: petras.id, approver: jonas.id });
    expect(moved.status).toBe(403);
    ok(await jonasUser.req('DELETE', `/api/hr/leave_application/${draft.id}`));
    expect((await t.db.query(`select count(*)::int as n from hr_leave_application where employee = $1`, [petras.id])).rows[0].n).toBe(0);
  });

  it('others cannot see it; the employee cannot approve it', async () => {
    expect(ok(await petrasUser.req('GET', '/api/hr/leave_application')).data).toEqual([]);
    expect((await petrasUser.req('GET', `/api/hr/leave_application/${app.id}`)).status).toBe(404);
    expect((await petrasUser.req('POST', `/api/hr/leave_application/${app.id}/actions/approve`, {})).status).toBe(404);
    const self = await jonasUser.req('POST', `/api/hr/leave_application/${app.id}/actions/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe(`only the approver (Rasa Petraitė) or an HR manager can approve ${app.number}`);
    expect((await t.db.query(`select count(*)::int as n from hr_leave_ledger_entry where transaction_type = 'hr.leave_application'`)).rows[0].n).toBe(0);
  });

  it("the manager sees their report's leave and approves it; the employee sees the attendance and balance", async () => {
    const seen = ok(await rasaUser.req('GET', '/api/hr/leave_application'));
    expect(seen.data.map((a: any) => a.number)).toEqual([app.number]);
    const approved = ok(await rasaUser.req('POST', `/api/hr/leave_application/${app.id}/actions/approve`, { note: 'OK' }));
    expect(approved.status).toBe('approved');
    const att = ok(await jonasUser.req('GET', '/api/hr/attendance?sort=attendance_date'));
    expect(att.data.map((a: any) => [a.attendance_date, a.status])).toEqual(['04', '05', '06', '07', '08'].map((d) => [`2026-05-${d}`, 'on_leave']));
    expect(ok(await petrasUser.req('GET', '/api/hr/attendance')).data).toEqual([]);
    const bal = ok(await jonasUser.req('GET', '/api/hr/reports/leave-balance?date=2026-05-01'));
    expect(bal.data.map((r: any) => [r.full_name, r.balance])).toEqual([['Jonas Jonaitis', '15.0']]);
    const everyone = ok(await hrManager.req('GET', '/api/hr/reports/leave-balance?date=2026-05-01'));
    expect(everyone.data.map((r: any) => [r.full_name, r.balance])).toEqual([
      ['Jonas Jonaitis', '15.0'],
      ['Ona Onaitė', '20.0'],
      ['Petras Petraitis', '20.0'],
    ]);
  });

  it("a manager applies for a report; the HR manager approves anyone's leave", async () => {
    const forOna = ok(
      await rasaUser.req('POST', '/api/hr/leave_application', { employee: ona.id, leave_type: annual, from_date: '2026-06-01', to_date: '2026-06-02' }),
      201,
    );
    ok(await rasaUser.req('POST', `/api/hr/leave_application/${forOna.id}/submit`));
    const p = ok(await petrasUser.req('POST', '/api/hr/leave_application', { leave_type: annual, from_date: '2026-06-01', to_date: '2026-06-01' }), 201);
    expect(p.approver).toBe(null);
    ok(await petrasUser.req('POST', `/api/hr/leave_application/${p.id}/submit`));
    const noApprover = await petrasUser.req('POST', `/api/hr/leave_application/${p.id}/actions/approve`, {});
    expect(noApprover.body.error.message).toBe(`only an HR manager can approve ${p.number}`);
    expect(ok(await hrManager.req('POST', `/api/hr/leave_application/${p.id}/actions/approve`, {})).status).toBe('approved');
    expect(ok(await hrManager.req('GET', '/api/hr/leave_application')).total).toBe(3);
  });

  it('reports need the read permission of what they read', async () => {
    const nobody = await t.createUser('nobody', []);
    const r = await nobody.req('GET', '/api/hr/reports/headcount');
    expect(r.status).toBe(403);
    const head = ok(await jonasUser.req('GET', '/api/hr/reports/headcount?date=2026-05-01'));
    expect(head.totals.total).toBe(1);
    expect(ok(await rasaUser.req('GET', '/api/hr/reports/headcount?date=2026-05-01')).totals.total).toBe(3);
    const sheet = ok(await rasaUser.req('GET', '/api/hr/reports/attendance-sheet?month=2026-05'));
    expect(names(sheet.data)).toEqual(['Jonas Jonaitis', 'Ona Onaitė', 'Rasa Petraitė']);
    expect(ok(await petrasUser.req('GET', '/api/hr/reports/attendance-sheet?month=2026-05')).data.map((r: any) => r.full_name)).toEqual(['Petras Petraitis']);
  });

  it('dashboard figures count only the employees, leave and attendance the viewer may see', async () => {
    // mark approved leave for today (whatever the date) for Jonas and Petras
    const approved = (await t.db.query(`select id, employee, leave_type from hr_leave_application where status = 'approved' order by id`)).rows;
    expect(approved.map((a) => a.employee)).toEqual([jonas.id, petras.id]);
    await t.db.query(`delete from hr_attendance where attendance_date = current_date`);
    for (const a of approved)
      await t.db.query(
        `insert into hr_attendance (employee, attendance_date, status, leave_type, leave_application) values ($1, current_date, 'on_leave', $2, $3)`,
        [a.employee, a.leave_type, a.id],
      );
    const figure = async (user: User | undefined, id: string) => ok(await (user ? user.req : t.req)('GET', `/api/dashboard/hr.${id}`)).value;
    expect([
      await figure(hrManager, 'on_leave_today'),
      await figure(rasaUser, 'on_leave_today'),
      await figure(jonasUser, 'on_leave_today'),
      await figure(petrasUser, 'on_leave_today'),
    ]).toEqual([2, 1, 1, 1]);
    expect([await figure(hrManager, 'headcount'), await figure(rasaUser, 'headcount'), await figure(jonasUser, 'headcount')]).toEqual([4, 3, 1]);
    // Ona's application (submitted by Rasa) is open: Rasa approves it, Petras does not see it
    expect([
      await figure(hrManager, 'leave_awaiting_approval'),
      await figure(rasaUser, 'leave_awaiting_approval'),
      await figure(petrasUser, 'leave_awaiting_approval'),
    ]).toEqual([1, 1, 0]);
  });
});
