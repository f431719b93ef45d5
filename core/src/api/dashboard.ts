/**
 * Dashboard widgets and the viewer's permissions: a widget is computed only for a viewer who may
 * read every entity it reads and see every field it uses (DashboardWidget.reads); for anyone
 * else it answers 403 and is not offered in /api/meta. Rows are limited by the widget's own SQL
 * through rowFilter.
 */
import type { DataService } from '../data/service.js';
import { SYSTEM_USER } from '../data/service.js';
import { Errors } from '../errors.js';
import type { CurrentUser, DashboardWidget, PluginDefinition } from '../plugin-api/index.js';

/**
 * The enabled plugins' widgets, ids prefixed with the plugin. A widget that does not declare
 * what it reads, or names an entity or field that does not exist, stops the start-up.
 */
export function collectWidgets(service: DataService, plugins: PluginDefinition[]): DashboardWidget[] {
  const out: DashboardWidget[] = [];
  for (const p of plugins)
    for (const w of p.dashboard ?? []) {
      const where = `plugin "${p.name}", dashboard widget "${w.id}"`;
      if (!w.reads || typeof w.reads !== 'object') throw Errors.config(`${where}: declare "reads" (every entity the widget reads, with the fields it uses)`);
      for (const [key, fields] of Object.entries(w.reads)) {
        const e = service.registry.entities.get(key);
        if (!e) {
          // A widget over a plugin that is not enabled is simply not offered.
          if (service.registry.platform.model?.plugins.has(key.split('.')[0]!)) throw Errors.config(`${where}: reads unknown entity "${key}"`);
          continue;
        }
        for (const f of fields) {
          try {
            service.fieldVisible(SYSTEM_USER, e, f);
          } catch (err) {
            throw Errors.config(`${where}: ${(err as Error).message}`);
          }
        }
      }
      const link = w.link && 'report' in w.link && !w.link.report.includes('.') ? { ...w.link, report: `${p.name}.${w.link.report}` } : w.link;
      if (link && 'report' in link && !(p.reports ?? []).some((r) => `${p.name}.${r.id}` === link.report) && link.report.startsWith(`${p.name}.`))
        throw Errors.config(`${where}: links to unknown report "${link.report}"`);
      out.push({ ...w, id: `${p.name}.${w.id}`, ...(link ? { link } : {}) });
    }
  return out;
}

/** 403 (FORBIDDEN / FIELD_HIDDEN) unless the viewer may see everything the widget is computed from. */
export function assertWidgetReadable(service: DataService, user: CurrentUser, w: DashboardWidget): void {
  service.assertReadable(user, service.entity(w.entity), []);
  for (const [key, fields] of Object.entries(w.reads)) service.assertReadable(user, service.entity(key), fields);
}

export function widgetReadable(service: DataService, user: CurrentUser, w: DashboardWidget): boolean {
  // a personal widget (declared for some roles) is offered to those roles only
  if (w.roles?.length && !user.isAdmin && !w.roles.some((r) => user.roles.includes(r))) return false;
  if (!service.registry.entities.has(w.entity) || Object.keys(w.reads).some((k) => !service.registry.entities.has(k))) return false;
  try {
    assertWidgetReadable(service, user, w);
    return true;
  } catch {
    return false;
  }
}

/** The widget's query context for the viewer. */
export function widgetContext(service: DataService, user: CurrentUser): Parameters<DashboardWidget['query']>[0] {
  return {
    sql: async (text, params = []) => (await service.db.query(text, params)).rows as any,
    config: service.registry.config,
    user,
    rowFilter: (key, alias, param, action = 'read') => service.rowFilter(user, service.entity(key), alias, param, action),
    canSeeField: (key, field) => service.fieldVisible(user, service.entity(key), field),
  };
}
