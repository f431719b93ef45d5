/** Small helpers of the helpdesk: instants, the transaction's clock, field errors. */
import { Errors, SYSTEM_USER, type ServiceContext } from '@tessera/core';

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

export function fieldError(path: string, message: string) {
  return Errors.validation([{ path, message }]);
}

/** The current user's id when it is a real user (not the core's SYSTEM_USER). */
export function userId(ctx: Pick<ServiceContext, 'user'>): number | null {
  return ctx.user && ctx.user.id !== SYSTEM_USER.id ? ctx.user.id : null;
}

/** Working minutes as the decimal text stored in numeric(12,2). */
export const minutesText = (n: number | null): string | null => (n === null ? null : n.toFixed(2));
