/**
 * Billing a project's time: chosen approved, billable timesheets (default: all not yet billed)
 * become the lines of one sales invoice, through a sales order of the same lines (sales
 * invoices bill order lines): qty = hours, rate = the timesheet's billing rate, item = the
 * activity type's service item. Each timesheet is billed once: its row is locked and a
 * timesheet_billing row records the invoice; cancelling the invoice frees the timesheets
 * (the row is kept, marked freed) so they can be billed again.
 */
import { Errors, choiceText, type ActionDefinition, type Doc, type Hook, type ServiceContext } from '@tessera/core';
import { D, money, refuse, today } from './util.js';
import { errors } from '../errors.js';

interface Billable {
  id: number;
  number: string;
  project: number;
  docstatus: string;
  status: string;
  billable: boolean;
  hours: string;
  billing_rate: string;
  billing_amount: string;
  description: string | null;
  date: string;
  service_item: number | null;
  activity: string;
}

async function customerOf(ctx: ServiceContext, organization: number): Promise<number> {
  const [c] = await ctx.sql<{ id: number }>(`select id from sales_v_customer where organization = $1 order by id limit 1`, [organization]);
  if (c) return Number(c.id);
  return Number((await ctx.entity('sales.customer').create({ organization })).id);
}

async function warehouseFor(ctx: ServiceContext, item: number): Promise<number | null> {
  const [w] = await ctx.sql<{ id: number }>(
    `select coalesce((select default_warehouse from inventory_v_item where id = $1), (select id from inventory_v_warehouse where not is_group and not disabled order by id limit 1)) as id`,
    [item],
  );
  return w?.id == null ? null : Number(w.id);
}

export async function billTimesheets(ctx: ServiceContext, project: Doc, input: { timesheets?: number[]; posting_date?: string }): Promise<Doc> {
  const chosen = input.timesheets;
  const rows = await ctx.sql<Billable>(
    `select t.id, t.number, t.project, t.docstatus, t.status, t.billable, t.hours::text, t.billing_rate::text, t.billing_amount::text, t.description, t.date::text, a.service_item, a.name as activity
       from projects_timesheet t join projects_activity_type a on a.id = t.activity_type
      where ${chosen ? 't.id = any($1)' : `t.project = $1 and t.docstatus = 'submitted' and t.status = 'approved' and t.billable`}
      order by t.date, t.id for update of t`,
    [chosen ?? project.id],
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const list = chosen ? chosen.map((id) => byId.get(id)) : rows;
  const problems: { path: string; message: string }[] = [];
  list.forEach((r, i) => {
    const path = chosen ? `timesheets/${i}` : 'timesheets';
    if (!r) return problems.push({ path, ...errors.t('timesheet_does_not_exist', { choseni: String(chosen![i]) }) });
    if (Number(r.project) !== Number(project.id)) problems.push({ path, ...errors.t('belongs_another_project', { number: String(r.number) }) });
    else if (r.status === 'billed') problems.push({ path, ...errors.t('already_billed', { number: String(r.number) }) });
    else if (r.docstatus !== 'submitted' || r.status !== 'approved')
      problems.push({
        path,
        ...errors.t('approved_timesheets_are_billed', {
          number: String(r.number),
          status: choiceText(ctx.entity('projects.timesheet').model, 'status', r.status),
        }),
      });
    else if (!r.billable) problems.push({ path, ...errors.t('not_billable', { number: String(r.number) }) });
    else if (r.service_item == null)
      problems.push({ path, ...errors.t('activity_type_no_service_item', { number: String(r.number), activity: String(r.activity) }) });
    return undefined;
  });
  if (chosen && new Set(chosen).size !== chosen.length) problems.push({ path: 'timesheets', ...errors.t('lists_timesheet_twice') });
  if (problems.length) refuse(problems.some((p) => /already billed/.test(p.message)) ? 'TIMESHEET_ALREADY_BILLED' : 'TIMESHEETS_NOT_BILLABLE', problems);
  const sheets = list as Billable[];
  if (!sheets.length) throw Errors.unprocessable('NOTHING_TO_BILL', errors.t('project_no_approved_billable_timesheets', { name: String(project.name) }));

  const posting = input.posting_date ?? (await today(ctx));
  const customer = await customerOf(ctx, Number(project.customer));
  const lines = [];
  for (const s of sheets)
    lines.push({
      item: Number(s.service_item),
      description: `${s.number} ${s.date} ${s.activity}${s.description ? `: ${s.description}` : ''}`.slice(0, 500),
      qty: s.hours,
      rate: s.billing_rate,
      warehouse: await warehouseFor(ctx, Number(s.service_item)),
    });
  const orders = ctx.entity('sales.sales_order');
  const order = await orders.create({ customer, order_date: posting, lines, notes: `Project ${project.name}` });
  await orders.submit(order.id);
  const stored = await orders.get(order.id);
  const invoices = ctx.entity('sales.sales_invoice');
  const invoice = await invoices.create({
    sales_order: order.id,
    posting_date: posting,
    lines: (stored.lines as Doc[]).map((l) => ({ sales_order_item: l.id, qty: l.qty })),
    notes: `Project ${project.name}: ${sheets.map((s) => s.number).join(', ')}`.slice(0, 2000),
  });
  await invoices.submit(invoice.id);
  for (const s of sheets) {
    await ctx
      .entity('projects.timesheet_billing')
      .create({ timesheet: s.id, project: project.id, sales_invoice: invoice.id, hours: s.hours, amount: money(D(s.billing_amount)) });
    await ctx.entity('projects.timesheet').setServerFields(Number(s.id), { status: 'billed' });
  }
  return invoices.get(invoice.id);
}

/** sales.sales_invoice after cancel: the timesheets it billed are approved (billable) again. */
export const freeTimesheets: Hook = async ({ doc, sql, entity }) => {
  const rows = await sql<{ id: number; timesheet: number }>(
    `select id, timesheet from projects_timesheet_billing where sales_invoice = $1 and not freed for update`,
    [doc.id],
  );
  for (const r of rows) {
    await entity('projects.timesheet_billing').update(Number(r.id), { freed: true });
    await entity('projects.timesheet').setServerFields(Number(r.timesheet), { status: 'approved' });
  }
};

export const projectActions: Record<string, ActionDefinition> = {
  bill_timesheets: {
    label: 'Bill timesheets',
    labels: { lt: 'Išrašyti sąskaitą už laiką' },
    icon: 'request_quote',
    when: { status: ['open', 'on_hold', 'completed'] },
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timesheets: {
          type: 'array',
          items: { type: 'integer', minimum: 1 },
          minItems: 1,
          maxItems: 500,
          title: 'Timesheets',
          description: 'Empty: every approved billable timesheet not billed yet.',
          'x-labels': { lt: { description: 'Tuščia: visi patvirtinti, dar neapmokestinti žiniaraščiai.' } },
        },
        posting_date: { type: 'string', format: 'date', title: 'Invoice date' },
      },
    },
    handler: async ({ doc, input, ...ctx }) => billTimesheets(ctx as ServiceContext, doc, input ?? {}),
  },
};
