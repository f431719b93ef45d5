/**
 * Every error the platform returns is a TesseraError: a stable code, an HTTP status and a
 * message that tells the caller what to fix. `details` carries per-field problems
 * ({ path: 'lines/2/qty', message: 'must be > 0' }) so the admin UI can put each one on its field.
 */
import { TesseraError, type FieldProblem } from './plugin-api/errors.js';

export { TesseraError, type FieldProblem };

/** The catalogue of error codes, created in one place. */
export const Errors = {
  validation: (details: FieldProblem[]) =>
    new TesseraError('VALIDATION_FAILED', 422, details.map((d) => `${d.path || '(body)'} ${d.message}`).join('; '), details),
  badQuery: (details: FieldProblem[]) => new TesseraError('INVALID_QUERY', 400, details.map((d) => `${d.path} ${d.message}`).join('; '), details),
  notFound: (entity: string, id: unknown) => new TesseraError('NOT_FOUND', 404, `${entity} ${String(id)} does not exist`),
  routeNotFound: (method: string, url: string) => new TesseraError('ROUTE_NOT_FOUND', 404, `no route ${method} ${url}`),
  unique: (path: string, value: unknown) =>
    new TesseraError('UNIQUE_VIOLATION', 409, `${path} must be unique: ${JSON.stringify(value)} is already used`, [
      { path, message: `must be unique: ${JSON.stringify(value)} is already used`, code: 'unique' },
    ]),
  referenceMissing: (path: string, target: string, value: unknown) =>
    new TesseraError('REFERENCE_NOT_FOUND', 422, `${path} refers to ${target} ${String(value)}, which does not exist`, [
      { path, message: `refers to ${target} ${String(value)}, which does not exist`, code: 'reference' },
    ]),
  stillReferenced: (entity: string, id: unknown, by: string, count?: number) =>
    new TesseraError(
      'STILL_REFERENCED',
      409,
      `${entity} ${String(id)} cannot be deleted: ${count ? `${count} ` : ''}${by} record${count === 1 ? '' : 's'} still refer${count === 1 ? 's' : ''} to it`,
    ),
  conflict: (code: string, message: string) => new TesseraError(code, 409, message),
  unprocessable: (code: string, message: string, details?: FieldProblem[]) => new TesseraError(code, 422, message, details),
  unauthorized: (message = 'authentication required: log in or send a bearer token') => new TesseraError('UNAUTHENTICATED', 401, message),
  preconditionFailed: (message: string) => new TesseraError('PRECONDITION_FAILED', 412, message),
  forbidden: (message: string) => new TesseraError('FORBIDDEN', 403, message),
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
