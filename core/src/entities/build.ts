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
  type RawDeclaration,
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
  const enabled = new Set(plugins.map((p) => p.def.name));
  for (const p of plugins) {
    for (const file of p.entityFiles) {
      let raw = readDeclarationFile(p.def.name, file);
      validateDeclaration(raw);
      raw = dropReferencesToDisabled(raw, p.def, enabled);
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

/**
 * A reference into an optional dependency (optionalDependsOn) that is switched off keeps its
 * column as a plain id (bigint, no foreign key): the entity still loads, rows made while the
 * plugin was on keep their values, and the reference (with its foreign key) comes back when
 * the plugin is enabled again. A reference to any other missing plugin stays an error.
 */
function dropReferencesToDisabled(decl: RawDeclaration, def: PluginDefinition, enabled: Set<string>): RawDeclaration {
  const optional = def.optionalDependsOn ?? [];
  const inactive = (p: Record<string, any>) => {
    const ref = p['x-ref'];
    if (typeof ref !== 'string' || !ref.includes('.')) return false;
    const owner = ref.split('.')[0]!;
    return optional.includes(owner) && !enabled.has(owner);
  };
  const props = (o: Record<string, any>) => Object.values(o ?? {}) as Record<string, any>[];
  const all = props(decl.json.properties);
  const hit = [...all, ...all.flatMap((p) => (p['x-children'] ? props(p.items?.properties) : []))].some(inactive);
  if (!hit) return decl;
  const json = structuredClone(decl.json);
  const strip = (o: Record<string, any>) => {
    for (const p of props(o)) {
      if (inactive(p)) {
        delete p['x-ref'];
        delete p['x-on-delete'];
        p['x-bigint'] = true;
      } else if (p['x-children']) strip(p.items?.properties);
    }
  };
  strip(json.properties);
  return { ...decl, json };
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
