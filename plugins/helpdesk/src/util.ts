/** Small helpers of the helpdesk: instants, the transaction's clock, field errors. */
import type { ServiceContext } from '@tessera/core';
import { fieldError, userId } from '@tessera/plugin-kit';

export { fieldError, userId };

type Sql = Pick<ServiceContext, 'sql'>;

/** A stored or sent date-time as a Date (null stays null). */
export const toDate = (v: unknown): Date | null => (v === null || v === undefined || v === '' ? null : v instanceof Date ? v : new Date(String(v)));
/** A Date as the wire's ISO 8601 text. */
export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
export const num = (v: unknown): number => (v === null || v === undefined || v === '' ? 0 : Number(v));

/** The transaction's timestamp, so every time in one change agrees. */
export async function dbNow(ctx: Sql): Promise<Date> {
  const [row] = await ctx.sql<{ t: Date }>(`select now() as t`);
  return new Date(row!.t);
}

/** Working minutes as the decimal text stored in numeric(12,2). */
export const minutesText = (n: number | null): string | null => (n === null ? null : n.toFixed(2));
