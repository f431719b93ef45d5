/**
 * The one argument parser of the tessera command (built-in and plugin commands alike):
 * node:util parseArgs, strict, with a usage error (exit code 2) that names the bad option.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { TesseraError } from '../errors.js';
import { ROOT_DIR } from '../paths.js';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Every command takes --config FILE (default TESSERA_CONFIG, else tessera.config.json). */
export const CONFIG_OPTION: Options = { config: { type: 'string' } };

/** A usage mistake on the command line: printed with the usage line, exit code 2. */
export class UsageError extends TesseraError {
  constructor(message: string) {
    super('CLI_USAGE', 400, message);
  }
}

/** Parses args against the options; positionals are returned in order. */
export function parse(args: string[], options: Options): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...CONFIG_OPTION, ...options }, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** The configuration file: --config, else TESSERA_CONFIG, else tessera.config.json at the repository root. */
export function configPath(values: Values): string {
  return resolve((values.config as string | undefined) ?? process.env.TESSERA_CONFIG ?? resolve(ROOT_DIR, 'tessera.config.json'));
}
