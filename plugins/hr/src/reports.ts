/**
 * HR reports (GET /api/hr/reports/...): leave balance per employee and leave type, the monthly
 * attendance sheet and headcount by department. Each validates its query string, checks the
 * caller may read the entities it reads, limits rows to those the caller's row rules admit
 * (ctx.rowFilter in the SQL: the employees they may see) and aggregates in SQL.
 */
import { requestLang, type DashboardWidget, type SetupContext } from '@tessera/core';
import { countWidget, figure, mapColumn, rowSchema, series, widgetParams } from '@tessera/plugin-kit';
import { assertCanRead, today, userOf } from './common.js';

const id = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' };
const date = { type: 'string', format: 'date' };
const query = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(required.length ? { required } : {}),
});
const tags = ['hr'];
const num = (v: string | undefined) => (v === undefined ? null : Number(v));

/** Short codes of the attendance sheet. */
export const SHEET_CODES: Record<string, string> = { present: 'P', absent: 'A', half_day: 'HD', on_leave: 'L', holiday: 'H', weekly_off: 'WO' };

export async function registerReports({ app, withServices }: SetupContext): Promise<void> {
  app.get(
    '/api/hr/reports/leave-balance',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({
          employee: 'integer',
          employee_number: 'text',
          full_name: 'text',
          leave_type: 'integer',
          leave_type_name: 'text',
          allocation: 'integer',
          allocation_number: 'text',
          from_date: 'date',
          to_date: 'date',
          allocated: 'decimal',
          taken: 'decimal',
          pending: 'decimal',
          balance: 'decimal',
        }),
        'x-label': 'Leave balance',
        'x-labels': { lt: 'Atostogų likučiai' },
        summary:
          'Leave balance per employee and leave type: allocated, taken, pending approval and balance (= sum of the leave ledger) of the allocation in force on a date',
        'x-descriptions': {
          lt: 'Atostogų likutis pagal darbuotoją ir atostogų tipą: skirta, panaudota, laukia patvirtinimo ir likutis (= atostogų žurnalo suma) pagal datai galiojantį skyrimą',
        },
        querystring: query({ date: { ...date, description: 'default: today' }, employee: id, leave_type: id, department: id }),
      },
    },
    async (req) => {
      const q = req.query as { date?: string; employee?: string; leave_type?: string; department?: string };
      return withServices(userOf(req), async (ctx) => {
        assertCanRead(ctx, {
          'hr.leave_allocation': ['number', 'employee', 'leave_type', 'from_date', 'to_date'],
          'hr.leave_ledger_entry': ['allocation', 'leaves', 'transaction_type'],
          'hr.leave_application': ['employee', 'leave_type', 'total_leave_days', 'status', 'from_date'],
          'hr.employee': ['employee_number', 'full_name', 'department'],
          'hr.leave_type': ['name'],
        });
        const on = q.date ?? (await today(ctx));
        const params: unknown[] = [on, num(q.employee), num(q.leave_type), num(q.department)];
        const param = (v: unknown) => `$${params.push(v)}`;
        const scope = `${ctx.rowFilter('hr.employee', 'e', param)} and ${ctx.rowFilter('hr.leave_allocation', 'a', param)}`;
        const ledger = ctx.rowFilter('hr.leave_ledger_entry', 'l', param);
        const pendingScope = ctx.rowFilter('hr.leave_application', 'p', param);
        const rows = await ctx.sql(
          `select a.employee, e.employee_number, e.full_name, a.leave_type, t.name as leave_type_name, a.id as allocation, a.number as allocation_number,
                a.from_date::text as from_date, a.to_date::text as to_date,
                coalesce(sum(l.leaves) filter (where l.transaction_type = 'hr.leave_allocation'), 0)::text as allocated,
                (-coalesce(sum(l.leaves) filter (where l.transaction_type = 'hr.leave_application'), 0))::text as taken,
                (select coalesce(sum(p.total_leave_days), 0) from hr_leave_application p
                  where p.employee = a.employee and p.leave_type = a.leave_type and p.docstatus = 'submitted' and p.status = 'open'
                    and p.from_date between a.from_date and a.to_date and ${pendingScope})::text as pending,
                coalesce(sum(l.leaves), 0)::text as balance
           from hr_leave_allocation a
           join hr_employee e on e.id = a.employee
           join hr_leave_type t on t.id = a.leave_type
           left join hr_leave_ledger_entry l on l.allocation = a.id and ${ledger}
          where a.docstatus = 'submitted' and a.from_date <= $1 and a.to_date >= $1
            and ($2::bigint is null or a.employee = $2) and ($3::bigint is null or a.leave_type = $3)
            and ($4::bigint is null or e.department = $4) and ${scope}
          group by a.id, e.id, t.id
          order by e.full_name, e.id, t.name`,
          params,
        );
        return { date: on, data: rows };
      });
    },
  );

  app.get(
    '/api/hr/reports/attendance-sheet',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({
          employee: 'integer',
          employee_number: 'text',
          full_name: 'text',
          department: 'text',
          days: mapColumn({ type: 'string' }, 'day (YYYY-MM-DD) -> the code of its status (see codes), empty when not marked'),
          totals: mapColumn('integer', 'status -> days'),
        }),
        'x-label': 'Attendance sheet',
        'x-labels': { lt: 'Lankomumo žiniaraštis' },
        summary: `Monthly attendance sheet: one row per employee, a status per day (${Object.entries(SHEET_CODES)
          .map(([k, v]) => `${v} ${k.replace('_', ' ')}`)
          .join(', ')}) and totals`,
        'x-descriptions': { lt: 'Mėnesio lankomumo žiniaraštis: eilutė kiekvienam darbuotojui, būsena kiekvienai dienai ir sumos' },
        querystring: query({ month: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }, department: id, employee: id }, [
          'month',
        ]),
      },
    },
    async (req) => {
      const q = req.query as { month: string; department?: string; employee?: string };
      return withServices(userOf(req), async (ctx) => {
        assertCanRead(ctx, {
          'hr.attendance': ['employee', 'attendance_date', 'status'],
          'hr.employee': ['employee_number', 'full_name', 'department', 'date_of_joining', 'relieving_date', 'holiday_list'],
          'hr.holiday_list': ['is_default', 'weekly_off', 'holidays.holiday_date'],
          'hr.department': ['name'],
        });
        const from = `${q.month}-01`;
        const params: unknown[] = [from, num(q.department), num(q.employee)];
        const param = (v: unknown) => `$${params.push(v)}`;
        const employees = ctx.rowFilter('hr.employee', 'e', param);
        const attendance = ctx.rowFilter('hr.attendance', 'a', param);
        const cells = await ctx.sql<{ id: number; employee_number: string; full_name: string; department: string | null; d: string; status: string | null }>(
          `with emp as (
           select e.id, e.employee_number, e.full_name, dep.name as department, e.date_of_joining, e.relieving_date,
                  coalesce(e.holiday_list, (select id from hr_holiday_list where is_default limit 1)) as holiday_list
             from hr_employee e left join hr_department dep on dep.id = e.department
            where e.date_of_joining <= (date_trunc('month', $1::date) + interval '1 month - 1 day')::date
              and (e.relieving_date is null or e.relieving_date >= $1::date)
              and ($2::bigint is null or e.department = $2) and ($3::bigint is null or e.id = $3) and ${employees}
         ), days as (
           select d::date as d from generate_series($1::date, date_trunc('month', $1::date) + interval '1 month - 1 day', interval '1 day') as d
         )
         select emp.id, emp.employee_number, emp.full_name, emp.department, days.d::text as d,
                case when days.d < emp.date_of_joining or days.d > emp.relieving_date then null
                     when a.status is not null then a.status
                     when h.id is not null then 'holiday'
                     when hl.weekly_off ? to_char(days.d, 'FMday') then 'weekly_off'
                end as status
           from emp cross join days
           left join hr_attendance a on a.employee = emp.id and a.attendance_date = days.d and ${attendance}
           left join hr_holiday h on h.parent_id = emp.holiday_list and h.holiday_date = days.d
           left join hr_holiday_list hl on hl.id = emp.holiday_list
          order by emp.full_name, emp.id, days.d`,
          params,
        );
        const rows = new Map<
          number,
          {
            employee: number;
            employee_number: string;
            full_name: string;
            department: string | null;
            days: Record<string, string>;
            totals: Record<string, number>;
          }
        >();
        for (const c of cells) {
          const key = Number(c.id);
          if (!rows.has(key))
            rows.set(key, {
              employee: key,
              employee_number: c.employee_number,
              full_name: c.full_name,
              department: c.department,
              days: {},
              totals: { present: 0, absent: 0, half_day: 0, on_leave: 0, holiday: 0, weekly_off: 0, not_marked: 0 },
            });
          const row = rows.get(key)!;
          row.days[c.d] = c.status ? SHEET_CODES[c.status]! : '';
          row.totals[c.status ?? 'not_marked']! += 1;
        }
        return { month: q.month, codes: SHEET_CODES, data: [...rows.values()] };
      });
    },
  );

  app.get(
    '/api/hr/reports/headcount',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({ department: 'id', name: 'text', parent: 'id', direct: 'integer', total: 'integer' }),
        'x-label': 'Headcount',
        'x-labels': { lt: 'Darbuotojų skaičius' },
        summary: 'Headcount by department on a date: employees in the department itself and in its whole subtree',
        'x-descriptions': { lt: 'Darbuotojų skaičius pagal padalinį datai: padalinio ir visų jo popadalinių darbuotojai' },
        querystring: query({ date: { ...date, description: 'default: today' } }),
      },
    },
    async (req) => {
      const q = req.query as { date?: string };
      return withServices(userOf(req), async (ctx) => {
        assertCanRead(ctx, { 'hr.employee': ['department', 'date_of_joining', 'relieving_date'], 'hr.department': ['name', 'parent'] });
        const on = q.date ?? (await today(ctx));
        const params: unknown[] = [on];
        const employees = ctx.rowFilter('hr.employee', 'e', (v) => `$${params.push(v)}`);
        const rowParams = [...params];
        const departments = ctx.rowFilter('hr.department', 'dep', (v) => `$${rowParams.push(v)}`);
        // The row of employees without a department, named in the request's language.
        const nobody = `$${rowParams.push(requestLang(req, ctx.config.company.locale) === 'lt' ? '(be padalinio)' : '(no department)')}::text`;
        const rows = await ctx.sql<{ department: number | null; name: string; parent: number | null; direct: number; total: number }>(
          `with recursive staff as (
           select e.department, count(*)::int as n from hr_employee e
            where e.date_of_joining <= $1 and (e.relieving_date is null or e.relieving_date >= $1) and ${employees}
            group by e.department
         ), tree(id, root) as (
           select id, id from hr_department
           union all select d.id, t.root from hr_department d join tree t on d.parent = t.id
         )
         select dep.id as department, dep.name, dep.parent, coalesce(s.n, 0) as direct,
                (select coalesce(sum(s2.n), 0)::int from tree t join staff s2 on s2.department = t.id where t.root = dep.id) as total
           from hr_department dep left join staff s on s.department = dep.id
          where ${departments}
         union all
         select null, ${nobody}, null, n, n from staff where department is null
          order by name`,
          rowParams,
        );
        const [all] = await ctx.sql<{ n: number }>(
          `select count(*)::int as n from hr_employee e where e.date_of_joining <= $1 and (e.relieving_date is null or e.relieving_date >= $1) and ${employees}`,
          params,
        );
        return { date: on, total: all!.n, data: rows };
      });
    },
  );
}

export const dashboard: DashboardWidget[] = [
  {
    // The employee's own home page: their leave balance per leave type today (allocations in force).
    id: 'my_leave_balance',
    label: 'My leave balance (days)',
    labels: { lt: 'Mano atostogų likutis (d.)' },
    kind: 'bar',
    entity: 'hr.leave_allocation',
    roles: ['hr.employee'],
    link: { entity: 'hr.leave_application', pointField: 'leave_type' },
    reads: {
      'hr.leave_allocation': ['employee', 'leave_type', 'from_date', 'to_date'],
      'hr.leave_ledger_entry': ['allocation', 'leaves'],
      'hr.leave_type': ['name'],
      'hr.employee': ['user'],
    },
    query: async (ctx) => {
      const p = widgetParams(ctx, [ctx.user.id]);
      const scope = `${p.rule('hr.leave_allocation', 'a')} and ${p.rule('hr.employee', 'e')}`;
      const ledger = p.rule('hr.leave_ledger_entry', 'l');
      return series(
        ctx,
        `select t.name as label, t.id as key, coalesce(sum(l.leaves), 0)::text as value
           from hr_leave_allocation a
           join hr_employee e on e.id = a.employee and e."user" = $1
           join hr_leave_type t on t.id = a.leave_type
           left join hr_leave_ledger_entry l on l.allocation = a.id and ${ledger}
          where a.docstatus = 'submitted' and a.from_date <= current_date and a.to_date >= current_date and ${scope}
          group by t.id, t.name order by t.name`,
        p.params,
      );
    },
  },
  {
    // The approver's own tile: the open leave applications that name them as the approver.
    id: 'my_approvals',
    label: 'Leave awaiting my approval',
    labels: { lt: 'Atostogos, laukiančios mano patvirtinimo' },
    kind: 'number',
    entity: 'hr.leave_application',
    roles: ['hr.employee'],
    link: { entity: 'hr.leave_application', filter: { status: 'open' } },
    reads: { 'hr.leave_application': ['approver', 'status'], 'hr.employee': ['user'] },
    query: async (ctx) => {
      const p = widgetParams(ctx, [ctx.user.id]);
      return figure(
        ctx,
        `select count(*)::int as v from hr_leave_application t join hr_employee e on e.id = t.approver and e."user" = $1
          where t.status = 'open' and ${p.rule('hr.leave_application', 't')} and ${p.rule('hr.employee', 'e')}`,
        p.params,
      );
    },
  },
  countWidget({
    id: 'headcount',
    label: 'Employees',
    labels: { lt: 'Darbuotojai' },
    entity: 'hr.employee',
    link: { entity: 'hr.employee' },
    reads: ['status'],
    table: 'hr_employee',
    where: `t.status <> 'left'`,
  }),
  {
    id: 'headcount_by_department',
    label: 'Headcount by department',
    labels: { lt: 'Darbuotojai pagal padalinį' },
    kind: 'bar',
    entity: 'hr.employee',
    link: { entity: 'hr.employee', pointField: 'department' },
    reads: { 'hr.employee': ['status', 'department'], 'hr.department': ['name'] },
    query: async (ctx) => {
      const p = widgetParams(ctx);
      return series(
        ctx,
        `select d.name as label, d.id as key, count(*)::int as value
           from hr_employee e left join hr_department d on d.id = e.department
          where e.status <> 'left' and ${p.rule('hr.employee', 'e')} group by 1, 2 order by 3 desc, 1`,
        p.params,
      );
    },
  },
  countWidget({
    id: 'on_leave_today',
    label: 'On leave today',
    labels: { lt: 'Šiandien atostogauja' },
    entity: 'hr.attendance',
    link: { entity: 'hr.attendance', filter: { status: ['on_leave', 'half_day'] } },
    reads: ['attendance_date', 'status', 'leave_application'],
    table: 'hr_attendance',
    where: `t.attendance_date = current_date and t.status in ('on_leave', 'half_day') and t.leave_application is not null`,
  }),
  countWidget({
    id: 'leave_awaiting_approval',
    label: 'Leave awaiting approval',
    labels: { lt: 'Laukia patvirtinimo' },
    entity: 'hr.leave_application',
    link: { entity: 'hr.leave_application', filter: { docstatus: 'submitted', status: 'open' } },
    reads: ['status'],
    table: 'hr_leave_application',
    where: `t.docstatus = 'submitted' and t.status = 'open'`,
  }),
];
