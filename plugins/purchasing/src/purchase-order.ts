/**
 * Purchase orders: line defaults (unit, rate, warehouse, dates), ordered qty on the stock
 * balances, the derived status (per_received / per_billed), and the "receive" and "bill"
 * actions that create a goods receipt / supplier invoice from the open lines.
 */
import { statusText, Decimal, type ActionDefinition, type Doc, type EntityHooks, type Hook, type HookArgs, type ServiceContext } from '@tessera/core';
import {
  adjustOrderedQty,
  applyLineUnits,
  loadItems,
  stockWarehouseProblems,
  throwProblems,
  type QtyChange,
  type UomProblem,
} from '@tessera/plugin-inventory/api';
import { refreshRequests } from './purchase-request.js';
import { D, defaultRate, emptyValue, requireRate, today } from '@tessera/plugin-kit';
import { buyingRate } from './buying-defaults.js';
import { errors } from '../errors.js';

export const PO = 'purchasing.purchase_order';

export interface PurchasingSettings {
  over_receipt_allowance: number;
  over_billing_allowance: number;
  auto_reorder: boolean;
}

export const settingsOf = (ctx: ServiceContext) => ctx.settings<PurchasingSettings>('purchasing');

/** Checks the supplier and fills the currency (supplier's, else the company's). */
export async function applySupplier(ctx: HookArgs, doc: Doc): Promise<UomProblem[]> {
  const [s] = await ctx.sql<{ name: string; disabled: boolean; currency: string | null }>(
    `select name, disabled, currency from purchasing_supplier where id = $1`,
    [doc.supplier],
  );
  const problems: UomProblem[] = [];
  if (s?.disabled) problems.push({ path: 'supplier', ...errors.t('disabled', { name: String(s.name) }) });
  doc.currency ??= s?.currency ?? ctx.config.company.currency;
  if (doc.currency === ctx.config.company.currency && doc.exchange_rate != null && !D(doc.exchange_rate).eq(1))
    problems.push({ path: 'exchange_rate', ...errors.t('company_currency', { currency: String(doc.currency) }) });
  return problems;
}

/** Warehouses must be stock warehouses (inventory's rule: not groups, not disabled; a missing one is the reference check's). */
export const warehouseProblems = (ctx: Pick<ServiceContext, 'sql'>, refs: { path: string; id: number }[]): Promise<UomProblem[]> =>
  stockWarehouseProblems(ctx, refs, { missing: false });

/** Refuses an order in another currency without a rate (EXCHANGE_RATE_REQUIRED, on exchange_rate). */
const requireOrderRate = (args: HookArgs, doc: Doc): void => requireRate(args, doc, (p) => errors.t('exchange_rate_required', p));

/**
 * The order's rate, before its lines are priced from it: 1 in the company currency; in another
 * currency the entered rate, else the rate provider's for the order date (accounting's exchange
 * rates, refused when none is recorded). Without a provider the user enters it: lines priced
 * from the item's standard rate need it now, submitting needs it always.
 */
async function settleOrderRate(args: HookArgs, doc: Doc, lines: Doc[]): Promise<void> {
  if (doc.currency === args.config.company.currency) {
    if (emptyValue(doc.exchange_rate)) doc.exchange_rate = '1';
    return;
  }
  if (emptyValue(doc.exchange_rate)) doc.exchange_rate = await defaultRate(args, String(doc.currency), String(doc.order_date));
  if (lines.some((l) => l.rate == null)) requireOrderRate(args, doc);
}

const preparePurchaseOrder: Hook = async (args) => {
  const { doc } = args;
  const lines: Doc[] = doc.lines ?? [];
  const problems = await applySupplier(args, doc);
  await settleOrderRate(args, doc, lines);
  problems.push(...(await applyLineUnits(args, lines, 'lines')));
  const items = await loadItems(
    args,
    lines.map((l) => l.item),
  );
  const whRefs: { path: string; id: number }[] = [];
  const [supplier] = await args.sql<{ currency: string | null }>(`select currency from purchasing_supplier where id = $1`, [doc.supplier]);
  const date = doc.order_date ?? (await today(args));
  for (const l of lines) {
    const it = items.get(Number(l.item));
    if (!it || l.rate != null) continue;
    l.rate =
      (await buyingRate(args, {
        item: it,
        supplier: supplier ? { id: Number(doc.supplier), currency: supplier.currency } : undefined,
        currency: doc.currency,
        companyCurrency: args.config.company.currency,
        exchangeRate: String(doc.exchange_rate ?? 1),
        conversionFactor: String(l.conversion_factor ?? 1),
        qty: String(l.qty ?? 1),
        date,
      })) ?? null;
  }
  lines.forEach((l, i) => {
    const it = items.get(Number(l.item));
    if (!it) return;
    l.schedule_date ??= doc.schedule_date ?? null;
    if (l.rate == null) problems.push({ path: `lines/${i}/rate`, ...errors.t('required_item_no_standard_buying') });
    l.warehouse ??= doc.set_warehouse ?? it.default_warehouse ?? null;
    if (it.is_stock_item && l.warehouse == null) problems.push({ path: `lines/${i}/warehouse`, ...errors.t('required_stock_item_set_deliver') });
    if (l.warehouse != null) whRefs.push({ path: `lines/${i}/warehouse`, id: Number(l.warehouse) });
    if (l.schedule_date && doc.order_date && l.schedule_date < doc.order_date)
      problems.push({ path: `lines/${i}/schedule_date`, ...errors.t('cannot_before_order_date', { order_date: String(doc.order_date) }) });
  });
  problems.push(...(await warehouseProblems(args, whRefs)));
  const reqLines = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.purchase_request_line != null);
  if (reqLines.length) {
    const rows = new Map(
      (
        await args.sql<{ id: number; item: number; docstatus: string }>(
          `select l.id, l.item, r.docstatus from purchasing_purchase_request_line l join purchasing_purchase_request r on r.id = l.parent_id where l.id = any($1)`,
          [reqLines.map(({ l }) => l.purchase_request_line)],
        )
      ).map((r) => [Number(r.id), r]),
    );
    for (const { l, i } of reqLines) {
      const r = rows.get(Number(l.purchase_request_line));
      if (!r)
        problems.push({
          path: `lines/${i}/purchase_request_line`,
          ...errors.t('purchase_request_line_does_not', { purchase_request_line: String(l.purchase_request_line) }),
        });
      else if (Number(r.item) !== Number(l.item)) problems.push({ path: `lines/${i}/item`, ...errors.t('differs_from_item_purchase_request') });
      else if (r.docstatus !== 'submitted')
        problems.push({ path: `lines/${i}/purchase_request_line`, ...errors.t('purchase_request_not_submitted', { docstatus: statusText(r.docstatus) }) });
    }
  }
  if (args.doc.docstatus === undefined || args.doc.docstatus === 'draft') doc.status = 'draft';
  throwProblems('INVALID_PURCHASE_ORDER', problems);
};

interface OrderLineRow {
  id: number;
  item: number;
  warehouse: number | null;
  qty: string;
  stock_qty: string;
  conversion_factor: string;
  received_qty: string;
}

/** The ordered qty (stock unit) a line still contributes to its warehouse: what is not received yet. */
export const openStockQty = (l: { stock_qty: string; received_qty: string; conversion_factor: string }, received = l.received_qty) =>
  Decimal.max(D(l.stock_qty).sub(D(received).mul(D(l.conversion_factor))), 0);

/** The counters of an order line that receipts and supplier invoices move. */
export interface LineProgress {
  received_qty?: string;
  billed_amount?: string;
}

/**
 * % received (qty), % billed (amount), each line counted up to what it orders, and the status
 * that follows from them and the document state. An order worth nothing is fully billed.
 */
export function orderProgress(docstatus: string, lines: Doc[]): { per_received: string; per_billed: string; status: string } {
  const sum = (f: (l: Doc) => Decimal) => lines.reduce((a, l) => a.add(f(l)), new Decimal(0));
  const qty = sum((l) => D(l.qty));
  const amount = sum((l) => D(l.amount));
  const received = qty.isZero()
    ? new Decimal(0)
    : sum((l) => Decimal.min(D(l.received_qty), D(l.qty)))
        .mul(100)
        .div(qty);
  const billed = amount.isZero()
    ? new Decimal(100)
    : sum((l) => Decimal.min(D(l.billed_amount), D(l.amount)))
        .mul(100)
        .div(amount);
  const status =
    docstatus !== 'submitted'
      ? docstatus
      : received.gte(100) && billed.gte(100)
        ? 'completed'
        : received.gte(100)
          ? 'to_bill'
          : billed.gte(100)
            ? 'to_receive'
            : 'to_receive_and_bill';
  return { per_received: received.toDecimalPlaces(2).toFixed(2), per_billed: billed.toDecimalPlaces(2).toFixed(2), status };
}

/** New counter values for one line of a purchase order. */
export interface LineChange {
  orderId: number;
  lineId: number;
  values: LineProgress;
}

/**
 * Sets order line counters and, per order, the % received, % billed and status that follow:
 * one audited server-field update per order. Callers hold the order lines' locks (loadOrderLines).
 */
export async function updateOrders(ctx: ServiceContext, changes: LineChange[]): Promise<void> {
  const orders = ctx.entity(PO);
  for (const orderId of new Set(changes.map((c) => c.orderId))) {
    const mine = changes.filter((c) => c.orderId === orderId);
    const order = await orders.get(orderId);
    const changed = new Map(mine.map((c) => [c.lineId, c.values]));
    const lines = (order.lines as Doc[]).map((l): Doc => ({ ...l, ...changed.get(Number(l.id)) }));
    await orders.setServerFields(
      orderId,
      orderProgress(order.docstatus, lines),
      mine.map((c) => ({ collection: 'lines', id: c.lineId, values: { ...c.values } })),
    );
  }
}

async function orderLines(ctx: ServiceContext, orderId: number): Promise<OrderLineRow[]> {
  return ctx.sql<OrderLineRow>(
    `select id, item, warehouse, qty, stock_qty, conversion_factor, received_qty from purchasing_purchase_order_line where parent_id = $1 order by idx`,
    [orderId],
  );
}

/** Submit and cancel set the derived status (and percentages) with the state change. */
const statusFor =
  (docstatus: 'submitted' | 'cancelled'): Hook =>
  ({ doc }) => {
    Object.assign(doc, orderProgress(docstatus, doc.lines));
  };

const submitPurchaseOrder: Hook = async (args) => {
  const lines = await orderLines(args, args.doc.id);
  await adjustOrderedQty(
    args,
    lines
      .filter((l) => l.warehouse != null)
      .map((l, i): QtyChange => ({ item: Number(l.item), warehouse: Number(l.warehouse), qty: openStockQty(l).toFixed(), path: `lines/${i}/qty` })),
  );
  await refreshRequests(args, args.doc.id);
};

const cancelPurchaseOrder: Hook = async (args) => {
  const lines = await orderLines(args, args.doc.id);
  await adjustOrderedQty(
    args,
    lines
      .filter((l) => l.warehouse != null)
      .map((l): QtyChange => ({ item: Number(l.item), warehouse: Number(l.warehouse), qty: openStockQty(l).negated().toFixed() })),
  );
  await refreshRequests(args, args.doc.id);
};

export const purchaseOrderHooks: EntityHooks = {
  beforeCreate: preparePurchaseOrder,
  beforeUpdate: preparePurchaseOrder,
  beforeSubmit: (args) => {
    requireOrderRate(args, args.doc);
    return statusFor('submitted')(args);
  },
  afterSubmit: submitPurchaseOrder,
  beforeCancel: statusFor('cancelled'),
  afterCancel: cancelPurchaseOrder,
};

const dateInput = { type: 'string', format: 'date' };

/** "Receive": a goods receipt for every line's open qty (optionally submitted at once); offered while something is not received. */
export const receiveAction: ActionDefinition<{
  posting_date?: string;
  submit?: boolean;
  supplier_delivery_note?: string;
  lines?: { purchase_order_line: number; qty: string }[];
}> = {
  label: 'Receive',
  labels: { lt: 'Priimti prekes' },
  icon: 'move_to_inbox',
  when: { docstatus: ['submitted'], status: ['to_receive_and_bill', 'to_receive'] },
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      posting_date: { ...dateInput, title: 'Posting date' },
      supplier_delivery_note: { type: 'string', maxLength: 60, title: "Supplier's delivery note" },
      lines: {
        type: 'array',
        minItems: 1,
        title: 'What to receive',
        description: 'Which lines and how much; default: everything not yet received.',
        'x-labels': { lt: { title: 'Ką priimti', description: 'Kurias eilutes ir kiek; numatytai: viską, kas dar nepriimta.' } },
        // The dialog shows the order's open lines with the qty left to receive prefilled (partial receipts).
        'x-ui': { openLines: { from: 'lines', key: 'purchase_order_line', open: ['qty', 'received_qty'] } },
        items: {
          type: 'object',
          required: ['purchase_order_line', 'qty'],
          additionalProperties: false,
          properties: { purchase_order_line: { type: 'integer', minimum: 1 }, qty: { type: 'string', pattern: '^[0-9]{1,12}(\\.[0-9]{1,6})?$' } },
        },
      },
      submit: { type: 'boolean', default: false, title: 'Submit the receipt now' },
    },
  },
  handler: async ({ doc, input, entity, sql }) => {
    // The status says some line is not fully received (when): those are the open lines.
    const open = (doc.lines as Doc[]).filter((l) => D(l.qty).gt(D(l.received_qty)));
    const today = (await sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
    const receipt = await entity('purchasing.goods_receipt').create({
      supplier: doc.supplier,
      purchase_order: doc.id,
      posting_date: input.posting_date ?? today,
      supplier_delivery_note: input.supplier_delivery_note ?? null,
      set_warehouse: doc.set_warehouse ?? null,
      lines: input.lines ?? open.map((l) => ({ purchase_order_line: l.id, qty: D(l.qty).sub(D(l.received_qty)).toFixed() })),
    });
    return input.submit ? entity('purchasing.goods_receipt').submit(receipt.id) : receipt;
  },
};

/** "Bill": a supplier invoice for every line's unbilled amount; offered while something is not billed. */
export const billAction: ActionDefinition<{ posting_date?: string; bill_no?: string; bill_date?: string; submit?: boolean }> = {
  label: 'Bill',
  labels: { lt: 'Registruoti sąskaitą' },
  icon: 'request_quote',
  when: { docstatus: ['submitted'], status: ['to_receive_and_bill', 'to_bill'] },
  input: {
    type: 'object',
    additionalProperties: false,
    properties: {
      posting_date: { ...dateInput, title: 'Posting date' },
      bill_no: { type: 'string', maxLength: 60, title: "Supplier's invoice no." },
      bill_date: { ...dateInput, title: 'Invoice date' },
      submit: { type: 'boolean', default: false, title: 'Submit the invoice now' },
    },
  },
  handler: async ({ doc, input, entity, sql }) => {
    // The status says some line's amount is not fully billed (when): those are the open lines.
    const open = (doc.lines as Doc[]).filter((l) => D(l.amount).gt(D(l.billed_amount)) && D(l.rate).gt(0));
    const today = (await sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
    const invoice = await entity('purchasing.supplier_invoice').create({
      supplier: doc.supplier,
      purchase_order: doc.id,
      posting_date: input.posting_date ?? today,
      bill_no: input.bill_no ?? null,
      bill_date: input.bill_date ?? null,
      currency: doc.currency,
      lines: open.map((l) => {
        // the unbilled part, as qty at the order rate (a fully unbilled line: its qty)
        const unbilled = D(l.amount).sub(D(l.billed_amount));
        const qty = D(l.billed_amount).isZero() ? D(l.qty) : unbilled.div(D(l.rate)).toDecimalPlaces(6);
        return { purchase_order_line: l.id, qty: qty.toFixed(), rate: l.rate };
      }),
    });
    return input.submit ? entity('purchasing.supplier_invoice').submit(invoice.id) : invoice;
  },
};
