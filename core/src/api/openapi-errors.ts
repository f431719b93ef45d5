/**
 * The error responses of every operation in the OpenAPI document (issue 16, item 4): the one
 * error shape (api/errors.ts: `{ error: { code, status, message, details? } }`, the shared schema
 * `TesseraError`) under each status the route can answer, with the codes it can answer there,
 * taken from the catalogues (core/src/error-codes.ts, core/src/outbox/errors.ts,
 * the import codes of core/src/import/errors.ts and each plugin's errors.ts) by what the route does: every guarded
 * route can be unauthenticated or forbidden, a body can be malformed or invalid, an :id can be
 * missing, a write can conflict, an If-Match can be stale, a plugin's route or document can
 * answer the plugin's own codes. A route schema may add codes of its own with `x-errors`.
 */
import type { ErrorCatalogue, PluginDefinition } from '../plugin-api/index.js';
import { CORE_ERRORS } from '../error-codes.js';
import { OUTBOUND_ERRORS } from '../outbox/errors.js';
import { IMPORT_ERRORS } from '../import/errors.js';

export const ERROR_SCHEMA_ID = 'TesseraError';

/** The shared error body, as api/errors.ts sends it (TesseraError.toJSON). */
export const errorBodySchema = {
  $id: ERROR_SCHEMA_ID,
  type: 'object',
  required: ['error'],
  description: 'Every error: a stable code from the catalogues (docs/api.md), the HTTP status, a message saying what to fix, and the fields at fault.',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'status', 'message'],
      properties: {
        code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', example: 'VALIDATION_FAILED' },
        status: { type: 'integer', minimum: 400, maximum: 599, example: 422 },
        message: { type: 'string', example: 'lines/2/qty must be > 0' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            additionalProperties: true,
            properties: { path: { type: 'string', example: 'lines/2/qty' }, message: { type: 'string' }, code: { type: 'string' } },
          },
        },
      },
    },
  },
};

/** The statuses the document lists (the others, such as 429 or 503, are the same for every route and documented once in docs/api.md). */
const LISTED = [400, 401, 403, 404, 409, 412, 413, 415, 422];

/** The codes the import and export routes answer (the import catalogue, core/src/import/errors.ts), with their status. */
const IMPORT_CODES: Record<string, number> = {
  ...Object.fromEntries(Object.entries(IMPORT_ERRORS).map(([code, e]) => [code, e.status])),
  UNSUPPORTED_MEDIA_TYPE: 415,
};

const ENTITY_WRITE = {
  403: ['FORBIDDEN_FIELD', 'READ_ONLY_ENTITY'],
  409: ['UNIQUE_VIOLATION', 'CONCURRENT_UPDATE', 'LOCKED', 'DOCUMENT_NOT_EDITABLE', 'REFERENCE_CONFLICT'],
  422: [
    'VALIDATION_FAILED',
    'INVALID_VALUE',
    'INVALID_DATE',
    'VALUE_TOO_LONG',
    'VALUE_OUT_OF_RANGE',
    'VALUE_TOO_LARGE',
    'REFERENCE_NOT_FOUND',
    'REFERENCE_AMBIGUOUS',
    'TOO_MANY_LINES',
    'HOOK_REFUSED',
  ],
};

export interface RouteShape {
  method: string;
  url: string;
  /** The route takes a body (POST, PUT, PATCH). */
  body: boolean;
  /** Extra codes the route schema declares (`x-errors`). */
  declared?: string[];
}

type Codes = Map<number, Set<string>>;

export interface ErrorIndex {
  /** Status of each code, over every catalogue. */
  status: Map<string, number>;
  /** Each plugin's codes. */
  plugin: Map<string, string[]>;
}

export function errorIndex(plugins: PluginDefinition[]): ErrorIndex {
  const status = new Map<string, number>();
  const add = (c: ErrorCatalogue) => {
    for (const [code, e] of Object.entries(c)) if (!status.has(code)) status.set(code, e.status);
  };
  add(CORE_ERRORS.codes as ErrorCatalogue);
  add(OUTBOUND_ERRORS as ErrorCatalogue);
  for (const [code, st] of Object.entries(IMPORT_CODES)) if (!status.has(code)) status.set(code, st);
  const plugin = new Map<string, string[]>();
  for (const p of plugins) {
    const codes = (p.errors ?? {}) as ErrorCatalogue;
    plugin.set(p.name, Object.keys(codes));
    for (const [code, e] of Object.entries(codes)) status.set(`${p.name}:${code}`, e.status);
  }
  return { status, plugin };
}

/** The codes a route can answer, by status. */
export function routeErrorCodes(r: RouteShape, index: ErrorIndex, plugins: PluginDefinition[]): Codes {
  const out: Codes = new Map();
  const add = (status: number, ...codes: string[]) => {
    if (!out.has(status)) out.set(status, new Set());
    for (const c of codes) out.get(status)!.add(c);
  };
  const addCode = (code: string, plugin?: string) => {
    const s = (plugin && index.status.get(`${plugin}:${code}`)) || index.status.get(code);
    if (s) add(s, code);
  };
  const url = r.url;
  const isPublic = url === '/api/auth/login' || url === '/api/health' || !url.startsWith('/api/');
  add(400, 'INVALID_QUERY', 'BAD_URL', 'INVALID_CHARACTER');
  if (!isPublic) {
    add(401, 'UNAUTHENTICATED');
    add(403, 'FORBIDDEN');
  }
  if (/\/:[a-zA-Z]+/.test(url)) add(404, 'NOT_FOUND');
  if (r.body) {
    add(400, 'INVALID_JSON', 'EMPTY_BODY', 'INVALID_ENCODING', 'NESTED_TOO_DEEPLY', 'FORBIDDEN_KEY', 'BAD_CONTENT_LENGTH');
    add(413, 'PAYLOAD_TOO_LARGE');
    add(415, 'UNSUPPORTED_MEDIA_TYPE');
    add(422, 'VALIDATION_FAILED');
  }
  const m = /^\/api\/([a-z][a-z0-9_]*)\/([a-z][a-z0-9_]*)(\/.*)?$/.exec(url);
  const plugin = m && plugins.some((p) => p.name === m[1]) ? m[1]! : undefined;
  const rest = m?.[3] ?? '';
  const entityRoute = !!m && m[2] !== 'reports' && !/^\/api\/(auth|platform)\//.test(url);
  const isReport = m?.[2] === 'reports';
  if (isReport) {
    add(403, 'FIELD_HIDDEN');
    add(422, 'REPORT_NOT_TABULAR');
  }
  if (entityRoute && r.method === 'GET' && rest === '')
    add(400, 'FILTER_TOO_COMPLEX', 'LIMIT_EXCEEDED', 'INVALID_CURSOR', 'TOO_MANY_IDS', 'EXPAND_TOO_LARGE', 'TOO_MANY_FIELDS');
  if (entityRoute && r.method === 'GET' && rest === '/:id') add(400, 'EXPAND_TOO_LARGE', 'TOO_MANY_FIELDS');
  const isWrite = entityRoute && (rest === '' || rest === '/:id') && r.method !== 'GET';
  const lifecycle = /^\/:id\/(submit|cancel|amend)$/.exec(rest);
  const action = /^\/:id\/actions\//.test(rest);
  if (isWrite) {
    for (const [s, codes] of Object.entries(ENTITY_WRITE)) add(Number(s), ...codes);
    if (rest === '') add(400, 'TOO_MANY_IDS');
    if (r.method === 'DELETE') add(409, 'STILL_REFERENCED', 'DOCUMENT_NOT_DELETABLE', 'HAS_SUBMITTED_DEPENDENTS');
  }
  if (lifecycle) {
    add(409, 'INVALID_TRANSITION', 'HAS_SUBMITTED_DEPENDENTS', 'CONCURRENT_UPDATE', 'LOCKED');
    add(422, 'NOT_SUBMITTABLE', 'HOOK_REFUSED', 'VALIDATION_FAILED');
    if (lifecycle[1] === 'submit') add(422, 'NO_LINES');
    if (lifecycle[1] === 'amend') add(409, 'ALREADY_AMENDED');
  }
  if (action) {
    add(409, 'ACTION_NOT_ALLOWED', 'CONCURRENT_UPDATE', 'LOCKED', 'UNIQUE_VIOLATION');
    add(422, 'ACTION_FAILED', 'HOOK_REFUSED', 'VALIDATION_FAILED', 'REFERENCE_NOT_FOUND', 'REFERENCE_AMBIGUOUS');
    add(403, 'FORBIDDEN_FIELD');
  }
  // If-Match: updates, deletes, lifecycle steps and actions on one record.
  if ((isWrite && rest === '/:id') || lifecycle || action) add(412, 'PRECONDITION_FAILED');
  if (/\/import(\/|$)/.test(rest)) for (const code of Object.keys(IMPORT_CODES)) addCode(code);
  if (/\/export\//.test(rest)) add(409, 'EXPORT_NOT_READY');
  if (/\/(files|email|messages|pdf)$/.test(rest) || /^\/api\/(files|notifications|messaging)\//.test(url))
    for (const code of outboundCodes(url, r.method)) addCode(code);
  if (/\/pdf$/.test(rest)) add(404, 'PRINT_FORMAT_NOT_FOUND');
  // A plugin's own codes: its documents' writes, actions and lifecycle (hooks), its reports and routes.
  if (plugin && (r.method !== 'GET' || isReport || !entityRoute)) for (const code of index.plugin.get(plugin) ?? []) addCode(code, plugin);
  for (const code of r.declared ?? []) addCode(code, plugin);
  for (const s of [...out.keys()]) if (!LISTED.includes(s)) out.delete(s);
  return out;
}

function outboundCodes(url: string, method: string): string[] {
  if (url.endsWith('/files') || url.startsWith('/api/files/'))
    return method === 'POST' ? ['FILE_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED', 'INVALID_MULTIPART', 'NO_FILE'] : ['FILE_NOT_FOUND'];
  if (url.endsWith('/email')) return ['MAIL_NOT_CONFIGURED', 'NO_RECIPIENT', 'BAD_RECIPIENT', 'TEMPLATE_NOT_FOUND', 'UNKNOWN_PLACEHOLDER', 'NOT_PRINTABLE'];
  if (url.startsWith('/api/notifications/')) return ['NOTIFICATION_NOT_FOUND'];
  if (url.includes('/deliveries')) return ['DELIVERY_NOT_FOUND', 'DELIVERY_NOT_REPLAYABLE'];
  if (url.startsWith('/api/messaging/webhook')) return ['WEBHOOK_INVALID'];
  return [];
}

/**
 * The OpenAPI response objects of the codes: one per status, the shared error schema narrowed to
 * the codes the route answers there (`error.code` as an enum, machine-readable: the generated
 * client types it as their union), also listed in the description and in `x-error-codes`.
 * The document shares each distinct one as a component (shareErrorResponses), so the enums cost
 * little.
 */
export function errorResponses(codes: Codes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, set] of [...codes.entries()].sort(([a], [b]) => a - b)) {
    const list = [...set].sort();
    out[String(status)] = {
      description: `Error codes: ${list.map((c) => `\`${c}\``).join(', ')} (see the error-code table in docs/api.md)`,
      'x-error-codes': list,
      allOf: [
        { $ref: `${ERROR_SCHEMA_ID}#` },
        {
          type: 'object',
          properties: { error: { type: 'object', properties: { code: { type: 'string', enum: list }, status: { type: 'integer', enum: [status] } } } },
        },
      ],
    };
  }
  return out;
}
