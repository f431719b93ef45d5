/**
 * One error shape for every answer, whoever raised the error: our code (TesseraError), ajv
 * (route schemas), Fastify itself (bad URL, too-long parameter, body parser, content type,
 * body size), Node's HTTP parser (header too large, bad request line) and, as a last resort,
 * PostgreSQL data errors that slipped past validation. Bad input is a 4xx, never a 500.
 */
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Errors, TesseraError } from '../errors.js';
import type { Lang } from '../plugin-api/index.js';
import { toProblems } from '../schema/validation.js';
import { pgDataError } from '../data/pg-errors.js';
import { LIMITS } from '../schema/limits.js';
import { invalidJson } from './input.js';

/** Fastify's own error codes -> our stable codes (status from Fastify). */
const FASTIFY_CODES: Record<string, [string, string]> = {
  FST_ERR_BAD_URL: [
    'BAD_URL',
    'the URL is not valid: it has a malformed percent-encoding (such as %ff) or a character that is not allowed; encode it as UTF-8',
  ],
  FST_ERR_MAX_PARAM_LENGTH: ['URI_TOO_LONG', `a path parameter is longer than ${LIMITS.paramLength} characters; ids are at most 16 digits`],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json (files as text/csv where a route takes them)'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_CONTENT_LENGTH', 'the Content-Length header does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['EMPTY_BODY', 'the request body is empty; send a JSON object'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['INVALID_JSON', 'the request body is not valid JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [
    'PAYLOAD_TOO_LARGE',
    `the request body is larger than ${LIMITS.bodyBytes / 1024 / 1024} MB; split the data into several requests (or import a file in parts)`,
  ],
  FST_ERR_CTP_INVALID_CHARSET: ['UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json in UTF-8'],
  FST_ERR_ASYNC_CONSTRAINT: ['BAD_REQUEST', 'the request could not be routed'],
  FST_ERR_VALIDATION: ['INVALID_QUERY', 'the request is not valid'],
};

function fastifyError(err: FastifyError): TesseraError | undefined {
  const known = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (known) {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return invalidJson(err);
    return new TesseraError(known[0], status, known[1]);
  }
  if (err instanceof SyntaxError) return invalidJson(err);
  // Any other 4xx Fastify raises keeps its status, under a code of ours.
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500)
    return new TesseraError(
      err.code && /^[A-Z][A-Z0-9_]+$/.test(err.code) ? err.code.replace(/^FST_ERR_/, '') : 'BAD_REQUEST',
      err.statusCode,
      err.message || STATUS_CODES[err.statusCode] || 'bad request',
    );
  return undefined;
}

/** The error as a TesseraError with a 4xx status, when it is the caller's mistake. */
export function toClientError(err: any): TesseraError | undefined {
  if (err instanceof TesseraError) return err;
  if (err?.validation) {
    const problems = toProblems(err.validation);
    const ctx = err.validationContext;
    if (ctx === 'querystring' || ctx === 'params' || ctx === 'headers')
      return Errors.badQuery(problems.map((p) => ({ ...p, path: ctx === 'params' && p.path === '' ? 'id' : p.path || ctx })));
    return Errors.validation(problems);
  }
  const f = fastifyError(err);
  if (f) return f;
  return pgDataError(err);
}

const LANGS: Lang[] = ['en', 'lt'];

/**
 * The language of a request's messages: the signed-in user's own locale, else the first
 * language of Accept-Language that the platform speaks, else the company's locale.
 */
export function requestLang(req: FastifyRequest | undefined, companyLocale?: string): Lang {
  const own = req?.user?.locale;
  if (own && LANGS.includes(own as Lang)) return own as Lang;
  const header = req?.headers?.['accept-language'];
  if (typeof header === 'string' && header) {
    const ranked = header
      .split(',')
      .map((part, i) => {
        const [tag = '', ...rest] = part.trim().split(';');
        const q = rest.find((r) => r.trim().startsWith('q='));
        return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1, i };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q || a.i - b.i);
    const hit = ranked.find((x) => LANGS.includes(x.lang as Lang));
    if (hit) return hit.lang as Lang;
  }
  return companyLocale && LANGS.includes(companyLocale as Lang) ? (companyLocale as Lang) : 'en';
}

function send(reply: FastifyReply, e: TesseraError, lang: Lang = 'en') {
  return reply
    .status(e.status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify(e.toJSONIn(lang)));
}

export function installErrorHandler(app: FastifyInstance, opts: { logger?: unknown; locale?: string }): void {
  app.setErrorHandler((err: any, req, reply) => {
    const e = toClientError(err);
    const lang = requestLang(req, opts.locale);
    if (e) return send(reply, e, lang);
    req.log.error(err);
    if (!opts.logger) console.error(err);
    return send(reply, new TesseraError('INTERNAL_ERROR', 500, 'an unexpected error occurred; it has been logged'), lang);
  });
}

/** Errors Fastify raises before a route runs (bad URL, too-long parameter): the same shape. */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  return send(reply, fastifyError(err) ?? new TesseraError('BAD_REQUEST', 400, err.message));
}

/** Errors of Node's HTTP parser (header too large, malformed request line): the same shape, on the raw socket. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let e: TesseraError;
  if (err.code === 'HPE_HEADER_OVERFLOW')
    e = new TesseraError(
      'HEADERS_TOO_LARGE',
      431,
      `the request headers (with the URL) are larger than ${LIMITS.headerBytes / 1024} KB; send filters and long id lists in fewer characters or in several requests`,
    );
  else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') e = new TesseraError('REQUEST_TIMEOUT', 408, 'the request was not received in time');
  else e = new TesseraError('BAD_REQUEST', 400, 'the request is not valid HTTP');
  const body = JSON.stringify(e.toJSON());
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}
