/**
 * The menu: entities grouped by plugin, in the plugins' and the entities' declared order: the
 * daily lists and documents first, then the plugin's reports, then its set-up lists
 * (x-ui.setup: units, stages, lost reasons...) under a Settings heading.
 */
import type { Meta, MetaEntity } from '../meta/types.js';
import { entityPlural, iconName, pluginLabel } from './labels.js';
import { reportMenuItems } from './reports.js';

export interface MenuGroup {
  plugin: string;
  label: string;
  icon: string;
  items: MenuItem[];
}

export type MenuSection = 'daily' | 'report' | 'setup';
export interface MenuItem {
  resource: string;
  label: string;
  icon: string;
  section: MenuSection;
}

export function menuGroups(meta: Meta, locale: string): MenuGroup[] {
  const groups: MenuGroup[] = [];
  for (const p of meta.plugins) {
    const lists = meta.entities
      .filter((e) => e.plugin === p.name && e.menu && e.permissions.read !== false)
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
    const item = (e: MetaEntity, section: MenuSection): MenuItem => ({
      resource: e.key,
      label: entityPlural(e, locale),
      icon: iconName(e.icon, 'table_rows'),
      section,
    });
    const items: MenuItem[] = [
      ...lists.filter((e) => !e.setup).map((e) => item(e, 'daily')),
      ...reportMenuItems(meta, p.name, locale).map((r) => ({ ...r, section: 'report' as const })),
      ...lists.filter((e) => e.setup).map((e) => item(e, 'setup')),
    ];
    if (items.length) groups.push({ plugin: p.name, label: pluginLabel(p, locale), icon: iconName(p.icon, 'extension'), items });
  }
  return groups;
}

export function entityByKey(meta: Meta | undefined, key: string | undefined): MetaEntity | undefined {
  return key ? meta?.entities.find((e) => e.key === key) : undefined;
}

/** Translation messages of the resources for react-admin (page titles, buttons, notifications). */
export function resourceMessages(meta: Meta, locale: string): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  for (const e of meta.entities) {
    const [plugin, name] = [e.plugin, e.name];
    const title = e.labels?.[locale]?.title || e.label;
    const plural = e.labels?.[locale]?.plural || e.labels?.[locale]?.title || e.plural;
    const byPlugin = (resources[plugin] ??= {}) as Record<string, unknown>;
    byPlugin[name] = {
      // Lithuanian has three plural forms (1 / 2-9 / 10-20); the declared plural serves both.
      name: locale === 'lt' ? `${title} |||| ${plural} |||| ${plural}` : `${title} |||| ${plural}`,
      fields: Object.fromEntries(e.fields.map((f) => [f.name, f.labels?.[locale] || f.label])),
    };
  }
  return { resources };
}
