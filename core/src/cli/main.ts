/**
 * The tessera command: the built-in commands, then the commands plugins contribute.
 *   tessera start [--demo] [--config FILE]     run the server (PORT, HOST, DATABASE_URL, TESSERA_DATA_DIR)
 *   tessera migrate --plan | --apply           review / apply schema changes that can lose data
 *   tessera plugin new <name> [--dir DIR]      scaffold a plugin with one entity and a test
 *   tessera user create <username> [--admin]   create a user (password from TESSERA_PASSWORD or prompted)
 *   tessera config export | diff | apply | check   promote a client's configuration (cli/config.ts)
 *   tessera <plugin> <command> ...             a command the plugin declares (e.g. tessera inventory verify)
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadClientConfig } from '../config.js';
import type { ResolvedConfig } from '../plugin-api/index.js';
import { CONFIG_OPTION, configPath, UsageError } from './args.js';
import { start } from './start.js';
import { migrate } from './migrate.js';
import { user, USER_USAGE } from './user.js';
import { plugin, PLUGIN_USAGE } from './plugin.js';
import { findPlugin, runPluginCommand } from './plugin-commands.js';
import { CONFIG_USAGE, configCommand } from './config.js';

const BUILT_IN: Record<string, (args: string[]) => Promise<void>> = { start, migrate, user, plugin, config: configCommand };

const USAGE = `usage: tessera <command>
  start [--demo] [--config FILE]      run the server (PORT, HOST, DATABASE_URL, TESSERA_DATA_DIR)
  migrate --plan | --apply            review / apply schema changes that can lose data
  ${USER_USAGE.replace(/^tessera /, '')}
  ${PLUGIN_USAGE.replace(/^tessera /, '')}
  ${CONFIG_USAGE.replace(/^tessera /, '')}
  <plugin> <command> ...              a command a plugin contributes (tessera <plugin> lists them)`;

/** The configuration a plugin command names (--config, TESSERA_CONFIG or the default), for its plugin paths. */
function configOf(args: string[]): ResolvedConfig | undefined {
  const { values } = parseArgs({ args, options: CONFIG_OPTION, strict: false, allowPositionals: true });
  const file = configPath(values as Record<string, string | undefined>);
  return existsSync(file) ? loadClientConfig(file) : undefined;
}

/** Runs one command line (without the node and script arguments); the exit code is left in process.exitCode. */
export async function runCli(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  try {
    const builtIn = cmd ? BUILT_IN[cmd] : undefined;
    if (builtIn) return await builtIn(args);
    const def = cmd && /^[a-z][a-z0-9_]*$/.test(cmd) ? await findPlugin(cmd, configOf(args)) : undefined;
    if (def) {
      process.exitCode = await runPluginCommand(def, args);
      return;
    }
    console.log(USAGE);
    process.exitCode = cmd ? 2 : 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.log(e.message);
    process.exitCode = 2;
  }
}
