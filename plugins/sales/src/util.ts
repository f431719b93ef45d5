/** Small helpers shared by the sales modules. */
import { Decimal, Errors, type Doc, type FieldProblem, type ServiceContext } from '@tessera/core';

/** Exact decimal from a stored or sent value (null and '' count as zero). */
export const D = (v: unknown): Decimal => new Decimal(v === null || v === undefined || v === '' ? 0 : String(v));
export const round2 = (d: Decimal): Decimal => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
/** Trims trailing zeros for messages: 12.500000 -> 12.5 */
export const show = (v: unknown): string => D(v).toFixed();

export type Sql = Pick<ServiceContext, 'sql'>;

export async function today(ctx: Sql): Promise<string> {
  return (await ctx.sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
}

export async function addDays(ctx: Sql, date: string, days: number): Promise<string> {
  return (await ctx.sql<{ d: string }>(`select ($1::date + $2::int)::text as d`, [date, days]))[0]!.d;
}

export function fieldError(path: string, message: string) {
  return Errors.validation([{ path, message }]);
}

export function problemsError(code: string, problems: FieldProblem[]) {
  return Errors.unprocessable(code, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

export interface CustomerRow {
  id: number;
  name: string;
  organization: number | null;
  currency: string | null;
  tax_rate: string | null;
  payment_terms_days: number | null;
  default_warehouse: number | null;
  disabled: boolean;
}

export async function loadCustomer(ctx: Sql, id: number, path = 'customer'): Promise<CustomerRow> {
  const [c] = await ctx.sql<CustomerRow>(`select id, name, organization, currency, tax_rate, payment_terms_days, default_warehouse, disabled from sales_customer where id = $1`, [id]);
  if (!c) throw fieldError(path, `customer ${id} does not exist`);
  return c;
}

/** The stored document is no longer a draft: only editable-after-submit fields change, computed values stay. */
export const isDraftEdit = (old: Doc | undefined): boolean => !old || old.docstatus === 'draft';
