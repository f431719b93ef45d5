import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, startApp, type Req, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

type User = { id: number; token: string; req: Req };
let t: TestApp;
let pm: User;
let member: User;
let stranger: User;
let customer: any;
let project: any;
let other: any;
let consulting: any;
let service: number;
let bolt: number;
let main: number;
let ona: any; // the member's employee

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'hr', 'projects'], company: { currency: 'EUR' } });
  pm = await t.createUser('pm', ['projects.project_manager']);
  member = await t.createUser('member', ['projects.member']);
  stranger = await t.createUser('stranger', ['projects.member']);
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0]!.id;
  const hour = (await t.db.query(`select id from inventory_uom order by id limit 1`)).rows[0]!.id;
  main = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Main' }), 201).id;
  service = ok(await t.req('POST', '/api/inventory/item', { code: 'CONSULT-H', name: 'Consulting hour', stock_uom: hour, is_stock_item: false }), 201).id;
  bolt = ok(await t.req('POST', '/api/inventory/item', { code: 'BOLT', name: 'Bolt', stock_uom: nos }), 201).id;
  const rec = ok(
    await t.req('POST', '/api/inventory/stock_entry', {
      purpose: 'receipt',
      posting_date: '2026-11-02',
      to_warehouse: main,
      lines: [{ item: bolt, qty: '20', rate: '3.00' }],
    }),
    201,
  );
  ok(await t.req('POST', `/api/inventory/stock_entry/${rec.id}/submit`));
  customer = ok(await t.req('POST', '/api/crm/organization', { name: 'Client UAB' }), 201);
  ona = ok(await t.req('POST', '/api/hr/employee', { first_name: 'Ona', last_name: 'Onaitė', date_of_joining: '2024-01-01', user: member.id }), 201);
  consulting = ok(
    await t.req('POST', '/api/projects/activity_type', { name: 'Consulting', billing_rate: '40.00', costing_rate: '25.00', service_item: service }),
    201,
  );
  project = ok(
    await pm.req('POST', '/api/projects/project', {
      name: 'ERP rollout',
      customer: customer.id,
      manager: pm.id,
      budget_hours: '10',
      budget_amount: '300.00',
      members: [{ user: member.id }],
    }),
    201,
  );
  other = ok(await pm.req('POST', '/api/projects/project', { name: 'Secret project', customer: customer.id, manager: pm.id }), 201);
});
afterAll(async () => t?.close());

const timesheet = async (body: Record<string, unknown>, as: Req = member.req) =>
  ok(await as('POST', '/api/projects/timesheet', { project: project.id, activity_type: consulting.id, date: '2026-11-23', hours: '6', ...body }), 201);
const submit = async (id: number, as: Req = member.req) => ok(await as('POST', `/api/projects/timesheet/${id}/submit`));
const approve = async (id: number) => ok(await pm.req('POST', `/api/projects/timesheet/${id}/actions/approve`, {}));
const profit = async () => ok(await pm.req('GET', `/api/projects/reports/profitability?project=${project.id}`)).data[0];

describe('timesheets: billed once, cancelling the invoice frees them (DOMAIN.md)', () => {
  let ts: any;
  let invoice: any;

  it('6 h at billing 40.00 / cost 25.00: billed 240.00, cost 150.00; the member’s own employee by default', async () => {
    ts = await timesheet({ description: 'Workshop' });
    expect(ts).toMatchObject({
      employee: ona.id,
      billing_rate: '40.00',
      costing_rate: '25.00',
      billing_amount: '240.00',
      costing_amount: '150.00',
      status: 'draft',
    });
    expect((await submit(ts.id)).status).toBe('to_approve');
  });

  it('only the project manager approves', async () => {
    const self = await member.req('POST', `/api/projects/timesheet/${ts.id}/actions/approve`, {});
    expect(self.status).toBe(403);
    const approved = await approve(ts.id);
    expect(approved).toMatchObject({ status: 'approved', approved_by: pm.id });
  });

  it('bills the approved timesheet into a sales invoice line; a second bill is refused', async () => {
    invoice = ok(await pm.req('POST', `/api/projects/project/${project.id}/actions/bill_timesheets`, { timesheets: [ts.id], posting_date: '2026-11-30' }));
    expect(invoice.docstatus).toBe('submitted');
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.lines[0]).toMatchObject({ item: service, qty: '6.000000', amount: '240.00' });
    expect(invoice.net_total).toBe('240.00');
    expect(ok(await t.req('GET', `/api/projects/timesheet/${ts.id}`)).status).toBe('billed');
    const again = await pm.req('POST', `/api/projects/project/${project.id}/actions/bill_timesheets`, { timesheets: [ts.id] });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ code: 'TIMESHEET_ALREADY_BILLED', details: [{ path: 'timesheets/0' }] });
    expect(again.body.error.message).toMatch(/already billed/);
    const all = await pm.req('POST', `/api/projects/project/${project.id}/actions/bill_timesheets`, {});
    expect(all.status).toBe(422);
    expect(all.body.error.code).toBe('NOTHING_TO_BILL');
    const invoices = ok(await t.req('GET', '/api/sales/sales_invoice')).total;
    expect(invoices).toBe(1);
    const cancelTs = await t.req('POST', `/api/projects/timesheet/${ts.id}/cancel`);
    expect(cancelTs.status).toBe(409);
    expect(cancelTs.body.error.code).toBe('TIMESHEET_BILLED');
  });

  it('profitability: billed 240.00 - labour 150.00 - materials 30.00 = margin 60.00; budget burn', async () => {
    const issue = ok(
      await t.req('POST', '/api/inventory/stock_entry', {
        purpose: 'issue',
        posting_date: '2026-11-24',
        from_warehouse: main,
        lines: [{ item: bolt, qty: '10' }],
      }),
      201,
    );
    ok(await t.req('POST', `/api/inventory/stock_entry/${issue.id}/submit`));
    const charge = ok(await pm.req('POST', `/api/inventory/stock_entry/${issue.id}/actions/charge_to_project`, { project: project.id }));
    expect(charge).toMatchObject({ kind: 'material', amount: '30.00', stock_entry: issue.id });
    expect(await profit()).toMatchObject({
      billed: '240.00',
      labour_cost: '150.00',
      material_cost: '30.00',
      purchase_cost: '0.00',
      total_cost: '180.00',
      margin: '60.00',
      margin_percent: '25.00',
      hours: '6.00',
      hours_used_percent: '60.00',
      budget_used_percent: '60.00',
    });
    const twice = await pm.req('POST', `/api/inventory/stock_entry/${issue.id}/actions/charge_to_project`, { project: other.id });
    expect(twice.status).toBe(409);
  });

  it('cancelling the invoice frees the timesheet; it is billed again on a new invoice', async () => {
    ok(await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/cancel`));
    expect(ok(await t.req('GET', `/api/projects/timesheet/${ts.id}`)).status).toBe('approved');
    expect((await profit()).billed).toBe('0.00');
    const again = ok(await pm.req('POST', `/api/projects/project/${project.id}/actions/bill_timesheets`, {}));
    expect(again.net_total).toBe('240.00');
    expect((await profit()).margin).toBe('60.00');
    const billings = ok(await t.req('GET', `/api/projects/timesheet_billing?filter=${filter({ timesheet: ts.id })}&sort=id`)).data;
    expect(billings.map((b: any) => [b.sales_invoice, b.freed])).toEqual([
      [invoice.id, true],
      [again.id, false],
    ]);
  });

  it('refuses unapproved, unbillable or foreign timesheets, naming each', async () => {
    const draft = await timesheet({ hours: '1' });
    const unbillable = await timesheet({ hours: '2', billable: false });
    await submit(unbillable.id);
    await approve(unbillable.id);
    const foreign = await timesheet({ project: other.id, hours: '1', employee: ona.id }, pm.req);
    const r = await pm.req('POST', `/api/projects/project/${project.id}/actions/bill_timesheets`, { timesheets: [draft.id, unbillable.id, foreign.id] });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: any) => [d.path, d.message])).toEqual([
      ['timesheets/0', `${draft.number} is draft: only approved timesheets are billed`],
      ['timesheets/1', `${unbillable.number} is not billable`],
      ['timesheets/2', `${foreign.number} belongs to another project`],
    ]);
    expect(ok(await t.req('GET', '/api/sales/sales_order')).total).toBe(2);
  });
});

describe('a member sees their projects', () => {
  it('lists, tasks, timesheets and reports follow the member rule', async () => {
    const task = ok(
      await pm.req('POST', '/api/projects/task', { project: project.id, subject: 'Design', start_date: '2026-11-23', end_date: '2026-11-25' }),
      201,
    );
    ok(await pm.req('POST', '/api/projects/task', { project: other.id, subject: 'Hidden task' }), 201);
    expect(ok(await member.req('GET', '/api/projects/project')).data.map((p: any) => p.name)).toEqual(['ERP rollout']);
    expect((await member.req('GET', `/api/projects/project/${other.id}`)).status).toBe(404);
    expect(ok(await member.req('GET', '/api/projects/task')).data.map((x: any) => x.subject)).toEqual(['Design']);
    expect(ok(await member.req('GET', '/api/projects/timesheet')).data.every((x: any) => x.project === project.id)).toBe(true);
    expect(ok(await stranger.req('GET', '/api/projects/project')).total).toBe(0);
    const onOther = await member.req('POST', '/api/projects/timesheet', { project: other.id, activity_type: consulting.id, date: '2026-11-23', hours: '1' });
    expect([403, 404, 422]).toContain(onOther.status);
    expect(ok(await member.req('GET', '/api/projects/reports/profitability')).data.map((x: any) => x.name)).toEqual(['ERP rollout']);
    expect(ok(await stranger.req('GET', '/api/projects/reports/profitability')).data).toEqual([]);
    expect(ok(await member.req('GET', `/api/projects/reports/task-timeline?project=${project.id}`)).data.map((x: any) => x.id)).toEqual([task.id]);
  });
});

describe('tasks and the week grid', () => {
  it('refuses a dependency on another project or a cycle; a task completes after its dependencies', async () => {
    const a = ok(await pm.req('POST', '/api/projects/task', { project: project.id, subject: 'A', start_date: '2026-11-23', end_date: '2026-11-24' }), 201);
    const b = ok(await pm.req('POST', '/api/projects/task', { project: project.id, subject: 'B', parent_task: a.id, depends_on: [{ task: a.id }] }), 201);
    const hidden = ok(await pm.req('GET', `/api/projects/task?filter=${filter({ subject: 'Hidden task' })}`)).data[0];
    const cross = await pm.req('PATCH', `/api/projects/task/${b.id}`, { depends_on: [{ task: hidden.id }] });
    expect(cross.status).toBe(422);
    expect(cross.body.error.details[0]).toMatchObject({ path: 'depends_on/0/task' });
    const cycle = await pm.req('PATCH', `/api/projects/task/${a.id}`, { depends_on: [{ task: b.id }] });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.message).toMatch(/cycle/);
    const early = await pm.req('PATCH', `/api/projects/task/${b.id}`, { status: 'completed' });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toMatch(/"A" is open: complete it first/);
    ok(await pm.req('PATCH', `/api/projects/task/${a.id}`, { status: 'completed' }));
    expect(ok(await pm.req('PATCH', `/api/projects/task/${b.id}`, { status: 'completed' })).status).toBe('completed');
    const gantt = ok(await pm.req('GET', `/api/projects/reports/task-timeline?project=${project.id}`));
    expect(gantt.data.find((x: any) => x.id === b.id)).toMatchObject({ parent_task: a.id, depends_on: [a.id], done: true });
  });

  it('my week: hours per project and task by weekday, with totals', async () => {
    const design = ok(await member.req('GET', `/api/projects/task?filter=${filter({ subject: 'Design' })}`)).data[0];
    await timesheet({ task: design.id, date: '2026-11-24', hours: '2.5' });
    await timesheet({ task: design.id, date: '2026-11-25', hours: '1.5' });
    const week = ok(await member.req('GET', '/api/projects/reports/week?date=2026-11-26'));
    expect(week.week_start).toBe('2026-11-23');
    expect(week.days).toHaveLength(7);
    const designRow = week.data.find((r: any) => r.task === design.id);
    expect(designRow.hours).toMatchObject({ '2026-11-24': '2.50', '2026-11-25': '1.50', '2026-11-23': '0.00' });
    expect(designRow.total).toBe('4.00');
    // 6 (billed) + 1 (draft) + 2 (not billable) + 4 on the 23rd..25th
    expect(week.totals.total).toBe('13.00');
    expect(week.day_totals['2026-11-23']).toBe('9.00');
  });
});

describe('purchases charged to a project', () => {
  it('a submitted supplier invoice charged to the project counts as purchase cost; a draft is refused', async () => {
    const supplier = ok(await t.req('POST', '/api/purchasing/supplier', { name: 'Cable Supplies UAB' }), 201);
    const inv = ok(
      await t.req('POST', '/api/purchasing/supplier_invoice', {
        supplier: supplier.id,
        posting_date: '2026-11-25',
        lines: [{ item: bolt, qty: '1', rate: '12.50' }],
      }),
      201,
    );
    const draft = await pm.req('POST', '/api/projects/project_charge', { project: project.id, kind: 'purchase', supplier_invoice: inv.id });
    expect(draft.status).toBe(422);
    expect(draft.body.error.details[0]).toMatchObject({ path: 'supplier_invoice' });
    ok(await t.req('POST', `/api/purchasing/supplier_invoice/${inv.id}/submit`));
    const before = await profit();
    const charge = ok(await pm.req('POST', `/api/purchasing/supplier_invoice/${inv.id}/actions/charge_to_project`, { project: project.id }));
    expect(charge).toMatchObject({ kind: 'purchase', amount: '12.50' });
    const after = await profit();
    expect(after).toMatchObject({ billed: before.billed, labour_cost: before.labour_cost, material_cost: '30.00', purchase_cost: '12.50' });
    expect((Number(before.margin) - Number(after.margin)).toFixed(2)).toBe('12.50');
    const member_ = await member.req('POST', `/api/purchasing/supplier_invoice/${inv.id}/actions/charge_to_project`, { project: project.id });
    expect(member_.status).toBe(403);
  });
});

describe("the member's own tile", () => {
  it('"My open tasks" links to the open tasks assigned to the signed-in member, and counts the same', async () => {
    for (const [subject, assignee, status] of [
      ['Mine, open', member.id, 'open'],
      ['Mine, working', member.id, 'working'],
      ['Mine, done', member.id, 'completed'],
      ['Not mine', stranger.id, 'open'],
    ] as const)
      ok(await t.req('POST', '/api/projects/task', { project: project.id, subject, assignee, status }), 201);
    const meta = ok(await member.req('GET', '/api/meta'));
    const tile = meta.dashboard.find((w: any) => w.id === 'projects.my_tasks');
    expect(tile.link).toEqual({ entity: 'projects.task', filter: { status: ['open', 'working'], assignee: member.id } });
    const listed = ok(await member.req('GET', `/api/projects/task?filter=${filter(tile.link.filter)}`));
    const counted = ok(await member.req('GET', '/api/dashboard/projects.my_tasks'));
    expect(listed.total).toBeGreaterThanOrEqual(2);
    expect(Number(counted.value)).toBe(listed.total);
    expect(listed.data.every((task: any) => task.assignee === member.id)).toBe(true);
  });
});
