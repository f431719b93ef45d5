/**
 * Projects and tasks: dates in order, a task's parent and dependencies in the same project
 * and without cycles, a task completed only after the tasks it depends on; material issues and
 * supplier invoices charged to a project (project_charge), at the document's value.
 */
import { choiceText, statusText, type ActionDefinition, type Doc, type Hook, type HookArgs } from '@tessera/core';
import { D, fieldError, money, refuse, today } from './util.js';
import { errors } from '../errors.js';

export const checkProject: Hook = ({ doc }) => {
  if (doc.start_date && doc.end_date && doc.end_date < doc.start_date)
    throw fieldError('end_date', errors.t('not_before_start', { start_date: String(doc.start_date) }));
  if (doc.billing_method === 'fixed_price' && doc.fixed_price == null) throw fieldError('fixed_price', errors.t('required_fixed_price_project'));
};

const checkTask: Hook = async ({ doc, old, sql, model }: HookArgs) => {
  const id = old?.id ?? 0;
  if (doc.start_date && doc.end_date && doc.end_date < doc.start_date)
    throw fieldError('end_date', errors.t('not_before_start', { start_date: String(doc.start_date) }));
  const problems: { path: string; message: string }[] = [];
  const others = [
    ...(doc.parent_task != null ? [{ path: 'parent_task', task: Number(doc.parent_task) }] : []),
    ...((doc.depends_on ?? []) as Doc[]).map((d, i) => ({ path: `depends_on/${i}/task`, task: Number(d.task) })),
  ];
  if (others.length) {
    const rows = await sql<{ id: number; project: number; subject: string; status: string }>(
      `select id, project, subject, status from projects_task where id = any($1)`,
      [others.map((o) => o.task)],
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    for (const o of others) {
      const t = byId.get(o.task);
      if (o.task === Number(id)) problems.push({ path: o.path, ...errors.t('task_cannot_depend_belong_itself') });
      else if (t && Number(t.project) !== Number(doc.project))
        problems.push({ path: o.path, ...errors.t('belongs_another_project_2', { subject: String(t.subject) }) });
      else if (t && doc.status === 'completed' && o.path !== 'parent_task' && t.status !== 'completed' && t.status !== 'cancelled')
        problems.push({ path: o.path, ...errors.t('complete_first', { subject: String(t.subject), status: choiceText(model, 'status', t.status) }) });
    }
    if (id) {
      // A cycle: one of the new links already (transitively) depends on / descends from this task.
      const [cycle] = await sql<{ subject: string }>(
        `with recursive edge(a, b) as (
           select parent_id, task from projects_task_dependency
           union all select id, parent_task from projects_task where parent_task is not null
         ), reach(id) as (
           select unnest($1::bigint[])
           union select e.b from reach r join edge e on e.a = r.id
         )
         select subject from projects_task where id = $2 and id in (select id from reach)`,
        [others.map((o) => o.task), id],
      );
      if (cycle) problems.push({ path: others[0]!.path, ...errors.t('would_make_cycle_back', { subject: String(cycle.subject) }) });
    }
  }
  if (problems.length) refuse('INVALID_TASK_LINKS', problems);
};

export const taskHooks = { beforeCreate: checkTask, beforeUpdate: checkTask };

/** A charge takes its amount and date from the submitted document it names. */
const settleCharge: Hook = async ({ doc, sql }: HookArgs) => {
  if (doc.kind === 'material') {
    if (doc.stock_entry == null) throw fieldError('stock_entry', errors.t('required_material_charge'));
    doc.supplier_invoice = null;
    const [se] = await sql<{ number: string; purpose: string; docstatus: string; total_value: string | null; posting_date: string }>(
      `select number, purpose, docstatus, total_value::text, posting_date::text from inventory_v_stock_entry where id = $1`,
      [doc.stock_entry],
    );
    if (!se) throw fieldError('stock_entry', errors.t('stock_entry_does_not_exist', { stock_entry: String(doc.stock_entry) }));
    if (se.purpose !== 'issue')
      throw fieldError('stock_entry', errors.t('material_issues_are_charged_projects', { number: String(se.number), purpose: String(se.purpose) }));
    if (se.docstatus !== 'submitted')
      throw fieldError('stock_entry', errors.t('submit_first_stock_value_known', { number: String(se.number), docstatus: statusText(se.docstatus) }));
    doc.amount = money(D(se.total_value).abs());
    doc.posting_date = se.posting_date;
  } else {
    if (doc.supplier_invoice == null) throw fieldError('supplier_invoice', errors.t('required_purchase_charge'));
    doc.stock_entry = null;
    const [si] = await sql<{ number: string; docstatus: string; total: string | null; posting_date: string }>(
      `select number, docstatus, total::text, posting_date::text from purchasing_v_supplier_invoice where id = $1`,
      [doc.supplier_invoice],
    );
    if (!si) throw fieldError('supplier_invoice', errors.t('supplier_invoice_does_not_exist', { supplier_invoice: String(doc.supplier_invoice) }));
    if (si.docstatus !== 'submitted')
      throw fieldError('supplier_invoice', errors.t('submit_first', { number: String(si.number), docstatus: statusText(si.docstatus) }));
    doc.amount = money(D(si.total));
    doc.posting_date = si.posting_date;
  }
  if (!doc.posting_date) doc.posting_date = await today({ sql });
};

export const chargeHooks = { beforeCreate: settleCharge, beforeUpdate: settleCharge };

/** "Charge to project" on a submitted material issue or supplier invoice. */
export function chargeAction(kind: 'material' | 'purchase'): Record<string, ActionDefinition> {
  return {
    charge_to_project: {
      label: 'Charge to project',
      labels: { lt: 'Priskirti projektui' },
      icon: 'work',
      when: { docstatus: ['submitted'], ...(kind === 'material' ? { purpose: ['issue'] } : {}) },
      permission: 'projects.project_charge.create',
      input: {
        type: 'object',
        required: ['project'],
        additionalProperties: false,
        properties: { project: { type: 'integer', minimum: 1, 'x-ref': 'projects.project', title: 'Project' } },
      },
      handler: async ({ doc, input, entity }) =>
        entity('projects.project_charge').create({
          project: input.project,
          kind,
          ...(kind === 'material' ? { stock_entry: doc.id } : { supplier_invoice: doc.id }),
        }),
    },
  };
}
