/**
 * Every error the platform returns is a TesseraError: a stable code, an HTTP status and a
 * message that tells the caller what to fix. `details` carries per-field problems
 * ({ path: 'lines/2/qty', message: 'must be > 0' }) so the admin UI can put each one on its field.
 */
import { TesseraError, problemsJoined, type FieldProblem, type LocalText, type Message } from './plugin-api/errors.js';
import { CORE_ERRORS } from './error-codes.js';

export { TesseraError, type FieldProblem };

/** A core message template with its parameters (the core's catalogue: error-codes.ts). */
export const coreMessage = CORE_ERRORS.t;
/** A field problem with a core message. */
export const coreProblem = CORE_ERRORS.problem;

/** An entity's label in each language, as a message parameter. */
export function labelText(e: { label: string; labels?: Record<string, { title?: string } | undefined> }): LocalText {
  return { en: e.label, lt: e.labels?.lt?.title ?? e.label };
}

const STATUS_LT: Record<string, string> = { draft: 'juodraštis', submitted: 'pateiktas', cancelled: 'atšauktas' };
/** A document status in each language, as a message parameter. */
export function statusText(status: unknown): LocalText {
  const s = String(status);
  return { en: s, lt: STATUS_LT[s] ?? s };
}

/**
 * A choice of an enum field in each language, as a message parameter: the stored value in
 * English messages (as they always read), the field's declared Lithuanian label in Lithuanian
 * ("on_hold" -> "Sustabdytas"), never the English value in a Lithuanian message.
 */
export function choiceText(
  model: { fieldMap: Map<string, { enumLabelsI18n?: Record<string, Record<string, string>> }> } | undefined,
  field: string,
  value: unknown,
): LocalText {
  const s = String(value);
  return { en: s, lt: model?.fieldMap.get(field)?.enumLabelsI18n?.lt?.[s] ?? s };
}

/** The catalogue of error codes, created in one place. */
export const Errors = {
  validation: (details: FieldProblem[]) => problemsJoined('VALIDATION_FAILED', 422, details, 'space'),
  badQuery: (details: FieldProblem[]) => new TesseraError('INVALID_QUERY', 400, details.map((d) => `${d.path} ${d.message}`).join('; '), details, 'space'),
  notFound: (entity: string | LocalText, id: unknown) => new TesseraError('NOT_FOUND', 404, coreMessage('not_found', { entity, id: String(id) })),
  routeNotFound: (method: string, url: string) => new TesseraError('ROUTE_NOT_FOUND', 404, `no route ${method} ${url}`),
  unique: (path: string, value: unknown) =>
    new TesseraError('UNIQUE_VIOLATION', 409, coreMessage('unique_path', { path, value: JSON.stringify(value) }), [
      { ...coreProblem(path, 'unique', { value: JSON.stringify(value) }), code: 'unique' },
    ]),
  referenceMissing: (path: string, target: string | LocalText, value: unknown) =>
    new TesseraError('REFERENCE_NOT_FOUND', 422, coreMessage('reference_path', { path, entity: target, id: String(value) }), [
      { ...coreProblem(path, 'reference', { entity: target, id: String(value) }), code: 'reference' },
    ]),
  stillReferenced: (entity: string | LocalText, id: unknown, by: string, count?: number) =>
    new TesseraError(
      'STILL_REFERENCED',
      409,
      count === 1
        ? coreMessage('still_referenced_one', { entity, id: String(id), by })
        : count
          ? coreMessage('still_referenced_count', { entity, id: String(id), by, count })
          : coreMessage('still_referenced', { entity, id: String(id), by }),
    ),
  conflict: (code: string, message: string | Message) => new TesseraError(code, 409, message),
  unprocessable: (code: string, message: string | Message, details?: FieldProblem[]) => new TesseraError(code, 422, message, details),
  unauthorized: (message = 'authentication required: log in or send a bearer token') => new TesseraError('UNAUTHENTICATED', 401, message),
  preconditionFailed: (message: string) => new TesseraError('PRECONDITION_FAILED', 412, message),
  forbidden: (message: string | Message) => new TesseraError('FORBIDDEN', 403, message),
  fieldHidden: (entity: string, fields: string[]) =>
    new TesseraError(
      'FIELD_HIDDEN',
      403,
      `this figure is computed from ${fields.map((f) => `${entity}.${f}`).join(', ')}, which your role may not see; ask an administrator for a role that shows ${fields.length === 1 ? 'it' : 'them'}`,
    ),
  payloadTooLarge: (message: string) => new TesseraError('PAYLOAD_TOO_LARGE', 413, message),
  unsupportedMediaType: (sent: string, allowed: string[]) =>
    new TesseraError(
      'UNSUPPORTED_MEDIA_TYPE',
      415,
      `${sent ? `a body of type ${sent} is not accepted here` : 'the request has a body but no Content-Type'}; send it as ${allowed.join(' or ')}`,
    ),
  crossSite: (origin: string) =>
    new TesseraError(
      'CROSS_SITE_REQUEST',
      403,
      `a request from ${origin} may not change data with this site's session cookie; use the application itself, or send a bearer token (administrators: behind a proxy set TESSERA_TRUST_PROXY, or list the origin in TESSERA_ALLOWED_ORIGINS)`,
    ),
  tooManyRequests: (retryAfterSeconds: number, what = 'requests') =>
    new TesseraError('TOO_MANY_REQUESTS', 429, `too many ${what}; try again in ${retryAfterSeconds} seconds`),
  declaration: (file: string, pointer: string, reason: string) =>
    new TesseraError('BAD_DECLARATION', 500, `${file}${pointer ? ` at ${pointer}` : ''}: ${reason}`),
  config: (message: string) => new TesseraError('BAD_CONFIGURATION', 500, message),
  unsafeMigration: (message: string) => new TesseraError('UNSAFE_MIGRATION', 500, message),
  /** The database cannot be reached or dropped the connection (restart, failover, terminated backend). */
  databaseUnavailable: (reason?: string) =>
    new TesseraError(
      'DATABASE_UNAVAILABLE',
      503,
      `the database is unavailable${reason ? ` (${reason})` : ''}; nothing was saved by this request, try again shortly`,
    ),
  /** A pending schema change cannot be applied to the rows the database holds now. */
  migrationBlocked: (message: string) => new TesseraError('MIGRATION_BLOCKED', 409, message),
};
