/**
 * Work orders: the required components come from the bill of materials; submit reserves them
 * in the source warehouse; Transfer moves them to work in progress; Manufacture consumes them
 * in proportion to the qty made and receives the finished goods at exactly the consumed value;
 * Stop / Resume release and restore the reservation; cancel reverses every stock posting.
 * All stock effects go through the inventory plugin's stock API in the request's transaction.
 */
import { Decimal, Errors, type ActionArgs, type ActionDefinition, type Doc, type EntityHooks, type Hook, type ServiceContext } from '@tessera/core';
import {
  getBalance,
  postStock,
  reserveStock,
  reverseStock,
  negativeStockAllowed,
  stockWarehouseProblems,
  warehouseNames,
  type StockMove,
} from '@tessera/plugin-inventory/api';
import { D, itemLabel, loadItems, q6, r9, refuse, show, today } from './common.js';
import { requiredComponents } from './bom.js';
import { exactValueReceipt } from './valuation.js';
import { errors } from '../errors.js';

export const VOUCHER = 'production.work_order';

export interface ProductionSettings {
  /** Percent the produced qty may exceed the ordered qty ("10" = 10 %). */
  over_production_allowance: string;
}

export const settingsSchema = {
  properties: {
    over_production_allowance: {
      type: 'string',
      pattern: '^[0-9]{1,3}(\\.[0-9]{1,2})?$',
      default: '0',
      description: 'Percent by which a work order may produce (and transfer materials for) more than its qty, e.g. "10".',
    },
  },
};

type Sql = Pick<ServiceContext, 'sql'>;

function allowance(ctx: ServiceContext): Decimal {
  return D(ctx.settings<ProductionSettings>('production').over_production_allowance ?? '0');
}

/** The most a work order may produce: qty x (1 + allowance %), at qty scale. */
function maxQty(ctx: ServiceContext, doc: Doc): Decimal {
  return q6(
    D(doc.qty)
      .mul(D(100).add(allowance(ctx)))
      .div(100),
  );
}

// ------------------------------------------------------------------ hooks

/** Draft work orders: resolve the bill, check the warehouses and dates, fill the required components. */
const beforeSave: Hook = async ({ doc, sql, old }) => {
  const ctx = { sql };
  const problems: { path: string; message: string }[] = [];
  if (doc.planned_start_date && doc.planned_end_date && doc.planned_end_date < doc.planned_start_date)
    problems.push({ path: 'planned_end_date', ...errors.t('not_before_planned_start', { planned_start_date: String(doc.planned_start_date) }) });
  if (old && old.docstatus !== 'draft') {
    if (problems.length) refuse('INVALID_WORK_ORDER', problems);
    return; // a submitted order keeps its components; only editable-after-submit fields change
  }
  const items = await loadItems(ctx, [doc.item]);
  const item = items.get(Number(doc.item));
  if (!item) problems.push({ path: 'item', ...errors.t('item_does_not_exist', { item: String(doc.item) }) });
  else if (!item.is_stock_item) problems.push({ path: 'item', ...errors.t('does_not_maintain_stock_so', { value: String(itemLabel(item, item.id)) }) });
  // Inventory's rule for warehouses that hold stock (exist, not groups, not disabled).
  problems.push(
    ...(await stockWarehouseProblems(
      ctx,
      ['source_warehouse', 'wip_warehouse', 'fg_warehouse'].map((f) => ({ path: f, id: doc[f] })),
    )),
  );
  if (item) {
    if (doc.bom == null) {
      const [def] = await sql<{ id: number }>(`select id from production_bom where item = $1 and is_default`, [item.id]);
      if (def) doc.bom = Number(def.id);
      else problems.push({ path: 'bom', ...errors.t('no_default_bill_materials_create', { value: String(itemLabel(item, item.id)) }) });
    } else {
      const [b] = await sql<{ number: string; item: number; is_active: boolean }>(`select number, item, is_active from production_bom where id = $1`, [
        doc.bom,
      ]);
      if (!b) problems.push({ path: 'bom', ...errors.t('bill_materials_does_not_exist', { bom: String(doc.bom) }) });
      else if (Number(b.item) !== item.id)
        problems.push({ path: 'bom', ...errors.t('makes_another_item_not', { number: String(b.number), value: String(itemLabel(item, item.id)) }) });
      else if (!b.is_active) problems.push({ path: 'bom', ...errors.t('not_active', { number: String(b.number) }) });
    }
  }
  if (problems.length) refuse('INVALID_WORK_ORDER', problems);
  const required = await requiredComponents(ctx, Number(doc.bom), D(doc.qty));
  doc.required_items = required.map((r) => ({ item: r.item, required_qty: r.required_qty, transferred_qty: '0', consumed_qty: '0' }));
  doc.status = 'draft';
  doc.material_transferred_qty = '0';
  doc.produced_qty = '0';
  doc.produced_value = '0';
  doc.per_produced = '0';
  doc.stopped = false;
};

/** What is still reserved for a line: the required qty not yet transferred. */
const openReservation = (l: Doc): Decimal => Decimal.max(D(l.required_qty).sub(l.transferred_qty), 0);

async function reserve(ctx: ServiceContext, doc: Doc, sign: 1 | -1): Promise<void> {
  await reserveStock(
    ctx,
    (doc.required_items as Doc[]).map((l, i) => ({
      item: Number(l.item),
      warehouse: Number(doc.source_warehouse),
      qty: openReservation(l).mul(sign).toFixed(),
      path: `required_items/${i}/required_qty`,
    })),
  );
}

/** The status and % produced that follow from a work order's state and counters. */
export function workOrderProgress(doc: Doc, docstatus: string = doc.docstatus): { status: string; per_produced: string } {
  const produced = D(doc.produced_qty);
  const status =
    docstatus === 'draft' || docstatus === 'cancelled'
      ? docstatus
      : doc.stopped
        ? 'stopped'
        : produced.gte(D(doc.qty))
          ? 'completed'
          : produced.gt(0) || D(doc.material_transferred_qty).gt(0)
            ? 'in_process'
            : 'not_started';
  return { status, per_produced: produced.mul(100).div(D(doc.qty)).toDecimalPlaces(2).toFixed(2) };
}

/**
 * Sets counters of a work order (and of its required components) with the status that follows,
 * as audited server fields; returns the updated order.
 */
async function updateProgress(ctx: ServiceContext, doc: Doc, values: Doc, lines: { id: number; values: Doc }[] = []): Promise<Doc> {
  return ctx.entity('work_order').setServerFields(
    Number(doc.id),
    { ...values, ...workOrderProgress({ ...doc, ...values }) },
    lines.map((l) => ({ collection: 'required_items', ...l })),
  );
}

/** Submit and cancel set the derived status with the state change. */
const statusFor =
  (docstatus: 'submitted' | 'cancelled'): Hook =>
  ({ doc }) => {
    Object.assign(doc, workOrderProgress(doc, docstatus));
  };

export const workOrderHooks: EntityHooks = {
  beforeCreate: beforeSave,
  beforeUpdate: beforeSave,
  beforeSubmit: async (args) => {
    if (!(args.doc.required_items as Doc[]).length) refuse('INVALID_WORK_ORDER', [{ path: 'required_items', ...errors.t('bill_materials_no_components') }]);
    await statusFor('submitted')(args);
  },
  afterSubmit: async (ctx) => {
    await reserve(ctx, ctx.doc, 1);
  },
  beforeCancel: statusFor('cancelled'),
  afterCancel: async (ctx) => {
    const { doc } = ctx;
    await reverseStock(ctx, VOUCHER, Number(doc.id));
    if (!doc.stopped) await reserve(ctx, doc, -1);
  },
};

// ------------------------------------------------------------------ actions

const postingInput = {
  posting_date: {
    type: 'string',
    format: 'date',
    title: 'Posting date',
    description: 'Default: today.',
    'x-labels': { lt: { description: 'Numatytai: šiandien.' } },
  },
};
const qtySchema = {
  type: ['string', 'number'],
  pattern: '^[0-9]{1,12}(\\.[0-9]{1,6})?$',
  title: 'Qty',
  description: "Finished qty, in the item's stock unit (up to 6 decimal places).",
  'x-labels': { lt: { description: 'Gaminių kiekis prekės atsargų vienetu (iki 6 skaitm. po kablelio).' } },
};

function assertRunning(doc: Doc): void {
  if (doc.stopped) throw Errors.conflict('WORK_ORDER_STOPPED', errors.t('stopped_resume_first', { number: String(doc.number) }));
}

/** A positive decimal from an action input (string, or a JSON number that is exact). */
function positiveQty(v: unknown, path: string): Decimal {
  const text = typeof v === 'number' ? String(v) : v;
  if (typeof text !== 'string' || !/^[0-9]{1,12}(\.[0-9]{1,6})?$/.test(text))
    refuse('VALIDATION_FAILED', [{ path, ...errors.t('decimal_number_most_decimal_places') }]);
  const d = D(text);
  if (!d.gt(0)) refuse('VALIDATION_FAILED', [{ path, ...errors.t('must_be_positive') }]);
  return d;
}

async function addLog(ctx: Sql, doc: Doc, kind: 'transfer' | 'manufacture', date: string, qty: Decimal, value: Decimal): Promise<void> {
  await ctx.sql(
    `insert into production_work_order_log (parent_id, idx, kind, posting_date, qty, value, rate)
     values ($1, (select coalesce(max(idx) + 1, 0) from production_work_order_log where parent_id = $1), $2, $3, $4, $5, $6)`,
    [doc.id, kind, date, qty.toFixed(), value.toFixed(), r9(value.div(qty)).toFixed()],
  );
}

/** Receipts that add exactly `value` for `qty` (see valuation.ts). */
function receiptMoves(base: Omit<StockMove, 'qty' | 'incomingRate'>, qty: Decimal, value: Decimal): StockMove[] {
  return exactValueReceipt(qty, value).map((p) => ({ ...base, qty: p.qty.toFixed(), incomingRate: p.rate.toFixed() }));
}

async function transfer(ctx: ActionArgs<{ qty?: string; posting_date?: string }>): Promise<unknown> {
  const { doc, input } = ctx;
  assertRunning(doc);
  const ordered = D(doc.qty);
  const done = D(doc.material_transferred_qty);
  const max = maxQty(ctx, doc);
  let qty: Decimal;
  if (input.qty !== undefined && input.qty !== null && input.qty !== '') qty = positiveQty(input.qty, 'qty');
  else {
    qty = ordered.sub(done);
    if (!qty.gt(0))
      throw Errors.conflict(
        'ALREADY_TRANSFERRED',
        errors.t('materials_all_are_already_work', { ordered: String(show(ordered)), number: String(doc.number), value: String(show(max.sub(done))) }),
      );
  }
  const forQty = done.add(qty);
  if (forQty.gt(max))
    refuse('OVER_TRANSFER', [
      {
        path: 'qty',
        ...errors.t('materials_would_exceed_make_most', {
          forQty: String(show(forQty)),
          ordered: String(show(ordered)),
          value: allowance(ctx).gt(0)
            ? { en: ` plus the ${show(allowance(ctx))}% allowance (${show(max)})`, lt: ` ir leistiną ${show(allowance(ctx))}% perviršį (${show(max)})` }
            : '',
          value2: String(show(Decimal.max(max.sub(done), 0))),
        }),
      },
    ]);
  const lines = doc.required_items as Doc[];
  const moves = lines
    .map((line, i) => ({ line, i, qty: Decimal.max(q6(D(line.required_qty).mul(forQty).div(ordered)).sub(line.transferred_qty), 0) }))
    .filter((m) => m.qty.gt(0));
  const items = await loadItems(
    ctx,
    moves.map((m) => Number(m.line.item)),
  );
  const whs = await warehouseNames(ctx, [doc.source_warehouse]);
  const source = Number(doc.source_warehouse);
  const negative = await negativeStockAllowed(ctx, [...items.keys()]);
  const shortages: { path: string; message: string }[] = [];
  for (const m of moves) {
    const item = items.get(Number(m.line.item));
    if (!item?.is_stock_item || negative.has(item.id)) continue;
    const onHand = Decimal.max((await getBalance(ctx, item.id, source)).actualQty, 0);
    if (onHand.lt(m.qty))
      shortages.push({
        path: `required_items/${m.i}/item`,
        ...errors.t('short_needed_stock', {
          value: String(itemLabel(item, item.id)),
          value2: String(show(m.qty.sub(onHand))),
          value3: String(whs.get(source)),
          qty: String(show(m.qty)),
          onHand: String(show(onHand)),
        }),
      });
  }
  if (shortages.length) refuse('COMPONENT_SHORTAGE', shortages);
  const date = input.posting_date ?? (await today(ctx));
  const common = { voucherType: VOUCHER, voucherId: Number(doc.id), voucherNo: doc.number as string, postingDate: date };
  const issued = await postStock(
    ctx,
    moves.map((m) => ({
      ...common,
      item: Number(m.line.item),
      warehouse: source,
      qty: m.qty.negated().toFixed(),
      voucherLine: Number(m.line.id),
      path: `required_items/${m.i}/transferred_qty`,
    })),
  );
  const receipts = moves.flatMap((m, k) =>
    receiptMoves(
      {
        ...common,
        item: Number(m.line.item),
        warehouse: Number(doc.wip_warehouse),
        voucherLine: Number(m.line.id),
        path: `required_items/${m.i}/transferred_qty`,
      },
      m.qty,
      issued[k]!.valueChange.negated(),
    ),
  );
  await postStock(ctx, receipts);
  if (!doc.stopped)
    await reserveStock(
      ctx,
      moves.map((m) => ({
        item: Number(m.line.item),
        warehouse: source,
        qty: Decimal.min(m.qty, openReservation(m.line)).negated().toFixed(),
        path: `required_items/${m.i}/required_qty`,
      })),
    );
  const value = issued.reduce((a, p) => a.add(p.valueChange.negated()), new Decimal(0));
  await addLog(ctx, doc, 'transfer', date, qty, value);
  return updateProgress(
    ctx,
    doc,
    { material_transferred_qty: forQty.toFixed(), actual_start_date: doc.actual_start_date ?? date },
    moves.map((m) => {
      const transferred = D(m.line.transferred_qty).add(m.qty);
      return { id: Number(m.line.id), values: { transferred_qty: transferred.toFixed(), to_transfer_qty: D(m.line.required_qty).sub(transferred).toFixed() } };
    }),
  );
}

async function manufacture(ctx: ActionArgs<{ qty: string; posting_date?: string }>): Promise<unknown> {
  const { doc, input } = ctx;
  assertRunning(doc);
  const qty = positiveQty(input.qty, 'qty');
  const ordered = D(doc.qty);
  const produced = D(doc.produced_qty);
  const max = maxQty(ctx, doc);
  const after = produced.add(qty);
  if (after.gt(max))
    refuse('OVER_PRODUCTION', [
      {
        path: 'qty',
        ...errors.t('producing_would_make_ordered_already', {
          qty: String(show(qty)),
          after: String(show(after)),
          ordered: String(show(ordered)),
          value: allowance(ctx).gt(0)
            ? {
                en: ` (at most ${show(max)} with the ${show(allowance(ctx))}% allowance)`,
                lt: ` (daugiausia ${show(max)} su leistinu ${show(allowance(ctx))}% perviršiu)`,
              }
            : '',
          produced: String(show(produced)),
          value2: String(show(Decimal.max(max.sub(produced), 0))),
        }),
      },
    ]);
  const lines = doc.required_items as Doc[];
  const moves = lines
    .map((line, i) => ({ line, i, qty: Decimal.max(q6(D(line.required_qty).mul(after).div(ordered)).sub(line.consumed_qty), 0) }))
    .filter((m) => m.qty.gt(0));
  const items = await loadItems(ctx, [...moves.map((m) => Number(m.line.item)), Number(doc.item)]);
  const shortages: { path: string; message: string }[] = [];
  for (const m of moves) {
    const inWip = D(m.line.transferred_qty).sub(m.line.consumed_qty);
    if (inWip.lt(m.qty))
      shortages.push({
        path: `required_items/${m.i}/item`,
        ...errors.t('short_needed_transferred_work_progress', {
          value: String(itemLabel(items.get(Number(m.line.item)), m.line.item)),
          value2: String(show(m.qty.sub(inWip))),
          qty: String(show(m.qty)),
          value3: String(show(Decimal.max(inWip, 0))),
        }),
      });
  }
  if (shortages.length) refuse('COMPONENT_SHORTAGE', shortages);
  const date = input.posting_date ?? (await today(ctx));
  const common = { voucherType: VOUCHER, voucherId: Number(doc.id), voucherNo: doc.number as string, postingDate: date };
  const consumed = await postStock(
    ctx,
    moves.map((m) => ({
      ...common,
      item: Number(m.line.item),
      warehouse: Number(doc.wip_warehouse),
      qty: m.qty.negated().toFixed(),
      voucherLine: Number(m.line.id),
      path: `required_items/${m.i}/consumed_qty`,
    })),
  );
  const value = consumed.reduce((a, p) => a.add(p.valueChange.negated()), new Decimal(0));
  const received = await postStock(ctx, receiptMoves({ ...common, item: Number(doc.item), warehouse: Number(doc.fg_warehouse), path: 'qty' }, qty, value));
  const receivedValue = received.reduce((a, p) => a.add(p.valueChange), new Decimal(0));
  await addLog(ctx, doc, 'manufacture', date, qty, receivedValue);
  return updateProgress(
    ctx,
    doc,
    {
      produced_qty: after.toFixed(),
      produced_value: D(doc.produced_value).add(receivedValue).toFixed(),
      actual_start_date: doc.actual_start_date ?? date,
      actual_end_date: after.gte(ordered) ? (doc.actual_end_date ?? date) : doc.actual_end_date,
    },
    moves.map((m) => ({ id: Number(m.line.id), values: { consumed_qty: D(m.line.consumed_qty).add(m.qty).toFixed() } })),
  );
}

export const workOrderActions: Record<string, ActionDefinition> = {
  transfer: {
    label: 'Transfer materials',
    labels: { lt: 'Perkelti žaliavas' },
    icon: 'local_shipping',
    when: { docstatus: ['submitted'] },
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        qty: {
          ...qtySchema,
          title: 'For finished qty',
          description: 'Transfer the components for this finished qty (default: all that is left).',
          'x-labels': { lt: { description: 'Perduoti komponentus šiam gaminių kiekiui (numatytai: visam likusiam).' } },
        },
        ...postingInput,
      },
    },
    handler: transfer,
  },
  manufacture: {
    label: 'Manufacture',
    labels: { lt: 'Pagaminti' },
    icon: 'precision_manufacturing',
    when: { docstatus: ['submitted'] },
    input: {
      type: 'object',
      required: ['qty'],
      additionalProperties: false,
      properties: { qty: { ...qtySchema, title: 'Qty produced' }, ...postingInput },
    },
    handler: manufacture,
  },
  stop: {
    label: 'Stop',
    labels: { lt: 'Sustabdyti' },
    icon: 'pause_circle',
    // only a running order: not one that is stopped already or completed
    when: { docstatus: ['submitted'], status: ['not_started', 'in_process'] },
    confirm: 'Stop this work order? Its remaining component reservations are released.',
    handler: async (ctx) => {
      await reserve(ctx, ctx.doc, -1);
      return updateProgress(ctx, ctx.doc, { stopped: true });
    },
  },
  resume: {
    label: 'Resume',
    labels: { lt: 'Tęsti' },
    icon: 'play_circle',
    when: { docstatus: ['submitted'], status: ['stopped'] },
    handler: async (ctx) => {
      await reserve(ctx, ctx.doc, 1);
      return updateProgress(ctx, ctx.doc, { stopped: false });
    },
  },
};
