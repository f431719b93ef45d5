/**
 * `tessera config`: promotion of a client's configuration from one instance to another.
 *   config export                          the package (configuration + master data) on stdout
 *   config diff <file>                     what applying the file would change (the plan)
 *   config apply <file> [--accept-lossy id,id] [--answer key=value]... [--comment text]
 *                                          plan and apply it (idempotent), then upsert its master data
 *   config check <file>                    validate it offline (no database)
 * <file> is a package from `config export` or a plain client configuration file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadClientConfig, resolveConfig, validateClientConfig, type ClientConfig } from '../config.js';
import { createTessera, type Tessera } from '../app.js';
import { TesseraError } from '../errors.js';
import { buildModels } from '../entities/build.js';
import { BUILTIN_PLUGINS, discoverPlugins, loadPlugins, pluginSearchPaths } from '../plugins/loader.js';
import { validateSettings } from '../plugins/registry.js';
import { ROOT_DIR } from '../paths.js';
import { withDependencies, type Plan } from '../studio/plan.js';
import { applyPlan, planAndStore } from '../studio/apply.js';
import { exportPackage, importMasterData, masterEntities, type ConfigPackage } from '../studio/package.js';
import { configPath, parse, UsageError } from './args.js';
import { openDatabase } from './database.js';

export const CONFIG_USAGE = 'tessera config export | diff <file> | apply <file> [--accept-lossy id,id] [--answer key=value] [--comment text] | check <file>';

function readPackage(file: string): ConfigPackage {
  let json: any;
  try {
    json = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (e) {
    throw new TesseraError('CONFIG_INVALID', 422, `${file} cannot be read as JSON: ${(e as Error).message}`);
  }
  if (json && typeof json === 'object' && json.tessera === 'config-package/1') return json;
  if (json && typeof json === 'object' && Array.isArray(json.plugins)) return { tessera: 'config-package/1', config: json, masterData: {} };
  throw new TesseraError('CONFIG_INVALID', 422, `${file} is neither a package of \`tessera config export\` nor a client configuration (it has no "plugins")`);
}

/** The configuration without the file's own bookkeeping keys. */
const configOf = (pkg: ConfigPackage, file: string): ClientConfig => {
  const c = validateClientConfig(structuredClone(pkg.config), file);
  return c;
};

function printPlan(plan: Plan): void {
  if (!plan.changes.length) {
    console.log('Nothing to change: the database has this configuration.');
    return;
  }
  console.log(`Plan ${plan.hash.slice(0, 12)} on revision ${plan.baseVersion}:`);
  for (const c of plan.changes) {
    console.log(`  ${c.lossy ? '! ' : '  '}${c.id}: ${c.description.en}${c.rowsAffected !== undefined ? ` (${c.rowsAffected} row(s))` : ''}`);
    for (const s of c.steps) console.log(`        ${s}`);
  }
  for (const q of plan.questions) console.log(`  ? ${q.key}: ${q.message.en}  (answer with --answer ${q.key}=<value>)`);
  if (plan.lossy.length) console.log(`  Lossy (refused unless named): --accept-lossy ${plan.lossy.join(',')}`);
}

const parseAnswer = (s: string): [string, unknown] => {
  const i = s.indexOf('=');
  if (i < 1) throw new UsageError(`--answer takes key=value (e.g. --answer default:sales.customer.x_tier=gold), not "${s}"`);
  const raw = s.slice(i + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // a plain string
  }
  return [s.slice(0, i), value];
};

async function withServer(values: Record<string, unknown>, fn: (t: Tessera) => Promise<void>): Promise<void> {
  const config = loadClientConfig(configPath(values as any));
  const db = await openDatabase(config, { reuse: true });
  try {
    const t = await createTessera({ config, databaseUrl: db.url, jobWorkers: false });
    try {
      await fn(t);
    } finally {
      await t.close();
    }
  } finally {
    await db.embedded?.stop();
  }
}

/** Offline: the configuration validates, its plugins load with their dependencies, the models build, the master data names real entities. */
export async function checkPackage(pkg: ConfigPackage, file: string, pluginPaths: string[] = []): Promise<string[]> {
  const config = configOf(pkg, file);
  const resolved = resolveConfig(config, file, ROOT_DIR);
  const paths = [resolve(ROOT_DIR, 'core', 'builtin'), ...pluginSearchPaths(ROOT_DIR, pluginPaths)];
  const deps = await withDependencies(config.plugins, paths);
  const missing = deps.plugins.filter((p) => !config.plugins.includes(p));
  if (missing.length)
    throw new TesseraError(
      'CONFIG_INVALID',
      422,
      `${file} at /plugins: ${missing.map((m) => `"${m}" is needed by ${deps.added.get(m)!.join(', ')}`).join('; ')}; add ${missing.map((m) => `"${m}"`).join(', ')} to "plugins"`,
    );
  const plugins = await loadPlugins([...BUILTIN_PLUGINS, ...config.plugins.filter((p) => !BUILTIN_PLUGINS.includes(p))], paths);
  const entities = buildModels(plugins, resolved, [...discoverPlugins(paths).keys()]);
  validateSettings(plugins, resolved);
  const master = new Map(masterEntities(entities).map((e) => [e.key, e]));
  const problems: string[] = [];
  for (const [key, rows] of Object.entries(pkg.masterData ?? {})) {
    const e = master.get(key);
    if (!e) {
      problems.push(`${file} at /masterData/${key}: not a set-up list of the enabled plugins`);
      continue;
    }
    for (const [k, row] of Object.entries(rows))
      for (const f of Object.keys(row)) if (!e.fieldMap.has(f)) problems.push(`${file} at /masterData/${key}/${k}/${f}: ${key} has no field "${f}"`);
  }
  return problems;
}

export async function configCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    'accept-lossy': { type: 'string' },
    answer: { type: 'string', multiple: true },
    comment: { type: 'string' },
  });
  const [sub, file] = positionals;
  if (sub === 'export') {
    await withServer(values, async (t) => {
      process.stdout.write(`${JSON.stringify(await exportPackage(t.studio!), null, 2)}\n`);
    });
    return;
  }
  if (!file || !['diff', 'apply', 'check'].includes(sub ?? '')) throw new UsageError(`usage: ${CONFIG_USAGE}`);
  const pkg = readPackage(file);
  if (sub === 'check') {
    const problems = await checkPackage(
      pkg,
      file,
      pkg.config.pluginPaths?.map((p) => resolve(ROOT_DIR, p)),
    );
    if (problems.length) {
      for (const p of problems) console.log(p);
      process.exitCode = 1;
      return;
    }
    console.log(`${file} is valid: ${pkg.config.plugins.length} plugin(s), ${Object.keys(pkg.masterData ?? {}).length} master data list(s).`);
    return;
  }
  const proposal = configOf(pkg, file);
  const answers = Object.fromEntries(((values.answer as string[] | undefined) ?? []).map(parseAnswer));
  await withServer(values, async (t) => {
    const plan = await planAndStore(t.studio!, proposal, answers);
    printPlan(plan);
    if (sub === 'diff') return;
    const accept = ((values['accept-lossy'] as string | undefined) ?? '').split(',').filter(Boolean);
    const result = await applyPlan(
      t.studio!,
      { hash: plan.hash, answers, acceptLossy: accept, comment: (values.comment as string | undefined) ?? `applied from ${file}` },
      'cli',
    );
    const data = await importMasterData(t.service, pkg.masterData ?? {});
    console.log(
      result.unchanged
        ? `The configuration is already revision ${result.version}; nothing applied.`
        : `Applied as revision ${result.version} (${result.changes.length} change(s)); running servers reload it within seconds.`,
    );
    console.log(`Master data: ${data.created} created, ${data.updated} updated, ${data.unchanged} unchanged.`);
  });
}
