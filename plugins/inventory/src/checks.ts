/**
 * The inventory plugin owns its masters' rules; other plugins ask here instead of reading
 * inventory_item and inventory_warehouse themselves (exported by api.ts):
 * - a stock warehouse is one that exists, is not a group (groups hold no stock: choose one of
 *   their warehouses) and is not disabled;
 * - items are read by id with the columns documents need (code, name, disabled, stock item,
 *   stock unit, default warehouse, standard rate).
 * Problems carry the caller's field path (lines/2/warehouse), ready for a 422.
 */
import type { FieldProblem, ServiceContext } from '@tessera/core';
import { errors } from '../errors.js';

type Sql = Pick<ServiceContext, 'sql'>;

export interface WarehouseRef {
  path: string;
  id: number | null | undefined;
}

export interface StockWarehouseOptions {
  /** Report a warehouse id that does not exist (default true). */
  missing?: boolean;
  /** Report a disabled warehouse (default true). */
  disabled?: boolean;
}

/** Problems with warehouses that must hold stock; refs without an id are skipped. */
export async function stockWarehouseProblems(ctx: Sql, refs: WarehouseRef[], opts: StockWarehouseOptions = {}): Promise<FieldProblem[]> {
  const given = refs.filter((r): r is { path: string; id: number } => r.id != null);
  const ids = [...new Set(given.map((r) => Number(r.id)))];
  if (!ids.length) return [];
  const rows = await ctx.sql<{ id: number; name: string; is_group: boolean; disabled: boolean }>(
    `select id, name, is_group, disabled from inventory_warehouse where id = any($1)`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const out: FieldProblem[] = [];
  for (const r of given) {
    const w = byId.get(Number(r.id));
    if (!w) {
      if (opts.missing !== false) out.push({ path: r.path, ...errors.t('warehouse_does_not_exist', { id: String(r.id) }) });
    } else if (w.is_group) out.push({ path: r.path, ...errors.t('group_warehouse_choose_one_warehouses', { name: String(w.name) }) });
    else if (w.disabled && opts.disabled !== false) out.push({ path: r.path, ...errors.t('disabled', { name: String(w.name) }) });
  }
  return out;
}

/** What documents read of an item. */
export interface ItemInfo {
  id: number;
  code: string;
  name: string;
  disabled: boolean;
  is_stock_item: boolean;
  stock_uom: number | null;
  default_warehouse: number | null;
  /** Exact text, or null. */
  standard_rate: string | null;
}

/** Items by id (unknown ids are absent from the map). */
export async function loadItems(ctx: Sql, ids: (number | null | undefined)[]): Promise<Map<number, ItemInfo>> {
  const unique = [...new Set(ids.filter((x) => x != null).map(Number))];
  if (!unique.length) return new Map();
  const rows = await ctx.sql<ItemInfo>(
    `select id, code, name, disabled, is_stock_item, stock_uom, default_warehouse, standard_rate::text as standard_rate from inventory_item where id = any($1)`,
    [unique],
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        ...r,
        id: Number(r.id),
        stock_uom: r.stock_uom == null ? null : Number(r.stock_uom),
        default_warehouse: r.default_warehouse == null ? null : Number(r.default_warehouse),
      },
    ]),
  );
}

/** "CODE (Name)" for messages, or "item <id>" when it is unknown. */
export const itemLabel = (i: Pick<ItemInfo, 'code' | 'name'> | undefined, id: number): string => (i ? `${i.code} (${i.name})` : `item ${id}`);

/** Warehouse names by id, for messages. */
export async function warehouseNames(ctx: Sql, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((x) => x != null).map(Number))];
  if (!unique.length) return new Map();
  const rows = await ctx.sql<{ id: number; name: string }>(`select id, name from inventory_warehouse where id = any($1)`, [unique]);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** Items that may go below zero: every item when the inventory setting allows it, else those whose item allows it. */
export async function negativeStockAllowed(ctx: Pick<ServiceContext, 'sql' | 'settings'>, items: number[]): Promise<Set<number>> {
  if (ctx.settings<{ allow_negative_stock?: boolean }>('inventory').allow_negative_stock === true) return new Set(items);
  const rows = await ctx.sql<{ id: number }>(`select id from inventory_item where id = any($1) and allow_negative_stock`, [items]);
  return new Set(rows.map((r) => Number(r.id)));
}

/**
 * A default an item may take from its item group: for each item, the column's value on the
 * item, else on its group, else on the group above (the nearest one set wins). The column is one
 * that another plugin adds to both item and item_group (accounting's default tax templates);
 * the caller passes its name only while that field exists. Unknown ids are absent from the map.
 */
export async function inheritedItemValues(ctx: Sql, ids: (number | null | undefined)[], column: string): Promise<Map<number, number | null>> {
  if (!/^[a-z][a-z0-9_]*$/.test(column)) throw new Error(`inheritedItemValues: "${column}" is not a column name`);
  const unique = [...new Set(ids.filter((x) => x != null).map(Number))];
  if (!unique.length) return new Map();
  const rows = await ctx.sql<{ id: number; value: number | null }>(
    `with recursive chain(item, grp, value, depth) as (
         select i.id, i.item_group, i.${column}, 0 from inventory_item i where i.id = any($1::bigint[])
       union all
         select c.item, g.parent, g.${column}, c.depth + 1
           from chain c join inventory_item_group g on g.id = c.grp
          where c.value is null and c.depth < 32
     )
     select item as id, (array_agg(value order by depth) filter (where value is not null))[1] as value from chain group by item`,
    [unique],
  );
  return new Map(rows.map((r) => [Number(r.id), r.value == null ? null : Number(r.value)]));
}

/** The same for one item record read through the entity API: undefined while no plugin adds the column (or nothing sets it). */
export async function inheritedItemValue(ctx: Sql, item: Record<string, unknown>, column: string): Promise<number | undefined> {
  if (!(column in item)) return undefined;
  return (await inheritedItemValues(ctx, [Number(item.id)], column)).get(Number(item.id)) ?? undefined;
}
