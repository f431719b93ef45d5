/**
 * Authentication on every request, and the auth routes:
 *   POST /api/auth/login {username, password}   -> session cookie (HttpOnly, SameSite=Lax, Secure on https)
 *   POST /api/auth/logout                        GET /api/auth/me
 *   POST /api/auth/password {current, password}  (revokes your other sessions)
 *   GET|POST /api/auth/tokens, DELETE /api/auth/tokens/:id   API tokens (shown once)
 *   GET <entity path>/:id/history                the record's audit trail
 * Every /api route except health and login needs a session cookie or a bearer token (401);
 * so do the API docs. What a user may do is decided by the policy (403).
 */
import { parseId } from './routes.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Errors } from '../errors.js';
import type { AuthService } from '../auth/service.js';
import { SESSION_COOKIE } from '../auth/service.js';
import type { DataService } from '../data/service.js';
import type { CurrentUser, Doc } from '../plugin-api/index.js';
import type { EntityModel } from '../entities/model.js';
import * as validation from '../schema/validation.js';

const PUBLIC = new Set(['/api/health', '/api/auth/login', '/api/public/locale']);

function cookieToken(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

function setCookie(reply: FastifyReply, req: FastifyRequest, value: string, maxAgeSeconds: number, forceSecure?: boolean): void {
  const secure = forceSecure || req.protocol === 'https';
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`,
  );
}

export function publicUser(u: CurrentUser) {
  return { id: u.id, username: u.username, fullName: u.fullName ?? null, email: u.email ?? null, locale: u.locale ?? null, roles: u.roles, isAdmin: u.isAdmin };
}

/** Keeps only the parts of an audit change set the user may see. */
function visibleChanges(service: DataService, user: CurrentUser, e: EntityModel, changes: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(changes)) {
    if (k === 'docstatus') {
      out[k] = v;
      continue;
    }
    // An action's input: values of fields hidden from the user are left out like field changes.
    if (k === 'input') {
      out[k] =
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v as Doc).filter(([f]) => !e.fieldMap.has(f) || service.registry.policy.canSeeField(user, e, f)))
          : v;
      continue;
    }
    if (!service.registry.policy.canSeeField(user, e, k)) continue;
    const coll = e.children.find((c) => c.name === k);
    if (coll && v && typeof v === 'object') {
      const child = coll.child!;
      const keep = (line: Doc) => Object.fromEntries(Object.entries(line).filter(([f]) => f === 'id' || service.registry.policy.canSeeField(user, child, f)));
      out[k] = {
        added: (v.added ?? []).map(keep),
        removed: (v.removed ?? []).map(keep),
        changed: (v.changed ?? []).map((c: Doc) => ({ id: c.id, changes: keep(c.changes) })),
      };
    } else out[k] = v;
  }
  return out;
}

export function registerAuth(app: FastifyInstance, auth: AuthService, service: DataService): void {
  // A callback hook: a credential this process resolved a moment ago answers at once (no
  // promise per request); the rest asks the auth service.
  app.addHook('onRequest', (req, _reply, done) => {
    const token = bearer(req);
    const cookie = token ? undefined : cookieToken(req);
    const known = token ? auth.cachedUser('token', token) : cookie ? auth.cachedUser('session', cookie) : undefined;
    if (known) {
      req.user = known;
      return done();
    }
    const query = req.url.indexOf('?');
    const path = query < 0 ? req.url : req.url.slice(0, query);
    const guarded = (path.startsWith('/api/') && !PUBLIC.has(path)) || path === '/docs' || path.startsWith('/docs/');
    if (!token && !cookie) return done(guarded ? Errors.unauthorized(undefined) : undefined);
    (token ? auth.resolveApiToken(token) : auth.resolveSession(cookie!)).then((user: CurrentUser | undefined) => {
      if (user) req.user = user;
      else if (guarded) return done(Errors.unauthorized(token ? 'the bearer token is invalid, expired or revoked' : 'your session has expired; log in again'));
      done();
    }, done);
  });

  const credentials = {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: { username: { type: 'string', minLength: 1, maxLength: 60 }, password: { type: 'string', minLength: 1, maxLength: 256 } },
  };
  const current = (req: FastifyRequest) => req.user as CurrentUser;
  const validate = (schema: object, body: unknown) => {
    const { compile, toProblems } = validation;
    const fn = compile(schema);
    if (!fn(body)) throw Errors.validation(toProblems(fn.errors));
  };

  app.post('/api/auth/login', { schema: { tags: ['auth'], summary: 'Log in (sets the session cookie)', body: credentials } }, async (req, reply) => {
    validate(credentials, req.body);
    const { username, password } = req.body as { username: string; password: string };
    const s = await auth.login(username, password, req.ip, req.headers['user-agent']);
    setCookie(reply, req, s.token, auth.settings.sessionHours * 3600, auth.settings.secureCookies);
    return { user: publicUser(s.user), expiresAt: s.expiresAt };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Log out (revokes the session)' } }, async (req, reply) => {
    const cookie = cookieToken(req);
    if (cookie) await auth.logout(cookie);
    setCookie(reply, req, '', 0, auth.settings.secureCookies);
    return { ok: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The current user' } }, async (req) => ({ user: publicUser(current(req)) }));

  const passwordBody = {
    type: 'object',
    required: ['current', 'password'],
    additionalProperties: false,
    properties: { current: { type: 'string', maxLength: 256 }, password: { type: 'string', maxLength: 256 } },
  };
  app.post('/api/auth/password', { schema: { tags: ['auth'], summary: 'Change your password', body: passwordBody } }, async (req) => {
    validate(passwordBody, req.body);
    const b = req.body as { current: string; password: string };
    // Every other session and API token of the user is revoked; the credentials of this request stay.
    await auth.changeOwnPassword(current(req), b.current, b.password, [cookieToken(req), bearer(req)]);
    return { ok: true };
  });

  const tokenBody = {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, expiresInDays: { type: 'integer', minimum: 1, maximum: 365 } },
  };
  app.post(
    '/api/auth/tokens',
    { schema: { tags: ['auth'], summary: 'Create an API token for yourself (shown once)', body: tokenBody } },
    async (req, reply) => {
      validate(tokenBody, req.body);
      const b = req.body as { name: string; expiresInDays?: number };
      reply.status(201);
      return auth.createApiToken(current(req).id, b.name, b.expiresInDays ?? 90);
    },
  );
  app.get('/api/auth/tokens', { schema: { tags: ['auth'], summary: 'Your API tokens' } }, async (req) => {
    const r = await auth.db.query(
      `select id, name, created_at, expires_at, last_used_at, revoked_at from tessera_api_token where user_id = $1 order by id desc`,
      [current(req).id],
    );
    return { data: r.rows, total: r.rowCount };
  });
  app.delete(
    '/api/auth/tokens',
    { schema: { tags: ['auth'], summary: 'Revoke all your API tokens and other sessions (the credentials of this request stay)' } },
    async (req) => {
      const user = current(req);
      await auth.revokeSessions(user.id, [cookieToken(req), bearer(req)]);
      return { ok: true };
    },
  );
  app.delete(
    '/api/auth/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your API tokens',
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,15}$' } }, required: ['id'] },
      },
    },
    async (req) => {
      const id = Number((req.params as { id: string }).id);
      const user = current(req);
      const r = await auth.db.query(
        `update tessera_api_token set revoked_at = now() where id = $1 and revoked_at is null and (user_id = $2 or $3) returning id`,
        [id, user.id, user.isAdmin],
      );
      if (!r.rowCount) throw Errors.notFound('API token', id);
      auth.forgetCredentials();
      return { ok: true };
    },
  );

  // The audit trail per record, filtered to what the user may see.
  const historyQuery = {
    type: 'object',
    additionalProperties: false,
    properties: { limit: { type: 'string', pattern: '^[0-9]{1,4}$' }, offset: { type: 'string', pattern: '^[0-9]{1,9}$' } },
  };
  for (const e of service.registry.entities.values()) {
    app.get(
      `${e.path}/:id/history`,
      {
        schema: {
          tags: [e.plugin],
          summary: `History of a ${e.label} (audit trail)`,
          params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } } },
          querystring: historyQuery,
        },
      },
      async (req) => {
        const user = current(req);
        const id = parseId((req.params as { id: string }).id);
        await service.get(user, e, id, undefined, { fields: ['id'] }); // read permission and row scope
        const q = req.query as { limit?: string; offset?: string };
        const limit = Math.min(Number(q.limit ?? 100), 500);
        const r = await auth.db.query(
          `select id, at, user_id, username, action, changes, count(*) over() as total from tessera_audit where entity = $1 and record_id = $2 order by id desc limit $3 offset $4`,
          [e.key, id, limit, Number(q.offset ?? 0)],
        );
        return {
          data: r.rows.map(({ total, ...row }) => ({ ...row, changes: visibleChanges(service, user, e, row.changes) })),
          total: Number(r.rows[0]?.total ?? 0),
        };
      },
    );
  }

  app.get(
    '/api/auth/audit',
    {
      schema: {
        tags: ['auth'],
        summary: 'The audit trail across records (administrators)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            entity: { type: 'string', maxLength: 120 },
            record: { type: 'string', pattern: '^[0-9]{1,15}$' },
            user: { type: 'string', maxLength: 60 },
            ...historyQuery.properties,
          },
        },
      },
    },
    async (req) => {
      if (!current(req).isAdmin) throw Errors.forbidden('only administrators may read the whole audit trail');
      const q = req.query as Record<string, string | undefined>;
      const r = await auth.db.query(
        `select id, at, user_id, username, entity, record_id, action, changes, count(*) over() as total from tessera_audit
       where ($1::text is null or entity = $1) and ($2::bigint is null or record_id = $2) and ($3::text is null or username = $3)
       order by id desc limit $4 offset $5`,
        [q.entity ?? null, q.record ?? null, q.user ?? null, Math.min(Number(q.limit ?? 100), 500), Number(q.offset ?? 0)],
      );
      return { data: r.rows.map(({ total, ...row }) => row), total: Number(r.rows[0]?.total ?? 0) };
    },
  );
}
