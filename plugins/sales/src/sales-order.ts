/**
 * Sales orders. Submitting reserves the ordered qty in each line's warehouse and marks the
 * quotation ordered and the deal converted; deliveries and invoices then drive the delivered
 * and billed qty, % delivered, % billed and the status (order-progress.ts). Cancelling (only
 * possible once its deliveries and invoices are cancelled) releases what is still reserved.
 */
import { Errors, statusText, type ActionDefinition, type Doc, type Hook, type HookArgs } from '@tessera/core';
import { errors } from '../errors.js';
import { loadItems, reserveStock, stockWarehouseProblems } from '@tessera/plugin-inventory/api';
import { markOpportunityConverted, unmarkOpportunityConverted } from '@tessera/plugin-crm/api';
import { requireRate } from './exchange-rate.js';
import { orderProgress } from './order-progress.js';
import { sellingDefaults } from './selling.js';
import { noteOnTimeline } from './timeline.js';
import { D, fieldError, isDraftEdit, problemsError } from './util.js';

async function checkQuotation(args: HookArgs): Promise<void> {
  const { doc } = args;
  if (doc.quotation == null) return;
  const [q] = await args.sql<{ number: string; docstatus: string; customer: number; opportunity: number | null }>(
    `select number, docstatus, customer, opportunity from sales_quotation where id = $1`,
    [doc.quotation],
  );
  if (!q) throw fieldError('quotation', errors.t('quotation_missing', { id: String(doc.quotation) }));
  if (q.docstatus !== 'submitted')
    throw fieldError('quotation', errors.t('quotation_not_submitted', { number: String(q.number), status: statusText(q.docstatus) }));
  if (Number(q.customer) !== Number(doc.customer)) throw fieldError('customer', errors.t('quotation_customer', { customer: String(q.customer) }));
  if (doc.opportunity == null) doc.opportunity = q.opportunity;
}

/** Each line ships from its warehouse, else the order's, else the item's default; groups hold no stock. */
async function lineWarehouses(args: HookArgs, customerWarehouse: number | null): Promise<void> {
  const { doc } = args;
  if (doc.warehouse == null) doc.warehouse = customerWarehouse;
  const lines = doc.lines as Doc[];
  const items = await loadItems(
    args,
    lines.map((l) => l.item),
  );
  const problems: { path: string; message: string }[] = [];
  lines.forEach((l, i) => {
    const item = items.get(Number(l.item));
    if (!item) return problems.push(errors.problem(`lines/${i}/item`, 'item_missing', { id: String(l.item) }));
    if (item.disabled) problems.push(errors.problem(`lines/${i}/item`, 'item_disabled', { code: String(item.code) }));
    if (l.warehouse == null) l.warehouse = doc.warehouse ?? item.default_warehouse;
    if (l.warehouse == null) problems.push(errors.problem(`lines/${i}/warehouse`, 'line_warehouse_required', { code: String(item.code) }));
    if (l.delivered_qty == null) l.delivered_qty = '0';
    if (l.billed_qty == null) l.billed_qty = '0';
  });
  // Inventory's rule for a warehouse that holds stock (exists, not a group, not disabled).
  problems.push(
    ...(await stockWarehouseProblems(
      args,
      lines.map((l, i) => ({ path: `lines/${i}/warehouse`, id: l.warehouse })),
    )),
  );
  if (problems.length) throw problemsError('INVALID_ORDER_LINES', problems);
}

const settleOrder: Hook = async (args) => {
  if (!isDraftEdit(args.old)) return;
  const customer = await sellingDefaults(args, 'order_date');
  if (args.doc.delivery_date && args.doc.delivery_date < args.doc.order_date)
    throw fieldError('delivery_date', errors.t('delivery_date_before', { date: String(args.doc.order_date) }));
  await checkQuotation(args);
  await lineWarehouses(args, customer.default_warehouse);
  Object.assign(args.doc, { per_delivered: '0', per_billed: '0', status: 'draft' });
};

async function othersSubmitted(args: HookArgs, column: 'quotation' | 'opportunity', value: number): Promise<boolean> {
  const rows = await args.sql(`select 1 from sales_sales_order where ${column} = $1 and docstatus = 'submitted' and id <> $2 limit 1`, [value, args.doc.id]);
  return rows.length > 0;
}

export const salesOrderHooks: Record<string, Hook> = {
  beforeCreate: settleOrder,
  beforeUpdate: settleOrder,
  // Progress and status are written with the state change (nothing is delivered or billed yet at submit).
  beforeSubmit: (args) => {
    requireRate(args, args.doc);
    Object.assign(args.doc, orderProgress('submitted', args.doc.lines));
  },
  afterSubmit: async (ctx) => {
    const { doc } = ctx;
    await reserveStock(
      ctx,
      (doc.lines as Doc[]).map((l, i) => ({ item: l.item, warehouse: l.warehouse, qty: D(l.qty).toFixed(), path: `lines/${i}/qty` })),
    );
    if (doc.quotation != null) await ctx.entity('sales.quotation').setServerFields(doc.quotation, { status: 'ordered' });
    if (doc.opportunity != null) await markOpportunityConverted(ctx, doc.opportunity);
    await noteOnTimeline(ctx, {
      opportunity: doc.opportunity,
      customer: doc.customer,
      subject: `Sales order ${doc.number}: ${doc.grand_total} ${doc.currency}`,
      documentRef: `sales.sales_order ${doc.number}`,
    });
  },
  beforeCancel: ({ doc }) => {
    Object.assign(doc, orderProgress('cancelled', doc.lines));
  },
  afterCancel: async (ctx) => {
    const { doc } = ctx;
    const release = (doc.lines as Doc[])
      .map((l, i) => ({ item: l.item, warehouse: l.warehouse, qty: D(l.qty).sub(D(l.delivered_qty)).negated().toFixed(), path: `lines/${i}/qty` }))
      .filter((c) => D(c.qty).lt(0));
    await reserveStock(ctx, release);
    if (
      doc.quotation != null &&
      !(await othersSubmitted(ctx, 'quotation', doc.quotation)) &&
      (await ctx.entity('sales.quotation').get(doc.quotation)).docstatus === 'submitted'
    )
      await ctx.entity('sales.quotation').setServerFields(doc.quotation, { status: 'open' });
    if (doc.opportunity != null && !(await othersSubmitted(ctx, 'opportunity', doc.opportunity))) await unmarkOpportunityConverted(ctx, doc.opportunity);
  },
};

export const salesOrderActions: Record<string, ActionDefinition> = {
  make_delivery: {
    label: 'Make delivery',
    labels: { lt: 'Sukurti pristatymą' },
    icon: 'local_shipping',
    // Offered while something is left to deliver (the status compares exact quantities).
    when: { docstatus: ['submitted'], status: ['to_deliver_and_bill', 'to_deliver'] },
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        posting_date: {
          type: 'string',
          format: 'date',
          title: 'Posting date',
          description: 'Empty: today.',
          'x-labels': { lt: { title: 'Registravimo data', description: 'Tuščia: šiandien.' } },
        },
        lines: {
          type: 'array',
          minItems: 1,
          title: 'What to deliver',
          description: 'Which lines and how much; default: everything not yet delivered.',
          'x-labels': { lt: { title: 'Ką pristatyti', description: 'Kurias eilutes ir kiek; numatytai: viską, kas dar nepristatyta.' } },
          // The dialog shows the order's open lines with the qty left to deliver prefilled.
          'x-ui': { openLines: { from: 'lines', key: 'sales_order_item', open: ['qty', 'delivered_qty'] } },
          items: {
            type: 'object',
            required: ['sales_order_item', 'qty'],
            additionalProperties: false,
            properties: {
              sales_order_item: { type: 'integer', minimum: 1 },
              qty: { type: 'string', pattern: '^[0-9]{1,12}(\\.[0-9]{1,6})?$' },
              warehouse: { type: 'integer', minimum: 1, 'x-ref': 'inventory.warehouse', 'x-ui': { refFilter: { is_group: false, disabled: false } } },
            },
          },
        },
        submit: {
          type: 'boolean',
          default: false,
          title: 'Submit now',
          description: 'Posts the stock issue.',
          'x-labels': { lt: { title: 'Iš karto pateikti', description: 'Nurašo atsargas iš sandėlio.' } },
        },
      },
    },
    handler: async ({ doc, input, entity }) => {
      const lines =
        input.lines ??
        (doc.lines as Doc[])
          .filter((l) => D(l.qty).gt(D(l.delivered_qty)))
          .map((l) => ({ sales_order_item: l.id, qty: D(l.qty).sub(D(l.delivered_qty)).toFixed() }));
      const delivery = await entity('sales.delivery').create({ sales_order: doc.id, posting_date: input.posting_date, lines });
      return input.submit ? entity('sales.delivery').submit(delivery.id) : delivery;
    },
  },
  make_invoice: {
    label: 'Make invoice',
    labels: { lt: 'Išrašyti sąskaitą' },
    icon: 'receipt_long',
    // Offered while something ordered is not billed; what was delivered and not billed is checked below.
    when: { docstatus: ['submitted'], status: ['to_deliver_and_bill', 'to_bill'] },
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        posting_date: { type: 'string', format: 'date' },
        due_date: { type: 'string', format: 'date' },
        basis: {
          type: 'string',
          enum: ['delivered', 'ordered'],
          default: 'delivered',
          description: 'Bill what was delivered and not billed yet (default), or everything ordered and not billed yet.',
          'x-labels': {
            lt: { description: 'Apmokestinti tai, kas pristatyta ir dar neapmokestinta (numatytai), arba viską, kas užsakyta ir dar neapmokestinta.' },
          },
        },
        submit: { type: 'boolean', default: false },
      },
    },
    handler: async ({ doc, input, entity }) => {
      const basis = input.basis ?? 'delivered';
      const lines = (doc.lines as Doc[])
        .map((l) => ({ sales_order_item: l.id, qty: D(basis === 'delivered' ? l.delivered_qty : l.qty).sub(D(l.billed_qty)) }))
        .filter((l) => l.qty.gt(0))
        .map((l) => ({ sales_order_item: l.sales_order_item, qty: l.qty.toFixed() }));
      if (!lines.length)
        throw Errors.conflict(
          'NOTHING_TO_BILL',
          errors.t(basis === 'delivered' ? 'nothing_delivered_to_bill' : 'nothing_to_bill', { number: String(doc.number) }),
        );
      const invoice = await entity('sales.sales_invoice').create({ sales_order: doc.id, posting_date: input.posting_date, due_date: input.due_date, lines });
      return input.submit ? entity('sales.sales_invoice').submit(invoice.id) : invoice;
    },
  },
};
