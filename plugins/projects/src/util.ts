/** Helpers of the projects plugin: exact decimals, refusals with field paths, the user's employee. */
import { Decimal, type CurrentUser, type ServiceContext } from '@tessera/core';
import { D, fieldError, refuse, today, userId } from '@tessera/plugin-kit';
import { employeeIdOfUser } from '@tessera/plugin-hr/api';

export { D, fieldError, refuse, today, userId };

type Sql = Pick<ServiceContext, 'sql'>;

export const money = (d: Decimal): string => d.toFixed(2);

/** The employee linked to a user (hr owns the link). */
export const employeeOfUser = (ctx: Sql, user: number): Promise<number | null> => employeeIdOfUser(ctx, user);

/** Project managers (the role) and administrators act on every project. */
export const isProjectsManager = (user: CurrentUser): boolean => user.isAdmin || user.roles.includes('projects.project_manager');
