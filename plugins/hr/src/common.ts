/**
 * Helpers shared by the HR plugin: exact decimals, dates as YYYY-MM-DD strings, the current
 * user's employee, refusals with field paths, and the permission check for report routes.
 */
import { Decimal, type CurrentUser, type ServiceContext } from '@tessera/core';
import { D, now, refuse, show, today, userOf } from '@tessera/plugin-kit';

export { D, now, refuse, show, today, userOf };

type Sql = Pick<ServiceContext, 'sql'>;

export const days = (d: Decimal | string | number): string => `${show(d)} day${new Decimal(d).eq(1) ? '' : 's'}`;

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

/** The id of the employee linked to a user, or null (for other plugins: api.ts). */
export async function employeeIdOfUser(ctx: Sql, userId: number): Promise<number | null> {
  const [row] = await ctx.sql<{ id: number }>(`select id from hr_employee where "user" = $1`, [userId]);
  return row ? Number(row.id) : null;
}

/** Refuses (403) unless the user may read every listed entity and see every listed field (what a report is drawn from). */
export function assertCanRead(ctx: ServiceContext, reads: Record<string, readonly string[]>): void {
  for (const [key, fields] of Object.entries(reads)) ctx.assertReadable(key, fields);
}
