/** Helpers of the projects plugin: exact decimals, refusals with field paths, the user's employee. */
import { Decimal, Errors, SYSTEM_USER, type CurrentUser, type FieldProblem, type ServiceContext } from '@tessera/core';

type Sql = Pick<ServiceContext, 'sql'>;

export const D = (v: unknown): Decimal => new Decimal(v === null || v === undefined || v === '' ? 0 : String(v));
export const money = (d: Decimal): string => d.toFixed(2);

export function fieldError(path: string, message: string) {
  return Errors.validation([{ path, message }]);
}

/** A 422 with a stable code whose message lists every problem with its path. */
export function refuse(code: string, problems: FieldProblem[]): never {
  throw Errors.unprocessable(code, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

export function userId(ctx: Pick<ServiceContext, 'user'>): number | null {
  return ctx.user && ctx.user.id !== SYSTEM_USER.id ? ctx.user.id : null;
}

export async function employeeOfUser(ctx: Sql, user: number): Promise<number | null> {
  const [row] = await ctx.sql<{ id: number }>(`select id from hr_employee where "user" = $1`, [user]);
  return row ? Number(row.id) : null;
}

export async function today(ctx: Sql): Promise<string> {
  return (await ctx.sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
}

/** Project managers (the role) and administrators act on every project. */
export const isProjectsManager = (user: CurrentUser): boolean => user.isAdmin || user.roles.includes('projects.project_manager');
