/**
 * Helpers shared by the HR plugin: exact decimals, dates as YYYY-MM-DD strings, the current
 * user's employee, refusals with field paths, and the permission check for report routes.
 */
import { Decimal, Errors, type CurrentUser, type ServiceContext } from '@tessera/core';

type Sql = Pick<ServiceContext, 'sql'>;

/** A decimal from a stored or wire value; null and '' are zero. */
export const D = (v: string | number | Decimal | null | undefined): Decimal => new Decimal(v === null || v === undefined || v === '' ? 0 : v);
/** 12.50 -> "12.5" for messages. */
export const show = (d: Decimal | string | number): string => new Decimal(d).toFixed();
export const days = (d: Decimal | string | number): string => `${show(d)} day${new Decimal(d).eq(1) ? '' : 's'}`;

export async function today(ctx: Sql): Promise<string> {
  const [row] = await ctx.sql<{ d: string }>(`select current_date::text as d`);
  return row!.d;
}

/** The transaction's timestamp (now()) as ISO 8601 text, for date-time fields. */
export async function now(ctx: Sql): Promise<string> {
  const [row] = await ctx.sql<{ t: string }>(`select to_json(now()) #>> '{}' as t`);
  return row!.t;
}

/** The authenticated caller of a plugin route (the core's auth hook sets it on every /api route). */
export function userOf(req: unknown): CurrentUser {
  const user = (req as { user?: CurrentUser | null }).user;
  if (!user) throw Errors.unauthorized();
  return user;
}

/** HR managers and administrators act for any employee. */
export const isHrManager = (user: CurrentUser): boolean => user.isAdmin || user.roles.includes('hr.manager');

export interface EmployeeRow {
  id: number;
  full_name: string;
  status: 'active' | 'suspended' | 'left';
  date_of_joining: string;
  relieving_date: string | null;
  manager: number | null;
  holiday_list: number | null;
  user: number | null;
}

const EMPLOYEE_COLUMNS = `id, full_name, status, date_of_joining::text as date_of_joining, relieving_date::text as relieving_date, manager, holiday_list, "user"`;

export async function employeeById(ctx: Sql, id: number): Promise<EmployeeRow | undefined> {
  const [row] = await ctx.sql<EmployeeRow>(`select ${EMPLOYEE_COLUMNS} from hr_employee where id = $1`, [id]);
  return row && { ...row, id: Number(row.id), manager: row.manager == null ? null : Number(row.manager) };
}

/** The employee record linked to the current user, if any. */
export async function employeeOfUser(ctx: Sql, user: CurrentUser): Promise<EmployeeRow | undefined> {
  if (!user.id) return undefined;
  const [row] = await ctx.sql<EmployeeRow>(`select ${EMPLOYEE_COLUMNS} from hr_employee where "user" = $1`, [user.id]);
  return row && { ...row, id: Number(row.id), manager: row.manager == null ? null : Number(row.manager) };
}

/** A 422 whose message lists every problem, each with its field path. */
export function refuse(code: string, problems: { path: string; message: string }[]): never {
  throw Errors.unprocessable(code, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

/** Refuses (403) unless the user may read every listed entity and see every listed field (what a report is drawn from). */
export function assertCanRead(ctx: ServiceContext, reads: Record<string, readonly string[]>): void {
  for (const [key, fields] of Object.entries(reads)) ctx.assertReadable(key, fields);
}
