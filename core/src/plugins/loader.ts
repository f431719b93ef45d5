/**
 * Finds plugin packages, loads the ones the client configuration enables, and orders them
 * so that every plugin comes after the plugins it depends on (and its optional dependencies
 * that are enabled). A missing or circular
 * dependency stops start-up with the names involved.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { precompiledValidator } from '../precompiled.js';
import { Errors } from '../errors.js';
import type { PluginDefinition } from '../plugin-api/index.js';

const require = createRequire(import.meta.url);

/** Plugins that are always on (core/builtin). */
export const BUILTIN_PLUGINS = ['auth', 'messaging'];

export interface LoadedPlugin {
  def: PluginDefinition;
  dir: string;
  entityFiles: string[];
}

/** Folders that hold plugin packages: the workspace's plugins/ and any the config names. */
export function pluginSearchPaths(rootDir: string, extra: string[] = []): string[] {
  return [join(rootDir, 'plugins'), ...extra].filter((p) => existsSync(p));
}

/** name -> package folder, for every plugin package found. */
export function discoverPlugins(paths: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const base of paths) {
    const candidates = existsSync(join(base, 'package.json')) ? [base] : readdirSync(base).map((d) => join(base, d));
    for (const dir of candidates) {
      const pkgFile = join(dir, 'package.json');
      if (!statSync(dir).isDirectory() || !existsSync(pkgFile)) continue;
      const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
      const name = pkg.tessera?.plugin;
      if (typeof name !== 'string') continue;
      if (found.has(name) && found.get(name) !== dir) throw Errors.config(`two packages declare plugin "${name}": ${found.get(name)} and ${dir}`);
      found.set(name, dir);
    }
  }
  return found;
}

let manifestValidator: ReturnType<Ajv['compile']> | undefined;

async function importPlugin(name: string, dir: string): Promise<LoadedPlugin> {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entry = resolve(dir, pkg.main ?? 'index.ts');
  // The compiled server (core/scripts/build-server.mjs) hands over the plugins it bundled.
  const mod = (globalThis as { __tesseraPlugins?: Map<string, any> }).__tesseraPlugins?.get(entry) ?? (await import(pathToFileURL(entry).href));
  const def: PluginDefinition = mod.default ?? mod.plugin;
  if (!def || typeof def !== 'object') throw Errors.config(`plugin package ${dir} does not export a plugin definition (export default definePlugin({...}))`);
  const manifestSchema = require('@tessera/schemas/plugin.schema.json');
  // Precompiled in the compiled server (core/scripts/build-server.mjs) when made from this schema.
  manifestValidator ??=
    precompiledValidator('__tesseraManifestValidator', manifestSchema) ?? new Ajv({ allErrors: true, strict: false }).compile(manifestSchema);
  const { hooks, actions, setup, seed, demo, subscribers, schedules, dashboard, rowRules, commands, ...staticPart } = def as any;
  if (!manifestValidator(staticPart)) {
    const e = manifestValidator.errors![0]!;
    throw Errors.config(`plugin manifest ${entry} at ${e.instancePath || '/'}: ${e.message}`);
  }
  if (def.name !== name) throw Errors.config(`plugin package ${dir} declares tessera.plugin "${name}" but its manifest is named "${def.name}"`);
  const entityDir = join(dir, 'entities');
  const entityFiles = def.entities
    ? def.entities.map((f) => resolve(dir, f))
    : existsSync(entityDir)
      ? readdirSync(entityDir)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join(entityDir, f))
      : [];
  return { def, dir, entityFiles };
}

/** Topological order; throws on a missing or circular dependency, naming it. */
export function orderPlugins<T extends { def: { name: string; dependsOn?: string[]; optionalDependsOn?: string[] } }>(plugins: Map<string, T>): T[] {
  const ordered: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw Errors.config(`circular plugin dependency: ${[...path, name].join(' -> ')}`);
    const p = plugins.get(name)!;
    state.set(name, 'visiting');
    for (const dep of p.def.dependsOn ?? []) {
      if (!plugins.has(dep))
        throw Errors.config(`plugin "${name}" depends on "${dep}", which is not enabled (add it to "plugins" in the client configuration)`);
      visit(dep, [...path, name]);
    }
    // An optional dependency is loaded first when it is enabled, and simply absent otherwise.
    for (const dep of p.def.optionalDependsOn ?? []) if (plugins.has(dep)) visit(dep, [...path, name]);
    state.set(name, 'done');
    ordered.push(p);
  };
  for (const name of [...plugins.keys()].sort()) visit(name, []);
  return ordered;
}

/** One plugin package by name, without its dependencies (for its commands); undefined when none provides it. */
export async function loadPlugin(name: string, searchPaths: string[]): Promise<LoadedPlugin | undefined> {
  const dir = discoverPlugins(searchPaths).get(name);
  return dir ? importPlugin(name, dir) : undefined;
}

export async function loadPlugins(enabled: string[], searchPaths: string[]): Promise<LoadedPlugin[]> {
  const available = discoverPlugins(searchPaths);
  const loaded = new Map<string, LoadedPlugin>();
  for (const name of enabled) {
    const dir = available.get(name);
    if (!dir) {
      const known = [...available.keys()].sort().join(', ') || 'none';
      throw Errors.config(`plugin "${name}" is enabled but no package provides it (available: ${known})`);
    }
    loaded.set(name, await importPlugin(name, dir));
  }
  return orderPlugins(loaded);
}
