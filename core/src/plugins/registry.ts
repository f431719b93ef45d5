/**
 * What the enabled plugins' manifests contribute, collected and checked once at start-up:
 * settings (validated against each plugin's schema), hooks and actions per entity, row rules,
 * CLI commands and error catalogues.
 */
import { Ajv } from 'ajv';
import { RESERVED_ACTION_NAMES } from '@tessera/contract';
import { Errors } from '../errors.js';
import type { EntityModel } from '../entities/model.js';
import { checkSchema } from '../schema/validation.js';
import { actionPermission } from '../data/action-permission.js';
import { HOOK_NAMES, type ActionDefinition, type CommandDefinition, type EntityHooks, type ResolvedConfig, type RowRule } from '../plugin-api/index.js';
import type { LoadedPlugin } from './loader.js';

let settingsAjv: Ajv | undefined;
const settingsValidators = new Map<string, ReturnType<Ajv['compile']>>();
/** A plugin's settings validator, compiled once per process (a model reload validates the settings again). */
function settingsValidator(schema: object): ReturnType<Ajv['compile']> {
  const full = { type: 'object', additionalProperties: false, ...schema };
  const key = JSON.stringify(full);
  let fn = settingsValidators.get(key);
  if (!fn) {
    // Checked against JSON Schema by checkSchema (precompiled in the compiled server), so this ajv
    // does not compile the meta-schema for its own check (~0.05 s of a start).
    settingsAjv ??= new Ajv({ allErrors: true, strict: false, useDefaults: true, validateSchema: false });
    checkSchema(full);
    settingsValidators.set(key, (fn = settingsAjv.compile(full)));
  }
  return fn;
}

/** Plugin settings from the client configuration, validated against each plugin's settingsSchema (defaults applied). */
export function validateSettings(plugins: LoadedPlugin[], config: ResolvedConfig): Map<string, Record<string, any>> {
  const out = new Map<string, Record<string, any>>();
  for (const name of Object.keys(config.settings ?? {}))
    if (!plugins.some((p) => p.def.name === name)) throw Errors.config(`${config.file} at /settings/${name}: plugin "${name}" is not enabled`);
  for (const p of plugins) {
    const values = structuredClone(config.settings?.[p.def.name] ?? {});
    if (p.def.settingsSchema) {
      const fn = settingsValidator(p.def.settingsSchema);
      if (!fn(values)) {
        const e = fn.errors![0]!;
        const where = e.keyword === 'additionalProperties' ? `${e.instancePath}/${(e.params as any).additionalProperty}` : e.instancePath;
        throw Errors.config(
          `${config.file} at /settings/${p.def.name}${where}: ${e.keyword === 'additionalProperties' ? 'is not a setting of this plugin' : e.message}`,
        );
      }
    } else if (Object.keys(values).length) throw Errors.config(`${config.file} at /settings/${p.def.name}: plugin "${p.def.name}" has no settings`);
    out.set(p.def.name, values);
  }
  return out;
}

/** Hooks and actions of the enabled plugins, by entity key (names checked, action inputs checked, permissions resolved). */
export function collectHooksAndActions(plugins: LoadedPlugin[], entities: Map<string, EntityModel>) {
  const hooks = new Map<string, EntityHooks[]>();
  const actions = new Map<string, Map<string, ActionDefinition>>();
  const enabled = new Set(plugins.map((p) => p.def.name));
  // undefined: the entity belongs to an optional dependency that is switched off (skip it).
  const resolveKey = (p: LoadedPlugin, name: string, what: string): string | undefined => {
    const key = name.includes('.') ? name : `${p.def.name}.${name}`;
    const owner = key.split('.')[0]!;
    if (!entities.has(key) && !enabled.has(owner) && p.def.optionalDependsOn?.includes(owner)) return undefined;
    if (!entities.has(key)) throw Errors.config(`plugin "${p.def.name}" declares ${what} for unknown entity "${key}"`);
    return key;
  };
  for (const p of plugins) {
    for (const [name, h] of Object.entries(p.def.hooks ?? {})) {
      const key = resolveKey(p, name, 'hooks');
      if (!key) continue;
      const unknown = Object.keys(h).filter((k) => !(HOOK_NAMES as readonly string[]).includes(k));
      if (unknown.length)
        throw Errors.config(
          `plugin "${p.def.name}" declares unknown hook${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} on ${key} (hooks: ${HOOK_NAMES.join(', ')})`,
        );
      if (!hooks.has(key)) hooks.set(key, []);
      hooks.get(key)!.push(h);
    }
    for (const [name, acts] of Object.entries(p.def.actions ?? {})) {
      const key = resolveKey(p, name, 'actions');
      if (!key) continue;
      if (!actions.has(key)) actions.set(key, new Map());
      for (const [an, a] of Object.entries(acts)) {
        if (!/^[a-z][a-z0-9_]*$/.test(an)) throw Errors.config(`plugin "${p.def.name}": action name "${an}" must be lower snake_case`);
        if (RESERVED_ACTION_NAMES.includes(an)) throw Errors.config(`plugin "${p.def.name}": action name "${an}" is reserved`);
        // Compiled on the action's first run (data/actions.ts), not at start-up.
        if (a.input) checkSchema(a.input);
        actionPermission({ entities }, entities.get(key)!, an, a.permission); // refuses a permission naming no entity
        actions.get(key)!.set(an, a);
      }
    }
  }
  return { hooks, actions };
}

/** Row rules by their qualified name ("<plugin>.<name>"). */
export function collectRowRules(plugins: LoadedPlugin[]): Map<string, RowRule> {
  const rowRules = new Map<string, RowRule>();
  for (const p of plugins) for (const [name, fn] of Object.entries(p.def.rowRules ?? {})) rowRules.set(`${p.def.name}.${name}`, fn);
  return rowRules;
}

/** CLI commands by plugin, then command name (`tessera <plugin> <command>`). */
export function collectCommands(plugins: { def: LoadedPlugin['def'] }[]): Map<string, Map<string, CommandDefinition>> {
  const out = new Map<string, Map<string, CommandDefinition>>();
  for (const p of plugins) {
    const cmds = Object.entries(p.def.commands ?? {});
    if (!cmds.length) continue;
    for (const [name] of cmds)
      if (!/^[a-z][a-z0-9-]*$/.test(name)) throw Errors.config(`plugin "${p.def.name}": command name "${name}" must be lower kebab-case`);
    out.set(p.def.name, new Map(cmds));
  }
  return out;
}
