/** Finding an entity model by key, line-item entities included ("plugin.document.collection"). */
import type { EntityModel } from './model.js';

/** An entity or a line-item entity by key. */
export function lookupEntity(registry: { entities: Map<string, EntityModel> }, key: string): EntityModel | undefined {
  const top = registry.entities.get(key);
  if (top) return top;
  for (const e of registry.entities.values()) for (const c of e.children) if (c.child!.key === key) return c.child!;
  return undefined;
}
