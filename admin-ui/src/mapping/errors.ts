/**
 * Server errors -> what react-admin shows: `details` paths ("lines/2/qty") become form
 * field errors ("lines.2.qty", as react-hook-form names line inputs); a problem that names
 * no field goes to root.serverError, which react-admin shows as the notification.
 */
import type { MessageParams } from '@tessera/contract';
import type { MetaEntity } from '../meta/types.js';
import { messageArgs, messageKey } from './messages.js';

export interface ServerProblem {
  path: string;
  message: string;
  code?: string;
  /** The message's catalogue key and parameters: shown in the UI's language. */
  key?: string;
  params?: MessageParams;
}

export interface ServerErrorBody {
  error?: { code?: string; status?: number; message?: string; key?: string; params?: MessageParams; details?: ServerProblem[] };
}

/** Flat react-hook-form errors from the details; `undefined` when no detail names a field of the form. */
export function formErrors(e: MetaEntity | undefined, body: ServerErrorBody | undefined): Record<string, unknown> | undefined {
  const err = body?.error;
  if (!err?.details?.length || !e) return undefined;
  const fieldErrors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const d of err.details) {
    const parts = d.path.split('/').filter(Boolean);
    const head = parts[0] ? e.fields.find((f) => f.name === parts[0] && !f.hidden) : undefined;
    if (!head) {
      unplaced.push(d.path ? `${d.path} ${d.message}` : d.message);
      continue;
    }
    const name = parts.join('.');
    fieldErrors[name] ??= errorText(d);
  }
  if (!Object.keys(fieldErrors).length) return undefined;
  return unplaced.length ? { ...fieldErrors, root: { serverError: unplaced.join('; ') } } : fieldErrors;
}

/** Known server phrases -> translation keys of the UI, so a Lithuanian user reads Lithuanian. */
const PATTERNS: [RegExp, string, (m: RegExpExecArray) => Record<string, unknown>][] = [
  [/^is required$/, 'ra.validation.required', () => ({})],
  [/^must not be empty$/, 'ra.validation.required', () => ({})],
  [/^must be unique: (.*) is already used$/, 'tessera.server.unique', (m) => ({ value: m[1] })],
  [/^must be > (.+)$/, 'tessera.server.gt', (m) => ({ value: m[1] })],
  [/^must be >= (.+)$/, 'ra.validation.minValue', (m) => ({ min: m[1] })],
  [/^must be < (.+)$/, 'tessera.server.lt', (m) => ({ value: m[1] })],
  [/^must be <= (.+)$/, 'ra.validation.maxValue', (m) => ({ max: m[1] })],
  [/^must be at most (\d+) characters$/, 'ra.validation.maxLength', (m) => ({ max: m[1] })],
  [/^must be at least (\d+) characters$/, 'ra.validation.minLength', (m) => ({ min: m[1] })],
  [/^must have at most (\d+) decimal places?$/, 'tessera.validation.decimal_scale', (m) => ({ scale: m[1] })],
  [/^must have at most (\d+) digits before the decimal point$/, 'tessera.validation.decimal_digits', (m) => ({ digits: m[1] })],
  [/^must have at least (\d+) items?$/, 'tessera.server.min_items', (m) => ({ min: m[1] })],
  [/^must match the pattern (.+)$/, 'tessera.server.pattern', (m) => ({ pattern: m[1] })],
  [/^must be a valid email$/, 'ra.validation.email', () => ({})],
  [/^refers to (.+?) (\d+), which does not exist$/, 'tessera.server.reference', (m) => ({ entity: m[1], id: m[2] })],
];

export function serverMessageKey(message: string): { key: string; args: Record<string, unknown> } | undefined {
  for (const [re, key, args] of PATTERNS) {
    const m = re.exec(message);
    if (m) return { key, args: args(m) };
  }
  return undefined;
}

/** react-admin's marker for an error that carries a translation key and arguments (see ra-core ValidationError). */
export const RA_ERROR_PREFIX = '@@react-admin@@';

/**
 * A server message as react-admin displays it: from its catalogue key and parameters in the
 * UI's current language (re-rendered on a language switch), else translated when it is a
 * known phrase, else verbatim.
 */
export function errorText(problem: string | { message?: string; key?: string; params?: MessageParams }): string {
  const message = typeof problem === 'string' ? problem : (problem.message ?? '');
  if (typeof problem !== 'string' && problem.key)
    return `${RA_ERROR_PREFIX}${JSON.stringify({ message: messageKey(problem.key), args: { ...messageArgs(problem.params), _: message } })}`;
  const known = serverMessageKey(message);
  return known ? `${RA_ERROR_PREFIX}${JSON.stringify({ message: known.key, args: { ...known.args, _: message } })}` : message;
}
