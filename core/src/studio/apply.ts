/**
 * Applying a plan by its hash: refused when the configuration changed since (409), while a
 * question has no answer or a lossy change is not accepted (422); otherwise, in one
 * transaction: the migration (with the answers' fills), the schema fingerprint, the new revision
 * and a NOTIFY tessera_config that other server processes reload on. Then this process reloads
 * (the new generation is served before the response is sent).
 */
import { performance } from 'node:perf_hooks';
import { Ajv } from 'ajv';
import { TesseraError } from '../errors.js';
import type { ClientConfig } from '../config.js';
import { EXTENSIONS_SQL } from '../migrations/extensions.js';
import { createPluginViews, dropPluginViews } from '../migrations/views.js';
import { makePlan, schemaHash, type Migration, type Plan, type StudioHost } from './plan.js';
import type { Change } from './changes.js';
import { configHash, currentVersion, getRevision, insertRevision, latestRevision } from './store.js';

/** The channel other processes LISTEN on (payload: the new version). */
export const CONFIG_CHANNEL = 'tessera_config';

/** Makes a plan and keeps it (by hash) so that any process on the database can apply it. */
export async function planAndStore(host: StudioHost, proposal: ClientConfig, answers: Record<string, unknown> = {}): Promise<Plan> {
  const { execution, ...plan } = await makePlan(host, proposal, answers);
  await host.db.query(
    'insert into tessera_config_plan (hash, base_version, config, answers, migration) values ($1, $2, $3, $4, $5) on conflict (hash) do nothing',
    [plan.hash, plan.baseVersion, JSON.stringify(plan.config), JSON.stringify(answers), JSON.stringify(execution.migration ?? null)],
  );
  // Plans older than a day are of no use (their base has moved on or they were abandoned).
  await host.db.query(`delete from tessera_config_plan where created_at < now() - interval '1 day'`);
  return plan;
}

/** The plan that takes the configuration back to an earlier revision's. */
export async function revertPlan(host: StudioHost, version: number): Promise<Plan> {
  const r = await getRevision(host.db, version);
  if (!r) throw new TesseraError('CONFIG_REVISION_NOT_FOUND', 404, `configuration revision ${version} does not exist (see GET /api/config/revisions)`);
  return planAndStore(host, r.config);
}

export interface ApplyRequest {
  hash: string;
  comment?: string;
  answers?: Record<string, unknown>;
  acceptLossy?: string[];
}

export interface ApplyResult {
  version: number;
  changes: Change[];
  /** ms from the commit to the new generation serving in this process. */
  reloadMs?: number;
  /** Nothing to change: the configuration is already the proposed one. */
  unchanged?: boolean;
}

const ajv = new Ajv({ allErrors: true, strict: false });

export async function applyPlan(host: StudioHost, req: ApplyRequest, author: string): Promise<ApplyResult> {
  const stored = (await host.db.query<any>('select hash, base_version, config, answers, migration from tessera_config_plan where hash = $1', [req.hash]))
    .rows[0];
  if (!stored) throw new TesseraError('CONFIG_PLAN_NOT_FOUND', 404, `no plan has the hash ${req.hash}; make the plan first (POST /api/config/plan)`);
  const changedSince = async () => {
    const v = await currentVersion(host.db);
    if (v !== stored.base_version)
      throw new TesseraError(
        'CONFIG_CHANGED',
        409,
        `the configuration changed since this plan was made (it was made on revision ${stored.base_version}, the current one is ${v}); make the plan again`,
      );
  };
  await changedSince();
  const answers = { ...stored.answers, ...(req.answers ?? {}) };
  // The plan's migration holds while the schema is the one it was made on, unless its lossy
  // row counts could have changed since (then the database is introspected again).
  const kept: Migration | null = stored.migration;
  const reusable = kept && kept.schemaHash === (await schemaHash(host.db)) && kept.unsafe.every((u) => u.kind === 'remove-enum-options');
  const migration = reusable ? kept : undefined;
  const plan = await makePlan(host, stored.config, answers, migration);
  const open = plan.execution.open;
  if (open.length)
    throw new TesseraError(
      'CONFIG_ANSWER_REQUIRED',
      422,
      `the plan needs an answer to ${open.map((q) => q.key).join(', ')}: send answers: {${open.map((q) => `"${q.key}": ...`).join(', ')}}`,
      open.map((q) => ({ path: `answers/${q.key}`, message: q.message.en, code: 'answer_required' })),
    );
  const bad = plan.questions
    .filter((q) => q.key in answers)
    .flatMap((q) => {
      const fn = ajv.compile(q.schema);
      return fn(answers[q.key]) ? [] : [{ path: `answers/${q.key}`, message: `${fn.errors?.[0]?.message ?? 'is not valid'} (${q.message.en})` }];
    });
  if (bad.length) throw new TesseraError('VALIDATION_FAILED', 422, bad.map((b) => `${b.path} ${b.message}`).join('; '), bad);
  const accepted = new Set(req.acceptLossy ?? []);
  const refused = plan.changes.filter((c) => c.lossy && !accepted.has(c.id));
  if (refused.length)
    throw new TesseraError(
      'CONFIG_LOSSY',
      422,
      `the plan loses data: ${refused.map((c) => `${c.id} (${c.description.en}; ${c.rowsAffected ?? 0} row(s))`).join('; ')}; to apply it anyway send acceptLossy: [${refused.map((c) => `"${c.id}"`).join(', ')}]`,
      refused.map((c) => ({ path: c.path, message: c.description.en, code: c.id })),
    );

  const latest = await latestRevision(host.db);
  if (latest && latest.hash === configHash(plan.config) && !plan.execution.sql.trim() && !plan.execution.post.length)
    return { version: latest.version, changes: [], unchanged: true };

  const version = await host.db.transaction(async (tx) => {
    // One apply at a time per database; the base is checked again under the lock.
    await tx.query('lock table tessera_config_revision in exclusive mode');
    await changedSince();
    await tx.query(EXTENSIONS_SQL);
    // The plugins' read views (select * over a table) would block dropping or retyping a column,
    // and would not show a new one: they are made again around the migration, as on start.
    const migrates = plan.execution.sql.trim().length > 0;
    if (migrates) await dropPluginViews(tx, plan.execution.known);
    for (const s of plan.execution.pre) await tx.query(s.sql, s.params);
    if (migrates) await tx.query(plan.execution.sql);
    for (const s of plan.execution.post) await tx.query(s.sql, s.params);
    if (migrates) await createPluginViews(tx, plan.execution.views);
    await tx.query(`insert into tessera_schema_state (id, hash) values (1, $1) on conflict (id) do update set hash = excluded.hash, applied_at = now()`, [
      plan.execution.fingerprint,
    ]);
    const v = await insertRevision(tx, plan.config, author, req.comment ?? null);
    await tx.query('delete from tessera_config_plan where hash = $1', [req.hash]);
    await tx.query(`select pg_notify('${CONFIG_CHANNEL}', $1)`, [String(v)]);
    return v;
  });
  const committed = performance.now();
  try {
    // The listener of this process may have started the reload on the NOTIFY already: this waits for it.
    await host.reload();
    return { version, changes: plan.changes, reloadMs: Math.round(performance.now() - committed) };
  } catch (e) {
    throw new TesseraError(
      'CONFIG_RELOAD_FAILED',
      500,
      `revision ${version} was saved, but this server could not load it (the previous configuration keeps serving): ${(e as Error).message}`,
    );
  }
}
