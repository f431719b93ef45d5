/**
 * Quotations: priced offers, often for a CRM deal. Submitted = sent (status open); a submitted
 * sales order made from it marks it ordered. Actions: make a quotation from a deal, make a
 * sales order from a quotation.
 */
import { Errors, type ActionDefinition, type Hook, type HookArgs } from '@tessera/core';
import { errors } from '../errors.js';
import { customerForOrganization } from './customer.js';
import { requireRate } from './exchange-rate.js';
import { sellingDefaults } from './selling.js';
import { noteOnTimeline } from './timeline.js';
import { fieldError, isDraftEdit } from './util.js';

const settleQuotation: Hook = async (args: HookArgs) => {
  if (!isDraftEdit(args.old)) return;
  await sellingDefaults(args, 'quotation_date');
  if (args.doc.valid_until && args.doc.valid_until < args.doc.quotation_date)
    throw fieldError('valid_until', errors.t('valid_until_before', { date: String(args.doc.quotation_date) }));
  args.doc.status = 'draft';
};

export const quotationHooks: Record<string, Hook> = {
  beforeCreate: settleQuotation,
  beforeUpdate: settleQuotation,
  // The status is written with the state change: submitted = sent (open), cancelled.
  beforeSubmit: (args) => {
    requireRate(args, args.doc);
    args.doc.status = 'open';
  },
  afterSubmit: async (ctx) => {
    await noteOnTimeline(ctx, {
      opportunity: ctx.doc.opportunity,
      customer: ctx.doc.customer,
      subject: `Quotation ${ctx.doc.number} sent: ${ctx.doc.grand_total} ${ctx.doc.currency}`,
      documentRef: `sales.quotation ${ctx.doc.number}`,
    });
  },
  beforeCancel: ({ doc }) => {
    doc.status = 'cancelled';
  },
};

const decimalText = { type: 'string', pattern: '^[0-9]{1,14}(\\.[0-9]{1,6})?$' };

const quotationLine = {
  type: 'object',
  required: ['item', 'qty', 'rate'],
  additionalProperties: false,
  properties: {
    item: { type: 'integer', minimum: 1 },
    description: { type: 'string', maxLength: 300 },
    qty: decimalText,
    rate: decimalText,
    discount_percent: decimalText,
    tax_rate: decimalText,
  },
};

/** crm.opportunity action: a draft quotation for the deal's customer (made from its organization when needed). */
export const opportunityActions: Record<string, ActionDefinition> = {
  make_quotation: {
    label: 'Make quotation',
    labels: { lt: 'Sukurti pasiūlymą' },
    icon: 'request_quote',
    // Not on a lost deal: reopen it first.
    when: { status: ['open', 'won', 'converted'] },
    input: {
      type: 'object',
      required: ['lines'],
      additionalProperties: false,
      properties: {
        customer: {
          type: 'integer',
          minimum: 1,
          description: "Default: the customer of the deal's organization (created when missing).",
          'x-labels': { lt: { description: 'Numatytai: sandorio organizacijos klientas (sukuriamas, jei jo nėra).' } },
        },
        quotation_date: { type: 'string', format: 'date' },
        valid_until: { type: 'string', format: 'date' },
        tax_rate: decimalText,
        lines: { type: 'array', minItems: 1, maxItems: 500, items: quotationLine },
      },
    },
    handler: async (ctx) => {
      const { doc: deal, input } = ctx;
      let customer = input.customer as number | undefined;
      if (customer === undefined) {
        if (deal.organization == null) throw fieldError('customer', errors.t('deal_with_lead', { deal: String(deal.name), lead: String(deal.lead) }));
        customer = (await customerForOrganization(ctx, deal.organization)).id as number;
      }
      const { customer: _c, ...rest } = input;
      return ctx.entity('sales.quotation').create({ ...rest, customer, opportunity: deal.id, contact: deal.contact ?? null, currency: deal.currency });
    },
  },
};

export const quotationActions: Record<string, ActionDefinition> = {
  make_sales_order: {
    label: 'Make sales order',
    labels: { lt: 'Sukurti užsakymą' },
    icon: 'shopping_bag',
    // Offered while the quotation is open: once an order is submitted it is "ordered" (a draft order is refused with QUOTATION_ALREADY_ORDERED).
    when: { docstatus: ['submitted'], status: ['open'] },
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        order_date: {
          type: 'string',
          format: 'date',
          title: 'Order date',
          description: 'Empty: today.',
          'x-labels': { lt: { title: 'Užsakymo data', description: 'Tuščia: šiandien.' } },
        },
        delivery_date: { type: 'string', format: 'date', title: 'Delivery date', 'x-labels': { lt: { title: 'Pristatymo data' } } },
        warehouse: {
          type: 'integer',
          minimum: 1,
          'x-ref': 'inventory.warehouse',
          'x-ui': { refFilter: { is_group: false, disabled: false } },
          title: 'Warehouse',
          description: "Ship from; empty: the customer's, else each item's default warehouse.",
          'x-labels': { lt: { title: 'Sandėlis', description: 'Iš kur siųsti; tuščia: kliento, kitaip kiekvienos prekės numatytasis sandėlis.' } },
        },
        customer_po: { type: 'string', maxLength: 80, title: "Customer's order no.", 'x-labels': { lt: { title: 'Kliento užsakymo Nr.' } } },
        submit: {
          type: 'boolean',
          default: false,
          title: 'Submit the order now',
          description: 'Reserves the stock.',
          'x-labels': { lt: { title: 'Iš karto pateikti užsakymą', description: 'Rezervuoja atsargas.' } },
        },
      },
    },
    handler: async ({ doc: q, input, entity, sql }) => {
      const [existing] = await sql<{ number: string }>(`select number from sales_sales_order where quotation = $1 and docstatus <> 'cancelled' limit 1`, [
        q.id,
      ]);
      if (existing)
        throw Errors.conflict('QUOTATION_ALREADY_ORDERED', errors.t('quotation_ordered', { number: String(q.number), order: String(existing.number) }));
      const { submit, ...header } = input;
      const order = await entity('sales.sales_order').create({
        ...header,
        customer: q.customer,
        quotation: q.id,
        opportunity: q.opportunity,
        currency: q.currency,
        // The quoted rate, as ERPNext maps it (the order's own rate when the input names one).
        exchange_rate: header.exchange_rate ?? q.exchange_rate,
        tax_rate: q.tax_rate,
        lines: q.lines.map((l: any) => ({
          item: l.item,
          description: l.description,
          qty: l.qty,
          rate: l.rate,
          discount_percent: l.discount_percent,
          tax_rate: l.tax_rate,
        })),
      });
      return submit ? entity('sales.sales_order').submit(order.id) : order;
    },
  },
};
