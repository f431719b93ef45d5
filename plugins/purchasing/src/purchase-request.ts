/**
 * Purchase requests (material requests): line checks, the ordered qty each line has in
 * submitted purchase orders, the derived status, and the "make purchase order" action.
 */
import { Decimal, Errors, type ActionDefinition, type Doc, type EntityHooks, type Hook, type ServiceContext } from '@tessera/core';
import { applyLineUnits, throwProblems } from '@tessera/plugin-inventory';

const D = (v: unknown) => new Decimal(v === null || v === undefined || v === '' ? 0 : String(v));

const prepareRequest: Hook = async (args) => {
  const { doc } = args;
  const lines: Doc[] = doc.lines ?? [];
  lines.forEach((l) => (l.schedule_date ??= doc.required_by ?? null));
  const problems = await applyLineUnits(args, lines, 'lines');
  const groups = new Map((await args.sql<{ id: number; name: string }>(`select id, name from inventory_warehouse where id = any($1) and is_group`, [lines.map((l) => l.warehouse)])).map((r) => [Number(r.id), r.name]));
  lines.forEach((l, i) => {
    if (groups.has(Number(l.warehouse))) problems.push({ path: `lines/${i}/warehouse`, message: `${groups.get(Number(l.warehouse))} is a group warehouse` });
  });
  if (doc.docstatus === undefined || doc.docstatus === 'draft') doc.status = 'draft';
  throwProblems('INVALID_PURCHASE_REQUEST', problems);
};

/**
 * Recomputes the ordered qty of request lines from submitted purchase orders, then the
 * requests' per_ordered and status. Scope: the requests behind one order, or given requests.
 */
export async function refreshRequests(ctx: ServiceContext, scope: { orderId?: number; requestIds?: number[] }): Promise<void> {
  const ids = scope.requestIds ?? (await ctx.sql<{ id: number }>(
    `select distinct rl.parent_id as id from purchasing_purchase_order_line ol join purchasing_purchase_request_line rl on rl.id = ol.purchase_request_line where ol.parent_id = $1`,
    [scope.orderId],
  )).map((r) => Number(r.id));
  if (!ids.length) return;
  await ctx.sql(
    `update purchasing_purchase_request_line rl
        set ordered_qty = coalesce((select sum(ol.stock_qty) from purchasing_purchase_order_line ol join purchasing_purchase_order o on o.id = ol.parent_id
                                     where ol.purchase_request_line = rl.id and o.docstatus = 'submitted'), 0) / rl.conversion_factor,
            updated_at = now()
      where rl.parent_id = any($1)`,
    [ids],
  );
  await ctx.sql(
    `with t as (select parent_id, coalesce(sum(least(ordered_qty, qty)) * 100 / nullif(sum(qty), 0), 0) as p from purchasing_purchase_request_line where parent_id = any($1) group by parent_id)
     update purchasing_purchase_request r
        set per_ordered = round(t.p, 2), updated_at = now(),
            status = case when r.docstatus = 'draft' then 'draft' when r.docstatus = 'cancelled' then 'cancelled'
                          when t.p >= 100 then 'ordered' when t.p > 0 then 'partially_ordered' else 'pending' end
       from t where r.id = t.parent_id`,
    [ids],
  );
}

export const purchaseRequestHooks: EntityHooks = {
  beforeCreate: prepareRequest,
  beforeUpdate: prepareRequest,
  afterSubmit: (args) => refreshRequests(args, { requestIds: [args.doc.id] }),
  afterCancel: (args) => refreshRequests(args, { requestIds: [args.doc.id] }),
};

/** "Make purchase order": a draft order for the supplier with every line's unordered qty. */
export const makePurchaseOrderAction: ActionDefinition<{ supplier: number; order_date?: string }> = {
  label: 'Make purchase order',
  labels: { lt: 'Sukurti pirkimo užsakymą' },
  icon: 'shopping_cart',
  when: { docstatus: ['submitted'] },
  input: {
    type: 'object',
    required: ['supplier'],
    additionalProperties: false,
    properties: { supplier: { type: 'integer', minimum: 1, title: 'Supplier', 'x-ref': 'purchasing.supplier' }, order_date: { type: 'string', format: 'date', title: 'Order date' } },
  },
  handler: async ({ doc, input, entity, sql }) => {
    const open = (doc.lines as Doc[]).filter((l) => D(l.qty).gt(D(l.ordered_qty)));
    if (!open.length) throw Errors.conflict('NOTHING_TO_ORDER', `Purchase request ${doc.number} is fully ordered`);
    const today = (await sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
    return entity('purchasing.purchase_order').create({
      supplier: input.supplier,
      order_date: input.order_date ?? today,
      schedule_date: doc.required_by ?? null,
      lines: open.map((l) => ({ item: l.item, qty: D(l.qty).sub(D(l.ordered_qty)).toFixed(), uom: l.uom, warehouse: l.warehouse, schedule_date: l.schedule_date, purchase_request_line: l.id })),
    });
  },
};
