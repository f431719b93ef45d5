/**
 * Goods receipts: lines are filled from the purchase order lines they receive; saving (unless
 * the draft allows it: allow_over_receipt) and submitting refuse over-receipt (open qty plus the over_receipt_allowance setting, checked with the
 * order lines locked), posts the accepted qty into stock at the line rate (in the company
 * currency, per stock unit), stocks rejected qty in the rejected warehouse when one is set
 * (else it is not stocked and stays open on the order: the supplier owes it), raises the
 * order lines' received_qty and lowers the ordered qty of the balances. Cancel reverses all.
 */
import { renderMessage, statusText, Decimal, Errors, type Doc, type EntityHooks, type Hook, type HookArgs, type ServiceContext } from '@tessera/core';
import {
  adjustOrderedQty,
  applyLineUnits,
  loadItems,
  postStock,
  reverseStock,
  showQty,
  throwProblems,
  RATE_SCALE,
  type StockMove,
  type UomProblem,
} from '@tessera/plugin-inventory/api';
import { applySupplier, openStockQty, settingsOf, updateOrders, warehouseProblems, type LineChange } from './purchase-order.js';
import { D } from '@tessera/plugin-kit';
import { errors } from '../errors.js';

export const GOODS_RECEIPT = 'purchasing.goods_receipt';

interface PoLine {
  id: number;
  parent_id: number;
  idx: number;
  item: number;
  item_code: string;
  qty: string;
  stock_qty: string;
  conversion_factor: string;
  received_qty: string;
  billed_amount: string;
  amount: string;
  rate: string;
  uom: number | null;
  warehouse: number | null;
  po_number: string;
  po_docstatus: string;
  po_supplier: number;
  po_currency: string | null;
  po_exchange_rate: string;
}

/** Purchase order lines with their order's facts; locked when forUpdate (submit/cancel of receipts and invoices). */
export async function loadOrderLines(ctx: ServiceContext, ids: number[], forUpdate = false): Promise<Map<number, PoLine>> {
  const list = [...new Set(ids.filter((x) => x != null).map(Number))];
  if (!list.length) return new Map();
  const rows = await ctx.sql<PoLine>(
    `select l.id, l.parent_id, l.idx, l.item, i.code as item_code, l.qty, l.stock_qty, l.conversion_factor, l.received_qty, l.billed_amount, l.amount, l.rate, l.uom, l.warehouse,
            o.number as po_number, o.docstatus as po_docstatus, o.supplier as po_supplier, o.currency as po_currency, o.exchange_rate as po_exchange_rate
       from purchasing_purchase_order_line l
       join purchasing_purchase_order o on o.id = l.parent_id
       join inventory_v_item i on i.id = l.item
      where l.id = any($1) order by l.id${forUpdate ? ' for update of l' : ''}`,
    [list],
  );
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id), parent_id: Number(r.parent_id), item: Number(r.item) }]));
}

/** Fills receipt (or invoice) lines from their order lines and checks they belong together. */
export async function linkOrderLines(ctx: HookArgs, doc: Doc, opts: { fill: (line: Doc, po: PoLine) => void }): Promise<UomProblem[]> {
  const lines: Doc[] = doc.lines ?? [];
  const problems: UomProblem[] = [];
  const poLines = await loadOrderLines(
    ctx,
    lines.map((l) => l.purchase_order_line),
  );
  if (doc.purchase_order != null) {
    const [po] = await ctx.sql<{
      supplier: number;
      currency: string | null;
      exchange_rate: string;
      set_warehouse: number | null;
      docstatus: string;
      number: string;
    }>(`select supplier, currency, exchange_rate, set_warehouse, docstatus, number from purchasing_purchase_order where id = $1`, [doc.purchase_order]);
    if (po) {
      doc.supplier ??= po.supplier;
      doc.currency ??= po.currency;
      if (ctx.model.fieldMap.has('exchange_rate') && (doc.exchange_rate == null || D(doc.exchange_rate).eq(1))) doc.exchange_rate = po.exchange_rate;
      if (ctx.model.fieldMap.has('set_warehouse')) doc.set_warehouse ??= po.set_warehouse;
      if (po.docstatus !== 'submitted')
        problems.push({
          path: 'purchase_order',
          ...errors.t('submitted_purchase_order_can_received', { number: String(po.number), docstatus: statusText(po.docstatus) }),
        });
    }
  }
  lines.forEach((l, i) => {
    if (l.purchase_order_line == null) {
      if (l.item == null) problems.push({ path: `lines/${i}/item`, ...errors.t('required_name_purchase_order_line') });
      if (l.rate == null) problems.push({ path: `lines/${i}/rate`, ...errors.t('required_name_purchase_order_line') });
      return;
    }
    const po = poLines.get(Number(l.purchase_order_line));
    if (!po) return; // a reference to a line that does not exist: the foreign key names it with its path
    l.purchase_order = po.parent_id;
    l.item ??= po.item;
    l.rate ??= po.rate;
    opts.fill(l, po);
    if (Number(l.item) !== po.item)
      problems.push({
        path: `lines/${i}/item`,
        ...errors.t('differs_from_item_line', { item_code: String(po.item_code), po_number: String(po.po_number), value: String(po.idx + 1) }),
      });
    if (doc.purchase_order != null && po.parent_id !== Number(doc.purchase_order))
      problems.push({ path: `lines/${i}/purchase_order_line`, ...errors.t('belongs_not_document_s_purchase', { po_number: String(po.po_number) }) });
    if (doc.supplier != null && po.po_supplier !== Number(doc.supplier))
      problems.push({ path: `lines/${i}/purchase_order_line`, ...errors.t('from_another_supplier', { po_number: String(po.po_number) }) });
    if (po.po_docstatus !== 'submitted')
      problems.push({
        path: `lines/${i}/purchase_order_line`,
        ...errors.t('submitted_purchase_order_can_received_2', { po_number: String(po.po_number), po_docstatus: statusText(po.po_docstatus) }),
      });
  });
  if (doc.supplier == null) problems.push({ path: 'supplier', ...errors.t('required_name_purchase_order') });
  return problems;
}

const prepareReceipt: Hook = async (args) => {
  const { doc } = args;
  const lines: Doc[] = doc.lines ?? [];
  const problems = await linkOrderLines(args, doc, {
    fill: (l, po) => {
      if (l.uom == null) l.uom = po.uom;
      l.warehouse ??= po.warehouse;
    },
  });
  if (doc.supplier != null) problems.push(...(await applySupplier(args, doc)));
  problems.push(...(await applyLineUnits(args, lines, 'lines', ['qty', 'rejected_qty'])));
  const stock = new Set(
    [
      ...(
        await loadItems(
          args,
          lines.map((l) => l.item),
        )
      ).values(),
    ]
      .filter((i) => i.is_stock_item)
      .map((i) => i.id),
  );
  const whRefs: { path: string; id: number }[] = [];
  lines.forEach((l, i) => {
    l.warehouse ??= doc.set_warehouse ?? null;
    if (D(l.qty).add(D(l.rejected_qty)).isZero()) problems.push({ path: `lines/${i}/qty`, ...errors.t('accepted_rejected_qty_are_both') });
    if (stock.has(Number(l.item)) && D(l.qty).gt(0) && l.warehouse == null)
      problems.push({ path: `lines/${i}/warehouse`, ...errors.t('required_stock_item_set_accepted') });
    if (l.warehouse != null) whRefs.push({ path: `lines/${i}/warehouse`, id: Number(l.warehouse) });
  });
  if (doc.rejected_warehouse != null) {
    whRefs.push({ path: 'rejected_warehouse', id: Number(doc.rejected_warehouse) });
    if (lines.some((l) => l.warehouse != null && Number(l.warehouse) === Number(doc.rejected_warehouse)))
      problems.push({ path: 'rejected_warehouse', ...errors.t('differ_from_accepted_warehouse') });
  }
  problems.push(...(await warehouseProblems(args, whRefs)));
  throwProblems('INVALID_GOODS_RECEIPT', problems);
};

/**
 * Over-receipt: received + this receipt <= ordered x (1 + allowance). Checked when the receipt
 * is saved (so a draft never promises what its submit refuses), unless the draft says it may
 * exceed the order for now (allow_over_receipt: a count to settle with the supplier), and
 * always on submit, with the order lines locked.
 */
const checkReceipt: Hook = async (args) => {
  await prepareReceipt(args);
  await refuseOverReceipt(args, true);
};

const prepareAndCheckDraft: Hook = async (args) => {
  await prepareReceipt(args);
  if (args.doc.allow_over_receipt !== true) await refuseOverReceipt(args, false);
};

async function refuseOverReceipt(args: HookArgs, lock: boolean): Promise<void> {
  const lines: Doc[] = args.doc.lines ?? [];
  const poLines = await loadOrderLines(
    args,
    lines.map((l) => l.purchase_order_line),
    lock,
  );
  const allowance = D(settingsOf(args).over_receipt_allowance ?? 0);
  const incoming = new Map<number, Decimal>();
  const problems: UomProblem[] = [];
  lines.forEach((l, i) => {
    if (l.purchase_order_line == null) return;
    const po = poLines.get(Number(l.purchase_order_line));
    if (!po) return; // an unknown order line: the foreign key names it
    const total = (incoming.get(po.id) ?? D(po.received_qty)).add(D(l.qty));
    incoming.set(po.id, total);
    const limit = D(po.qty).mul(allowance.div(100).add(1));
    if (total.gt(limit)) {
      const open = Decimal.max(D(po.qty).sub(D(po.received_qty)), 0);
      problems.push({
        path: `lines/${i}/qty`,
        ...errors.t('over_receipt_line_ordered_received', {
          po_number: String(po.po_number),
          value: String(po.idx + 1),
          item_code: String(po.item_code),
          value2: String(showQty(po.qty)),
          value3: String(showQty(po.received_qty)),
          value4: String(showQty(open)),
          value5: String(showQty(D(l.qty))),
          value6: allowance.gt(0)
            ? {
                en: `, allowance ${allowance.toFixed()}% (at most ${showQty(limit.sub(D(po.received_qty)))} more)`,
                lt: `, leidžiama ${allowance.toFixed()}% (daugiausia dar ${showQty(limit.sub(D(po.received_qty)))})`,
              }
            : '',
        }),
      });
    }
  });
  if (problems.length)
    throw Errors.unprocessable(
      'OVER_RECEIPT',
      errors.t(lock ? 'over_receipt' : 'over_receipt_draft', {
        problems: {
          en: problems.map((p) => `${p.path}: ${p.message}`).join('; '),
          lt: problems.map((p) => `${p.path}: ${(p.key && renderMessage(p.key, p.params, 'lt')) || p.message}`).join('; '),
        },
      }),
      problems,
    );
}

/** Moves the order lines' received qty by sign x line qty; keeps the balances' ordered qty in step. */
async function applyToOrders(args: HookArgs, sign: 1 | -1): Promise<void> {
  const lines: Doc[] = args.doc.lines;
  const poLines = await loadOrderLines(
    args,
    lines.map((l) => l.purchase_order_line),
    true,
  );
  const received = new Map<number, Decimal>([...poLines.values()].map((p) => [p.id, D(p.received_qty)]));
  for (const l of lines) {
    if (l.purchase_order_line == null) continue;
    const id = Number(l.purchase_order_line);
    received.set(id, received.get(id)!.add(D(l.qty).mul(sign)));
  }
  const changes: LineChange[] = [];
  for (const [id, qty] of received) {
    const po = poLines.get(id)!;
    const after = Decimal.max(qty, 0);
    changes.push({ orderId: po.parent_id, lineId: id, values: { received_qty: after.toFixed() } });
    if (po.warehouse != null) {
      const change = openStockQty(po, after.toFixed()).sub(openStockQty(po));
      await adjustOrderedQty(args, [{ item: po.item, warehouse: Number(po.warehouse), qty: change.toFixed() }]);
    }
  }
  await updateOrders(args, changes);
}

const submitReceipt: Hook = async (args) => {
  const { doc } = args;
  const base = {
    voucherType: GOODS_RECEIPT,
    voucherId: doc.id as number,
    voucherNo: doc.number as string,
    postingDate: doc.posting_date as string,
    postingTime: doc.posting_time ?? undefined,
  };
  const exchange = D(doc.exchange_rate ?? 1);
  const lineValues: { collection: string; id: number; values: Doc }[] = [];
  for (const [i, l] of (doc.lines as Doc[]).entries()) {
    const perStockUnit = D(l.rate).mul(exchange).div(D(l.conversion_factor)).toDecimalPlaces(RATE_SCALE);
    const moves: StockMove[] = [];
    if (D(l.qty).gt(0))
      moves.push({
        ...base,
        item: l.item,
        warehouse: l.warehouse,
        qty: D(l.stock_qty).toFixed(),
        incomingRate: perStockUnit.toFixed(),
        voucherLine: l.id,
        path: `lines/${i}/qty`,
      });
    if (D(l.rejected_qty).gt(0) && doc.rejected_warehouse != null)
      moves.push({
        ...base,
        item: l.item,
        warehouse: doc.rejected_warehouse,
        qty: D(l.rejected_qty).mul(D(l.conversion_factor)).toDecimalPlaces(6).toFixed(),
        incomingRate: perStockUnit.toFixed(),
        voucherLine: l.id,
        path: `lines/${i}/rejected_qty`,
      });
    await postStock(args, moves);
    lineValues.push({ collection: 'lines', id: Number(l.id), values: { valuation_rate: perStockUnit.toFixed() } });
  }
  await args.entity(GOODS_RECEIPT).setServerFields(doc.id, {}, lineValues);
  await applyToOrders(args, 1);
};

const cancelReceipt: Hook = async (args) => {
  await reverseStock(args, GOODS_RECEIPT, args.doc.id);
  await applyToOrders(args, -1);
};

export const goodsReceiptHooks: EntityHooks = {
  beforeCreate: prepareAndCheckDraft,
  beforeUpdate: prepareAndCheckDraft,
  beforeSubmit: checkReceipt,
  afterSubmit: submitReceipt,
  afterCancel: cancelReceipt,
};
