/**
 * Refusals with field paths, in the one error shape of the platform: a 422 whose details name
 * each field to fix (lines/2/qty), so the admin UI puts every message on its field.
 */
import { Errors, SYSTEM_USER, TesseraError, type FieldProblem, type Message, type ServiceContext } from '@tessera/core';

/** A field problem from a catalogued message (errors.t(...)) or a plain text. */
export function problemOf(path: string, message: string | Message): FieldProblem {
  return typeof message === 'string' ? { path, message } : { path, ...message };
}

/** A 422 VALIDATION_FAILED naming one field to fix (the message: errors.t(key, params) of the plugin's catalogue). */
export function fieldError(path: string, message: string | Message): TesseraError {
  return Errors.validation([problemOf(path, message)]);
}

/** A 422 with a plugin's code whose message lists every problem ("path: message; ..."), re-joined in each language. */
export function problemsError(code: string, problems: FieldProblem[]): TesseraError {
  return new TesseraError(code, 422, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems, 'colon');
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
