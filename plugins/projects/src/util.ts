/** Helpers of the projects plugin: exact decimals, refusals with field paths, the user's employee. */
import { Decimal, type CurrentUser, type ServiceContext } from '@tessera/core';
import { D, fieldError, refuse, today, userId } from '@tessera/plugin-kit';

export { D, fieldError, refuse, today, userId };

type Sql = Pick<ServiceContext, 'sql'>;

export const money = (d: Decimal): string => d.toFixed(2);

export async function employeeOfUser(ctx: Sql, user: number): Promise<number | null> {
  const [row] = await ctx.sql<{ id: number }>(`select id from hr_v_employee where "user" = $1`, [user]);
  return row ? Number(row.id) : null;
}

/** Project managers (the role) and administrators act on every project. */
export const isProjectsManager = (user: CurrentUser): boolean => user.isAdmin || user.roles.includes('projects.project_manager');
