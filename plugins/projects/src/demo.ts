/**
 * Demo data: two projects with tasks and timesheets, one billed (its timesheets on a sales
 * invoice, materials issued to it from stock), the other with hours to approve and to bill.
 */
import type { DataContext, Doc } from '@tessera/core';

async function userNamed(ctx: DataContext, username: string): Promise<number | null> {
  const [u] = await ctx.sql<{ id: number }>(`select id from auth_user where username = $1`, [username]);
  return u ? Number(u.id) : null;
}

const day = async (ctx: DataContext, offset: number) => (await ctx.sql<{ d: string }>(`select (current_date + $1::int)::text as d`, [offset]))[0]!.d;

export async function projectsDemo(ctx: DataContext): Promise<void> {
  const orgs = (await ctx.entity('crm.organization').list({ sort: 'id', limit: 3, fields: ['id'] })).data;
  const employees = (await ctx.entity('hr.employee').list({ filter: { status: 'active' }, sort: 'id', limit: 3, fields: ['id', 'user'] })).data;
  const [uom] = await ctx.sql<{ id: number }>(`select id from inventory_v_uom order by (name = 'Hour') desc, (name = 'Nos') desc, id limit 1`);
  if (orgs.length < 2 || employees.length < 2 || !uom) return;
  const pm = await userNamed(ctx, 'projects.project_manager');
  const memberUser = await userNamed(ctx, 'projects.member');
  // The demo member books their own time: link them to an employee without a user.
  const free = employees.find((e) => e.user == null);
  if (memberUser && free) await ctx.entity('hr.employee').update(free.id, { user: memberUser });

  const item = (code: string, name: string) => ctx.entity('inventory.item').create({ code, name, stock_uom: uom.id, is_stock_item: false });
  const consultItem = await item('PRJ-CONSULT', 'Consulting (hour) / Konsultavimas (val.)');
  const installItem = await item('PRJ-INSTALL', 'Installation (hour) / Montavimas (val.)');
  const types = ctx.entity('projects.activity_type');
  const consulting = await types.create({ name: 'Consulting / Konsultavimas', billing_rate: '40.00', costing_rate: '25.00', service_item: consultItem.id });
  const install = await types.create({ name: 'Installation / Montavimas', billing_rate: '35.00', costing_rate: '22.00', service_item: installItem.id });

  const projects = ctx.entity('projects.project');
  const members = memberUser ? [{ user: memberUser, role: 'Consultant / Konsultantas' }] : [];
  const rollout = await projects.create({
    name: 'Warehouse scanners / Sandėlio skaitytuvai',
    customer: orgs[0]!.id,
    manager: pm,
    start_date: await day(ctx, -21),
    end_date: await day(ctx, 14),
    budget_hours: '60',
    budget_amount: '1800.00',
    members,
  });
  const support = await projects.create({
    name: 'Website support / Svetainės priežiūra',
    customer: orgs[1]!.id,
    manager: pm,
    start_date: await day(ctx, -10),
    budget_hours: '20',
    budget_amount: '600.00',
    members,
  });

  const tasks = ctx.entity('projects.task');
  const analysis = await tasks.create({
    project: rollout.id,
    subject: 'Analysis / Analizė',
    status: 'completed',
    start_date: await day(ctx, -21),
    end_date: await day(ctx, -14),
    estimate_hours: '12',
    assignee: memberUser,
  });
  const installTask = await tasks.create({
    project: rollout.id,
    subject: 'Install scanners / Skaitytuvų montavimas',
    status: 'working',
    start_date: await day(ctx, -13),
    end_date: await day(ctx, 3),
    estimate_hours: '30',
    depends_on: [{ task: analysis.id }],
  });
  await tasks.create({
    project: rollout.id,
    subject: 'Train staff / Darbuotojų mokymas',
    status: 'open',
    start_date: await day(ctx, 4),
    end_date: await day(ctx, 14),
    estimate_hours: '8',
    parent_task: installTask.id,
    depends_on: [{ task: installTask.id }],
  });
  const fixes = await tasks.create({
    project: support.id,
    subject: 'Monthly fixes / Mėnesio taisymai',
    status: 'working',
    start_date: await day(ctx, -10),
    estimate_hours: '20',
  });

  const sheets = ctx.entity('projects.timesheet');
  const book = async (project: Doc, task: Doc, type: Doc, employee: number, offset: number, hours: string, approve: boolean) => {
    const s = await sheets.create({
      employee,
      project: project.id,
      task: task.id,
      activity_type: type.id,
      date: await day(ctx, offset),
      hours,
      description: task.subject,
    });
    await sheets.submit(s.id);
    if (approve) await sheets.action(s.id, 'approve', {});
    return s;
  };
  const [e1, e2] = [Number(employees[0]!.id), Number((free ?? employees[1])!.id)];
  const billed = [
    await book(rollout, analysis, consulting, e1, -20, '6', true),
    await book(rollout, analysis, consulting, e2, -18, '4', true),
    await book(rollout, installTask, install, e2, -12, '7.5', true),
  ];
  await book(rollout, installTask, install, e2, -2, '5', false);
  await book(support, fixes, consulting, e1, -6, '2', true);
  await book(support, fixes, consulting, e2, -1, '1.5', false);
  await projects.action(rollout.id, 'bill_timesheets', { timesheets: billed.map((s) => s.id) });

  // Materials issued to the rollout from stock, at their stock value.
  const [stock] = await ctx.sql<{ item: number; warehouse: number }>(
    `select b.item, b.warehouse from inventory_v_bin b where b.actual_qty >= 20 order by b.item limit 1`,
  );
  if (stock) {
    const issue = await ctx.entity('inventory.stock_entry').create({
      purpose: 'issue',
      posting_date: await day(ctx, -12),
      from_warehouse: stock.warehouse,
      remarks: rollout.name,
      lines: [{ item: stock.item, qty: '20' }],
    });
    await ctx.entity('inventory.stock_entry').submit(issue.id);
    await ctx.entity('projects.project_charge').create({ project: rollout.id, kind: 'material', stock_entry: issue.id });
  }
}
