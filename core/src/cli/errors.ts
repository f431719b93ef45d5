/** What the command prints when something fails: one readable line, never `undefined`, no stack unless TESSERA_DEBUG. */
import { UnsafeMigrationError } from '../migrations/errors.js';
import { TesseraError } from '../errors.js';

/**
 * One line (or a few) that says what went wrong, whatever was thrown: never `undefined`, never
 * a raw stack (TESSERA_DEBUG=1 adds it).
 */
export function describeError(e: unknown): string {
  let text: string;
  if (e instanceof UnsafeMigrationError) text = e.message;
  else if (e instanceof TesseraError) text = `${e.message} [${e.code}]`;
  else if (e instanceof AggregateError && e.errors.length) text = [...new Set(e.errors.map((x) => describeError(x)))].join('; ');
  else if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    text = `${e.message || e.name || 'error'}${code && !e.message.includes(code) ? ` [${code}]` : ''}`;
  } else if (e === undefined || e === null)
    text = `an unknown error occurred (the failing code threw ${String(e)}); run again with TESSERA_DEBUG=1 for details`;
  else if (typeof e === 'object') text = JSON.stringify(e);
  else text = String(e);
  if (process.env.TESSERA_DEBUG && e instanceof Error && e.stack) text += `\n${e.stack}`;
  return text;
}

/** Process-wide handlers: whatever escapes is printed readably (never `undefined`, no stack unless TESSERA_DEBUG). */
export function installGlobalErrorHandlers(): void {
  process.on('unhandledRejection', (e) => {
    // A stray rejection is a bug to report, not a reason to drop every request in flight.
    console.error(`[tessera] unhandled error: ${describeError(e)}`);
    process.exitCode = 1;
  });
  process.on('uncaughtException', (e) => {
    console.error(`[tessera] fatal error: ${describeError(e)}`);
    process.exit(1);
  });
}
