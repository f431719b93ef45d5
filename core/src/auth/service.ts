/**
 * Authentication: users (entity auth.user), passwords hashed with argon2 (@node-rs/argon2,
 * kept apart from the user row), cookie sessions and API tokens that expire and can be
 * revoked (stored as SHA-256 of the secret), slowed brute force, and the roles that plugins
 * and the client configuration declare, kept in step in the database.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database, Tx } from '../db/database.js';
import type { DataService } from '../data/service.js';
import { SYSTEM_USER } from '../data/service.js';
import { Errors, TesseraError } from '../errors.js';
import type { AuthSettings, CurrentUser, PluginDefinition, RoleDefinition } from '../plugin-api/index.js';
import { compileRole, type AuthUser, type RoleRecord } from './policy.js';
import { AUDIT_SQL, scrubAuditSecrets } from './audit.js';

/** argon2 (a native module) loads with the first password hashed or checked, not at start-up. */
const argon2 = () => import('@node-rs/argon2');

export type { AuthSettings };

export const DEFAULT_AUTH: AuthSettings = { sessionHours: 12, idleMinutes: 120, maxFailures: 5, auditRetentionDays: 3650 };

export const AUTH_SQL = `
create table if not exists tessera_password (user_id bigint primary key references auth_user(id) on delete cascade, hash text not null, changed_at timestamptz not null default now());
create table if not exists tessera_session (
  id text primary key, user_id bigint not null references auth_user(id) on delete cascade,
  created_at timestamptz not null default now(), expires_at timestamptz not null, last_seen_at timestamptz not null default now(),
  revoked_at timestamptz, ip text, user_agent text);
create index if not exists tessera_session_user_index on tessera_session (user_id);
create table if not exists tessera_api_token (
  id bigserial primary key, user_id bigint not null references auth_user(id) on delete cascade, name text not null,
  hash text not null unique, created_at timestamptz not null default now(), expires_at timestamptz not null,
  last_used_at timestamptz, revoked_at timestamptz);
create table if not exists tessera_login_throttle (key text primary key, window_start timestamptz not null default now(), attempts int not null default 0);
${AUDIT_SQL}
`;

export const SESSION_COOKIE = 'tessera_session';
/** The window over which login attempts are counted. */
export const LOGIN_WINDOW_MINUTES = 15;
/** How long a process trusts a resolved session or token without asking the database again. */
export const CREDENTIAL_CACHE_MS = 5000;
/** How long a loaded user (with compiled roles) is reused; any user or role change clears it. */
const USER_CACHE_MS = 5000;
/** How often a used API token's last_used_at is written, at most. */
const TOKEN_TOUCH_MS = 60_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$i5M5/xGm4IeqvW2O20fHYQ$/QK+ul+rmmXkW0nCICi3JV+ZS/h8y/M4aG5CZzu8qjs';

export function checkPasswordStrength(password: string, path = 'password'): void {
  if (typeof password !== 'string' || password.length < 8) throw Errors.validation([{ path, message: 'must be at least 8 characters' }]);
  if (password.length > 256) throw Errors.validation([{ path, message: 'must be at most 256 characters' }]);
}

export class AuthService {
  private cache = new Map<number, { user: AuthUser; at: number }>();
  constructor(
    readonly db: Database,
    readonly service: DataService,
    readonly settings: AuthSettings,
  ) {}

  async ensureTables(): Promise<void> {
    await this.db.query(AUTH_SQL);
    // Secrets written by older versions (set_password's input) leave the audit trail.
    await scrubAuditSecrets(this.db, this.service.registry.entities.values(), this.service.registry.actions);
  }

  invalidate(): void {
    this.cache.clear();
    this.credentials.clear();
  }

  // ------------------------------------------------------------ users and passwords

  async setPassword(q: Tx | Database, userId: number, password: string): Promise<void> {
    checkPasswordStrength(password);
    const hash = await (await argon2()).hash(password);
    await q.query(`insert into tessera_password (user_id, hash) values ($1, $2) on conflict (user_id) do update set hash = excluded.hash, changed_at = now()`, [
      userId,
      hash,
    ]);
  }

  /** Creates a user with roles (by name) and a password, through the service API (validated and audited). */
  async createUser(
    input: { username: string; password: string; isAdmin?: boolean; roles?: string[]; fullName?: string; email?: string },
    by: CurrentUser = SYSTEM_USER,
  ): Promise<{ id: number }> {
    checkPasswordStrength(input.password);
    return this.service.withServices(by, async (ctx) => {
      const roleIds: number[] = [];
      for (const name of input.roles ?? []) {
        const r = await ctx.sql<{ id: number }>('select id from auth_role where name = $1', [name]);
        if (!r[0]) throw Errors.unprocessable('UNKNOWN_ROLE', `role "${name}" does not exist`);
        roleIds.push(r[0].id);
      }
      const user = await ctx.entity('auth.user').create({
        username: input.username,
        full_name: input.fullName ?? null,
        email: input.email ?? null,
        is_admin: !!input.isAdmin,
        roles: roleIds.map((role) => ({ role })),
      });
      await this.setPassword(ctx.tx, user.id, input.password);
      return { id: user.id };
    });
  }

  async hasAdmin(): Promise<boolean> {
    const r = await this.db.query(`select 1 from auth_user where is_admin and active limit 1`);
    return (r.rowCount ?? 0) > 0;
  }

  /** Loads a user with compiled roles (cached for a few seconds, cleared on any user or role change). */
  async loadUser(userId: number): Promise<AuthUser | undefined> {
    const fresh = this.freshUser(userId);
    if (fresh) return fresh;
    const u = await this.db.query(`select id, username, full_name, email, is_admin, active, locale from auth_user where id = $1`, [userId]);
    const row = u.rows[0];
    if (!row?.active) return undefined;
    const roles = await this.db.query(
      `select r.name,
        coalesce((select json_agg(json_build_object('entity', p.entity, 'actions', p.actions, 'row_rule', p.row_rule)) from auth_role_permission p where p.parent_id = r.id), '[]') as permissions,
        coalesce((select json_agg(json_build_object('entity', f.entity, 'field', f.field, 'access', f.access)) from auth_role_field_rule f where f.parent_id = r.id), '[]') as field_rules
       from auth_user_role ur join auth_role r on r.id = ur.role where ur.parent_id = $1 order by r.name`,
      [userId],
    );
    const user: AuthUser = {
      id: row.id,
      username: row.username,
      fullName: row.full_name,
      email: row.email,
      locale: row.locale,
      isAdmin: row.is_admin,
      roles: roles.rows.map((r) => r.name),
      compiled: roles.rows.map((r) => compileRole(r as RoleRecord)),
    };
    this.cache.set(userId, { user, at: Date.now() });
    return user;
  }

  // ------------------------------------------------------------ login, sessions, tokens

  /**
   * Counts this attempt against the username and the address before any password is checked,
   * in one statement (row locks serialize parallel attempts, so several servers on one database
   * agree and twenty parallel guesses cannot all be evaluated). Refuses with 429 when either
   * count is over its limit.
   */
  private async countAttempt(username: string, ip: string | undefined): Promise<void> {
    const window = `interval '${LOGIN_WINDOW_MINUTES} minutes'`;
    const r = await this.db.query<{ key: string; attempts: number; retry: number }>(
      `insert into tessera_login_throttle as t (key, window_start, attempts)
         select k, now(), 1 from unnest($1::text[]) as k
       on conflict (key) do update set
         attempts = case when t.window_start <= now() - ${window} then 1 else t.attempts + 1 end,
         window_start = case when t.window_start <= now() - ${window} then now() else t.window_start end
       returning key, attempts, ceil(extract(epoch from (window_start + ${window} - now())))::int as retry`,
      [[`u:${username}`, ...(ip ? [`ip:${ip}`] : [])]],
    );
    const over = r.rows.filter((row) => row.attempts > (row.key.startsWith('u:') ? this.settings.maxFailures : this.settings.maxFailures * 4));
    if (over.length) {
      const wait = Math.max(1, ...over.map((row) => row.retry));
      throw new TesseraError('TOO_MANY_ATTEMPTS', 429, `too many failed logins; try again in ${wait} seconds`);
    }
  }

  async login(username: string, password: string, ip?: string, userAgent?: string): Promise<{ token: string; user: AuthUser; expiresAt: string }> {
    const name = String(username ?? '')
      .trim()
      .toLowerCase();
    await this.countAttempt(name, ip);
    const r = await this.db.query(`select u.id, u.active, p.hash from auth_user u left join tessera_password p on p.user_id = u.id where u.username = $1`, [
      name,
    ]);
    const row = r.rows[0];
    // Verify against a dummy hash for unknown users so timing does not reveal which usernames exist.
    const { verify } = await argon2();
    const ok = await verify(row?.hash ?? DUMMY_HASH, String(password ?? '')).catch(() => false);
    if (!row?.hash || !ok || !row.active) throw new TesseraError('INVALID_CREDENTIALS', 401, 'wrong username or password');
    // A good login clears the username's count and gives the address its attempt back; counts
    // of windows long over (guessed usernames, old addresses) are dropped on the way.
    await this.db.query(
      `with gone as (delete from tessera_login_throttle where key = $1 or window_start < now() - interval '1 day')
       update tessera_login_throttle set attempts = greatest(attempts - 1, 0) where key = $2`,
      [`u:${name}`, ip ? `ip:${ip}` : null],
    );
    const token = newSecret();
    const expires = new Date(Date.now() + this.settings.sessionHours * 3600_000);
    await this.db.query(`insert into tessera_session (id, user_id, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5)`, [
      sha256(token),
      row.id,
      expires,
      ip ?? null,
      userAgent?.slice(0, 300) ?? null,
    ]);
    await this.db.query(`update auth_user set last_login_at = now() where id = $1`, [row.id]);
    this.cache.delete(row.id);
    return { token, user: (await this.loadUser(row.id))!, expiresAt: expires.toISOString() };
  }

  /**
   * Resolved credentials are cached for a few seconds per process (the hot path of every
   * request reads no table); last-seen/last-used stamps are written at most once a minute.
   * Logout, revocation and password changes clear the cache of this process; other
   * processes notice within CREDENTIAL_CACHE_MS.
   */
  private credentials = new Map<string, { userId: number; at: number; touched: number }>();

  private cached(key: string): number | undefined {
    const hit = this.credentials.get(key);
    if (!hit || Date.now() - hit.at > CREDENTIAL_CACHE_MS) return undefined;
    return hit.userId;
  }

  /**
   * The user of a credential already resolved by this process, while both caches hold it (the
   * same freshness as resolveSession/resolveApiToken); undefined when those must ask the
   * database. Lets the request hook answer without a promise on the hot path.
   */
  cachedUser(kind: 'session' | 'token', token: string): AuthUser | undefined {
    const key = `${kind === 'session' ? 's' : 't'}:${token}`;
    const id = this.cached(key);
    if (id === undefined) return undefined;
    // A token's last-used stamp is due: the async path writes it.
    if (kind === 'token' && Date.now() - this.credentials.get(key)!.touched > TOKEN_TOUCH_MS) return undefined;
    return this.freshUser(id);
  }

  /** The loaded user while the cache holds it fresh. */
  private freshUser(userId: number): AuthUser | undefined {
    const hit = this.cache.get(userId);
    return hit && Date.now() - hit.at < USER_CACHE_MS ? hit.user : undefined;
  }

  async resolveSession(token: string): Promise<AuthUser | undefined> {
    const key = `s:${token}`;
    const cachedId = this.cached(key);
    if (cachedId !== undefined) return this.loadUser(cachedId);
    const r = await this.db.query(
      `update tessera_session set last_seen_at = case when last_seen_at < now() - interval '1 minute' then now() else last_seen_at end
       where id = $1 and revoked_at is null and expires_at > now() and last_seen_at > now() - make_interval(mins => $2)
       returning user_id`,
      [sha256(token), this.settings.idleMinutes],
    );
    const id = r.rows[0]?.user_id;
    if (!id) return undefined;
    this.credentials.set(key, { userId: id, at: Date.now(), touched: Date.now() });
    return this.loadUser(id);
  }

  async logout(token: string): Promise<void> {
    this.credentials.clear();
    await this.db.query(`update tessera_session set revoked_at = now() where id = $1 and revoked_at is null`, [sha256(token)]);
  }

  /**
   * Revokes every session and API token of a user (a password change, a password set by an
   * administrator, deactivation, "revoke all"), except the credentials named in `keep` (the
   * session cookie or API token of the request that changed the password).
   */
  async revokeSessions(userId: number, keep?: string | (string | undefined)[], q: Tx | Database = this.db): Promise<void> {
    this.credentials.clear();
    // Inside a transaction (a password set by an action) the revocation commits with it; the
    // cache is cleared again then, so no process keeps trusting a revoked credential.
    if ('onCommit' in q) q.onCommit(() => this.credentials.clear());
    const kept = (Array.isArray(keep) ? keep : [keep]).filter((t): t is string => !!t);
    const sessions = kept.filter((t) => !t.startsWith('tsr_')).map(sha256);
    const tokenIds = kept.map((t) => /^tsr_(\d{1,15})_/.exec(t)?.[1]).filter((x): x is string => !!x);
    await q.query(`update tessera_session set revoked_at = now() where user_id = $1 and revoked_at is null and not (id = any($2::text[]))`, [userId, sessions]);
    await q.query(`update tessera_api_token set revoked_at = now() where user_id = $1 and revoked_at is null and not (id = any($2::bigint[]))`, [
      userId,
      tokenIds,
    ]);
  }

  /** An API token "tsr_<id>_<secret>": shown once, stored as a hash, expires, revocable. */
  async createApiToken(userId: number, name: string, days = 90): Promise<{ id: number; token: string; expiresAt: string }> {
    const secret = newSecret();
    const expires = new Date(Date.now() + days * 86400_000);
    const r = await this.db.query(`insert into tessera_api_token (user_id, name, hash, expires_at) values ($1, $2, $3, $4) returning id`, [
      userId,
      name,
      sha256(secret),
      expires,
    ]);
    const id = r.rows[0]!.id;
    return { id, token: `tsr_${id}_${secret}`, expiresAt: expires.toISOString() };
  }

  async resolveApiToken(token: string): Promise<AuthUser | undefined> {
    const m = /^tsr_([1-9][0-9]{0,14})_([A-Za-z0-9_-]{20,})$/.exec(token); // ids stay exact (and within bigint)
    if (!m) return undefined;
    const key = `t:${token}`;
    const cachedId = this.cached(key);
    if (cachedId !== undefined) {
      const hit = this.credentials.get(key)!;
      if (Date.now() - hit.touched > TOKEN_TOUCH_MS) {
        hit.touched = Date.now();
        void this.db.query(`update tessera_api_token set last_used_at = now() where id = $1`, [Number(m[1])]).catch(() => undefined);
      }
      return this.loadUser(cachedId);
    }
    const r = await this.db.query(`select user_id, hash from tessera_api_token where id = $1 and revoked_at is null and expires_at > now()`, [Number(m[1])]);
    const row = r.rows[0];
    if (!row) return undefined;
    const a = Buffer.from(row.hash, 'hex');
    const b = Buffer.from(sha256(m[2]!), 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    void this.db.query(`update tessera_api_token set last_used_at = now() where id = $1`, [Number(m[1])]).catch(() => undefined);
    this.credentials.set(key, { userId: row.user_id, at: Date.now(), touched: Date.now() });
    return this.loadUser(row.user_id);
  }

  /** Forgets cached credentials (after a token is revoked). */
  forgetCredentials(): void {
    this.credentials.clear();
  }

  async changeOwnPassword(user: CurrentUser, current: string, next: string, keep?: string | (string | undefined)[]): Promise<void> {
    // Guessing the current password with a stolen session counts against the username, like at the login.
    await this.countAttempt(user.username.toLowerCase(), undefined);
    const r = await this.db.query(`select hash from tessera_password where user_id = $1`, [user.id]);
    const { verify } = await argon2();
    const ok = r.rows[0] && (await verify(r.rows[0].hash, String(current ?? '')).catch(() => false));
    if (!ok) throw Errors.validation([{ path: 'current', message: 'is not your current password' }]);
    await this.db.query(`delete from tessera_login_throttle where key = $1`, [`u:${user.username.toLowerCase()}`]);
    checkPasswordStrength(next, 'password');
    // The new password and the revocation of the old credentials commit together.
    await this.db.transaction(async (tx) => {
      await this.setPassword(tx, user.id, next);
      await this.revokeSessions(user.id, keep, tx);
    });
  }

  // ------------------------------------------------------------ declared roles

  /** Roles declared by plugins and the client configuration, inserted or updated to match. */
  async syncDeclaredRoles(plugins: PluginDefinition[], configRoles: Record<string, RoleDefinition> = {}): Promise<void> {
    const declared: [string, RoleDefinition, 'plugin' | 'config'][] = [
      ...plugins.flatMap((p) => Object.entries(p.roles ?? {}).map(([n, r]) => [n, r, 'plugin'] as [string, RoleDefinition, 'plugin'])),
      ...Object.entries(configRoles).map(([n, r]) => [n, r, 'config'] as [string, RoleDefinition, 'config']),
    ];
    if (!declared.length) return;
    await this.service.withServices(SYSTEM_USER, async (ctx) => {
      for (const [name, def, source] of declared) {
        const permissions = Object.entries(def.permissions).map(([entity, actions]) => ({
          entity,
          actions: actions === '*' ? '*' : actions.join(','),
          row_rule: def.rows?.[entity] ?? null,
        }));
        // A row rule on an entity granted only through "plugin.*" or "*" becomes the entity's own
        // line (same actions, narrowed by the rule): the most specific line wins in the policy.
        for (const [entity, rule] of Object.entries(def.rows ?? {})) {
          if (def.permissions[entity]) continue;
          const wider = def.permissions[`${entity.split('.')[0]}.*`] ?? def.permissions['*'];
          if (!wider) throw Errors.config(`role "${name}" has a row rule for ${entity} but no permission line that grants it`);
          permissions.push({ entity, actions: wider === '*' ? '*' : wider.join(','), row_rule: rule });
        }
        const fieldRules = Object.entries(def.fields ?? {}).flatMap(([entity, fields]) =>
          Object.entries(fields).map(([field, access]) => ({ entity, field, access })),
        );
        const existing = await ctx.sql<{ id: number; source: string }>('select id, source from auth_role where name = $1', [name]);
        const body = { label: def.label, description: def.description ?? null, permissions, field_rules: fieldRules };
        if (!existing[0]) {
          const created = await ctx.entity('auth.role').create({ name, ...body });
          await ctx.sql('update auth_role set source = $1 where id = $2', [source, created.id]);
        } else if (existing[0].source !== 'custom') {
          const current = await ctx.entity('auth.role').get(existing[0].id);
          const same =
            JSON.stringify(strip(current.permissions)) === JSON.stringify(permissions) &&
            JSON.stringify(strip(current.field_rules)) === JSON.stringify(fieldRules) &&
            current.label === def.label;
          if (!same) await ctx.entity('auth.role').update(existing[0].id, body);
        }
      }
    });
    this.invalidate();
  }
}

function strip(lines: Record<string, unknown>[]): Record<string, unknown>[] {
  return lines.map(({ id, idx, ...rest }) => rest);
}
