/**
 * Timesheets: hours of an employee on a project (task) and date, at the activity type's
 * rates unless given. Submitting asks the project manager for approval (status to_approve);
 * the manager approves or rejects. Billed = hours x billing rate, cost = hours x costing rate
 * (computed, exact to the cent). A billed timesheet cannot be cancelled before its invoice.
 */
import { Errors, choiceText, type ActionDefinition, type Doc, type Hook, type HookArgs, type ServiceContext } from '@tessera/core';
import { employeeById } from '@tessera/plugin-hr/api';
import { employeeOfUser, fieldError, isProjectsManager, refuse, userId } from './util.js';
import { errors } from '../errors.js';

const CLOSED = ['completed', 'cancelled'];

const settleTimesheet: Hook = async (args: HookArgs) => {
  const { doc, old, sql } = args;
  if (old && old.docstatus !== 'draft') return;
  if (doc.employee == null) {
    const me = userId(args) ? await employeeOfUser(args, userId(args)!) : null;
    if (me == null) throw fieldError('employee', errors.t('required_no_employee_linked_your'));
    doc.employee = me;
  }
  const problems: { path: string; message: string }[] = [];
  const emp = await employeeById(args, Number(doc.employee));
  if (emp && emp.status !== 'active')
    problems.push({
      path: 'employee',
      ...errors.t('employee_not_active', { full_name: String(emp.full_name), status: choiceText(args.entity('hr.employee').model, 'status', emp.status) }),
    });
  const [project] = await sql<{ name: string; status: string }>(`select name, status from projects_project where id = $1`, [doc.project]);
  if (project && CLOSED.includes(project.status))
    problems.push({
      path: 'project',
      ...errors.t('no_more_time_booked', { name: String(project.name), status: choiceText(args.entity('projects.project').model, 'status', project.status) }),
    });
  if (doc.task != null) {
    const [task] = await sql<{ subject: string; project: number }>(`select subject, project from projects_task where id = $1`, [doc.task]);
    if (task && Number(task.project) !== Number(doc.project))
      problems.push({ path: 'task', ...errors.t('task_another_project', { subject: String(task.subject) }) });
  }
  const [type] = await sql<{ billing_rate: string; costing_rate: string }>(
    `select billing_rate::text, costing_rate::text from projects_activity_type where id = $1`,
    [doc.activity_type],
  );
  if (type) {
    if (doc.billing_rate == null) doc.billing_rate = type.billing_rate;
    if (doc.costing_rate == null) doc.costing_rate = type.costing_rate;
  }
  if (problems.length) refuse('INVALID_TIMESHEET', problems);
  doc.status = 'draft';
};

const submitTimesheet: Hook = ({ doc }) => {
  doc.status = 'to_approve';
};

const cancelTimesheet: Hook = async ({ doc, sql }) => {
  const [b] = await sql<{ number: string }>(
    `select i.number from projects_timesheet_billing b join sales_v_invoice i on i.id = b.sales_invoice where b.timesheet = $1 and not b.freed`,
    [doc.id],
  );
  if (b)
    throw Errors.conflict('TIMESHEET_BILLED', errors.t('timesheet_billed_sales_invoice_cancel', { number: String(doc.number), number2: String(b.number) }));
  doc.status = 'cancelled';
};

export const timesheetHooks = { beforeCreate: settleTimesheet, beforeUpdate: settleTimesheet, beforeSubmit: submitTimesheet, beforeCancel: cancelTimesheet };

/** Only the project's manager (or a projects manager / administrator) approves its timesheets. */
async function assertManagerOf(ctx: ServiceContext, t: Doc): Promise<void> {
  if (isProjectsManager(ctx.user)) return;
  const [p] = await ctx.sql<{ name: string; manager: number | null }>(`select name, manager from projects_project where id = $1`, [t.project]);
  if (p && p.manager != null && Number(p.manager) === ctx.user.id) return;
  throw Errors.forbidden(errors.t('manager_project_approves_timesheets', { value: String(p?.name ?? t.project) }));
}

const decide =
  (status: 'approved' | 'rejected') =>
  async ({ doc, ...ctx }: any) => {
    await assertManagerOf(ctx, doc);
    return ctx.entity('projects.timesheet').setServerFields(doc.id, { status, approved_by: status === 'approved' ? userId(ctx) : null });
  };

export const timesheetActions: Record<string, ActionDefinition> = {
  approve: {
    label: 'Approve',
    labels: { lt: 'Patvirtinti' },
    icon: 'check_circle',
    when: { docstatus: ['submitted'], status: ['to_approve', 'rejected'] },
    handler: decide('approved'),
  },
  reject: {
    label: 'Reject',
    labels: { lt: 'Atmesti' },
    icon: 'cancel',
    when: { docstatus: ['submitted'], status: ['to_approve', 'approved'] },
    handler: decide('rejected'),
  },
};
