#!/usr/bin/env node
/**
 * The tessera command.
 *   tessera start [--demo] [--config FILE]     run the server (PORT, HOST, DATABASE_URL, TESSERA_DATA_DIR)
 *   tessera migrate --plan | --apply           review / apply schema changes that can lose data
 *   tessera plugin new <name> [--dir DIR]      scaffold a plugin with one entity and a test
 *   tessera user create <username> [--admin]   create a user (password from TESSERA_PASSWORD or prompted)
 */
import { resolve } from 'node:path';

import { performance } from 'node:perf_hooks';
import { loadClientConfig, type ResolvedConfig } from './config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.js';
import { createTessera, ROOT_DIR } from './app.js';
import { formatPlan, UnsafeMigrationError } from './migrations/errors.js';
import { TesseraError } from './errors.js';
import { extraCommands } from './cli-commands.js';

const t0 = performance.now();

function flag(args: string[], name: string): boolean {
  return args.includes(name);
}
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function configPath(args: string[]): string {
  return resolve(option(args, '--config') ?? process.env.TESSERA_CONFIG ?? resolve(ROOT_DIR, 'tessera.config.json'));
}

export interface DatabaseHandle {
  url: string;
  embedded?: EmbeddedDatabase;
}

/** DATABASE_URL, else the configuration's database.url, else the embedded PostgreSQL under TESSERA_DATA_DIR. */
export async function openDatabase(config: ResolvedConfig): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL || config.database?.url;
  if (url) return { url };
  const dataDir = resolve(process.env.TESSERA_DATA_DIR ?? resolve(ROOT_DIR, '.tessera'));
  const embedded = await startEmbeddedPostgres(dataDir);
  const admin = new (await import('pg')).default.Client({ connectionString: embedded.url('postgres') });
  await admin.connect();
  const exists = await admin.query(`select 1 from pg_database where datname = 'tessera'`);
  if (!exists.rowCount) await admin.query('create database tessera');
  await admin.end();
  return { url: embedded.url('tessera'), embedded };
}

async function start(args: string[]): Promise<void> {
  const config = loadClientConfig(configPath(args));
  const db = await openDatabase(config);
  let tessera;
  try {
    tessera = await createTessera({ config, databaseUrl: db.url, demo: flag(args, '--demo'), logger: process.env.TESSERA_LOG ? { level: process.env.TESSERA_LOG } : false });
  } catch (e) {
    await db.embedded?.stop();
    throw e;
  }
  if (!(await tessera.auth!.hasAdmin()))
    console.warn('[tessera] No administrator exists yet. Create one with:\n  pnpm tessera user create admin --admin        (asks for the password, or set TESSERA_PASSWORD)');
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  await tessera.app.listen({ port, host });
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  console.log(`Tessera ready in ${Math.round(performance.now() - t0)} ms: http://${shown}:${port}/admin  (API docs: http://${shown}:${port}/docs)`);
  console.log(`  database: ${db.embedded ? `embedded PostgreSQL on port ${db.embedded.port} (data in ${resolve(process.env.TESSERA_DATA_DIR ?? resolve(ROOT_DIR, '.tessera'))})` : 'DATABASE_URL'}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await tessera.close().catch(() => undefined);
    await db.embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function migrate(args: string[]): Promise<void> {
  const config = loadClientConfig(configPath(args));
  const db = await openDatabase(config);
  const t = await createTessera({ config, databaseUrl: db.url, migrateOnly: true });
  try {
    const plan = await t.migrator!.plan();
    if (flag(args, '--apply')) {
      await t.migrator!.execute(plan.fullSql, plan.hash);
      console.log(plan.fullSql.trim() ? `Applied:\n${plan.fullSql}` : 'Nothing to apply: the database matches the declarations.');
    } else {
      if (!plan.unsafe.length && !plan.safeSql.trim()) console.log('Nothing to do: the database matches the declarations.');
      if (plan.safeSql.trim()) console.log(`Safe changes (applied automatically on start):\n${plan.safeSql}\n`);
      if (plan.unsafe.length) console.log(`${formatPlan(plan)}\n\nSQL that --apply runs:\n${plan.fullSql}`);
    }
  } finally {
    await t.close();
    await db.embedded?.stop();
  }
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  switch (cmd) {
    case 'start':
      return start(args);
    case 'migrate':
      return migrate(args);
    default: {
      const extra = extraCommands[cmd ?? ''];
      if (extra) return extra(args);
      console.log(`usage: tessera <command>
  start [--demo] [--config FILE]      run the server (PORT, HOST, DATABASE_URL, TESSERA_DATA_DIR)
  migrate --plan | --apply            review / apply schema changes that can lose data
${Object.keys(extraCommands).map((c) => `  ${c} ...`).join('\n')}`);
      process.exitCode = cmd ? 2 : 0;
    }
  }
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) main().catch((e) => {
  if (e instanceof UnsafeMigrationError) console.error(`\n${e.message}\n`);
  else if (e instanceof TesseraError) console.error(`\n[${e.code}] ${e.message}\n`);
  else console.error(e);
  process.exit(1);
});


