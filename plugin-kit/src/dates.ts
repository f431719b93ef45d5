/** Dates from the database, so every date in one transaction agrees (YYYY-MM-DD text, like date fields on the wire). */
import type { ServiceContext } from '@tessera/core';

export type Sql = Pick<ServiceContext, 'sql'>;

/** The database's current date. */
export async function today(ctx: Sql): Promise<string> {
  return (await ctx.sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
}

/** The transaction's timestamp (now()) as ISO 8601 text, for date-time fields. */
export async function now(ctx: Sql): Promise<string> {
  return (await ctx.sql<{ t: string }>(`select to_json(now()) #>> '{}' as t`))[0]!.t;
}

/** A date plus a number of days (negative for earlier). */
export async function addDays(ctx: Sql, date: string, days: number): Promise<string> {
  return (await ctx.sql<{ d: string }>(`select ($1::date + $2::int)::text as d`, [date, days]))[0]!.d;
}
