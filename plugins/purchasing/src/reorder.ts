/**
 * The reorder check: for every item and warehouse whose projected qty is at or below its
 * reorder level, one draft purchase request (source "reorder") asks for max(reorder qty,
 * level - projected), less what open (draft or submitted, not yet ordered) requests already ask for.
 * Run on demand (POST /api/purchasing/reorder) and by the hourly schedule when the
 * auto_reorder setting is on.
 */
import { Decimal, type Doc, type ServiceContext } from '@tessera/core';
import { reorderSuggestions, type ReorderRow } from '@tessera/plugin-inventory/api';
import { D } from '@tessera/plugin-kit';

export interface ReorderLine extends ReorderRow {
  pending_qty: string;
  request_qty: string;
}

export interface ReorderResult {
  request: Doc | null;
  lines: ReorderLine[];
}

export async function runReorderCheck(ctx: ServiceContext, opts: { warehouse?: number; item?: number } = {}): Promise<ReorderResult> {
  const suggestions = await reorderSuggestions(ctx.sql, opts);
  if (!suggestions.length) return { request: null, lines: [] };
  // Qty already asked for (stock unit) by requests that are not ordered yet.
  const pending = await ctx.sql<{ item: number; warehouse: number; qty: string }>(
    `select l.item, l.warehouse, sum(greatest(l.stock_qty - l.ordered_qty * l.conversion_factor, 0))::text as qty
       from purchasing_purchase_request_line l join purchasing_purchase_request r on r.id = l.parent_id
      where r.docstatus in ('draft', 'submitted') and l.item = any($1)
      group by l.item, l.warehouse`,
    [suggestions.map((s) => s.item)],
  );
  const pendingOf = new Map(pending.map((p) => [`${p.item}:${p.warehouse}`, D(p.qty)]));
  const lines: ReorderLine[] = [];
  for (const s of suggestions) {
    // What open requests already ask for counts against the suggestion: only the rest is requested.
    const p = pendingOf.get(`${s.item}:${s.warehouse}`) ?? new Decimal(0);
    const qty = D(s.suggested_qty).sub(p);
    if (qty.lte(0)) continue;
    lines.push({ ...s, pending_qty: p.toFixed(), request_qty: qty.toFixed() });
  }
  if (!lines.length) return { request: null, lines: [] };
  const today = (await ctx.sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
  const request = await ctx.entity('purchasing.purchase_request').create({
    request_date: today,
    source: 'reorder',
    requested_by: 'Reorder check',
    notes: `Raised by the reorder check for ${lines.length} item${lines.length === 1 ? '' : 's'} at or below the reorder level.`,
    lines: lines.map((l) => ({ item: l.item, qty: l.request_qty, uom: l.stock_uom, warehouse: l.warehouse })),
  });
  return { request, lines };
}

/** The scheduled job: the check when the auto_reorder setting is on. */
export async function scheduledReorder(ctx: ServiceContext): Promise<void> {
  if (ctx.settings<{ auto_reorder?: boolean }>('purchasing').auto_reorder === false) return;
  await runReorderCheck(ctx);
}
