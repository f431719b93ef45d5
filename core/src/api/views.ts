/**
 * Saved list views (issue 17, item 8): a name, the list's filters, visible columns, sort and
 * grouping, stored server-side per entity; personal (only the owner sees it) or shared (every
 * user who may read the entity sees it; only the owner or an administrator changes or deletes
 * it). The state is checked against the entity: unknown fields or sort keys are refused with
 * their path, and a field hidden from the saving user's role cannot be saved into a view.
 *
 *   GET    /api/views?entity=crm.lead   the views the user may use, own first
 *   POST   /api/views                   { entity, name, shared?, state: { filter?, columns?, sort?, groupBy? } }
 *   PATCH  /api/views/:id               { name?, shared?, state? }
 *   DELETE /api/views/:id
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataService } from '../data/service.js';
import type { EntityModel } from '../entities/model.js';
import { Errors, type FieldProblem } from '../errors.js';
import type { CurrentUser } from '../plugin-api/index.js';
import type { SavedView } from '@tessera/contract';

const DDL = `
create table if not exists tessera_saved_view (
  id bigserial primary key,
  entity text not null,
  name text not null,
  owner_id bigint not null,
  shared boolean not null default false,
  state jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index if not exists tessera_saved_view_name_index on tessera_saved_view (entity, owner_id, lower(name));
`;

const ready = new WeakMap<object, Promise<void>>();
function ensureTable(service: DataService): Promise<void> {
  let p = ready.get(service.db);
  if (!p) {
    p = service.db.query(DDL).then(() => undefined);
    p.catch(() => ready.delete(service.db));
    ready.set(service.db, p);
  }
  return p;
}

/** The problems of a view's state for an entity (field paths under `state`). */
export function checkViewState(service: DataService, user: CurrentUser, e: EntityModel, state: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!state || typeof state !== 'object' || Array.isArray(state)) return [{ path: 'state', message: 'must be an object { filter, columns, sort, groupBy }' }];
  const s = state as Record<string, unknown>;
  const known = (path: string) => {
    const head = path.split('.')[0]!;
    return head === 'id' || head === 'docstatus' || head === 'q' || e.fieldMap.has(head);
  };
  const visible = (path: string) => ['id', 'docstatus', 'q'].includes(path.split('.')[0]!) || service.fieldVisible(user, e, path.split('.')[0]!);
  for (const k of Object.keys(s))
    if (!['filter', 'columns', 'sort', 'groupBy'].includes(k))
      problems.push({ path: `state/${k}`, message: 'is not part of a view (filter, columns, sort, groupBy)' });
  if (s.filter !== undefined) {
    if (!s.filter || typeof s.filter !== 'object' || Array.isArray(s.filter))
      problems.push({ path: 'state/filter', message: 'must be an object of field filters' });
    else
      for (const k of Object.keys(s.filter))
        if (!known(k) || !visible(k)) problems.push({ path: `state/filter/${k}`, message: `is not a field of ${e.label}` });
  }
  if (s.columns !== undefined) {
    if (!Array.isArray(s.columns) || s.columns.some((c) => typeof c !== 'string'))
      problems.push({ path: 'state/columns', message: 'must be a list of field names' });
    else
      s.columns.forEach(
        (c: string, i) => (!known(c) || !visible(c)) && problems.push({ path: `state/columns/${i}`, message: `"${c}" is not a field of ${e.label}` }),
      );
  }
  if (s.sort !== undefined) {
    const sort = s.sort as Record<string, unknown>;
    if (!sort || typeof sort.field !== 'string' || !['ASC', 'DESC'].includes(String(sort.order)))
      problems.push({ path: 'state/sort', message: 'must be { field, order: "ASC" | "DESC" }' });
    else if (!known(sort.field) || !visible(sort.field)) problems.push({ path: 'state/sort/field', message: `"${sort.field}" is not a field of ${e.label}` });
  }
  if (s.groupBy !== undefined && (typeof s.groupBy !== 'string' || !known(s.groupBy) || !visible(s.groupBy)))
    problems.push({ path: 'state/groupBy', message: `is not a field of ${e.label}` });
  return problems;
}

function entityOf(service: DataService, user: CurrentUser, key: unknown, path = 'entity'): EntityModel {
  const e = typeof key === 'string' ? service.registry.entities.get(key) : undefined;
  if (!e) throw Errors.validation([{ path, message: `must be an entity key (e.g. "crm.lead"), not ${JSON.stringify(key ?? null)}` }]);
  service.assertReadable(user, e, []);
  return e;
}

function checkName(name: unknown, problems: FieldProblem[]): void {
  if (typeof name !== 'string' || !name.trim() || name.length > 80) problems.push({ path: 'name', message: 'must be a text of 1 to 80 characters' });
}

const row = (r: any, user: CurrentUser): SavedView => ({
  id: Number(r.id),
  entity: r.entity,
  name: r.name,
  shared: r.shared,
  mine: Number(r.owner_id) === user.id,
  owner: r.owner ?? '',
  state: r.state,
});
const SELECT = `select v.*, u.username as owner from tessera_saved_view v left join auth_user u on u.id = v.owner_id`;

async function loadOwned(service: DataService, user: CurrentUser, id: string): Promise<any> {
  const n = Number(id);
  if (!Number.isInteger(n) || n < 1) throw Errors.notFound('saved view', id);
  const found = (await service.db.query(`${SELECT} where v.id = $1`, [n])).rows[0];
  if (!found || (!found.shared && Number(found.owner_id) !== user.id)) throw Errors.notFound('saved view', id);
  if (Number(found.owner_id) !== user.id && !user.isAdmin)
    throw Errors.forbidden(`the view "${found.name}" belongs to ${found.owner}: only they or an administrator may change it; save your own copy instead`);
  return found;
}

const uniqueName = (err: unknown, name: string) => {
  if ((err as { code?: string }).code === '23505') throw Errors.unique('name', name);
  throw err;
};

export function registerSavedViews(app: FastifyInstance, service: DataService, userOf: (req: FastifyRequest) => CurrentUser): void {
  const tags = ['platform'];
  app.get(
    '/api/views',
    {
      schema: { tags, summary: 'Saved list views of an entity (own and shared)', querystring: { type: 'object', properties: { entity: { type: 'string' } } } },
    },
    async (req) => {
      const user = userOf(req);
      const e = entityOf(service, user, (req.query as { entity?: string }).entity);
      await ensureTable(service);
      const { rows } = await service.db.query(
        `${SELECT} where v.entity = $1 and (v.owner_id = $2 or v.shared) order by (v.owner_id = $2) desc, lower(v.name), v.id`,
        [e.key, user.id],
      );
      return { data: rows.map((r) => row(r, user)) };
    },
  );
  app.post('/api/views', { schema: { tags, summary: 'Save a list view' } }, async (req, reply) => {
    const user = userOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const e = entityOf(service, user, body.entity);
    const problems: FieldProblem[] = [];
    checkName(body.name, problems);
    if (body.shared !== undefined && typeof body.shared !== 'boolean') problems.push({ path: 'shared', message: 'must be true or false' });
    problems.push(...checkViewState(service, user, e, body.state ?? {}));
    if (problems.length) throw Errors.validation(problems);
    await ensureTable(service);
    const name = String(body.name).trim();
    const { rows } = await service.db
      .query(`insert into tessera_saved_view (entity, name, owner_id, shared, state) values ($1, $2, $3, $4, $5) returning *, $6::text as owner`, [
        e.key,
        name,
        user.id,
        body.shared === true,
        JSON.stringify(body.state ?? {}),
        user.username,
      ])
      .catch((err) => uniqueName(err, name));
    reply.status(201);
    return row(rows[0], user);
  });
  app.patch('/api/views/:id', { schema: { tags, summary: 'Change a saved list view' } }, async (req) => {
    const user = userOf(req);
    await ensureTable(service);
    const found = await loadOwned(service, user, (req.params as { id: string }).id);
    const e = entityOf(service, user, found.entity);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const problems: FieldProblem[] = [];
    for (const k of Object.keys(body))
      if (!['name', 'shared', 'state'].includes(k)) problems.push({ path: k, message: 'cannot be changed (name, shared, state)' });
    if (body.name !== undefined) checkName(body.name, problems);
    if (body.shared !== undefined && typeof body.shared !== 'boolean') problems.push({ path: 'shared', message: 'must be true or false' });
    if (body.state !== undefined) problems.push(...checkViewState(service, user, e, body.state));
    if (problems.length) throw Errors.validation(problems);
    const name = body.name !== undefined ? String(body.name).trim() : found.name;
    const { rows } = await service.db
      .query(`update tessera_saved_view set name = $2, shared = $3, state = $4, updated_at = now() where id = $1 returning *, $5::text as owner`, [
        found.id,
        name,
        body.shared ?? found.shared,
        JSON.stringify(body.state ?? found.state),
        found.owner,
      ])
      .catch((err) => uniqueName(err, name));
    return row(rows[0], user);
  });
  app.delete('/api/views/:id', { schema: { tags, summary: 'Delete a saved list view' } }, async (req, reply) => {
    const user = userOf(req);
    await ensureTable(service);
    const found = await loadOwned(service, user, (req.params as { id: string }).id);
    await service.db.query(`delete from tessera_saved_view where id = $1`, [found.id]);
    reply.status(204);
    return null;
  });
}
