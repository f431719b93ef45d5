/** Small helpers shared by the CRM modules. */
import { Decimal, Errors, SYSTEM_USER, type ServiceContext } from '@tessera/core';

/** Exact decimal from a stored or sent value (null and '' count as zero). */
export const D = (v: unknown): Decimal => new Decimal(v === null || v === undefined || v === '' ? 0 : String(v));

/** The database's current date (YYYY-MM-DD), so every date in one transaction agrees. */
export async function today(ctx: Pick<ServiceContext, 'sql'>): Promise<string> {
  return (await ctx.sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
}

/** A 422 naming the field to fix. */
export function fieldError(path: string, message: string) {
  return Errors.validation([{ path, message }]);
}

/** The current user's id when it is a real user (not the core's SYSTEM_USER: seeding, start-up). */
export function userId(ctx: Pick<ServiceContext, 'user'>): number | null {
  return ctx.user && ctx.user.id !== SYSTEM_USER.id ? ctx.user.id : null;
}
