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

const asText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/**
 * The one title of a record wherever it is shown (list title cells, reference cells, board
 * cards, report cells, search results, pickers, record pages, exports read the same seedTitles
 * on the server): the seeded translation in the locale, else the stored title (formatted by
 * `format` when given), else "#id".
 */
export function recordTitle(
  entity: Pick<MetaEntity, 'titleTranslations' | 'titleField'>,
  record: Record<string, unknown> | undefined,
  locale: string,
  format: (value: unknown) => string = asText,
): string {
  if (!record) return '';
  const value = record[entity.titleField];
  return seededTitle(entity, value, locale) || format(value) || `#${asText(record.id)}`;
}

/** A title already read (a search hit, a report's name column) in the locale: the seeded translation, else as given. */
export const titleText = (entity: Pick<MetaEntity, 'titleTranslations'> | undefined, title: unknown, locale: string): string =>
  (entity && seededTitle(entity, title, locale)) || asText(title);

/** What messages call a record: "Quotation QTN-2026-00012" (the entity and the record's title, seeded ones translated). */
export function recordName(e: MetaEntity, record: Record<string, unknown> | undefined, locale: string): string {
  return `${entityTitle(e, locale)} ${recordTitle(e, record, locale) || `#${asText(record?.id)}`}`;
}
