/**
 * Purchase requests (material requests): line checks, the ordered qty each line has in
 * submitted purchase orders, the derived status, and the "make purchase order" action.
 */
import { Decimal, type ActionDefinition, type Doc, type EntityHooks, type Hook, type ServiceContext } from '@tessera/core';
import { applyLineUnits, stockWarehouseProblems, throwProblems } from '@tessera/plugin-inventory/api';
import { D } from '@tessera/plugin-kit';

const prepareRequest: Hook = async (args) => {
  const { doc } = args;
  const lines: Doc[] = doc.lines ?? [];
  lines.forEach((l) => (l.schedule_date ??= doc.required_by ?? null));
  const problems = await applyLineUnits(args, lines, 'lines');
  // Inventory's rule: a request is for a warehouse that holds stock (not a group).
  problems.push(
    ...(await stockWarehouseProblems(
      args,
      lines.map((l, i) => ({ path: `lines/${i}/warehouse`, id: l.warehouse })),
      { missing: false, disabled: false },
    )),
  );
  if (doc.docstatus === undefined || doc.docstatus === 'draft') doc.status = 'draft';
  throwProblems('INVALID_PURCHASE_REQUEST', problems);
};

/** % ordered (each line counted up to its qty) and the status that follows from it and the document state. */
export function requestProgress(docstatus: string, lines: Doc[]): { per_ordered: string; status: string } {
  const qty = lines.reduce((a, l) => a.add(D(l.qty)), new Decimal(0));
  const ordered = qty.isZero()
    ? new Decimal(0)
    : lines
        .reduce((a, l) => a.add(Decimal.min(D(l.ordered_qty), D(l.qty))), new Decimal(0))
        .mul(100)
        .div(qty);
  const status = docstatus !== 'submitted' ? docstatus : ordered.gte(100) ? 'ordered' : ordered.gt(0) ? 'partially_ordered' : 'pending';
  return { per_ordered: ordered.toDecimalPlaces(2).toFixed(2), status };
}

/**
 * Recomputes, for the requests behind a purchase order, the ordered qty of their lines from
 * submitted purchase orders, and their per_ordered and status, as audited server fields.
 */
export async function refreshRequests(ctx: ServiceContext, orderId: number): Promise<void> {
  const lines = await ctx.sql<{ id: number; parent_id: number; ordered_qty: string }>(
    `select rl.id, rl.parent_id,
            (coalesce((select sum(ol.stock_qty) from purchasing_purchase_order_line ol join purchasing_purchase_order o on o.id = ol.parent_id
                        where ol.purchase_request_line = rl.id and o.docstatus = 'submitted'), 0) / rl.conversion_factor)::numeric(18,6)::text as ordered_qty
       from purchasing_purchase_request_line rl
      where rl.parent_id in (select l.parent_id from purchasing_purchase_request_line l join purchasing_purchase_order_line ol on ol.purchase_request_line = l.id where ol.parent_id = $1)
      order by rl.parent_id, rl.id`,
    [orderId],
  );
  const requests = ctx.entity('purchasing.purchase_request');
  for (const id of new Set(lines.map((l) => Number(l.parent_id)))) {
    const request = await requests.get(id);
    const orderedQty = new Map(lines.filter((l) => Number(l.parent_id) === id).map((l) => [Number(l.id), l.ordered_qty]));
    const merged = (request.lines as Doc[]).map((l) => ({ ...l, ordered_qty: orderedQty.get(Number(l.id)) ?? l.ordered_qty }));
    await requests.setServerFields(
      id,
      requestProgress(request.docstatus, merged),
      [...orderedQty].map(([lineId, ordered_qty]) => ({ collection: 'lines', id: lineId, values: { ordered_qty } })),
    );
  }
}

/** Submit and cancel set the derived status with the state change. */
const statusFor =
  (docstatus: 'submitted' | 'cancelled'): Hook =>
  ({ doc }) => {
    Object.assign(doc, requestProgress(docstatus, doc.lines));
  };

export const purchaseRequestHooks: EntityHooks = {
  beforeCreate: prepareRequest,
  beforeUpdate: prepareRequest,
  beforeSubmit: statusFor('submitted'),
  beforeCancel: statusFor('cancelled'),
};

/** "Make purchase order": a draft order for the supplier with every line's unordered qty; offered while something is not ordered. */
export const makePurchaseOrderAction: ActionDefinition<{ supplier: number; order_date?: string }> = {
  label: 'Make purchase order',
  labels: { lt: 'Sukurti pirkimo užsakymą' },
  icon: 'shopping_cart',
  when: { docstatus: ['submitted'], status: ['pending', 'partially_ordered'] },
  input: {
    type: 'object',
    required: ['supplier'],
    additionalProperties: false,
    properties: {
      supplier: { type: 'integer', minimum: 1, title: 'Supplier', 'x-ref': 'purchasing.supplier' },
      order_date: { type: 'string', format: 'date', title: 'Order date' },
    },
  },
  handler: async ({ doc, input, entity, sql }) => {
    // The status says some line is not fully ordered (when): those are the open lines.
    const open = (doc.lines as Doc[]).filter((l) => D(l.qty).gt(D(l.ordered_qty)));
    const today = (await sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
    return entity('purchasing.purchase_order').create({
      supplier: input.supplier,
      order_date: input.order_date ?? today,
      schedule_date: doc.required_by ?? null,
      lines: open.map((l) => ({
        item: l.item,
        qty: D(l.qty).sub(D(l.ordered_qty)).toFixed(),
        uom: l.uom,
        warehouse: l.warehouse,
        schedule_date: l.schedule_date,
        purchase_request_line: l.id,
      })),
    });
  },
};
