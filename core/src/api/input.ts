/**
 * Characters no field can hold, refused wherever they come in (body, query string, path,
 * headers) before any route runs: the NUL byte (PostgreSQL text refuses it) and lone UTF-16
 * surrogates (they cannot be encoded as UTF-8 and would be stored as U+FFFD). Bodies are also
 * bounded in nesting, so nothing downstream recurses without end.
 */
import type { FastifyInstance } from 'fastify';
import { TesseraError } from '../errors.js';
import { LIMITS } from '../schema/limits.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const badChar = (s: string): string | undefined =>
  s.includes('\u0000')
    ? 'contains a NUL byte (\\u0000), which cannot be stored; remove it'
    : LONE_SURROGATE.test(s)
      ? 'contains a lone UTF-16 surrogate (half of an emoji or other character); send well-formed text'
      : undefined;

function invalidChar(path: string, message: string): TesseraError {
  return new TesseraError('INVALID_CHARACTER', 400, `${path} ${message}`, [{ path, message, code: 'character' }]);
}

/** Throws 400 for a bad character or too deep nesting anywhere in a parsed JSON value. */
export function checkValue(value: unknown, root: string): void {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const m = badChar(v);
      if (m) throw invalidChar(path || '(body)', m);
    } else if (v && typeof v === 'object') {
      if (depth >= LIMITS.bodyDepth)
        throw new TesseraError(
          'NESTED_TOO_DEEPLY',
          400,
          `${path || '(body)'} nests arrays and objects more than ${LIMITS.bodyDepth} levels deep; flatten the data`,
          [{ path, message: `nests more than ${LIMITS.bodyDepth} levels deep`, code: 'depth' }],
        );
      if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push([v[i], path ? `${path}/${i}` : String(i), depth + 1]);
      else
        for (const [k, x] of Object.entries(v)) {
          const at = path ? `${path}/${k}` : k;
          const m = badChar(k);
          if (m) throw invalidChar(at, `(a field name) ${m}`);
          // No field is called so; refused outright so nothing downstream can merge it into a prototype.
          if (k === '__proto__')
            throw new TesseraError('FORBIDDEN_KEY', 400, `${at} is not an allowed field name`, [
              { path: at, message: 'is not an allowed field name', code: 'key' },
            ]);
          stack.push([x, at, depth + 1]);
        }
    }
  }
}

/** Only the position: V8's message quotes the body around the error, which may hold a password. */
export function invalidJson(e: unknown): TesseraError {
  const at = /at position (\d+)/.exec(String((e as Error)?.message))?.[1];
  return new TesseraError('INVALID_JSON', 400, `the request body is not valid JSON${at ? ` (at character ${at})` : ''}; check the syntax`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function installInputChecks(app: FastifyInstance): void {
  // JSON bodies are decoded strictly: bytes that are not UTF-8 are refused instead of being
  // stored as U+FFFD (Fastify's default parser decodes leniently).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    if (body.length === 0) return done(new TesseraError('EMPTY_BODY', 400, 'the request body is empty; send a JSON object'), undefined);
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return done(new TesseraError('INVALID_ENCODING', 400, 'the request body is not valid UTF-8; send JSON encoded as UTF-8'), undefined);
    }
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(invalidJson(e), undefined);
    }
  });

  // Path, query string and headers first: auth and routing must not see them either.
  // Synchronous hooks (Fastify catches what they throw): no promise and microtask per request.
  app.addHook('onRequest', (req, _reply, done) => {
    const url = req.url;
    // Fastify decodes the query string and params later; %00 must not pass as "encoded".
    if (/%00/.test(url) || url.includes('\u0000'))
      throw invalidChar(
        url.includes('?') && url.indexOf('%00') > url.indexOf('?') ? 'query' : 'path',
        'contains a NUL byte (%00), which no field can hold; remove it',
      );
    // The raw [name, value, ...] list: every occurrence, and no object or array made per request.
    const raw = req.raw.rawHeaders;
    for (let i = 1; i < raw.length; i += 2) if (raw[i]!.includes('\u0000')) throw invalidChar(`headers/${raw[i - 1]!.toLowerCase()}`, 'contains a NUL byte');
    done();
  });
  app.addHook('preValidation', (req, _reply, done) => {
    checkValue(req.query, '');
    checkValue(req.params, '');
    // Uploaded files (imports) arrive as a Buffer or a stream: their own parser checks them, not this walk.
    const upload = Buffer.isBuffer(req.body) || typeof (req.body as { pipe?: unknown } | null)?.pipe === 'function';
    if (req.body !== undefined && req.body !== null && typeof req.body === 'object' && !upload) checkValue(req.body, '');
    else if (typeof req.body === 'string') checkValue(req.body, '(body)');
    done();
  });
}
