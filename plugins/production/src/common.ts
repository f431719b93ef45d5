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

/** Items and their labels come from the inventory plugin, which owns them. */
export { itemLabel, loadItems, type ItemInfo } from '@tessera/plugin-inventory/api';
