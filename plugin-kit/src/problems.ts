/**
 * Refusals with field paths, in the one error shape of the platform: a 422 whose details name
 * each field to fix (lines/2/qty), so the admin UI puts every message on its field.
 */
import { Errors, SYSTEM_USER, type FieldProblem, type ServiceContext, type TesseraError } from '@tessera/core';

/** A 422 VALIDATION_FAILED naming one field to fix. */
export function fieldError(path: string, message: string): TesseraError {
  return Errors.validation([{ path, message }]);
}

/** A 422 with a plugin's code whose message lists every problem ("path: message; ..."). */
export function problemsError(code: string, problems: FieldProblem[]): TesseraError {
  return Errors.unprocessable(code, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

/** Throws problemsError(code, problems). */
export function refuse(code: string, problems: FieldProblem[]): never {
  throw problemsError(code, problems);
}

/** Throws problemsError(code, problems) when there is at least one problem. */
export function refuseIfAny(code: string, problems: FieldProblem[]): void {
  if (problems.length) refuse(code, problems);
}

/** The current user's id when it is a real user (not the core's SYSTEM_USER: seeding, start-up). */
export function userId(ctx: Pick<ServiceContext, 'user'>): number | null {
  return ctx.user && ctx.user.id !== SYSTEM_USER.id ? ctx.user.id : null;
}
