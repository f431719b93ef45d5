/**
 * A server error in a dialog (action input, quick-create): problems whose path starts with one
 * of the dialog's inputs go on that input ("lines/2/qty" -> "lines.2.qty"), the rest is one
 * message at the top of the dialog. The dialog stays open with what was typed.
 */
import type { HttpError } from 'react-admin';
import type { MessageParams } from '@tessera/contract';
import { errorText, type ServerProblem } from './errors.js';

export function serverFieldErrors(err: HttpError | undefined, inputs: string[]): Record<string, string> {
  const details = (err?.body?.error?.details as ServerProblem[] | undefined) ?? [];
  const out: Record<string, string> = {};
  for (const d of details) {
    const parts = (d.path ?? '').split('/').filter(Boolean);
    if (!parts.length || !inputs.includes(parts[0]!)) continue;
    out[parts.join('.')] ??= errorText(d);
  }
  return out;
}

/** What the dialog shows above its inputs: the message, and each problem that is on no input ("Line 3, warehouse: ..."). */
export function dialogMessage(
  err: HttpError | Error | undefined,
  inputs: string[],
): { message: string; key?: string; params?: MessageParams; problems: ServerProblem[] } {
  const body = (err as HttpError | undefined)?.body?.error as { message?: string; key?: string; params?: MessageParams; details?: ServerProblem[] } | undefined;
  const details = body?.details ?? [];
  const unplaced = details.filter((d) => !inputs.includes((d.path ?? '').split('/').filter(Boolean)[0] ?? ''));
  return {
    message: body?.message ?? err?.message ?? '',
    ...(body?.key ? { key: body.key } : {}),
    ...(body?.params ? { params: body.params } : {}),
    problems: unplaced,
  };
}

/** "lines/2/warehouse" -> { row: 3, field: "warehouse" } for a readable message (rows counted from 1). */
export function problemPlace(path: string): { row?: number; field?: string } {
  const parts = path.split('/').filter(Boolean);
  const i = parts.findIndex((p) => /^\d+$/.test(p));
  if (i < 0) return { field: parts[parts.length - 1] };
  return { row: Number(parts[i]) + 1, field: parts[i + 1] };
}
