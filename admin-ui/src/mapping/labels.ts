/** Labels in the current locale: the `labels` map of the metadata, falling back to the declared (English) text. */
import type { MetaAction, MetaChoice, MetaDashboardWidget, MetaEntity, MetaField, MetaPlugin } from '../meta/types.js';

const pick = (labels: Record<string, string> | undefined, locale: string, fallback: string): string => labels?.[locale] || fallback;

export const entityTitle = (e: MetaEntity, locale: string): string => e.labels?.[locale]?.title || e.label;
export const entityPlural = (e: MetaEntity, locale: string): string =>
  e.labels?.[locale]?.plural || (e.labels?.[locale]?.title ? e.labels[locale]!.title! : e.plural);
export const fieldLabel = (f: MetaField, locale: string): string => pick(f.labels, locale, f.label);
export const choiceLabel = (c: MetaChoice, locale: string): string => pick(c.labels, locale, c.name);
export const pluginLabel = (p: MetaPlugin, locale: string): string => pick(p.labels, locale, p.label);
export const actionLabel = (a: MetaAction, locale: string): string => pick(a.labels, locale, a.label);
export const widgetLabel = (w: MetaDashboardWidget, locale: string): string => pick(w.labels, locale, w.label);

/** Material icon names are snake_case ligatures ("inventory_2"); anything else falls back to a neutral icon. */
export function iconName(name: string | undefined, fallback = 'folder'): string {
  return name && /^[a-z0-9_]+$/.test(name) ? name : fallback;
}

/** A seeded record's title in the locale (the plugin's seedTitles, via /api/meta), else the title as stored. */
export function seededTitle(entity: Pick<MetaEntity, 'titleTranslations'>, title: unknown, locale: string): string | undefined {
  if (typeof title !== 'string') return undefined;
  return entity.titleTranslations?.[locale]?.[title];
}

/** What messages call a record: "Quotation QTN-2026-00012" (the entity and the record's title, seeded ones translated). */
export function recordName(e: MetaEntity, record: Record<string, unknown> | undefined, locale: string): string {
  const title = record ? seededTitle(e, record[e.titleField], locale) || String(record[e.titleField] ?? '') : '';
  return `${entityTitle(e, locale)} ${title || `#${String(record?.id ?? '')}`}`;
}
