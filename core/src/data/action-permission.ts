/**
 * The permission an action checks: its declared `permission` ("<entity key>.<action>", e.g.
 * "production.bom.update", or a bare action name on the action's own entity), else the action's
 * own name on its entity. The route, GET /api/meta (`allowed`) and the loader use this one rule.
 */
import type { EntityModel } from '../entities/model.js';
import { lookupEntity } from '../entities/lookup.js';
import { Errors } from '../errors.js';

export interface ActionPermission {
  entity: EntityModel;
  action: string;
}

export function actionPermission(registry: { entities: Map<string, EntityModel> }, e: EntityModel, name: string, permission?: string): ActionPermission {
  if (!permission) return { entity: e, action: name };
  const dot = permission.lastIndexOf('.');
  if (dot < 0) return { entity: e, action: permission };
  const target = lookupEntity(registry, permission.slice(0, dot));
  if (!target)
    throw Errors.config(
      `action "${name}" of ${e.key} checks the permission "${permission}", but no enabled entity is "${permission.slice(0, dot)}" (write "<entity key>.<action>" or an action name)`,
    );
  return { entity: target, action: permission.slice(dot + 1) };
}
