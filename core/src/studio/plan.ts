/**
 * The plan of a proposed configuration: the effective model it would give (plugins with their
 * dependencies, buildModels), its difference to the running one in the consultant's words
 * (changes.ts), the migration steps of the existing planner (migrations/plan.ts) with the rows
 * affected and what is lossy, and the questions only the consultant can answer (the value of a
 * new required field on existing rows, what rows of a removed option become). Nothing is
 * guessed and nothing is written but the plan itself (tessera_config_plan, so another process
 * can apply it by its hash).
 */
import type { ConfigPlan } from '@tessera/contract';
import { TesseraError } from '../errors.js';
import type { ClientConfig, ResolvedConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { ident } from '../db/database.js';
import { buildModels } from '../entities/build.js';
import type { EntityModel, FieldModel } from '../entities/model.js';
import { schemaFingerprint } from '../migrations/fingerprint.js';
import { openMigrator } from '../migrations/open.js';
import { declaredViews, type DeclaredView } from '../migrations/views.js';
import type { UnsafeChange } from '../migrations/plan.js';
import { valueSchema } from '../schema/schemas.js';
import { BUILTIN_PLUGINS as BUILTIN, discoverPlugins, loadPlugin, loadPlugins, type LoadedPlugin } from '../plugins/loader.js';
import { validateSettings } from '../plugins/registry.js';
import { masterDataChanges } from './master.js';
import { entityChanges, pluginChanges, settingChanges, type Change, type PluginInfo, type Question } from './changes.js';
import { canonicalJson, currentVersion, effectiveConfig, getRevision, sha256, storable } from './store.js';

/** What the studio needs of the running server. */
export interface StudioHost {
  db: Database;
  databaseUrl: string;
  /** Folders searched for plugin packages. */
  pluginSearchPaths: string[];
  /** The file's machine-local parts (database, plugin folders, secrets) laid over every revision. */
  fileConfig: ResolvedConfig;
  current(): { version: number; config: ResolvedConfig; entities: Map<string, EntityModel>; plugins: LoadedPlugin[] };
  /** Builds the new generation from the database's latest revision and swaps it in. */
  reload(): Promise<{ ms: number }>;
  /** Why the latest revision could not be loaded (undefined: it serves). */
  reloadError(): string | undefined;
}

/** The wire plan plus the proposed configuration as it would be stored (dependencies added). */
export interface Plan extends ConfigPlan {
  config: ClientConfig;
}

/** A statement with its parameters. */
export type { Step } from './changes.js';
import type { Step } from './changes.js';

/** What apply runs: before the migration's SQL, the SQL, after it; and the fingerprint it stores. */
export interface Execution {
  pre: Step[];
  sql: string;
  post: Step[];
  fingerprint: string;
  /** Questions without an answer. */
  open: Question[];
  /** The migration planner's finding (stored with the plan for apply). */
  migration?: Migration;
  /** The plugins' read views of the proposed model (dropped before the migration, created after it). */
  views: DeclaredView[];
  /** Every plugin available (whose views may exist). */
  known: string[];
}

export const invalid = (message: string, details?: { path: string; message: string }[]) => new TesseraError('CONFIG_INVALID', 422, message, details);

/** Configuration and declaration errors of a proposal are the consultant's to fix: 422, not 500. */
async function asProposalError<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof TesseraError && (e.code === 'BAD_CONFIGURATION' || e.code === 'BAD_DECLARATION'))
      throw invalid(e.message.replace(/^\(proposed\) at /, 'at '));
    throw e;
  }
}

/** The enabled plugins plus their dependencies (transitively); the ones added name who needs them. */
export async function withDependencies(
  plugins: string[],
  paths: string[],
): Promise<{ plugins: string[]; added: Map<string, string[]>; info: Map<string, PluginInfo> }> {
  const available = discoverPlugins(paths);
  const out = [...plugins];
  const added = new Map<string, string[]>();
  const info = new Map<string, PluginInfo>();
  const queue = [...plugins];
  while (queue.length) {
    const name = queue.shift()!;
    if (info.has(name)) continue;
    if (!available.has(name))
      throw invalid(`at /plugins: no package provides the plugin "${name}" (available: ${[...available.keys()].sort().join(', ')})`, [
        { path: 'plugins', message: `"${name}" is not an available plugin` },
      ]);
    const p = (await loadPlugin(name, paths))!;
    info.set(name, { name, label: { en: p.def.label, lt: p.def.labels?.lt ?? p.def.label }, dependsOn: p.def.dependsOn ?? [] });
    for (const dep of p.def.dependsOn ?? []) {
      if (!out.includes(dep) && !BUILTIN.includes(dep)) {
        out.push(dep);
        added.set(dep, [...(added.get(dep) ?? []), name]);
      } else if (added.has(dep) && !added.get(dep)!.includes(name)) added.get(dep)!.push(name);
      queue.push(dep);
    }
  }
  return { plugins: out, added, info };
}

/** The models the proposal gives (plugins loaded in order, customizations applied, settings checked). */
async function proposedModel(host: StudioHost, config: ResolvedConfig) {
  return asProposalError(async () => {
    const plugins = await loadPlugins([...BUILTIN, ...config.plugins.filter((p) => !BUILTIN.includes(p))], host.pluginSearchPaths);
    const known = [...discoverPlugins(host.pluginSearchPaths).keys()];
    const entities = buildModels(plugins, config, known);
    const settings = validateSettings(plugins, config);
    return { plugins, entities, known, settings };
  });
}

const count = async (db: Database, sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);

/** What the migration planner found (the database's schema compared with the proposed model). */
export interface Migration {
  fullSql: string;
  unsafe: UnsafeChange[];
  /** The schema fingerprint of the database when it was introspected. */
  schemaHash: string | null;
}

/** The database's schema fingerprint (tessera_schema_state): it changes with every migration. */
export async function schemaHash(db: Database): Promise<string | null> {
  return (await db.query<{ hash: string }>('select hash from tessera_schema_state where id = 1')).rows[0]?.hash ?? null;
}

/** Introspects the database through MikroORM and diffs it with the model (the expensive part of a plan). */
async function introspect(host: StudioHost, model: EntityModel[], known: string[], enabled: string[], fingerprint: string): Promise<Migration> {
  const hash = await schemaHash(host.db);
  const { orm, migrator } = await openMigrator(model, host.databaseUrl, { known, enabled }, fingerprint);
  try {
    const m = await migrator.plan();
    return { fullSql: m.fullSql, unsafe: m.unsafe, schemaHash: hash };
  } finally {
    await orm.close();
  }
}

/**
 * The plan of a proposal (answers: what the consultant already answered). `migration`: what the
 * plan found when it was made (apply passes it when the schema has not changed since, so the
 * database is introspected once per plan, not again on apply); the row counts are always read again.
 */
export async function makePlan(
  host: StudioHost,
  proposal: ClientConfig,
  answers: Record<string, unknown> = {},
  migration?: Migration,
): Promise<Plan & { execution: Execution }> {
  const cur = host.current();
  const baseVersion = await currentVersion(host.db);
  const deps = await withDependencies(proposal.plugins ?? [], host.pluginSearchPaths);
  const stored = storable({ ...proposal, plugins: deps.plugins });
  const resolved = await asProposalError(() => effectiveConfig(stored, { ...host.fileConfig, file: '(proposed)' }));
  const next = await proposedModel(host, resolved);
  // Compared as stored (resolved defaults such as locales are not changes).
  const before = (await getRevision(host.db, cur.version))?.config ?? storable(cur.config);

  const changes: Change[] = [...pluginChanges(before.plugins, stored.plugins, deps.added, deps.info), ...settingChanges(before, stored)];
  for (const [key, e] of next.entities) {
    if (cur.entities.has(key)) changes.push(...entityChanges(key, cur.entities.get(key), e, before.customizations?.[key], stored.customizations?.[key]));
    else
      changes.push({
        id: `entity.add:${key}`,
        kind: 'entity.add',
        path: '/plugins',
        entity: key,
        description: { en: `add ${e.plural} (${key})`, lt: `pridėti „${e.labels?.lt?.plural ?? e.plural}“ (${key})` },
        steps: [],
        lossy: false,
      });
  }
  const questions: Question[] = [];
  const execution: Execution = {
    pre: [],
    sql: '',
    post: [],
    fingerprint: '',
    open: [],
    views: declaredViews(
      next.plugins.map((p) => p.def),
      next.entities,
    ),
    known: next.known,
  };
  // The configuration's master data against the rows (after the migration: its columns exist then).
  const master = await masterDataChanges(
    host.db,
    next.entities,
    stored,
    { plugins: cur.plugins.map((p) => p.def), settings: validateSettings(cur.plugins, cur.config), config: cur.config },
    { plugins: next.plugins.map((p) => p.def), settings: next.settings, config: resolved },
  );
  changes.push(...master.changes);

  // Fields that become NOT NULL are added (or kept) nullable by the migration, filled from the
  // consultant's answer, then set NOT NULL: the value is the consultant's, never a guess.
  const relaxed = new Map<string, Set<string>>();
  const after: [Change, string[]][] = [];
  for (const [key, e] of next.entities) {
    const old = cur.entities.get(key);
    if (!old) continue;
    for (const f of e.fields) {
      const was = old.fieldMap.get(f.name);
      if (!f.required || f.kind === 'children' || (was && was.required)) continue;
      const rows = was
        ? await count(host.db, `select count(*)::int as n from ${ident(e.table)} where ${ident(f.column)} is null`)
        : await count(host.db, `select count(*)::int as n from ${ident(e.table)}`);
      if (!relaxed.has(key)) relaxed.set(key, new Set());
      relaxed.get(key)!.add(f.name);
      const ch = changes.find((c) => c.entity === key && c.field === f.name && (c.kind === 'field.add' || c.kind === 'field.require'));
      if (ch) ch.rowsAffected = rows;
      const qkey = `default:${key}.${f.name}`;
      if (rows > 0) {
        const q = requiredQuestion(qkey, ch?.id ?? qkey, key, f, rows);
        questions.push(q);
        if (!(qkey in answers)) execution.open.push(q);
        else
          execution.post.push({
            sql: `update ${ident(e.table)} set ${ident(f.column)} = $1 where ${ident(f.column)} is null`,
            params: [toColumnValue(f, answers[qkey])],
          });
      }
      execution.post.push({ sql: `alter table ${ident(e.table)} alter column ${ident(f.column)} set not null`, params: [] });
      // Shown after the migration's own statements (the column is added first, then filled, then NOT NULL).
      if (ch)
        after.push([
          ch,
          [
            ...(rows > 0 ? [`update ${e.table} set ${f.column} = <answer ${qkey}> where ${f.column} is null (${rows} row(s))`] : []),
            `alter table ${e.table} alter column ${f.column} set not null`,
          ],
        ]);
    }
    // Options removed while rows use them: the rows get the consultant's replacement (or empty).
    for (const f of e.fields) {
      const was = old.fieldMap.get(f.name);
      const removed = (was?.enumValues ?? []).filter((v) => f.enumValues && !f.enumValues.includes(v));
      if (!removed.length) continue;
      const rows = await count(host.db, `select count(*)::int as n from ${ident(e.table)} where ${ident(f.column)} = any($1)`, [removed]);
      const ch = changes.find((c) => c.kind === 'enum.remove' && c.entity === key && c.field === f.name);
      if (!ch) continue;
      ch.rowsAffected = rows;
      if (!rows) continue;
      ch.lossy = true;
      const qkey = `replace:${key}.${f.name}`;
      const schema = f.required ? { enum: f.enumValues } : { enum: [...f.enumValues!, null] };
      const q: Question = {
        key: qkey,
        changeId: ch.id,
        entity: key,
        field: f.name,
        message: {
          en: `${rows} ${e.plural.toLowerCase()} use the removed option(s) ${removed.join(', ')} of "${f.label}": which option should they get${f.required ? '' : ' (null: none)'}?`,
          lt: `${rows} įrašų naudoja pašalintą(-us) lauko „${f.labels?.lt ?? f.label}“ pasirinkimą(-us) ${removed.join(', ')}: kokį pasirinkimą jiems priskirti${f.required ? '' : ' (null: jokio)'}?`,
        },
        schema,
      };
      questions.push(q);
      if (!(qkey in answers)) {
        if (f.required) execution.open.push(q);
        else execution.pre.push({ sql: `update ${ident(e.table)} set ${ident(f.column)} = null where ${ident(f.column)} = any($1)`, params: [removed] });
      } else
        execution.pre.push({
          sql: `update ${ident(e.table)} set ${ident(f.column)} = $1 where ${ident(f.column)} = any($2)`,
          params: [answers[qkey], removed],
        });
      ch.steps.push(`update ${e.table} set ${f.column} = <answer ${qkey}> where ${f.column} in (${removed.join(', ')}) (${rows} row(s))`);
    }
  }

  // The migration: the existing planner over the proposed model (relaxed fields nullable).
  const migrationModel = [...next.entities.values()].map((e) => relax(e, relaxed.get(e.key)));
  const enabled = next.plugins.map((p) => p.def.name);
  execution.fingerprint = schemaFingerprint(next.entities, enabled);
  const m = migration ?? (await introspect(host, migrationModel, next.known, enabled, execution.fingerprint));
  execution.migration = m;
  execution.sql = m.fullSql;
  for (const u of m.unsafe) {
    if (u.kind === 'remove-enum-options') continue; // the enum.remove change above
    const entity = [...next.entities.values(), ...cur.entities.values()].find((e) => e.table === u.table);
    const field = [next.entities.get(entity?.key ?? ''), cur.entities.get(entity?.key ?? '')]
      .flatMap((e) => e?.fields ?? [])
      .find((f) => f.column === u.column);
    let ch = changes.find((c) => c.entity === entity?.key && (!u.column || c.field === field?.name));
    if (!ch) {
      ch = {
        id: `schema.${u.kind}:${u.table}${u.column ? `.${u.column}` : ''}`,
        kind: `schema.${u.kind}`,
        path: '/plugins',
        entity: entity?.key,
        field: field?.name,
        description: { en: u.description, lt: `schemos pakeitimas: ${u.description}` },
        steps: [],
        lossy: false,
      };
      changes.push(ch);
    }
    ch.rowsAffected = Math.max(ch.rowsAffected ?? 0, u.rowsAffected);
    if (u.rowsAffected > 0) ch.lossy = true;
  }
  assignSteps(m.fullSql, changes, [...next.entities.values()]);
  for (const [ch, steps] of after) ch.steps.push(...steps);
  execution.post.push(...master.steps);
  const hash = sha256(`${baseVersion}\n${canonicalJson(stored)}\n${canonicalJson(answers)}`);
  const lossy = changes.filter((c) => c.lossy).map((c) => c.id);
  return { hash, baseVersion, changes, questions, lossy, ok: execution.open.length === 0, config: stored, execution };
}

function requiredQuestion(key: string, changeId: string, entity: string, f: FieldModel, rows: number): Question {
  const { nullable: _n, ...schema } = valueSchema(f) as Record<string, unknown>;
  return {
    key,
    changeId,
    entity,
    field: f.name,
    message: {
      en: `"${f.label}" becomes required and ${rows} existing record(s) of ${entity} have no value: what value should they get?`,
      lt: `laukas „${f.labels?.lt ?? f.label}“ tampa privalomas, o ${rows} esamų ${entity} įrašų jo neturi: kokią reikšmę jiems įrašyti?`,
    },
    schema,
  };
}

/** An answer as the column takes it (json as text, everything else as given). */
function toColumnValue(f: FieldModel, v: unknown): unknown {
  return f.kind === 'json' ? JSON.stringify(v) : v;
}

/** The entity with the named fields nullable (only for the migration's SQL). */
function relax(e: EntityModel, names: Set<string> | undefined): EntityModel {
  if (!names?.size) return e;
  const fields = e.fields.map((f) => (names.has(f.name) ? { ...f, required: false } : f));
  return { ...e, fields, fieldMap: new Map(fields.map((f) => [f.name, f])) };
}

/** Each statement of the migration goes to the change of its table and column (the rest: a "schema" change). */
function assignSteps(sql: string, changes: Change[], entities: EntityModel[]): void {
  const statements = sql
    .split(/;\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter(Boolean);
  let rest: Change | undefined;
  for (const st of statements) {
    const e = entities.find((x) => st.includes(`"${x.table}"`));
    const f = e?.fields.find((x) => st.includes(`"${x.column}"`) && changes.some((c) => c.entity === e.key && c.field === x.name));
    const ch =
      (f && changes.find((c) => c.entity === e?.key && c.field === f.name)) ||
      (e && (changes.find((c) => c.entity === e.key && c.kind === 'entity.add') ?? changes.find((c) => c.entity === e.key && !c.field)));
    if (ch) ch.steps.push(st);
    else {
      rest ??= changes.find((c) => c.id === 'schema.sync');
      if (!rest) {
        rest = {
          id: 'schema.sync',
          kind: 'schema.sync',
          path: '/plugins',
          description: { en: 'bring the tables in step with the model', lt: 'suderinti lenteles su modeliu' },
          steps: [],
          lossy: false,
        };
        changes.push(rest);
      }
      rest.steps.push(st);
    }
  }
}
