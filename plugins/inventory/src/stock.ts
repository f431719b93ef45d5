/**
 * The public stock-posting API: the only way stock quantities and values change.
 * Sales deliveries, production work orders, goods receipts and stock entries call it
 * from their submit/cancel hooks, inside the request's transaction:
 *
 *   import { postStock, reverseStock } from '@tessera/plugin-inventory/api';
 *   const posted = await postStock(ctx, [{ item, warehouse, qty: '-25', voucherType: 'sales.delivery',
 *     voucherId: doc.id, voucherLine: line.id, postingDate: doc.posting_date, path: 'lines/0/qty' }]);
 *   const cogs = posted[0].valueChange.negated();            // cost of goods sold (exact)
 *   // afterCancel of the same document:
 *   await reverseStock(ctx, 'sales.delivery', doc.id);
 *
 * Rules
 * - qty is a signed decimal string in the item's stock unit: + receives, - issues.
 * - A receipt (qty > 0) is valued at incomingRate (when omitted: the current valuation rate).
 *   An issue (qty < 0) leaves at the current valuation: moving average, or the oldest FIFO
 *   layers, per the item's valuation_method. valueChange of an issue is negative: its
 *   negation is the cost of goods issued.
 * - A transfer is two moves: post the issue first, then the receipt with
 *   incomingRate = the issue's `rate` (returned), so the value moves with the goods.
 * - Each move locks its balance row (created on first use with INSERT ... ON CONFLICT DO
 *   NOTHING, then SELECT ... FOR UPDATE; all rows of one call are locked in item/warehouse
 *   order, so concurrent callers cannot deadlock), refuses negative stock unless the item or
 *   the inventory setting allow_negative_stock allows it (422 INSUFFICIENT_STOCK naming item,
 *   warehouse and shortage; `path` goes into the error details), appends one ledger row and
 *   updates the balance. Everything runs in ctx's transaction: a later failure rolls it back.
 * - Items that are not stock items (is_stock_item = false) are skipped: their PostedEntry
 *   has ledgerId null and zero values. The result is aligned with the input.
 * - Valuation follows the order in which moves are posted (a back-dated posting does not
 *   revalue later entries); postingDate drives the as-of-date reports.
 * - Scales: qty numeric(18,6), rates numeric(21,9), values numeric(21,6). A receipt adds
 *   exactly qty x rate (rounded half-up to 6 places); the stock value after an issue is
 *   qty_after x valuation rate (moving average) or the sum of the remaining FIFO layers.
 * - reverseStock posts, for every not yet reversed entry of the voucher (newest first), an
 *   entry with the opposite qty and value change; it never deletes. The ledger stays
 *   append-only (a database trigger refuses UPDATE and DELETE on it).
 * - reserveStock / adjustOrderedQty change the reserved / ordered qty of a balance row
 *   (projected = actual - reserved + ordered); they never touch the ledger.
 */
import { Decimal, Errors, type ServiceContext } from '@tessera/core';
import { D } from '@tessera/plugin-kit';
import { errors } from '../errors.js';

export const QTY_SCALE = 6;
export const RATE_SCALE = 9;
export const VALUE_SCALE = 6;

export const LEDGER_TABLE = 'inventory_stock_ledger_entry';
export const BIN_TABLE = 'inventory_bin';

export interface StockMove {
  item: number;
  warehouse: number;
  /** Signed decimal string in the stock unit: "40" receives, "-25" issues. */
  qty: string;
  /** Valuation rate of a receipt (per stock unit). Ignored for issues. */
  incomingRate?: string;
  /** Entity key of the source document, e.g. "purchasing.goods_receipt". */
  voucherType: string;
  voucherId: number;
  /** Line id within the voucher (lets the caller map results and reversals). */
  voucherLine?: number;
  /** Human document number; looked up from the voucher's title field when omitted. */
  voucherNo?: string;
  /** YYYY-MM-DD */
  postingDate: string;
  /** HH:MM[:SS]; defaults to the current time. */
  postingTime?: string;
  /** Field path of the move in the caller's document (e.g. "lines/2/qty"), for error details. */
  path?: string;
}

export interface PostedEntry {
  /** Ledger row id; null when the item is not a stock item (nothing posted). */
  ledgerId: number | null;
  item: number;
  warehouse: number;
  voucherLine?: number;
  qty: Decimal;
  /** Signed change of stock value (negative for issues: its negation is the cost). */
  valueChange: Decimal;
  /** Value per unit of this move: |valueChange| / |qty| (rate scale). */
  rate: Decimal;
  qtyAfter: Decimal;
  valuationRate: Decimal;
  stockValueAfter: Decimal;
}

export interface Balance {
  item: number;
  warehouse: number;
  actualQty: Decimal;
  reservedQty: Decimal;
  orderedQty: Decimal;
  projectedQty: Decimal;
  valuationRate: Decimal;
  stockValue: Decimal;
}

export interface QtyChange {
  item: number;
  warehouse: number;
  /** Signed decimal string. */
  qty: string;
  path?: string;
}

/** A FIFO layer: [qty, rate] as decimal strings. A negative qty is stock issued beyond what was on hand. */
type Layer = [string, string];

interface BinRow {
  id: number;
  item: number;
  warehouse: number;
  actual_qty: string;
  reserved_qty: string;
  ordered_qty: string;
  valuation_rate: string;
  stock_value: string;
  stock_queue: Layer[] | null;
}

interface ItemRow {
  id: number;
  code: string;
  name: string;
  is_stock_item: boolean;
  valuation_method: 'moving_average' | 'fifo';
  allow_negative_stock: boolean;
}

interface WarehouseRow {
  id: number;
  name: string;
  is_group: boolean;
}

const q6 = (d: Decimal) => d.toDecimalPlaces(QTY_SCALE, Decimal.ROUND_HALF_UP);
const r9 = (d: Decimal) => d.toDecimalPlaces(RATE_SCALE, Decimal.ROUND_HALF_UP);
const v6 = (d: Decimal) => d.toDecimalPlaces(VALUE_SCALE, Decimal.ROUND_HALF_UP);

/** Trims trailing zeros for messages: 12.500000 -> 12.5 */
export const showQty = (d: Decimal | string | number) => new Decimal(d).toFixed();

async function loadItems(ctx: ServiceContext, ids: number[]): Promise<Map<number, ItemRow>> {
  const rows = await ctx.sql<ItemRow>(`select id, code, name, is_stock_item, valuation_method, allow_negative_stock from inventory_item where id = any($1)`, [
    [...new Set(ids)],
  ]);
  return new Map(rows.map((r) => [Number(r.id), r]));
}

async function loadWarehouses(ctx: ServiceContext, ids: number[]): Promise<Map<number, WarehouseRow>> {
  const rows = await ctx.sql<WarehouseRow>(`select id, name, is_group from inventory_warehouse where id = any($1)`, [[...new Set(ids)]]);
  return new Map(rows.map((r) => [Number(r.id), r]));
}

/**
 * Locks the balance rows of the given (item, warehouse) pairs, creating missing ones, in a
 * fixed order (item, warehouse) so that concurrent transactions queue instead of deadlocking.
 */
export async function lockBins(ctx: ServiceContext, pairs: { item: number; warehouse: number }[]): Promise<Map<string, BinRow>> {
  const keys = [...new Map(pairs.map((p) => [`${p.item}:${p.warehouse}`, p])).values()].sort((a, b) => a.item - b.item || a.warehouse - b.warehouse);
  const out = new Map<string, BinRow>();
  for (const { item, warehouse } of keys) {
    await ctx.sql(`insert into ${BIN_TABLE} (item, warehouse) values ($1, $2) on conflict (item, warehouse) do nothing`, [item, warehouse]);
    const [row] = await ctx.sql<BinRow>(
      `select id, item, warehouse, actual_qty, reserved_qty, ordered_qty, valuation_rate, stock_value, stock_queue
         from ${BIN_TABLE} where item = $1 and warehouse = $2 for update`,
      [item, warehouse],
    );
    out.set(`${item}:${warehouse}`, row!);
  }
  return out;
}

function negativeAllowed(ctx: ServiceContext, item: ItemRow): boolean {
  return item.allow_negative_stock || ctx.settings<{ allow_negative_stock?: boolean }>('inventory').allow_negative_stock === true;
}

const voucherNoCache = new WeakMap<ServiceContext, Map<string, string>>();

async function voucherNumber(ctx: ServiceContext, type: string, id: number): Promise<string> {
  let cache = voucherNoCache.get(ctx);
  if (!cache) voucherNoCache.set(ctx, (cache = new Map()));
  const key = `${type}:${id}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const model = ctx.entity(type).model;
  const [row] = await ctx.sql<{ n: string | null }>(`select "${model.titleField}"::text as n from "${model.table}" where id = $1`, [id]);
  const n = row?.n ?? String(id);
  cache.set(key, n);
  return n;
}

function parseQty(value: string, path: string): Decimal {
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    throw Errors.validation([{ path, ...errors.t('decimal_number_got', { value: String(JSON.stringify(value)) }) }]);
  }
  if (!d.isFinite()) throw Errors.validation([{ path, ...errors.t('finite_decimal_number') }]);
  if (d.decimalPlaces() > QTY_SCALE) throw Errors.validation([{ path, ...errors.t('have_most_decimal_places', { QTY_SCALE }) }]);
  return d;
}

interface Valuation {
  qtyAfter: Decimal;
  valueAfter: Decimal;
  rateAfter: Decimal;
  queue: Layer[] | null;
}

/** Moving average: receipts add qty x rate; issues leave at the current rate. */
function movingAverage(qty: Decimal, value: Decimal, rate: Decimal, change: Decimal, incomingRate: Decimal): Valuation {
  const qtyAfter = qty.add(change);
  if (change.gt(0)) {
    // Receiving onto negative stock: the shortfall is settled at the incoming rate.
    const valueAfter = qty.lt(0) ? v6(qtyAfter.mul(incomingRate)) : v6(value.add(change.mul(incomingRate)));
    const rateAfter = qtyAfter.isZero() ? incomingRate : r9(valueAfter.div(qtyAfter));
    return { qtyAfter, valueAfter, rateAfter, queue: null };
  }
  const valueAfter = qtyAfter.isZero() ? new Decimal(0) : v6(qtyAfter.mul(rate));
  return { qtyAfter, valueAfter, rateAfter: rate, queue: null };
}

function layerValue(queue: Layer[]): Decimal {
  return v6(queue.reduce((acc, [q, r]) => acc.add(D(q).mul(r)), new Decimal(0)));
}

/** FIFO: receipts append a layer; issues consume the oldest layers. */
function fifo(qty: Decimal, rate: Decimal, queueIn: Layer[] | null, change: Decimal, incomingRate: Decimal): Valuation {
  let queue: Layer[] = (queueIn ?? []).map(([q, r]) => [q, r]);
  const qtyAfter = qty.add(change);
  if (change.gt(0)) {
    let remaining = change;
    // First settle a negative layer (stock issued beyond what was on hand).
    if (queue.length && D(queue[0]![0]).lt(0)) {
      const neg = D(queue[0]![0]);
      const settled = Decimal.min(remaining, neg.negated());
      const left = neg.add(settled);
      remaining = remaining.sub(settled);
      queue = left.isZero() ? queue.slice(1) : [[left.toFixed(), queue[0]![1]], ...queue.slice(1)];
    }
    if (remaining.gt(0)) {
      const last = queue[queue.length - 1];
      if (last && D(last[1]).eq(incomingRate) && D(last[0]).gt(0)) last[0] = D(last[0]).add(remaining).toFixed();
      else queue.push([remaining.toFixed(), incomingRate.toFixed()]);
    }
  } else {
    let toTake = change.negated();
    const fallbackRate = queue.length ? D(queue[queue.length - 1]![1]) : rate;
    while (toTake.gt(0) && queue.length && D(queue[0]![0]).gt(0)) {
      const [lq, lr] = queue[0]!;
      const take = Decimal.min(D(lq), toTake);
      toTake = toTake.sub(take);
      const left = D(lq).sub(take);
      if (left.isZero()) queue.shift();
      else queue[0] = [left.toFixed(), lr];
    }
    if (toTake.gt(0)) {
      // Negative stock (allowed): remember the shortfall as a negative layer at the last known rate.
      if (queue.length && D(queue[0]![0]).lt(0)) queue[0] = [D(queue[0]![0]).sub(toTake).toFixed(), queue[0]![1]];
      else queue = [[toTake.negated().toFixed(), fallbackRate.toFixed()]];
    }
  }
  const valueAfter = qtyAfter.isZero() ? new Decimal(0) : layerValue(queue);
  const rateAfter = qtyAfter.isZero() ? (queue.length ? D(queue[queue.length - 1]![1]) : change.gt(0) ? incomingRate : rate) : r9(valueAfter.div(qtyAfter));
  if (qtyAfter.isZero()) queue = [];
  return { qtyAfter, valueAfter, rateAfter, queue };
}

/** FIFO reversal of a receipt: take the qty back from the newest layers (same rate first). */
function fifoRemoveNewest(queueIn: Layer[] | null, qty: Decimal, rate: Decimal): Layer[] {
  const queue: Layer[] = (queueIn ?? []).map(([q, r]) => [q, r]);
  let toTake = qty;
  for (let i = queue.length - 1; i >= 0 && toTake.gt(0); i--) {
    if (!D(queue[i]![1]).eq(rate) || D(queue[i]![0]).lte(0)) continue;
    const take = Decimal.min(D(queue[i]![0]), toTake);
    toTake = toTake.sub(take);
    queue[i]![0] = D(queue[i]![0]).sub(take).toFixed();
  }
  for (let i = queue.length - 1; i >= 0 && toTake.gt(0); i--) {
    if (D(queue[i]![0]).lte(0)) continue;
    const take = Decimal.min(D(queue[i]![0]), toTake);
    toTake = toTake.sub(take);
    queue[i]![0] = D(queue[i]![0]).sub(take).toFixed();
  }
  const out = queue.filter(([q]) => !D(q).isZero());
  if (toTake.gt(0)) out.unshift([toTake.negated().toFixed(), rate.toFixed()]);
  return out;
}

interface PreparedMove {
  move: StockMove;
  qty: Decimal;
  path: string;
  /** For reconciliations: the qty (and rate) the balance must end at; qty is derived after locking. */
  target?: { qty: Decimal; rate: Decimal | null };
  /** For reversals: the ledger entry reversed and the exact value to take back. */
  reverses?: { id: number; valueChange: Decimal; incomingRate: Decimal | null };
}

async function postPrepared(ctx: ServiceContext, moves: PreparedMove[]): Promise<PostedEntry[]> {
  if (!moves.length) return [];
  const items = await loadItems(
    ctx,
    moves.map((m) => m.move.item),
  );
  const warehouses = await loadWarehouses(
    ctx,
    moves.map((m) => m.move.warehouse),
  );
  const problems: { path: string; message: string }[] = [];
  for (const m of moves) {
    const item = items.get(m.move.item);
    const wh = warehouses.get(m.move.warehouse);
    if (!item) problems.push({ path: m.path.replace(/qty$/, 'item'), ...errors.t('item_does_not_exist', { item: String(m.move.item) }) });
    if (item && !item.is_stock_item) continue;
    if (!wh) problems.push({ path: m.path.replace(/qty$/, 'warehouse'), ...errors.t('warehouse_does_not_exist_2', { warehouse: String(m.move.warehouse) }) });
    else if (wh.is_group && item?.is_stock_item)
      problems.push({ path: m.path.replace(/qty$/, 'warehouse'), ...errors.t('group_warehouse_stock_kept_child', { name: String(wh.name) }) });
  }
  if (problems.length) throw Errors.unprocessable('INVALID_STOCK_MOVE', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);

  const posts = (m: PreparedMove) => !m.qty.isZero() || !!m.target || !!m.reverses;
  const stockMoves = moves.filter((m) => items.get(m.move.item)!.is_stock_item && posts(m));
  const bins = await lockBins(
    ctx,
    stockMoves.map((m) => m.move),
  );
  const out: PostedEntry[] = [];
  const shortages: { path: string; message: string }[] = [];
  const skipped = (m: PreparedMove, bin?: BinRow): PostedEntry => ({
    ledgerId: null,
    item: m.move.item,
    warehouse: m.move.warehouse,
    voucherLine: m.move.voucherLine,
    qty: new Decimal(0),
    valueChange: new Decimal(0),
    rate: new Decimal(0),
    qtyAfter: D(bin?.actual_qty),
    valuationRate: D(bin?.valuation_rate),
    stockValueAfter: D(bin?.stock_value),
  });
  for (const m of moves) {
    const item = items.get(m.move.item)!;
    if (!item.is_stock_item || !posts(m)) {
      out.push(skipped(m));
      continue;
    }
    const wh = warehouses.get(m.move.warehouse)!;
    const bin = bins.get(`${item.id}:${wh.id}`)!;
    const qty = D(bin.actual_qty);
    const value = D(bin.stock_value);
    const rate = D(bin.valuation_rate);
    if (m.target) {
      m.qty = m.target.qty.sub(qty);
      const targetRate = r9(m.target.rate ?? rate);
      const targetValue = v6(m.target.qty.mul(targetRate));
      if (m.qty.isZero() && targetValue.eq(value)) {
        out.push(skipped(m, bin));
        continue;
      }
      m.move.incomingRate = targetRate.toFixed();
    }
    const qtyAfter = qty.add(m.qty);
    if (m.qty.lt(0) && qtyAfter.lt(0) && !negativeAllowed(ctx, item)) {
      const shortage = qtyAfter.negated();
      shortages.push({
        path: m.path,
        ...errors.t('not_enough_stock_hand_needed', {
          code: String(item.code),
          name: String(item.name),
          name2: String(wh.name),
          value: String(showQty(qty.lt(0) ? 0 : qty)),
          value2: String(showQty(m.qty.negated())),
          value3: String(showQty(shortage)),
        }),
      });
      continue;
    }
    let incomingRate = m.move.incomingRate !== undefined && m.move.incomingRate !== null && m.move.incomingRate !== '' ? D(m.move.incomingRate) : rate;
    if (incomingRate.lt(0)) throw Errors.validation([{ path: m.path.replace(/qty$/, 'rate'), ...errors.t('incoming_rate_not_negative') }]);
    incomingRate = r9(incomingRate);
    let v: Valuation;
    if (m.target) {
      const valueAfter = v6(m.target.qty.mul(incomingRate));
      v = {
        qtyAfter,
        valueAfter,
        rateAfter: incomingRate,
        queue: item.valuation_method === 'fifo' ? (qtyAfter.gt(0) ? [[qtyAfter.toFixed(), incomingRate.toFixed()]] : []) : null,
      };
    } else if (m.reverses) {
      // Exact undo: the opposite qty and value of the reversed entry.
      const valueAfter = v6(value.sub(m.reverses.valueChange));
      let queue: Layer[] | null = null;
      if (item.valuation_method === 'fifo') {
        if (m.qty.isZero()) queue = qtyAfter.gt(0) ? [[qtyAfter.toFixed(), r9(valueAfter.div(qtyAfter)).toFixed()]] : [];
        else if (m.qty.lt(0)) queue = fifoRemoveNewest(bin.stock_queue, m.qty.negated(), m.reverses.incomingRate ?? rate);
        else {
          const back = r9(m.reverses.valueChange.negated().div(m.qty));
          queue = [[m.qty.toFixed(), back.toFixed()] as Layer, ...(bin.stock_queue ?? [])];
        }
        if (qtyAfter.isZero()) queue = [];
      }
      const rateAfter = qtyAfter.isZero() ? rate : r9(valueAfter.div(qtyAfter));
      v = { qtyAfter, valueAfter, rateAfter, queue };
    } else if (item.valuation_method === 'fifo') {
      v = fifo(qty, rate, bin.stock_queue, m.qty, incomingRate);
    } else {
      v = movingAverage(qty, value, rate, m.qty, incomingRate);
    }
    const valueChange = v.valueAfter.sub(value);
    const moveRate = m.qty.isZero() ? new Decimal(0) : r9(valueChange.abs().div(m.qty.abs()));
    const voucherNo = m.move.voucherNo ?? (await voucherNumber(ctx, m.move.voucherType, m.move.voucherId));
    const [entry] = await ctx.sql<{ id: number }>(
      `insert into ${LEDGER_TABLE} (item, warehouse, posting_date, posting_time, voucher_type, voucher_id, voucher_no, voucher_line,
         qty_change, incoming_rate, qty_after, valuation_rate, value_change, stock_value_after, stock_queue, is_reversal, reverses)
       values ($1, $2, $3, coalesce($4::time, localtime(0)), $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
      [
        item.id,
        wh.id,
        m.move.postingDate,
        m.move.postingTime ?? null,
        m.move.voucherType,
        m.move.voucherId,
        voucherNo,
        m.move.voucherLine ?? null,
        m.qty.toFixed(),
        m.qty.gt(0) || m.target ? incomingRate.toFixed() : null,
        v.qtyAfter.toFixed(),
        v.rateAfter.toFixed(),
        valueChange.toFixed(),
        v.valueAfter.toFixed(),
        v.queue ? JSON.stringify(v.queue) : null,
        !!m.reverses,
        m.reverses?.id ?? null,
      ],
    );
    await ctx.sql(
      `update ${BIN_TABLE} set actual_qty = $1, valuation_rate = $2, stock_value = $3, stock_queue = $4,
         projected_qty = $1::numeric - reserved_qty + ordered_qty, updated_at = now() where id = $5`,
      [v.qtyAfter.toFixed(), v.rateAfter.toFixed(), v.valueAfter.toFixed(), v.queue ? JSON.stringify(v.queue) : null, bin.id],
    );
    bin.actual_qty = v.qtyAfter.toFixed();
    bin.valuation_rate = v.rateAfter.toFixed();
    bin.stock_value = v.valueAfter.toFixed();
    bin.stock_queue = v.queue;
    out.push({
      ledgerId: Number(entry!.id),
      item: item.id,
      warehouse: wh.id,
      voucherLine: m.move.voucherLine,
      qty: m.qty,
      valueChange,
      rate: moveRate,
      qtyAfter: v.qtyAfter,
      valuationRate: v.rateAfter,
      stockValueAfter: v.valueAfter,
    });
  }
  if (shortages.length) throw Errors.unprocessable('INSUFFICIENT_STOCK', shortages.map((s) => `${s.path}: ${s.message}`).join('; '), shortages);
  return out;
}

/**
 * Posts stock moves (see the rules above). Returns one PostedEntry per move, in order.
 * Throws 422 INSUFFICIENT_STOCK (every short line listed in details) or INVALID_STOCK_MOVE;
 * the caller's transaction then rolls back, so nothing is written.
 */
export async function postStock(ctx: ServiceContext, entries: StockMove[]): Promise<PostedEntry[]> {
  const prepared = entries.map((move, i) => {
    const path = move.path ?? `moves/${i}/qty`;
    return { move, path, qty: parseQty(String(move.qty), path) };
  });
  return postPrepared(ctx, prepared);
}

export interface StockCount {
  item: number;
  warehouse: number;
  /** Counted qty in the stock unit (>= 0). */
  qty: string;
  /** New valuation rate per stock unit; omitted: keep the current rate. */
  valuationRate?: string;
  voucherType: string;
  voucherId: number;
  voucherLine?: number;
  voucherNo?: string;
  postingDate: string;
  postingTime?: string;
  path?: string;
}

/**
 * Stock reconciliation (a count): sets the balance to the counted qty and valuation rate by
 * posting the difference (one entry per line; none when nothing differs). The entry's
 * qty_change is counted - on hand; its value change makes the value counted x rate. FIFO
 * layers collapse into one layer at the counted rate.
 */
export async function reconcileStock(ctx: ServiceContext, counts: StockCount[]): Promise<PostedEntry[]> {
  const prepared: PreparedMove[] = counts.map((c, i) => {
    const path = c.path ?? `counts/${i}/qty`;
    const target = parseQty(String(c.qty), path);
    if (target.lt(0)) throw Errors.validation([{ path, ...errors.t('counted_qty_cannot_negative') }]);
    return {
      move: {
        item: c.item,
        warehouse: c.warehouse,
        qty: '0',
        voucherType: c.voucherType,
        voucherId: c.voucherId,
        voucherLine: c.voucherLine,
        voucherNo: c.voucherNo,
        postingDate: c.postingDate,
        postingTime: c.postingTime,
        path,
      },
      qty: new Decimal(0),
      path,
      target: { qty: target, rate: c.valuationRate !== undefined && c.valuationRate !== null && c.valuationRate !== '' ? D(c.valuationRate) : null },
    };
  });
  return postPrepared(ctx, prepared);
}

interface LedgerRow {
  id: number;
  item: number;
  warehouse: number;
  voucher_type: string;
  voucher_id: number;
  voucher_no: string;
  voucher_line: number | null;
  qty_change: string;
  incoming_rate: string | null;
  value_change: string;
}

/**
 * Posts reversing entries for every entry of the voucher that is not reversed yet (newest
 * first): opposite qty and exactly the opposite value change. Idempotent. Refused with
 * INSUFFICIENT_STOCK when reversing a receipt would leave negative stock (the goods were
 * already issued) and negative stock is not allowed.
 */
export async function reverseStock(ctx: ServiceContext, voucherType: string, voucherId: number, opts: { postingDate?: string } = {}): Promise<PostedEntry[]> {
  const rows = await ctx.sql<LedgerRow>(
    `select e.id, e.item, e.warehouse, e.voucher_type, e.voucher_id, e.voucher_no, e.voucher_line, e.qty_change, e.incoming_rate, e.value_change
       from ${LEDGER_TABLE} e
      where e.voucher_type = $1 and e.voucher_id = $2 and not e.is_reversal
        and not exists (select 1 from ${LEDGER_TABLE} r where r.reverses = e.id)
      order by e.id desc`,
    [voucherType, voucherId],
  );
  const postingDate = opts.postingDate ?? (await ctx.sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
  const prepared: PreparedMove[] = rows.map((r) => ({
    move: {
      item: Number(r.item),
      warehouse: Number(r.warehouse),
      qty: D(r.qty_change).negated().toFixed(),
      voucherType: r.voucher_type,
      voucherId: Number(r.voucher_id),
      voucherNo: r.voucher_no,
      voucherLine: r.voucher_line === null ? undefined : Number(r.voucher_line),
      postingDate,
    },
    qty: D(r.qty_change).negated(),
    path: `ledger/${r.id}/qty`,
    reverses: { id: Number(r.id), valueChange: D(r.value_change), incomingRate: r.incoming_rate === null ? null : D(r.incoming_rate) },
  }));
  return postPrepared(ctx, prepared);
}

async function adjustBinColumn(ctx: ServiceContext, column: 'reserved_qty' | 'ordered_qty', changes: QtyChange[]): Promise<void> {
  const relevant = changes.filter((c) => !D(c.qty).isZero());
  if (!relevant.length) return;
  const items = await loadItems(
    ctx,
    relevant.map((c) => c.item),
  );
  const stock = relevant.filter((c) => items.get(c.item)?.is_stock_item);
  const bins = await lockBins(ctx, stock);
  for (const c of stock) {
    const bin = bins.get(`${c.item}:${c.warehouse}`)!;
    const next = D(bin[column]).add(parseQty(String(c.qty), c.path ?? 'qty'));
    // Counters never go below zero (rounding of partly fulfilled lines): clamp at zero.
    const value = next.lt(0) ? new Decimal(0) : next;
    const projected = column === 'reserved_qty' ? 'actual_qty - $1::numeric + ordered_qty' : 'actual_qty - reserved_qty + $1::numeric';
    await ctx.sql(`update ${BIN_TABLE} set ${column} = $1, projected_qty = ${projected}, updated_at = now() where id = $2`, [value.toFixed(), bin.id]);
    bin[column] = value.toFixed();
  }
}

/** Raises (qty > 0) or releases (qty < 0) the reserved qty: sales orders, work order components. */
export async function reserveStock(ctx: ServiceContext, changes: QtyChange[]): Promise<void> {
  await adjustBinColumn(ctx, 'reserved_qty', changes);
}

/** Releases a reservation: the same as reserveStock with the quantities negated. */
export async function unreserveStock(ctx: ServiceContext, changes: QtyChange[]): Promise<void> {
  await adjustBinColumn(
    ctx,
    'reserved_qty',
    changes.map((c) => ({ ...c, qty: D(c.qty).negated().toFixed() })),
  );
}

/** Raises (qty > 0, a submitted purchase order) or lowers (qty < 0, a receipt or a cancel) the ordered qty. */
export async function adjustOrderedQty(ctx: ServiceContext, changes: QtyChange[]): Promise<void> {
  await adjustBinColumn(ctx, 'ordered_qty', changes);
}

/** The balance row of an item in a warehouse (zeros when nothing was posted yet). Not locked. */
export async function getBalance(ctx: ServiceContext, item: number, warehouse: number): Promise<Balance> {
  const [row] = await ctx.sql<BinRow & { projected_qty: string }>(
    `select item, warehouse, actual_qty, reserved_qty, ordered_qty, projected_qty, valuation_rate, stock_value from ${BIN_TABLE} where item = $1 and warehouse = $2`,
    [item, warehouse],
  );
  return {
    item,
    warehouse,
    actualQty: D(row?.actual_qty),
    reservedQty: D(row?.reserved_qty),
    orderedQty: D(row?.ordered_qty),
    projectedQty: D(row?.projected_qty),
    valuationRate: D(row?.valuation_rate),
    stockValue: D(row?.stock_value),
  };
}

/** Converts a qty in a transaction unit to the stock unit: qty x conversion factor, at qty scale. */
export function toStockQty(qty: string | Decimal, conversionFactor: string | Decimal | null | undefined): Decimal {
  return q6(D(qty).mul(D(conversionFactor ?? 1).isZero() ? 1 : D(conversionFactor ?? 1)));
}
