/**
 * The entity models of the enabled plugins: read, validate, extend (extendEntities), customize
 * (the client's configuration) and normalize every declaration, then check the graph across
 * entities.
 */
import { Errors } from '../errors.js';
import {
  applyCustomization,
  checkEntityGraph,
  extendDeclaration,
  normalizeDeclaration,
  readDeclarationFile,
  validateDeclaration,
  type EntityExtension,
} from './declarations.js';
import type { EntityModel } from './model.js';
import type { PluginDefinition, ResolvedConfig } from '../plugin-api/index.js';

/** What the model builder needs of a loaded plugin. */
export interface PluginEntities {
  def: PluginDefinition;
  entityFiles: string[];
}

/** Reads, validates, customizes and normalizes every enabled plugin's entities. */
export function buildModels(plugins: PluginEntities[], config: ResolvedConfig, knownPlugins: string[] = []): Map<string, EntityModel> {
  const entities = new Map<string, EntityModel>();
  const seenCustomizations = new Set<string>();
  const extensions = collectExtensions(plugins);
  for (const p of plugins) {
    for (const file of p.entityFiles) {
      let raw = readDeclarationFile(p.def.name, file);
      validateDeclaration(raw);
      const key = `${p.def.name}.${raw.json.name}`;
      if (entities.has(key)) throw Errors.declaration(file, '/name', `entity "${key}" is declared twice`);
      const ext = extensions.get(key);
      if (ext) {
        raw = extendDeclaration(raw, ext);
        validateDeclaration(raw);
        extensions.delete(key);
      }
      const custom = config.customizations?.[key];
      if (custom) seenCustomizations.add(key);
      const customized = applyCustomization(raw, custom, config.file);
      if (custom) validateDeclaration(customized);
      entities.set(key, normalizeDeclaration(customized));
    }
  }
  for (const [key, ext] of extensions) throw Errors.config(`plugin "${ext[0]!.plugin}" extends unknown entity "${key}"`);
  for (const key of Object.keys(config.customizations ?? {}))
    if (!seenCustomizations.has(key)) throw Errors.config(`${config.file} at /customizations/${key}: no enabled plugin declares the entity "${key}"`);
  checkEntityGraph(
    entities,
    knownPlugins.filter((p) => !plugins.some((l) => l.def.name === p)),
  );
  return entities;
}

/** Entity extensions (extendEntities) by target key; those on an optional dependency that is off are dropped. */
function collectExtensions(plugins: PluginEntities[]): Map<string, EntityExtension[]> {
  const enabled = new Set(plugins.map((p) => p.def.name));
  const out = new Map<string, EntityExtension[]>();
  for (const p of plugins) {
    for (const [key, ext] of Object.entries(p.def.extendEntities ?? {})) {
      const owner = key.split('.')[0]!;
      if (!enabled.has(owner)) {
        if (p.def.optionalDependsOn?.includes(owner)) continue;
        throw Errors.config(`plugin "${p.def.name}" extends "${key}" but the plugin "${owner}" is not enabled (list it in dependsOn or optionalDependsOn)`);
      }
      if (!out.has(key)) out.set(key, []);
      out.get(key)!.push({ plugin: p.def.name, ...ext });
    }
  }
  return out;
}
