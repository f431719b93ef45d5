/**
 * Browser-facing protections, registered once for the whole server:
 *  - security headers (helmet's, for the options below): a CSP the admin UI and the API docs
 *    pass, no framing (frame-ancestors 'none' + X-Frame-Options DENY), nosniff, a strict
 *    Referrer-Policy. The options are static, so helmet runs once at start-up and every
 *    response gets the same header values (@fastify/helmet would build helmet's middleware,
 *    parsing the CSP again, on every request);
 *    API responses are never cached (Cache-Control: no-store), unless a route set its own;
 *  - cross-site request refusal (CSRF): a state-changing request (POST, PUT, PATCH, DELETE)
 *      * must send JSON (a route may declare other types in config.accepts, e.g. text/csv),
 *        or no body at all: 415 UNSUPPORTED_MEDIA_TYPE. An HTML form or a "simple" fetch can
 *        only send text/plain, urlencoded or multipart, so a cross-site page cannot forge one;
 *      * unless it carries a bearer token (which a cross-site page cannot attach), must come
 *        from the server's own origin: Origin equal to this server's, or one listed in
 *        TESSERA_ALLOWED_ORIGINS, and not Sec-Fetch-Site: cross-site: 403 CROSS_SITE_REQUEST.
 *    The session cookie stays SameSite=Lax as a second line;
 *  - a general per-address limit on /api (@fastify/rate-limit, in memory per process):
 *    TESSERA_RATE_LIMIT requests per minute (default 6000; 0 turns it off), 429 TOO_MANY_REQUESTS.
 *    Logins have their own, stricter limit counted in PostgreSQL (auth/service.ts).
 * Client addresses come from X-Forwarded-For only when the connection comes from a proxy
 * listed in TESSERA_TRUST_PROXY (addresses or CIDRs, comma-separated; default: none).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { Errors } from '../errors.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Route option: content types (besides JSON) a state-changing route takes, e.g. { config: { accepts: ['text/csv'] } }. */
export interface SecurityRouteConfig {
  accepts?: string[];
}

/** Origins other than the server's own that may send cookie-authenticated writes (comma-separated). */
export function allowedOrigins(env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set(
    (env.TESSERA_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
  );
}

function hasBody(req: FastifyRequest): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function mediaType(req: FastifyRequest): string {
  return String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

/**
 * Whether an Origin header names this server. The host (with port) decides; the scheme does not,
 * so a TLS-terminating proxy that does not forward the protocol still works. "null" is foreign.
 */
function sameHost(origin: string, host: string): boolean {
  try {
    return origin !== 'null' && new URL(origin).host === host;
  } catch {
    return false;
  }
}

const isJson = (type: string) => type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);

/**
 * The API docs' CSP (swagger UI's static one) brought in line with ours: no framing, inline
 * styles allowed (the UI sets style attributes), and no upgrade-insecure-requests, which would
 * break the docs on a plain-http address.
 */
export function docsCsp(header: string): string {
  return header
    .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
    .replace(/style-src ([^;]*)/, (_m, v: string) => `style-src ${v.includes("'unsafe-inline'") ? v : `${v.trim()} 'unsafe-inline'`}`)
    .replace(/\s*upgrade-insecure-requests;?/, '');
}

/** Fastify's trustProxy: the configured proxies, or false (X-Forwarded-* from anyone is ignored). */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): string[] | false {
  const list = (env.TESSERA_TRUST_PROXY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : false;
}

export const DEFAULT_RATE_LIMIT = 6000;

const HELMET_OPTIONS: HelmetOptions = {
  // The admin UI is one bundled script and stylesheet; MUI writes <style> elements at run time
  // (hence 'unsafe-inline' for styles only). The API docs (swagger UI) set their own CSP.
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  // Cross-origin isolation headers would block nothing we serve but can break the docs' assets.
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet's middleware sets for these options (names in lower case), read once by
 * running it against a response that records them. Throws what helmet throws for bad options.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (e?: unknown) => void (failure = e));
  if (failure) throw failure;
  return headers;
}

export async function registerSecurity(app: FastifyInstance): Promise<void> {
  const perMinute = Number(process.env.TESSERA_RATE_LIMIT ?? DEFAULT_RATE_LIMIT);
  if (!Number.isInteger(perMinute) || perMinute < 0)
    throw Errors.config(`TESSERA_RATE_LIMIT must be a whole number of requests per minute (0 = off), not "${process.env.TESSERA_RATE_LIMIT}"`);
  if (perMinute > 0) {
    const { default: rateLimit } = await import('@fastify/rate-limit');
    await app.register(rateLimit, {
      global: true,
      max: perMinute,
      timeWindow: 60_000,
      allowList: (req) => !req.url.startsWith('/api/'),
      errorResponseBuilder: (_req, ctx) => Errors.tooManyRequests(Math.max(1, Math.ceil(ctx.ttl / 1000)), 'requests from your address'),
    });
  }

  const headers = securityHeaders(HELMET_OPTIONS);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });

  const extraOrigins = allowedOrigins();
  // Synchronous hooks (Fastify catches what they throw): no promise and microtask per request.
  app.addHook('onRequest', (req, _reply, done) => {
    if (!STATE_CHANGING.has(req.method)) return done();
    const type = mediaType(req);
    const accepts = (req.routeOptions?.config as SecurityRouteConfig | undefined)?.accepts ?? [];
    if ((hasBody(req) || type) && !isJson(type) && !accepts.includes(type)) throw Errors.unsupportedMediaType(type, ['application/json', ...accepts]);
    if (req.headers.authorization?.startsWith('Bearer ')) return done();
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    if (site === 'cross-site') throw Errors.crossSite(typeof origin === 'string' ? origin : 'another site');
    if (origin !== undefined && !sameHost(origin, req.host) && !extraOrigins.has(origin)) throw Errors.crossSite(origin);
    done();
  });

  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
