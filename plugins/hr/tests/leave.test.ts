import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_USER } from '@tessera/core';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let company: number;
let production: number;
let rasa: any;
let jonas: any;
let ona: any;
let annual: number;
let unpaid: number;
let allocation: any;

const post = async (path: string, body: unknown, status = 201) => ok(await t.req('POST', `/api/hr/${path}`, body), status);
const apply = (body: Record<string, unknown>) => t.req('POST', '/api/hr/leave_application', { employee: jonas.id, leave_type: annual, ...body });
const balance = async (employee = jonas.id) => {
  const r = ok(await t.req('GET', `/api/hr/reports/leave-balance?date=2026-03-01&employee=${employee}`));
  return r.data.map((x: any) => ({ type: x.leave_type_name, allocated: x.allocated, taken: x.taken, pending: x.pending, balance: x.balance }));
};
const ledgerSum = async (employee = jonas.id) =>
  (await t.db.query(`select coalesce(sum(leaves), 0)::text as s from hr_leave_ledger_entry where employee = $1 and leave_type = $2`, [employee, annual]))
    .rows[0].s;
const attendance = async (employee = jonas.id) =>
  (await t.db.query(`select attendance_date::text as d, status from hr_attendance where employee = $1 order by attendance_date`, [employee])).rows.map(
    (r) => `${r.d} ${r.status}`,
  );

beforeAll(async () => {
  t = await startApp({ plugins: ['hr'] });
  // Lithuania: Saturday and Sunday off; 16 February and 11 March are public holidays
  const list = await post('holiday_list', {
    name: 'Lithuania 2026',
    from_date: '2026-01-01',
    to_date: '2026-12-31',
    weekly_off: ['saturday', 'sunday'],
    holidays: [
      { holiday_date: '2026-02-16', description: 'Restoration of the State Day' },
      { holiday_date: '2026-03-11', description: 'Restoration of Independence Day' },
    ],
  });
  expect(list.is_default).toBe(true);
  company = (await post('department', { name: 'Company', code: 'CO' })).id;
  production = (await post('department', { name: 'Production', code: 'PROD', parent: company })).id;
  const office = (await post('department', { name: 'Office', code: 'OFF', parent: company })).id;
  const welder = (await post('designation', { name: 'Welder' })).id;
  rasa = await post('employee', { first_name: 'Rasa', last_name: 'Petraitė', date_of_joining: '2020-05-04', department: production, salary: '2400.00' });
  jonas = await post('employee', {
    first_name: 'Jonas',
    last_name: 'Jonaitis',
    date_of_joining: '2024-09-02',
    department: production,
    designation: welder,
    manager: rasa.id,
    salary: '1650.00',
  });
  ona = await post('employee', { first_name: 'Ona', last_name: 'Onaitė', date_of_joining: '2025-01-06', department: office, manager: rasa.id });
  annual = (await post('leave_type', { name: 'Annual leave', max_days_allowed: '28', is_carry_forward: true })).id;
  unpaid = (await post('leave_type', { name: 'Unpaid leave', is_lwp: true })).id;
});
afterAll(async () => t?.close());

describe('employees and departments', () => {
  it('fills the full name and numbers employees; a reporting cycle is refused', async () => {
    expect(jonas).toMatchObject({ full_name: 'Jonas Jonaitis', employee_number: 'EMP-00002', status: 'active' });
    const cycle = await t.req('PATCH', `/api/hr/employee/${rasa.id}`, { manager: jonas.id });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.details).toEqual([
      {
        path: 'manager',
        message: 'cannot be this employee or one under it',
        key: 'hr.cannot_one_under',
        params: { label: { en: 'employee', lt: 'darbuotojas' } },
      },
    ]);
    const loop = await t.req('PATCH', `/api/hr/department/${company}`, { parent: production });
    expect(loop.status).toBe(422);
    expect(loop.body.error.details[0].path).toBe('parent');
  });

  it('headcount by department counts the subtree', async () => {
    const r = ok(await t.req('GET', '/api/hr/reports/headcount?date=2026-03-01'));
    expect(r.totals.total).toBe(3);
    expect(r.data.map((d: any) => [d.name, d.direct, d.total])).toEqual([
      ['Company', 0, 3],
      ['Office', 1, 1],
      ['Production', 2, 2],
    ]);
  });

  it('names the row of employees without a department in the request’s language', async () => {
    const loner = await post('employee', { first_name: 'Vytas', last_name: 'Vienas', date_of_joining: '2026-02-02' });
    try {
      const en = ok(await t.req('GET', '/api/hr/reports/headcount?date=2026-03-01'));
      expect(en.data.find((d: any) => d.department === null)).toMatchObject({ name: '(no department)', direct: 1, total: 1 });
      const lt = ok(await t.req('GET', '/api/hr/reports/headcount?date=2026-03-01', undefined, { 'accept-language': 'lt-LT,lt;q=0.9' }));
      expect(lt.data.find((d: any) => d.department === null)).toMatchObject({ name: '(be padalinio)', direct: 1 });
      expect(lt.totals.total).toBe(4);
    } finally {
      await t.db.query('delete from hr_employee where id = $1', [loner.id]);
    }
  });
});

describe('leave: allocate, apply, approve, cancel', () => {
  it('an allocation of 10 days posts +10 to the leave ledger', async () => {
    const over = await t.req('POST', '/api/hr/leave_allocation', {
      employee: jonas.id,
      leave_type: annual,
      from_date: '2026-01-01',
      to_date: '2026-12-31',
      new_leaves_allocated: '30',
    });
    expect(over.status).toBe(422);
    expect(over.body.error.details).toEqual([
      {
        path: 'new_leaves_allocated',
        message: 'Annual leave allows at most 28 days per allocation',
        key: 'hr.allows_most_per_allocation',
        params: { name: 'Annual leave', value: '28 days' },
      },
    ]);
    allocation = await post('leave_allocation', {
      employee: jonas.id,
      leave_type: annual,
      from_date: '2026-01-01',
      to_date: '2026-12-31',
      new_leaves_allocated: '10',
    });
    allocation = ok(await t.req('POST', `/api/hr/leave_allocation/${allocation.id}/submit`));
    expect(allocation).toMatchObject({ total_leaves_allocated: '10.0', docstatus: 'submitted' });
    expect(await balance()).toEqual([{ type: 'Annual leave', allocated: '10.0', taken: '0', pending: '0', balance: '10.0' }]);
  });

  let first: any;
  it('leave across a weekend and a holiday counts only the working days (Fri 6 - Thu 12 March = 4 days)', async () => {
    first = ok(await apply({ from_date: '2026-03-06', to_date: '2026-03-12', reason: 'Family trip' }), 201);
    // 6 Fri, 9 Mon, 10 Tue, 12 Thu; 7-8 weekend, 11 Restoration of Independence Day
    expect(first).toMatchObject({ total_leave_days: '4.0', status: 'open', approver: rasa.id, number: expect.stringMatching(/^HR-LAP-2026-00001$/) });
    first = ok(await t.req('POST', `/api/hr/leave_application/${first.id}/submit`));
    expect(first.status).toBe('open');
    expect(await balance()).toEqual([{ type: 'Annual leave', allocated: '10.0', taken: '0', pending: '4.0', balance: '10.0' }]);
  });

  it('an application beyond the balance (less what is pending) is refused', async () => {
    // 1-10 April: 8 working days; 10 - 4 pending = 6 available
    const r = await apply({ from_date: '2026-04-01', to_date: '2026-04-10' });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'INSUFFICIENT_LEAVE_BALANCE' });
    expect(r.body.error.details).toEqual([
      {
        path: 'to_date',
        message: 'Jonas Jonaitis has 6 days of Annual leave available (balance 10, 4 pending approval); this application needs 8 days',
        key: 'hr.available_balance_application_needs',
        params: {
          full_name: 'Jonas Jonaitis',
          value: '6 days',
          name: 'Annual leave',
          ledger: '10',
          value2: { en: ', 4 pending approval', lt: ', 4 laukia patvirtinimo' },
          value3: '8 days',
        },
      },
    ]);
    expect(Number((await t.db.query(`select count(*)::int as n from hr_leave_application`)).rows[0].n)).toBe(1);
  });

  it('an overlapping application is refused', async () => {
    const r = await apply({ from_date: '2026-03-12', to_date: '2026-03-13' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('OVERLAPPING_LEAVE');
    expect(r.body.error.message).toBe(
      'Jonas Jonaitis already applied for leave from 2026-03-06 to 2026-03-12 (HR-LAP-2026-00001, open); leave periods may not overlap',
    );
  });

  it('approval takes the days from the ledger and marks attendance on each working day', async () => {
    first = ok(await t.req('POST', `/api/hr/leave_application/${first.id}/actions/approve`, { note: 'Enjoy' }));
    expect(first).toMatchObject({ status: 'approved', decision_note: 'Enjoy' });
    expect(await attendance()).toEqual(['2026-03-06 on_leave', '2026-03-09 on_leave', '2026-03-10 on_leave', '2026-03-12 on_leave']);
    expect(await balance()).toEqual([{ type: 'Annual leave', allocated: '10.0', taken: '4.0', pending: '0', balance: '6.0' }]);
    expect(await ledgerSum()).toBe('6.0');
    // Approve and Reject are offered only on open applications
    for (const action of ['approve', 'reject']) {
      const again = await t.req('POST', `/api/hr/leave_application/${first.id}/actions/${action}`, {});
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('ACTION_NOT_ALLOWED');
    }
    // the decision is in the audit trail: the submit set the days and status, the approval what it decided
    const audit = (
      await t.db.query(`select action, changes from tessera_audit where entity = 'hr.leave_application' and record_id = $1 order by id`, [first.id])
    ).rows;
    expect(audit.map((a) => a.action)).toEqual(['create', 'submit', 'update', 'approve']);
    expect(audit[2].changes).toMatchObject({ status: { old: 'open', new: 'approved' }, decision_note: { old: null, new: 'Enjoy' } });
  });

  let half: any;
  it('a half day counts 0.5 and is marked as a half day', async () => {
    half = ok(await apply({ from_date: '2026-03-16', to_date: '2026-03-17', half_day: true, half_day_date: '2026-03-17' }), 201);
    expect(half.total_leave_days).toBe('1.5');
    ok(await t.req('POST', `/api/hr/leave_application/${half.id}/submit`));
    ok(await t.req('POST', `/api/hr/leave_application/${half.id}/actions/approve`, {}));
    expect((await attendance()).slice(-2)).toEqual(['2026-03-16 on_leave', '2026-03-17 half_day']);
    expect(await ledgerSum()).toBe('4.5');
  });

  it('attendance: one per employee and day; on-leave days are not edited by hand', async () => {
    ok(await t.req('POST', '/api/hr/attendance', { employee: jonas.id, attendance_date: '2026-03-18', status: 'present' }), 201);
    const dup = await t.req('POST', '/api/hr/attendance', { employee: jonas.id, attendance_date: '2026-03-18', status: 'absent' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('UNIQUE_VIOLATION');
    const manual = await t.req('POST', '/api/hr/attendance', { employee: jonas.id, attendance_date: '2026-03-19', status: 'on_leave' });
    expect(manual.status).toBe(422);
    expect(manual.body.error.details).toEqual([
      { path: 'status', message: 'on leave is marked by approving a leave application', key: 'hr.leave_marked_approving_leave_application' },
    ]);
    const [fromLeave] = (await t.db.query(`select id from hr_attendance where employee = $1 and attendance_date = '2026-03-09'`, [jonas.id])).rows;
    const edit = await t.req('PATCH', `/api/hr/attendance/${fromLeave.id}`, { status: 'present' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('ATTENDANCE_FROM_LEAVE');
  });

  it('the monthly attendance sheet shows leave, weekends, holidays, half days and presence', async () => {
    const r = ok(await t.req('GET', `/api/hr/reports/attendance-sheet?month=2026-03&employee=${jonas.id}`));
    const row = r.data[0];
    expect(Object.keys(row.days).length).toBe(31);
    expect(['06', '07', '09', '11', '16', '17', '18', '19'].map((d) => row.days[`2026-03-${d}`])).toEqual(['L', 'WO', 'L', 'H', 'L', 'HD', 'P', '']);
    // March 2026: 22 weekdays, 1 holiday on a Wednesday, 9 weekend days
    expect(row.totals).toEqual({ present: 1, absent: 0, half_day: 1, on_leave: 5, holiday: 1, weekly_off: 9, not_marked: 14 });
  });

  it('cancelling an approved application restores the balance and clears its attendance', async () => {
    const c = ok(await t.req('POST', `/api/hr/leave_application/${first.id}/cancel`));
    expect(c).toMatchObject({ status: 'cancelled', docstatus: 'cancelled' });
    expect(await attendance()).toEqual(['2026-03-16 on_leave', '2026-03-17 half_day', '2026-03-18 present']);
    expect(await balance()).toEqual([{ type: 'Annual leave', allocated: '10.0', taken: '1.5', pending: '0', balance: '8.5' }]);
    const entries = (
      await t.db.query(`select transaction_no, leaves::text, is_reversal from hr_leave_ledger_entry where employee = $1 order by id`, [jonas.id])
    ).rows;
    expect(entries).toEqual([
      { transaction_no: allocation.number, leaves: '10.0', is_reversal: false },
      { transaction_no: first.number, leaves: '-4.0', is_reversal: false },
      { transaction_no: half.number, leaves: '-1.5', is_reversal: false },
      { transaction_no: first.number, leaves: '4.0', is_reversal: true },
    ]);
    // the days are free again
    const again = ok(await apply({ from_date: '2026-03-09', to_date: '2026-03-10' }), 201);
    expect(again.total_leave_days).toBe('2.0');
  });

  it('an allocation in use cannot be cancelled; the ledger cannot be written directly', async () => {
    const r = await t.req('POST', `/api/hr/leave_allocation/${allocation.id}/cancel`);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe(
      `${allocation.number} cannot be cancelled: leave applications ${half.number} count against it; cancel or reject them first`,
    );
    // the ledger has no write routes, is read-only in the metadata, and plugin code cannot write it through the service API
    const w = await t.req('POST', '/api/hr/leave_ledger_entry', { employee: jonas.id });
    expect(w.status).toBe(404);
    const [entry] = (await t.db.query(`select id from hr_leave_ledger_entry limit 1`)).rows;
    expect((await t.req('DELETE', `/api/hr/leave_ledger_entry/${entry.id}`)).status).toBe(404);
    const meta = ok(await t.req('GET', '/api/meta')).entities.find((e: any) => e.key === 'hr.leave_ledger_entry');
    expect(meta).toMatchObject({ readOnly: true, permissions: { read: true, create: false, update: false, delete: false } });
    const code = await t.service.withServices(SYSTEM_USER, (ctx) =>
      ctx
        .entity('hr.leave_ledger_entry')
        .delete(entry.id)
        .then(
          () => 'deleted',
          (e) => e.code,
        ),
    );
    expect(code).toBe('READ_ONLY_ENTITY');
    await expect(t.db.query(`delete from hr_leave_ledger_entry`)).rejects.toThrow(/append-only/);
  });

  it('leave without pay needs no allocation and takes nothing from a balance', async () => {
    const r = ok(
      await t.req('POST', '/api/hr/leave_application', { employee: ona.id, leave_type: unpaid, from_date: '2026-02-13', to_date: '2026-02-17' }),
      201,
    );
    // 13 Fri, 16 Mon is a holiday, 17 Tue
    expect(r.total_leave_days).toBe('2.0');
    ok(await t.req('POST', `/api/hr/leave_application/${r.id}/submit`));
    ok(await t.req('POST', `/api/hr/leave_application/${r.id}/actions/approve`, {}));
    expect(await attendance(ona.id)).toEqual(['2026-02-13 on_leave', '2026-02-17 on_leave']);
    const none = await t.req('POST', '/api/hr/leave_application', { employee: ona.id, leave_type: annual, from_date: '2026-03-02', to_date: '2026-03-02' });
    expect(none.status).toBe(422);
    expect(none.body.error.details).toEqual([
      {
        path: 'leave_type',
        message: 'Ona Onaitė has no Annual leave allocated for 2026-03-02',
        key: 'hr.no_allocated',
        params: { full_name: 'Ona Onaitė', name: 'Annual leave', from_date: '2026-03-02' },
      },
    ]);
  });

  it('two overlapping applications submitted at the same moment: exactly one is accepted', async () => {
    const a = ok(await apply({ from_date: '2026-05-04', to_date: '2026-05-05' }), 201);
    const b = ok(await apply({ from_date: '2026-05-05', to_date: '2026-05-06' }), 201);
    const results = await Promise.all([a, b].map((x) => t.req('POST', `/api/hr/leave_application/${x.id}/submit`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('OVERLAPPING_LEAVE');
  });

  it("next year's allocation carries the unused days forward", async () => {
    // 2026: 10 allocated, 1.5 taken, 2 pending (the application above) -> 8.5 in the ledger
    const next = await post('leave_allocation', {
      employee: jonas.id,
      leave_type: annual,
      from_date: '2027-01-01',
      to_date: '2027-12-31',
      new_leaves_allocated: '5',
      carry_forward: true,
    });
    expect(next).toMatchObject({ carry_forwarded_leaves: '8.5', total_leaves_allocated: '13.5' });
    // the carried days are fixed by the submit itself (one audited state change)
    expect(ok(await t.req('POST', `/api/hr/leave_allocation/${next.id}/submit`))).toMatchObject({
      docstatus: 'submitted',
      carry_forwarded_leaves: '8.5',
      total_leaves_allocated: '13.5',
    });
    expect(
      (await t.db.query(`select action from tessera_audit where entity = 'hr.leave_allocation' and record_id = $1 order by id`, [next.id])).rows.map(
        (r) => r.action,
      ),
    ).toEqual(['create', 'submit']);
    const r = ok(await t.req('GET', `/api/hr/reports/leave-balance?date=2027-01-04&employee=${jonas.id}`));
    expect(r.data.map((x: any) => [x.allocated, x.balance])).toEqual([['13.5', '13.5']]);
    const noCarry = await t.req('POST', '/api/hr/leave_allocation', {
      employee: ona.id,
      leave_type: unpaid,
      from_date: '2027-01-01',
      to_date: '2027-12-31',
      new_leaves_allocated: '5',
    });
    expect(noCarry.status).toBe(422);
    expect(noCarry.body.error.details).toEqual([
      {
        path: 'leave_type',
        message: 'Unpaid leave is leave without pay: it needs no allocation',
        key: 'hr.leave_without_pay_needs_no',
        params: { name: 'Unpaid leave' },
      },
    ]);
  });
});
