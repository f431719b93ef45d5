/**
 * Commands plugins contribute (`commands` in the manifest): `tessera <plugin> <command>
 * [options]`. The plugin is found among the installed plugin packages; its command's options
 * are parsed by the same parser as the built-ins; `sql` reads the configured database directly
 * (no start-up work), `withServices` starts the platform (migrations, seed) without HTTP
 * workers and runs in one transaction as the system user.
 */
import { join, resolve } from 'node:path';
import { loadClientConfig } from '../config.js';
import { createTessera } from '../app.js';
import { Database } from '../db/database.js';
import { SYSTEM_USER } from '../data/registry.js';
import { ROOT_DIR } from '../paths.js';
import { loadPlugin, pluginSearchPaths } from '../plugins/loader.js';
import { collectCommands } from '../plugins/registry.js';
import type { CommandContext, CommandDefinition, PluginDefinition, ResolvedConfig, ServiceContext } from '../plugin-api/index.js';
import { configPath, parse, UsageError, type Options } from './args.js';
import { openDatabase, type DatabaseHandle } from './database.js';

function searchPaths(config?: ResolvedConfig): string[] {
  return [
    join(ROOT_DIR, 'core', 'builtin'),
    ...pluginSearchPaths(
      ROOT_DIR,
      (config?.pluginPaths ?? []).map((p) => resolve(config!.baseDir, p)),
    ),
  ];
}

/** The plugin package of that name, if one is installed. */
export async function findPlugin(name: string, config?: ResolvedConfig): Promise<PluginDefinition | undefined> {
  return (await loadPlugin(name, searchPaths(config)))?.def;
}

/** The usage lines of a plugin's commands. */
export function commandUsage(plugin: string, commands: Map<string, CommandDefinition>): string {
  return [...commands]
    .map(([name, c]) => {
      const opts = Object.entries(c.options ?? {})
        .map(([o, d]) => (d.type === 'boolean' ? `[--${o}]` : `[--${o} VALUE]`))
        .join(' ');
      return `  tessera ${plugin} ${name}${c.usage ? ` ${c.usage}` : ''}${opts ? ` ${opts}` : ''} [--config FILE]   ${c.description}`;
    })
    .join('\n');
}

/** Runs `tessera <plugin> <command> ...`; returns the exit code. */
export async function runPluginCommand(def: PluginDefinition, args: string[]): Promise<number> {
  const commands = collectCommands([{ def }]).get(def.name) ?? new Map<string, CommandDefinition>();
  const [name, ...rest] = args;
  const cmd = name ? commands.get(name) : undefined;
  if (!cmd) {
    if (name && name !== '--help')
      throw new UsageError(`plugin "${def.name}" has no command "${name}"; its commands:\n${commandUsage(def.name, commands) || '  (none)'}`);
    console.log(`usage:\n${commandUsage(def.name, commands) || `  plugin "${def.name}" contributes no commands`}`);
    return 0;
  }
  const { values, positionals } = parse(rest, (cmd.options ?? {}) as Options);
  const config = loadClientConfig(configPath(values));
  let handle: DatabaseHandle | undefined;
  let db: Database | undefined;
  const database = async () => (handle ??= await openDatabase(config, { reuse: true }));
  const ctx: CommandContext = {
    args: positionals,
    options: values as CommandContext['options'],
    config,
    print: (line) => console.log(line),
    sql: async (text, params = []) => {
      db ??= new Database((await database()).url, 2);
      return (await db.query(text, params)).rows as any;
    },
    withServices: async <T>(fn: (c: ServiceContext) => Promise<T>) => {
      const t = await createTessera({ config, databaseUrl: (await database()).url, jobWorkers: false });
      try {
        return await t.service.withServices(SYSTEM_USER, fn, def.name);
      } finally {
        await t.close();
      }
    },
  };
  try {
    const code = await cmd.run(ctx);
    return typeof code === 'number' ? code : 0;
  } finally {
    await db?.close();
    await handle?.embedded?.stop();
  }
}
