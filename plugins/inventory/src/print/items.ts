/** What print templates of other plugins show for an item: code, name, description and stock unit. */
import type { ServiceContext } from '@tessera/core';

export interface PrintedItem {
  code: string;
  name: string;
  description: string | null;
  uom: string | null;
}

export async function itemsForPrint(ctx: ServiceContext, ids: unknown[]): Promise<Map<number, PrintedItem>> {
  const wanted = [...new Set(ids.filter((v) => v != null).map(Number))];
  if (!wanted.length) return new Map();
  const rows = await ctx.sql<{ id: number; code: string; name: string; description: string | null; uom: string | null }>(
    `select i.id, i.code, i.name, i.description, u.name as uom from inventory_item i left join inventory_uom u on u.id = i.stock_uom where i.id = any($1)`,
    [wanted],
  );
  return new Map(rows.map((r) => [Number(r.id), { code: r.code, name: r.name, description: r.description, uom: r.uom }]));
}

/** Unit names by id (lines that name their own unit). */
export async function unitNames(ctx: ServiceContext, ids: unknown[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((v) => v != null).map(Number))];
  if (!wanted.length) return new Map();
  const rows = await ctx.sql<{ id: number; name: string }>(`select id, name from inventory_uom where id = any($1)`, [wanted]);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
