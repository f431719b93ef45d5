/**
 * The REST routes generated for every entity, under its collection path (/api/<plugin>/<entity>):
 *   GET    /            list (filter, sort, limit/offset + total, q, fields, expand, ids; format=csv|xlsx streams an export)
 *   GET    /:id         one record with its line items
 *   POST   /            create (with line items, one transaction)
 *   PUT|PATCH /:id      update (line items replaced as a set: with id = update, without = insert, missing = delete)
 *   DELETE /:id         delete (refused while other rows refer to it)
 *   PATCH  /?ids=1,2    update many      DELETE /?ids=1,2   delete many
 *   POST   /:id/submit | /:id/cancel | /:id/amend          document lifecycle (submittable entities)
 *   POST   /:id/actions/:name                               declared document actions
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EntityModel } from '../entities/model.js';
import type { DataService } from '../data/service.js';
import { bodySchemaCached, getQuerySchema, idsQuerySchema, listQuerySchema, recordSchema, validatedByService } from '../schema/schemas.js';
import { Errors, TesseraError } from '../errors.js';
import { LIMITS } from '../schema/limits.js';
import { checkValue } from './input.js';
import type { CurrentUser, ListQuery } from '../plugin-api/index.js';
import { listResponseSchema } from './list-export.js';
import { sendExport } from '../export/send.js';
import { registerExportJobRoutes } from '../export/jobs.js';
import { registerImportRoutes } from '../import/routes.js';
import { createExample, filterExample, schemaExample } from './openapi-examples.js';
import type { DataIo } from '../import/runtime.js';

const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } },
};

/**
 * What an action answers: its declared `output` (an entity key: that record, e.g. the document it
 * makes; or a JSON Schema), else the record itself, another record it made, or {"ok": true}.
 */
function actionResponse(e: EntityModel, output: string | Record<string, unknown> | undefined, known: (key: string) => boolean): object {
  const description = 'what the action returns (records in it cut to the fields you may see)';
  if (typeof output === 'string' && known(output)) return { description, $ref: `${output}#` };
  if (output && typeof output === 'object') return { description, ...output };
  return {
    description: `${description}: the ${e.label}, a record the action made, or {"ok": true}`,
    anyOf: [
      { $ref: `${e.key}#` },
      { $ref: 'Ok#' },
      { type: 'object', required: ['id'], additionalProperties: true, properties: { id: { type: 'integer' }, number: { type: 'string' } } },
    ],
  };
}

/** The record's version as an entity tag ("3"): GET sends it, If-Match sends it back. */
const etag = (doc: { version?: unknown }) => (doc.version === undefined || doc.version === null ? undefined : `"${String(doc.version)}"`);

/**
 * The versions an If-Match header accepts ("3", W/"3", a list of them), undefined without the
 * header or for "*" (any current version: the record must exist, which every write checks).
 */
export function ifMatch(req: FastifyRequest): number[] | undefined {
  const h = req.headers['if-match'];
  if (h === undefined) return undefined;
  const text = (Array.isArray(h) ? h.join(',') : h).trim();
  if (text === '*') return undefined;
  const versions: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/.exec(part);
    if (!m || Number(m[1]) > 2147483647)
      throw Errors.badQuery([{ path: 'If-Match', message: 'must be the ETag of the record as GET returned it (e.g. "3"), or *' }]);
    versions.push(Number(m[1]));
  }
  return versions;
}

const BIGINT_MAX = 9223372036854775807n;

/**
 * An id from the URL (ids are bigint): a number while exact, else its digits as a string, so
 * a 16-digit id reaches SQL and every message unrounded (never through a rounding Number()).
 */
export function parseId(s: string, path = 'id'): number {
  if (!/^[1-9][0-9]{0,18}$/.test(s) || BigInt(s) > BIGINT_MAX)
    throw Errors.badQuery([{ path, message: `"${s.slice(0, 40)}" is not a valid id (ids are positive integers up to ${BIGINT_MAX})` }]);
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : (s as unknown as number);
}

/** "1,2,3" -> ids, each a positive integer the API can represent, at most LIMITS.ids of them. */
export function parseIds(raw: string): number[] {
  const parts = raw.split(',');
  if (parts.length > LIMITS.ids)
    throw new TesseraError('TOO_MANY_IDS', 400, `ids lists ${parts.length} ids; at most ${LIMITS.ids} per request: send them in several requests`, [
      { path: 'ids', message: `must list at most ${LIMITS.ids} ids`, code: 'limit' },
    ]);
  return parts.map((p) => parseId(p, 'ids'));
}

/** expand / fields lists, within their documented bounds. */
export function parseNames(raw: string | undefined, what: 'expand' | 'fields'): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw.split(',');
  const max = what === 'expand' ? LIMITS.expandCount : LIMITS.fieldsCount;
  if (names.length > max)
    throw new TesseraError(what === 'expand' ? 'EXPAND_TOO_LARGE' : 'TOO_MANY_FIELDS', 400, `${what} names ${names.length} entries; at most ${max}`, [
      { path: what, message: `must name at most ${max} entries`, code: 'limit' },
    ]);
  if (what === 'expand') {
    const deep = names.find((n) => n.split('.').length > LIMITS.expandDepth);
    if (deep)
      throw new TesseraError(
        'EXPAND_TOO_LARGE',
        400,
        `expand "${deep.slice(0, 100)}" is ${deep.split('.').length} levels deep; at most ${LIMITS.expandDepth} (such as lines.item): read the deeper records with their own request`,
        [{ path: 'expand', message: `must be at most ${LIMITS.expandDepth} levels deep`, code: 'limit' }],
      );
  }
  return names;
}

function intParam(raw: string, path: 'limit' | 'offset', min: number, max: number, hint: string): number {
  const n = /^[0-9]{1,20}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max))
    throw new TesseraError(n > max ? 'LIMIT_EXCEEDED' : 'INVALID_QUERY', 400, `${path} must be an integer from ${min} to ${max}${n > max ? `; ${hint}` : ''}`, [
      { path, message: `must be an integer from ${min} to ${max}`, code: n > max ? 'limit' : 'range' },
    ]);
  return n;
}

function parseList(e: EntityModel, q: Record<string, string | undefined>, csv = false): ListQuery {
  const out: ListQuery = {};
  if (q.filter) {
    if (Buffer.byteLength(q.filter) > LIMITS.filterBytes)
      throw new TesseraError(
        'FILTER_TOO_COMPLEX',
        400,
        `filter is ${Buffer.byteLength(q.filter)} bytes of JSON; at most ${LIMITS.filterBytes} bytes: simplify it or split the query`,
        [{ path: 'filter', message: `must be at most ${LIMITS.filterBytes} bytes`, code: 'limit' }],
      );
    try {
      out.filter = JSON.parse(q.filter);
    } catch {
      throw Errors.badQuery([{ path: 'filter', message: 'is not valid JSON' }]);
    }
    if (!out.filter || typeof out.filter !== 'object' || Array.isArray(out.filter))
      throw Errors.badQuery([{ path: 'filter', message: 'must be a JSON object' }]);
    checkValue(out.filter, 'filter');
  }
  if (q.sort) out.sort = q.sort;
  // Exports stream every row through a server-side cursor (one snapshot): no cap on their rows;
  // offset and limit export a part.
  const maxLimit = csv ? Number.MAX_SAFE_INTEGER : LIMITS.limit;
  if (q.limit !== undefined)
    out.limit = intParam(q.limit, 'limit', 1, maxLimit, 'read further pages with after=<the "next" cursor of this page> (or export as CSV or XLSX: no limit)');
  if (q.offset !== undefined)
    out.offset = intParam(
      q.offset,
      'offset',
      0,
      csv ? Number.MAX_SAFE_INTEGER : LIMITS.offset,
      'page deeper with after=<the "next" cursor of the previous page> instead (keyset paging: the same cost at any depth)',
    );
  if (q.after !== undefined) {
    if (csv) throw Errors.badQuery([{ path: 'after', message: 'an export streams every row: leave out after, or export a part with offset and limit' }]);
    out.after = q.after;
  }
  out.total = (q.total as ListQuery['total']) ?? 'auto';
  if (q.q) out.q = q.q;
  out.fields = parseNames(q.fields, 'fields');
  out.expand = parseNames(q.expand, 'expand');
  if (q.ids) {
    out.ids = parseIds(q.ids);
    out.limit ??= Math.max(out.ids.length, 1);
  }
  void e;
  return out;
}

export function registerEntityRoutes(
  app: FastifyInstance,
  service: DataService,
  e: EntityModel,
  userOf: (req: FastifyRequest) => CurrentUser,
  io: DataIo,
): void {
  const tags = [e.plugin];
  // The record is one shared schema (an OpenAPI component named by the entity key), referenced by every route.
  app.addSchema({ $id: e.key, ...recordSchema(e) });
  const record = { $ref: `${e.key}#` };
  const db = service.db;
  const withTx = <T>(req: FastifyRequest, fn: (ctx: ReturnType<DataService['context']>) => Promise<T>, opts: { single?: boolean } = {}) =>
    db.transaction((tx) => fn(service.context(tx, userOf(req), e.plugin)), opts);
  const id = (req: FastifyRequest) => parseId((req.params as { id: string }).id);

  app.get(
    e.path,
    {
      schema: {
        tags,
        summary: `List ${e.plural}`,
        querystring: listQuerySchema,
        'x-examples': () => ({ query: { filter: filterExample(e), limit: '25' } }),
        response: { 200: listResponseSchema(record) },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      const q = req.query as Record<string, string>;
      const csv = q.format === 'csv' || q.format === 'xlsx';
      const query = parseList(e, q, csv);
      if (csv) return sendExport(service, user, e, query, q, reply, io);
      const result = await service.list(user, e, query);
      if (result.total !== undefined) reply.header('x-total-count', String(result.total));
      if (result.totalIsEstimate) reply.header('x-total-is-estimate', 'true');
      return result;
    },
  );

  app.get(
    `${e.path}/:id`,
    {
      schema: { tags, summary: `Get one ${e.label}`, params: idParams, querystring: getQuerySchema, response: { 200: record } },
    },
    async (req, reply) => {
      const q = req.query as Record<string, string>;
      const doc = await service.get(userOf(req), e, id(req), undefined, { expand: parseNames(q.expand, 'expand'), fields: parseNames(q.fields, 'fields') });
      const tag = etag(doc);
      if (tag) reply.header('etag', tag);
      return doc;
    },
  );

  if (!e.readOnly) registerWrites(app, service, e, withTx, id, record, tags);
  if (!e.readOnly) registerImportRoutes(app, service, e, userOf, io);
  registerExportJobRoutes(app, service, e, userOf, io);
  registerDocumentRoutes(app, service, e, withTx, id, record, tags);
}

type WithTx = <T>(req: FastifyRequest, fn: (ctx: ReturnType<DataService['context']>) => Promise<T>, opts?: { single?: boolean }) => Promise<T>;

function registerWrites(
  app: FastifyInstance,
  service: DataService,
  e: EntityModel,
  withTx: WithTx,
  id: (req: FastifyRequest) => number,
  record: object,
  tags: string[],
): void {
  app.post(
    e.path,
    {
      schema: {
        tags,
        summary: `Create a ${e.label}`,
        body: validatedByService(bodySchemaCached(e, 'create')),
        response: { 201: record },
        'x-examples': () => ({ body: createExample(e) }),
      },
    },
    async (req, reply) => {
      const created = await withTx(req, (ctx) => service.create(ctx, e, req.body), { single: true });
      reply.status(201).header('location', `${e.path}/${created.id}`);
      const tag = etag(created);
      if (tag) reply.header('etag', tag);
      return created;
    },
  );

  for (const method of ['PUT', 'PATCH'] as const) {
    app.route({
      method,
      url: `${e.path}/:id`,
      schema: {
        tags,
        summary: `Update a ${e.label}${method === 'PATCH' ? ' (partial)' : ''}`,
        params: idParams,
        body: validatedByService(bodySchemaCached(e, 'update')),
        response: { 200: record },
      },
      handler: async (req, reply) => {
        const versions = ifMatch(req);
        const updated = await withTx(req, (ctx) => service.update(ctx, e, id(req), req.body, { ifVersion: versions }), { single: true });
        const tag = etag(updated);
        if (tag) reply.header('etag', tag);
        return updated;
      },
    });
  }

  app.delete(
    `${e.path}/:id`,
    {
      schema: { tags, summary: `Delete a ${e.label}`, params: idParams, response: { 200: record } },
    },
    async (req) => {
      const versions = ifMatch(req);
      return withTx(req, async (ctx) => {
        service.registry.policy.assert(ctx.user, e, 'delete');
        const before = await service.get(ctx.user, e, id(req), ctx.tx);
        await service.delete(ctx, e, id(req), { ifVersion: versions });
        return before;
      });
    },
  );

  app.patch(
    e.path,
    {
      schema: {
        tags,
        summary: `Update many ${e.plural} (the same change to each)`,
        querystring: idsQuerySchema,
        body: validatedByService(bodySchemaCached(e, 'update')),
        response: { 200: { type: 'object', properties: { data: { type: 'array', items: { type: 'integer' } } } } },
      },
    },
    async (req) => {
      const ids = parseIds((req.query as { ids: string }).ids);
      await withTx(req, async (ctx) => {
        for (const i of ids) await service.update(ctx, e, i, req.body);
      });
      return { data: ids };
    },
  );

  app.delete(
    e.path,
    {
      schema: {
        tags,
        summary: `Delete many ${e.plural} (all or none)`,
        querystring: idsQuerySchema,
        response: { 200: { type: 'object', properties: { data: { type: 'array', items: { type: 'integer' } } } } },
      },
    },
    async (req) => {
      const ids = parseIds((req.query as { ids: string }).ids);
      await withTx(req, async (ctx) => {
        for (const i of ids) await service.delete(ctx, e, i);
      });
      return { data: ids };
    },
  );
}

function registerDocumentRoutes(
  app: FastifyInstance,
  service: DataService,
  e: EntityModel,
  withTx: WithTx,
  id: (req: FastifyRequest) => number,
  record: object,
  tags: string[],
): void {
  if (e.submittable) {
    for (const op of ['submit', 'cancel', 'amend'] as const) {
      app.post(
        `${e.path}/:id/${op}`,
        {
          schema: {
            tags,
            summary: `${op[0]!.toUpperCase()}${op.slice(1)} a ${e.label}`,
            params: idParams,
            response: { [op === 'amend' ? 201 : 200]: record },
          },
        },
        async (req, reply) => {
          const versions = ifMatch(req);
          const out = await withTx(
            req,
            (ctx) =>
              op === 'submit'
                ? service.submit(ctx, e, id(req), { ifVersion: versions })
                : op === 'cancel'
                  ? service.cancel(ctx, e, id(req), { ifVersion: versions })
                  : service.amend(ctx, e, id(req)),
            // A plain submit is one self-contained statement (data/fast-submit.ts).
            { single: op === 'submit' },
          );
          if (op === 'amend') reply.status(201).header('location', `${e.path}/${out.id}`);
          const tag = etag(out);
          if (tag) reply.header('etag', tag);
          return out;
        },
      );
    }
  }

  for (const [name, def] of service.registry.actions.get(e.key) ?? []) {
    app.post(
      `${e.path}/:id/actions/${name}`,
      {
        schema: {
          tags,
          summary: `${def.label} (${e.label} action)`,
          params: idParams,
          ...(def.input ? { body: validatedByService(def.input), 'x-examples': () => ({ body: schemaExample(def.input) }) } : {}),
          response: { 200: actionResponse(e, def.output, service.registry.entities.has.bind(service.registry.entities)) },
        },
      },
      async (req) => {
        const versions = ifMatch(req);
        const result = await withTx(req, (ctx) => service.action(ctx, e, id(req), name, req.body, { ifVersion: versions }));
        return result ?? { ok: true };
      },
    );
  }
}
