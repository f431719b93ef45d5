/**
 * The studio's permission tools (issue 18):
 *   X-Tessera-View-As: <role>   an administrator or consultant reads as that role (auth/view-as.ts)
 *   GET /api/auth/explain?user=<id|username>&entity=<plugin.entity>&id=<record id>
 *                               why that user can or cannot see that record (auth/explain.ts)
 * Both need an administrator or the core.config permission (the core.consultant role).
 */
import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../auth/service.js';
import type { DataService } from '../data/service.js';
import { ident } from '../db/database.js';
import { Errors, type FieldProblem } from '../errors.js';
import { explainRead } from '../auth/explain.js';
import { canConfigure, VIEW_AS_HEADER, viewAsUser } from '../auth/view-as.js';
import { requestUser } from './request-user.js';

/** Must come after registerAuth: it narrows the user that hook resolved. */
export function registerViewAs(app: FastifyInstance, auth: AuthService): void {
  // Without the header (nearly every request) the hook returns at once: no promise.
  app.addHook('onRequest', (req, reply, done) => {
    const header = req.headers[VIEW_AS_HEADER];
    if (!req.user || header === undefined) return done();
    viewAsUser(auth.db, req.user, header, req.method, req.url.split('?')[0]!).then((user) => {
      req.user = user;
      if (user.viewAs) reply.header('x-tessera-viewing-as', user.viewAs);
      done();
    }, done);
  });
}

const explainQuery = {
  type: 'object',
  properties: { user: { type: 'string', maxLength: 120 }, entity: { type: 'string', maxLength: 120 }, id: { type: 'string', maxLength: 20 } },
};

export function registerExplainRoutes(app: FastifyInstance, service: DataService, auth: AuthService): void {
  app.get(
    '/api/auth/explain',
    {
      schema: {
        tags: ['auth'],
        summary: 'Why a user can or cannot see a record (the permission line, row rule and field rules that decide)',
        querystring: explainQuery,
      },
    },
    async (req) => {
      const me = requestUser(req);
      if (!canConfigure(me)) throw Errors.forbidden('only administrators and consultants (permission core.config) may explain permissions');
      const qs = req.query as Record<string, string | undefined>;
      const problems: FieldProblem[] = [];
      const who = qs.user?.trim();
      if (!who) problems.push({ path: 'user', message: 'must name a user by id or username' });
      const e = qs.entity ? service.registry.entities.get(qs.entity) : undefined;
      if (!e) problems.push({ path: 'entity', message: `must be an entity key (e.g. "crm.opportunity"), not ${JSON.stringify(qs.entity ?? null)}` });
      const id = /^[1-9][0-9]{0,14}$/.test(qs.id ?? '') ? Number(qs.id) : undefined;
      if (id === undefined) problems.push({ path: 'id', message: `must be a record id (a positive whole number), not ${JSON.stringify(qs.id ?? null)}` });
      if (problems.length || !e || id === undefined || !who) throw Errors.badQuery(problems);
      const byId = /^[1-9][0-9]{0,14}$/.test(who) ? Number(who) : null;
      const u = await auth.db.query<{ id: number; username: string; is_admin: boolean; active: boolean }>(
        `select id, username, is_admin, active from auth_user where id = $1 or username = lower($2) order by (id = $1) desc limit 1`,
        [byId, who],
      );
      const row = u.rows[0];
      if (!row) throw Errors.notFound('user', who);
      const exists = await auth.db.query(`select 1 from ${ident(e.table)} where id = $1`, [id]);
      if (!exists.rowCount) throw Errors.notFound(e.key, id);
      const roles = await auth.db.query<{ name: string }>(
        `select r.name from auth_user_role ur join auth_role r on r.id = ur.role where ur.parent_id = $1 order by r.name`,
        [row.id],
      );
      const loaded = row.active ? await auth.loadUser(row.id) : undefined;
      return explainRead(
        auth.db,
        service.registry.policy,
        { id: row.id, username: row.username, isAdmin: row.is_admin, active: row.active, user: loaded, roles: roles.rows.map((r) => r.name) },
        e,
        id,
      );
    },
  );
}
