/**
 * Small helpers shared by the production plugin's documents and reports: exact decimals,
 * today's date from the database, and the permission check for report routes.
 */
import { Decimal, type ServiceContext } from '@tessera/core';
import { D, refuse, show, today, userOf } from '@tessera/plugin-kit';

export { D, refuse, show, today, userOf };

export const QTY_SCALE = 6;
export const RATE_SCALE = 9;
export const VALUE_SCALE = 6;

export const q6 = (d: Decimal): Decimal => d.toDecimalPlaces(QTY_SCALE, Decimal.ROUND_HALF_UP);
export const r9 = (d: Decimal): Decimal => d.toDecimalPlaces(RATE_SCALE, Decimal.ROUND_HALF_UP);
export const m2 = (d: Decimal): Decimal => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** Refuses (403) unless the user may read every listed entity (the entities a report is drawn from). */
export function assertCanRead(ctx: ServiceContext, reads: Record<string, readonly string[]>): void {
  for (const [key, fields] of Object.entries(reads)) ctx.assertReadable(key, fields);
}

export interface ItemInfo {
  id: number;
  code: string;
  name: string;
  stock_uom: number | null;
  is_stock_item: boolean;
  standard_rate: string | null;
}

/** Items by id (read from the inventory plugin's item table). */
export async function loadItems(ctx: Pick<ServiceContext, 'sql'>, ids: number[]): Promise<Map<number, ItemInfo>> {
  const unique = [...new Set(ids.filter((x) => x != null).map(Number))];
  if (!unique.length) return new Map();
  const rows = await ctx.sql<ItemInfo>(
    `select id, code, name, stock_uom, is_stock_item, standard_rate::text as standard_rate from inventory_item where id = any($1)`,
    [unique],
  );
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
}

export const itemLabel = (i: ItemInfo | undefined, id: number): string => (i ? `${i.code} (${i.name})` : `item ${id}`);
