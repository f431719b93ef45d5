/**
 * Purchasing reports in SQL: purchase order analysis (ordered, received, billed, pending per
 * order line, with totals) and items received but not billed; plus the on-demand reorder
 * check. A row shows its order's currency and also the company-currency amount (at the order's
 * exchange rate, to the cent per line); totals are in the company currency, so orders in other
 * currencies are counted, converted, rather than added to euros as they are. Registered under /api/purchasing/... by the plugin's setup: the routes assert the
 * caller's read permission and pass the caller's row rule on purchase orders into the SQL.
 */
import type { ServiceContext, SetupContext } from '@tessera/core';
import { allRows, page, rowSchema, userOf, type RowFilter } from '@tessera/plugin-kit';
import type { SqlRunner } from '@tessera/plugin-inventory/api';
import { runReorderCheck } from './reorder.js';

const ID = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' };
const DATE = { type: 'string', format: 'date' };
const PAGE = { limit: { type: 'string', pattern: '^[0-9]{1,4}$' }, offset: { type: 'string', pattern: '^[0-9]{1,9}$' } };
const STATUSES = ['to_receive_and_bill', 'to_bill', 'to_receive', 'completed', 'cancelled', 'draft'];

export interface AnalysisQuery {
  supplier?: string;
  item?: string;
  status?: string;
  from?: string;
  to?: string;
  pending?: 'receive' | 'bill';
  limit?: string;
  offset?: string;
}

/** Purchase order lines with what was ordered, received and billed, over the orders the row rule admits. */
/** An amount of order o in the company currency (at the order's rate, to the cent). */
const base = (amount: string) => `round((${amount}) * coalesce(o.exchange_rate, 1), 2)`;

export async function purchaseOrderAnalysis(sql: SqlRunner, q: AnalysisQuery, rowFilter: RowFilter = allRows, company?: string) {
  const params: unknown[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [`o.docstatus = 'submitted'`];
  if (q.status) where[0] = `o.status = ${add(q.status)}`;
  const orderRule = rowFilter('purchasing.purchase_order', 'o', add);
  if (orderRule !== 'true') where.push(`(${orderRule})`);
  if (q.supplier) where.push(`o.supplier = ${add(Number(q.supplier))}`);
  if (q.item) where.push(`l.item = ${add(Number(q.item))}`);
  if (q.from) where.push(`o.order_date >= ${add(q.from)}`);
  if (q.to) where.push(`o.order_date <= ${add(q.to)}`);
  if (q.pending === 'receive') where.push(`l.received_qty < l.qty`);
  if (q.pending === 'bill') where.push(`l.billed_amount < l.amount`);
  const from = `from purchasing_purchase_order_line l join purchasing_purchase_order o on o.id = l.parent_id
                join purchasing_supplier s on s.id = o.supplier join inventory_v_item i on i.id = l.item
               where ${where.join(' and ')}`;
  const { limit, offset } = page(q as Record<string, string | undefined>);
  const data = await sql(
    `select o.id as purchase_order, o.number, o.order_date, o.status, s.id as supplier, s.name as supplier_name, o.currency,
            l.id as line, l.idx + 1 as line_no, i.id as item, i.code as item_code, i.name as item_name, l.schedule_date,
            l.qty::text as ordered_qty, l.received_qty::text as received_qty, greatest(l.qty - l.received_qty, 0)::text as pending_qty,
            l.rate::text as rate, l.amount::text as amount, l.billed_amount::text as billed_amount,
            greatest(l.amount - l.billed_amount, 0)::text as pending_amount,
            round(l.received_qty * l.rate, 2)::text as received_amount,
            o.exchange_rate::text as exchange_rate, ${base('l.amount')}::text as base_amount, ${base('greatest(l.amount - l.billed_amount, 0)')}::text as base_pending_amount
       ${from} order by o.order_date, o.number, l.idx limit ${add(limit)} offset ${add(offset)}`,
    params,
  );
  const [t] = await sql<Record<string, string | number>>(
    `select count(*)::int as total, count(distinct o.id)::int as orders, coalesce(sum(${base('l.amount')}), 0)::text as amount,
            coalesce(sum(${base('round(l.received_qty * l.rate, 2)')}), 0)::text as received_amount, coalesce(sum(${base('l.billed_amount')}), 0)::text as billed_amount,
            coalesce(sum(${base('greatest(l.amount - l.billed_amount, 0)')}), 0)::text as pending_amount
       ${from}`,
    params.slice(0, -2),
  );
  const { total, ...totals } = t!;
  return { data, total, totals, currency: company };
}

/** Order lines whose received value (received qty x rate) exceeds what was billed, over the orders the row rule admits. */
export async function receivedNotBilled(
  sql: SqlRunner,
  q: { supplier?: string; limit?: string; offset?: string },
  rowFilter: RowFilter = allRows,
  company?: string,
) {
  const params: unknown[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [`o.docstatus = 'submitted'`, `round(l.received_qty * l.rate, 2) > l.billed_amount`];
  if (q.supplier) where.push(`o.supplier = ${add(Number(q.supplier))}`);
  const orderRule = rowFilter('purchasing.purchase_order', 'o', add);
  if (orderRule !== 'true') where.push(`(${orderRule})`);
  const from = `from purchasing_purchase_order_line l join purchasing_purchase_order o on o.id = l.parent_id
                join purchasing_supplier s on s.id = o.supplier join inventory_v_item i on i.id = l.item where ${where.join(' and ')}`;
  const { limit, offset } = page(q);
  const data = await sql(
    `select o.id as purchase_order, o.number, o.order_date, s.id as supplier, s.name as supplier_name, l.id as line, i.code as item_code, i.name as item_name,
            l.received_qty::text as received_qty, l.rate::text as rate, round(l.received_qty * l.rate, 2)::text as received_amount,
            l.billed_amount::text as billed_amount, (round(l.received_qty * l.rate, 2) - l.billed_amount)::text as to_bill, o.currency,
            ${base('round(l.received_qty * l.rate, 2) - l.billed_amount')}::text as base_to_bill
       ${from} order by s.name, o.number, l.idx limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, limit, offset],
  );
  const [t] = await sql<{ total: number; to_bill: string }>(
    `select count(*)::int as total, coalesce(sum(${base('round(l.received_qty * l.rate, 2) - l.billed_amount')}), 0)::text as to_bill ${from}`,
    params,
  );
  return { data, total: t!.total, totals: { to_bill: t!.to_bill }, currency: company };
}

/** What the order-line reports read (asserted for the caller: read permission and every field visible). */
const ORDER_LINE_READS = {
  'purchasing.purchase_order': [
    'number',
    'order_date',
    'status',
    'supplier',
    'currency',
    'lines.item',
    'lines.schedule_date',
    'lines.qty',
    'lines.received_qty',
    'lines.rate',
    'lines.amount',
    'lines.billed_amount',
    'exchange_rate',
  ],
  'purchasing.supplier': ['name'],
  'inventory.item': ['code', 'name'],
} as const;

const assertReads = (ctx: ServiceContext) => {
  for (const [key, fields] of Object.entries(ORDER_LINE_READS)) ctx.assertReadable(key, fields);
};

export function registerReports({ app, withServices }: SetupContext): void {
  const tags = ['purchasing'];
  app.get(
    '/api/purchasing/reports/purchase-order-analysis',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({
          purchase_order: 'integer',
          number: 'text',
          order_date: 'date',
          status: 'text',
          supplier: 'integer',
          supplier_name: 'text',
          currency: 'text',
          line: 'integer',
          line_no: 'integer',
          item: 'integer',
          item_code: 'text',
          item_name: 'text',
          schedule_date: 'date',
          ordered_qty: 'quantity',
          received_qty: 'quantity',
          pending_qty: 'quantity',
          rate: 'quantity',
          amount: 'money',
          billed_amount: 'money',
          pending_amount: 'money',
          received_amount: 'money',
          exchange_rate: 'rate',
          base_amount: 'money',
          base_pending_amount: 'money',
        }),
        'x-label': 'Purchase order analysis',
        'x-labels': { lt: 'Pirkimo užsakymų analizė' },
        summary: 'Purchase order analysis: ordered, received, billed and pending per order line',
        'x-descriptions': { lt: 'Pirkimo užsakymų analizė: užsakyta, gauta, pateikta sąskaitose ir laukiama pagal užsakymo eilutę' },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            supplier: ID,
            item: { ...ID, 'x-ref': 'inventory.item' },
            status: { type: 'string', enum: STATUSES },
            from: DATE,
            to: DATE,
            pending: {
              type: 'string',
              enum: ['receive', 'bill'],
              title: 'Pending',
              'x-enum-labels': { receive: 'To receive', bill: 'To bill' },
              'x-labels': { lt: { title: 'Laukiama', enum: { receive: 'Priimti', bill: 'Gauti sąskaitą' } } },
            },
            ...PAGE,
          },
        },
      },
    },
    (req) =>
      withServices(userOf(req), async (ctx) => {
        assertReads(ctx);
        return purchaseOrderAnalysis(ctx.sql, req.query as AnalysisQuery, ctx.rowFilter, ctx.config.company.currency);
      }),
  );
  app.get(
    '/api/purchasing/reports/received-not-billed',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({
          purchase_order: 'integer',
          number: 'text',
          order_date: 'date',
          supplier: 'integer',
          supplier_name: 'text',
          line: 'integer',
          item_code: 'text',
          item_name: 'text',
          received_qty: 'quantity',
          rate: 'quantity',
          received_amount: 'money',
          billed_amount: 'money',
          to_bill: 'money',
          currency: 'text',
          base_to_bill: 'money',
        }),
        'x-label': 'Received, not billed',
        'x-labels': { lt: 'Gauta, bet neįtraukta į sąskaitas' },
        summary: 'Items received but not billed',
        'x-descriptions': { lt: 'Gautos, bet sąskaitose dar nepateiktos prekės' },
        querystring: { type: 'object', additionalProperties: false, properties: { supplier: ID, ...PAGE } },
      },
    },
    (req) =>
      withServices(userOf(req), async (ctx) => {
        assertReads(ctx);
        return receivedNotBilled(ctx.sql, req.query as { supplier?: string }, ctx.rowFilter, ctx.config.company.currency);
      }),
  );
  app.post(
    '/api/purchasing/reorder',
    {
      schema: {
        tags,
        summary: 'Reorder check: raise a purchase request for items at or below their reorder level',
        querystring: { type: 'object', additionalProperties: false, properties: { warehouse: ID, item: ID } },
        response: {
          // 201 when a purchase request was raised, 200 when nothing is at or below its reorder level.
          ...Object.fromEntries(
            [200, 201].map((s) => [
              s,
              {
                type: 'object',
                required: ['request', 'lines'],
                properties: {
                  request: { nullable: true, allOf: [{ $ref: 'purchasing.purchase_request#' }] },
                  lines: {
                    type: 'array',
                    items: {
                      type: 'object',
                      additionalProperties: true,
                      properties: { item: { type: 'integer' }, warehouse: { type: 'integer' }, qty: { type: 'string' } },
                    },
                  },
                },
              },
            ]),
          ),
        },
      },
    },
    async (req, reply) => {
      const q = req.query as { warehouse?: string; item?: string };
      const result = await withServices(userOf(req), (ctx) =>
        runReorderCheck(ctx, { warehouse: q.warehouse ? Number(q.warehouse) : undefined, item: q.item ? Number(q.item) : undefined }),
      );
      reply.status(result.request ? 201 : 200);
      return result;
    },
  );
}
