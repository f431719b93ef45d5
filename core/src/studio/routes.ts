/**
 * The studio's HTTP routes (/api/config/*, docs/api.md "The studio"): the current revision and
 * its history, the plugins with their dependencies, what a consultant edits of an entity, plan,
 * apply, revert, a numbering preview and the promotable package. Administrators and the
 * core.consultant role only (permission core.config).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Errors, TesseraError } from '../errors.js';
import type { ClientConfig } from '../config.js';
import { requestUser } from '../api/request-user.js';
import { resolvePattern } from '../data/naming.js';
import { discoverPlugins, loadPlugin } from '../plugins/loader.js';
import type { CurrentUser, PluginDefinition } from '../plugin-api/index.js';
import { applyPatch, type PatchOp } from './patch.js';
import { applyPlan, planAndStore, revertPlan } from './apply.js';
import { invalid, type StudioHost } from './plan.js';
import { exportPackage } from './package.js';
import { pluginChanges, settingChanges } from './changes.js';
import { getRevision, latestRevision, listRevisions } from './store.js';

/** The role that may use the studio (besides administrators). */
export const CONSULTANT_ROLE = 'core.consultant';

export function configUser(req: FastifyRequest): CurrentUser {
  const user = requestUser(req);
  if (!user.isAdmin && !user.roles.includes(CONSULTANT_ROLE))
    throw Errors.forbidden(`only administrators and consultants (role ${CONSULTANT_ROLE}) may see or change the configuration`);
  return user;
}

const tags = ['studio'];
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The proposal of a plan body: a whole configuration, or an RFC 6902 patch of the current one. */
function proposalOf(body: unknown, current: ClientConfig): ClientConfig {
  if (!isObject(body))
    throw invalid('send {"config": {...}} or {"patch": [...]} (RFC 6902 against GET /api/config)', [{ path: '', message: 'must be an object' }]);
  if (body.config !== undefined && body.patch !== undefined)
    throw invalid('send either config or patch, not both', [{ path: 'patch', message: 'not with config' }]);
  if (isObject(body.config)) return body.config as unknown as ClientConfig;
  if (Array.isArray(body.patch)) return applyPatch(current, body.patch as PatchOp[]);
  throw invalid('send {"config": {...}} or {"patch": [...]} (RFC 6902 against GET /api/config)', [{ path: 'config', message: 'is missing' }]);
}

const answersOf = (body: any): Record<string, unknown> => {
  if (body?.answers === undefined) return {};
  if (!isObject(body.answers)) throw invalid('answers must be an object {"<question key>": value}', [{ path: 'answers', message: 'must be an object' }]);
  return body.answers;
};

export function registerStudioRoutes(app: FastifyInstance, host: StudioHost): void {
  app.get('/api/config', { schema: { tags, summary: 'The current configuration revision' } }, async (req) => {
    configUser(req);
    const r = (await latestRevision(host.db))!;
    return {
      version: r.version,
      revision: { version: r.version, created_at: r.created_at, created_by: r.created_by, comment: r.comment },
      config: r.config,
      serving: host.current().version,
      ...(host.reloadError() ? { reloadError: host.reloadError() } : {}),
    };
  });

  app.get('/api/config/revisions', { schema: { tags, summary: 'The configuration history' } }, async (req) => {
    configUser(req);
    const q = req.query as { limit?: string; after?: string };
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    const after = q.after === undefined ? undefined : Number(q.after);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw Errors.badQuery([{ path: 'limit', message: 'must be an integer from 1 to 500' }]);
    if (after !== undefined && !Number.isInteger(after)) throw Errors.badQuery([{ path: 'after', message: 'must be a revision version' }]);
    const { rows, total } = await listRevisions(host.db, limit + 1, after);
    const data = [];
    for (const [i, r] of rows.slice(0, limit).entries()) {
      const prev = rows[i + 1] ?? (r.version > 1 ? await getRevision(host.db, r.version - 1) : undefined);
      data.push({ version: r.version, created_at: r.created_at, created_by: r.created_by, comment: r.comment, summary: summarize(prev?.config, r.config) });
    }
    return { data, total };
  });

  app.get('/api/config/revisions/:version', { schema: { tags, summary: 'One revision with its diff against the previous one' } }, async (req) => {
    configUser(req);
    const version = Number((req.params as { version: string }).version);
    const r = Number.isInteger(version) ? await getRevision(host.db, version) : undefined;
    if (!r)
      throw new TesseraError(
        'CONFIG_REVISION_NOT_FOUND',
        404,
        `configuration revision ${(req.params as any).version} does not exist (see GET /api/config/revisions)`,
      );
    const prev = version > 1 ? await getRevision(host.db, version - 1) : undefined;
    return {
      version: r.version,
      created_at: r.created_at,
      created_by: r.created_by,
      comment: r.comment,
      config: r.config,
      diff: configDiff(prev?.config, r.config),
    };
  });

  app.get('/api/config/plugins', { schema: { tags, summary: 'Plugins, on or off, with their dependencies' } }, async (req) => {
    configUser(req);
    const enabled = new Set(host.current().plugins.map((p) => p.def.name));
    const defs: PluginDefinition[] = [];
    for (const name of [...discoverPlugins(host.pluginSearchPaths).keys()].sort()) {
      const p = await loadPlugin(name, host.pluginSearchPaths);
      if (p) defs.push(p.def);
    }
    return {
      data: defs.map((d) => ({
        name: d.name,
        label: { en: d.label, lt: d.labels?.lt ?? d.label },
        enabled: enabled.has(d.name),
        builtin: ['auth', 'messaging'].includes(d.name),
        dependsOn: d.dependsOn ?? [],
        requiredBy: defs.filter((o) => o.dependsOn?.includes(d.name)).map((o) => o.name),
        optionalWith: d.optionalDependsOn ?? [],
      })),
    };
  });

  app.get('/api/config/entities/:entity', { schema: { tags, summary: 'What the studio edits of an entity' } }, async (req) => {
    configUser(req);
    const key = (req.params as { entity: string }).entity;
    const e = host.current().entities.get(key);
    if (!e) throw Errors.notFound('entity', key);
    return {
      entity: key,
      label: { en: e.label, lt: e.labels?.lt?.title ?? e.label },
      naming: e.naming ?? null,
      listColumns: e.listColumns,
      defaultSort: e.defaultSort,
      fields: e.fields.map((f) => ({
        name: f.name,
        type: f.kind,
        label: { en: f.label, lt: f.labels?.lt ?? f.label },
        required: f.required,
        hidden: f.hidden,
        custom: f.custom,
        filterable: e.filters.includes(f.name),
        ...(f.enumValues
          ? {
              options: f.enumValues.map((v) => ({
                value: v,
                label: { en: f.enumLabels?.[v] ?? v, lt: f.enumLabelsI18n?.lt?.[v] ?? f.enumLabels?.[v] ?? v },
                ...(f.enumColors?.[v] ? { color: f.enumColors[v] } : {}),
              })),
            }
          : {}),
        ...(f.ref ? { ref: f.ref.entity } : {}),
      })),
      customization: host.current().config.customizations?.[key] ?? {},
    };
  });

  app.post('/api/config/plan', { schema: { tags, summary: 'Plan a configuration change (nothing is applied)' } }, async (req) => {
    configUser(req);
    // A patch applies to the latest revision (what GET /api/config shows), even while this process still serves an earlier one.
    const current = (await latestRevision(host.db))!.config;
    return planAndStore(host, proposalOf(req.body, current), answersOf(req.body));
  });

  app.post('/api/config/apply', { schema: { tags, summary: 'Apply a plan by its hash, without a restart' } }, async (req) => {
    const user = configUser(req);
    const b = req.body as any;
    if (!isObject(b) || typeof b.hash !== 'string')
      throw invalid('send {"hash": "<the plan hash>"}', [{ path: 'hash', message: 'is required (from POST /api/config/plan)' }]);
    if (b.acceptLossy !== undefined && (!Array.isArray(b.acceptLossy) || b.acceptLossy.some((x: unknown) => typeof x !== 'string')))
      throw invalid('acceptLossy must list change ids', [{ path: 'acceptLossy', message: 'must be an array of change ids' }]);
    if (b.comment !== undefined && typeof b.comment !== 'string') throw invalid('comment must be text', [{ path: 'comment', message: 'must be a string' }]);
    return applyPlan(host, { hash: b.hash, comment: b.comment, answers: answersOf(b), acceptLossy: b.acceptLossy }, user.username);
  });

  app.post('/api/config/revert', { schema: { tags, summary: 'Plan going back to an earlier revision' } }, async (req) => {
    configUser(req);
    const version = Number((req.body as any)?.version);
    if (!Number.isInteger(version)) throw invalid('send {"version": <revision>}', [{ path: 'version', message: 'must be a revision version' }]);
    return revertPlan(host, version);
  });

  app.get('/api/config/numbering-preview', { schema: { tags, summary: 'The next number a pattern gives (none is consumed)' } }, async (req) => {
    configUser(req);
    const q = req.query as { entity?: string; pattern?: string };
    const e = q.entity ? host.current().entities.get(q.entity) : undefined;
    if (!e) throw Errors.badQuery([{ path: 'entity', message: `"${q.entity ?? ''}" is not an entity key` }]);
    if (!e.naming) throw Errors.badQuery([{ path: 'entity', message: `${e.key} has no numbering series` }]);
    const pattern = q.pattern ?? e.naming.pattern;
    let resolved: { prefix: string; digits: number };
    try {
      resolved = resolvePattern(pattern, new Date());
    } catch {
      throw Errors.badQuery([{ path: 'pattern', message: `"${pattern}" has no counter (a run of #, e.g. SO-.YYYY.-.#####)` }]);
    }
    const r = await host.db.query<{ current: number }>('select current from tessera_series where name = $1', [`${e.key}:${resolved.prefix}`]);
    const next = Number(r.rows[0]?.current ?? 0) + 1;
    return { next: `${resolved.prefix}${String(next).padStart(resolved.digits, '0')}`, pattern };
  });

  app.get('/api/config/export', { schema: { tags, summary: 'The promotable package: configuration and master data' } }, async (req) => {
    configUser(req);
    return exportPackage(host);
  });
}

/** The changes between two stored configurations that need no model (plugins, settings, roles, customizations by entity). */
function configDiff(a: ClientConfig | undefined, b: ClientConfig) {
  const before = a ?? ({ plugins: [] } as ClientConfig);
  const out = [...pluginChanges(before.plugins, b.plugins, new Map(), new Map()), ...settingChanges(before, b)];
  const keys = new Set([...Object.keys(before.customizations ?? {}), ...Object.keys(b.customizations ?? {})]);
  for (const k of [...keys].sort()) {
    const c0 = before.customizations?.[k];
    const c1 = b.customizations?.[k];
    if (JSON.stringify(c0) === JSON.stringify(c1)) continue;
    out.push({
      id: `customization.change:${k}`,
      kind: 'customization.change',
      path: `/customizations/${k}`,
      entity: k,
      description: { en: `change the customization of ${k}`, lt: `pakeisti ${k} pritaikymą` },
      steps: [JSON.stringify({ before: c0 ?? null, after: c1 ?? null })],
      lossy: false,
    });
  }
  return out;
}

const summarize = (a: ClientConfig | undefined, b: ClientConfig): string[] => configDiff(a, b).map((c) => c.description.en);
