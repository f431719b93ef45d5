/**
 * Project reports:
 * - profitability = billed - (labour at costing rates + materials issued at stock value +
 *   purchases charged), with budget burn (hours and cost used of the budget);
 * - the task timeline (Gantt data: dates, parent, dependencies, progress by status);
 * - my-timesheet week grid (hours per project / task / activity and weekday).
 * Every figure is over the rows the caller's row rules admit.
 */
import { Errors, type DashboardWidget, type ServiceContext, type SetupContext } from '@tessera/core';
import { countWidget, mapColumn, rowSchema, scopedParams as scoped, type RowFilter } from '@tessera/plugin-kit';
import { D, employeeOfUser, money } from './util.js';
import { errors } from '../errors.js';

type Sql = ServiceContext['sql'];
const TAG = 'projects reports';
const idPattern = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' };

const pct = (part: string, whole: string | null) => (whole && !D(whole).isZero() ? D(part).mul(100).div(D(whole)).toFixed(2) : null);

export async function profitability(sql: Sql, rowFilter: RowFilter, project?: number) {
  const p = scoped(rowFilter, [project ?? null]);
  const rows = await sql<Record<string, string>>(
    `select pr.id, pr.name, pr.budget_hours::text as budget_hours, pr.budget_amount::text as budget_amount,
            coalesce((select sum(b.amount) from projects_timesheet_billing b join sales_v_invoice i on i.id = b.sales_invoice
                       where b.project = pr.id and not b.freed and i.docstatus = 'submitted'), 0)::numeric(18,2)::text as billed,
            coalesce((select sum(t.costing_amount) from projects_timesheet t where t.project = pr.id and t.docstatus = 'submitted' and t.status in ('approved', 'billed')), 0)::numeric(18,2)::text as labour,
            coalesce((select sum(t.hours) from projects_timesheet t where t.project = pr.id and t.docstatus = 'submitted' and t.status in ('to_approve', 'approved', 'billed')), 0)::numeric(12,2)::text as hours,
            coalesce((select sum(c.amount) from projects_project_charge c join inventory_v_stock_entry s on s.id = c.stock_entry
                       where c.project = pr.id and c.kind = 'material' and s.docstatus = 'submitted'), 0)::numeric(18,2)::text as materials,
            coalesce((select sum(c.amount) from projects_project_charge c join purchasing_v_supplier_invoice s on s.id = c.supplier_invoice
                       where c.project = pr.id and c.kind = 'purchase' and s.docstatus = 'submitted'), 0)::numeric(18,2)::text as purchases
       from projects_project pr
      where ($1::bigint is null or pr.id = $1) and ${p.rule('projects.project', 'pr')}
      order by pr.name`,
    p.params,
  );
  return {
    projects: rows.map((r) => {
      const cost = D(r.labour).add(D(r.materials)).add(D(r.purchases));
      return {
        project: Number(r.id),
        name: r.name,
        billed: r.billed,
        labour_cost: r.labour,
        material_cost: r.materials,
        purchase_cost: r.purchases,
        total_cost: money(cost),
        margin: money(D(r.billed).sub(cost)),
        margin_percent: pct(money(D(r.billed).sub(cost)), r.billed),
        hours: r.hours,
        budget_hours: r.budget_hours,
        hours_used_percent: pct(r.hours, r.budget_hours),
        budget_amount: r.budget_amount,
        budget_used_percent: pct(money(cost), r.budget_amount),
      };
    }),
  };
}

export async function taskTimeline(sql: Sql, rowFilter: RowFilter, project: number) {
  const p = scoped(rowFilter, [project]);
  const tasks = await sql<Record<string, any>>(
    `select t.id, t.subject, t.status, t.parent_task, t.assignee, t.start_date::text as start_date, t.end_date::text as end_date, t.estimate_hours::text as estimate_hours,
            coalesce((select array_agg(d.task order by d.idx) from projects_task_dependency d where d.parent_id = t.id), '{}') as depends_on,
            coalesce((select sum(s.hours) from projects_timesheet s where s.task = t.id and s.docstatus = 'submitted'), 0)::numeric(12,2)::text as hours_logged
       from projects_task t where t.project = $1 and ${p.rule('projects.task', 't')}
      order by t.start_date nulls last, t.id`,
    p.params,
  );
  const dates = tasks
    .flatMap((t) => [t.start_date, t.end_date])
    .filter(Boolean)
    .sort();
  return {
    project,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    tasks: tasks.map((t) => ({
      ...t,
      id: Number(t.id),
      parent_task: t.parent_task == null ? null : Number(t.parent_task),
      depends_on: (t.depends_on as unknown[]).map(Number),
      done: t.status === 'completed',
    })),
  };
}

/** Monday of an ISO week given by any date in it. */
const mondayOf = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function weekGrid(sql: Sql, rowFilter: RowFilter, employee: number, anyDay: string) {
  const from = mondayOf(anyDay);
  const days = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(from, i));
  const p = scoped(rowFilter, [employee, from, days[6]]);
  const rows = await sql<{
    project: number;
    project_name: string;
    task: number | null;
    task_subject: string | null;
    activity_type: number;
    activity: string;
    date: string;
    hours: string;
  }>(
    `select t.project, pr.name as project_name, t.task, k.subject as task_subject, t.activity_type, a.name as activity, t.date::text as date, sum(t.hours)::numeric(8,2)::text as hours
       from projects_timesheet t join projects_project pr on pr.id = t.project join projects_activity_type a on a.id = t.activity_type left join projects_task k on k.id = t.task
      where t.employee = $1 and t.date between $2 and $3 and t.docstatus <> 'cancelled' and ${p.rule('projects.timesheet', 't')}
      group by 1, 2, 3, 4, 5, 6, 7 order by pr.name, k.subject nulls first, a.name`,
    p.params,
  );
  const grid = new Map<string, any>();
  for (const r of rows) {
    const key = `${r.project}:${r.task ?? ''}:${r.activity_type}`;
    const row = grid.get(key) ?? {
      project: Number(r.project),
      project_name: r.project_name,
      task: r.task == null ? null : Number(r.task),
      task_subject: r.task_subject,
      activity_type: Number(r.activity_type),
      activity: r.activity,
      hours: Object.fromEntries(days.map((d) => [d, '0.00'])),
      total: '0.00',
    };
    row.hours[r.date] = D(row.hours[r.date]).add(D(r.hours)).toFixed(2);
    row.total = D(row.total).add(D(r.hours)).toFixed(2);
    grid.set(key, row);
  }
  const list = [...grid.values()];
  const dayTotals = Object.fromEntries(days.map((d) => [d, list.reduce((s, r) => s.add(D(r.hours[d])), D(0)).toFixed(2)]));
  return { employee, week_start: from, days, rows: list, day_totals: dayTotals, total: list.reduce((s, r) => s.add(D(r.total)), D(0)).toFixed(2) };
}

export function registerProjectReports({ app, withServices, userOf }: SetupContext): void {
  app.get(
    '/api/projects/reports/profitability',
    {
      schema: {
        'x-rows': 'projects',
        tags: [TAG],
        'x-row-schema': rowSchema({
          project: 'integer',
          name: 'text',
          billed: 'money',
          labour_cost: 'money',
          material_cost: 'money',
          purchase_cost: 'money',
          total_cost: 'money',
          margin: 'money',
          margin_percent: 'percent',
          hours: 'money',
          budget_hours: 'money?',
          hours_used_percent: 'percent',
          budget_amount: 'money?',
          budget_used_percent: 'percent',
        }),
        'x-label': 'Project profitability',
        'x-labels': { lt: 'Projektų pelningumas' },
        summary: 'Project profitability and budget burn',
        'x-descriptions': { lt: 'Projektų pelningumas ir biudžeto panaudojimas' },
        querystring: { type: 'object', additionalProperties: false, properties: { project: idPattern } },
      },
    },
    async (req) =>
      withServices(userOf(req), async (ctx) => {
        for (const [k, fields] of Object.entries(PROFITABILITY_READS)) ctx.assertReadable(k, fields);
        const q = req.query as { project?: string };
        return profitability(ctx.sql, ctx.rowFilter, q.project ? Number(q.project) : undefined);
      }),
  );
  app.get(
    '/api/projects/reports/task-timeline',
    {
      schema: {
        'x-rows': 'tasks',
        tags: [TAG],
        'x-row-schema': rowSchema({
          id: 'integer',
          subject: 'text',
          status: 'text',
          parent_task: 'id',
          assignee: 'id',
          start_date: 'date',
          end_date: 'date',
          estimate_hours: 'money?',
          depends_on: 'ids',
          hours_logged: 'money',
          done: 'boolean',
        }),
        'x-label': 'Task timeline',
        'x-labels': { lt: 'Užduočių laiko juosta' },
        summary: "A project's tasks on a timeline (Gantt data)",
        'x-descriptions': { lt: 'Projekto užduotys laiko juostoje (Ganto diagramos duomenys)' },
        querystring: { type: 'object', required: ['project'], additionalProperties: false, properties: { project: idPattern } },
      },
    },
    async (req) =>
      withServices(userOf(req), async (ctx) => {
        ctx.assertReadable('projects.task', ['subject', 'status', 'parent_task', 'assignee', 'start_date', 'end_date', 'estimate_hours']);
        return taskTimeline(ctx.sql, ctx.rowFilter, Number((req.query as { project: string }).project));
      }),
  );
  app.get(
    '/api/projects/reports/week',
    {
      schema: {
        tags: [TAG],
        'x-row-schema': rowSchema({
          project: 'integer',
          project_name: 'text',
          task: 'id',
          task_subject: 'text',
          activity_type: 'integer',
          activity: 'text',
          hours: mapColumn('money', 'day (YYYY-MM-DD) -> hours, 2 places'),
          total: 'money',
        }),
        'x-label': 'My timesheet week',
        'x-labels': { lt: 'Mano savaitės darbo laikas' },
        summary: 'My timesheet week: hours per project, task and activity by weekday',
        'x-descriptions': { lt: 'Mano darbo laiko savaitė: valandos pagal projektą, užduotį ir veiklą kiekvieną savaitės dieną' },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            date: { type: 'string', format: 'date', description: 'Any day of the week; default today.' },
            employee: { ...idPattern, 'x-ref': 'hr.employee' },
          },
        },
      },
    },
    async (req) =>
      withServices(userOf(req), async (ctx) => {
        ctx.assertReadable('projects.timesheet', ['employee', 'project', 'task', 'activity_type', 'date', 'hours']);
        const q = req.query as { date?: string; employee?: string };
        const employee = q.employee ? Number(q.employee) : await employeeOfUser(ctx, ctx.user.id);
        if (employee == null)
          throw Errors.unprocessable('NO_EMPLOYEE', errors.t('employee_no_employee_linked_your'), [
            { path: 'employee', ...errors.t('required_no_employee_linked_your') },
          ]);
        const day = q.date ?? (await ctx.sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
        return weekGrid(ctx.sql, ctx.rowFilter, employee, day);
      }),
  );
}

/**
 * The fields profitability computes from: the viewer must be allowed to see each of them. Billing
 * and charge rows are the project's own sub-ledgers, read with the project (its row rule applies).
 */
export const PROFITABILITY_READS = {
  'projects.project': ['name', 'budget_hours', 'budget_amount'],
  'projects.timesheet': ['project', 'hours', 'costing_amount', 'status'],
} as const;
const TIMESHEET_READS = { 'projects.timesheet': ['status'] } as const;

export const projectsDashboard: DashboardWidget[] = [
  {
    id: 'project_margin',
    label: 'Project margin',
    labels: { lt: 'Projektų marža' },
    kind: 'bar',
    entity: 'projects.project',
    reads: PROFITABILITY_READS,
    query: async ({ sql, rowFilter, config }) => ({
      series: (await profitability(sql, rowFilter)).projects.map((p) => ({ label: p.name, value: p.margin })),
      currency: config.company.currency,
    }),
  },
  {
    // The member's own tile: their open tasks.
    id: 'my_tasks',
    label: 'My open tasks',
    labels: { lt: 'Mano atviros užduotys' },
    kind: 'number',
    entity: 'projects.task',
    roles: ['projects.member', 'projects.project_manager', 'hr.employee'],
    link: { entity: 'projects.task', filter: { status: ['open', 'working'], assignee: '$user' } },
    reads: { 'projects.task': ['assignee', 'status'] },
    query: async (ctx) => {
      const p = scoped(ctx.rowFilter, [ctx.user.id]);
      const [row] = await ctx.sql<{ v: number }>(
        `select count(*)::int as v from projects_task t where t.assignee = $1 and t.status in ('open', 'working') and ${p.rule('projects.task', 't')}`,
        p.params,
      );
      return { value: row!.v };
    },
  },
  countWidget({
    id: 'timesheets_to_approve',
    label: 'Timesheets to approve',
    labels: { lt: 'Laukia patvirtinimo' },
    entity: 'projects.timesheet',
    reads: TIMESHEET_READS['projects.timesheet'],
    table: 'projects_timesheet',
    where: `t.docstatus = 'submitted' and t.status = 'to_approve'`,
  }),
];
