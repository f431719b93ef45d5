/**
 * Seeded records' titles in other languages (the plugins' seedTitles), one index for every
 * reader: /api/meta hands it to the admin UI (titleTranslations), exports write a reference's
 * title in the export's language from it.
 */
import type { PluginDefinition } from '../plugin-api/definition.js';

/** entity key -> locale -> title as stored -> title in that locale. */
export type TitleTranslations = Map<string, Record<string, Record<string, string>>>;

/** The plugins' seedTitles ({ entity: { title: { lt } } }) by entity key and locale. */
export function collectTitleTranslations(plugins: Pick<PluginDefinition, 'name' | 'seedTitles'>[]): TitleTranslations {
  const out: TitleTranslations = new Map();
  for (const p of plugins)
    for (const [name, titles] of Object.entries(p.seedTitles ?? {})) {
      const key = name.includes('.') ? name : `${p.name}.${name}`;
      const byLocale = out.get(key) ?? {};
      for (const [title, texts] of Object.entries(titles)) for (const [loc, text] of Object.entries(texts)) (byLocale[loc] ??= {})[title] = text;
      out.set(key, byLocale);
    }
  return out;
}

/** A stored title in the locale: its seeded translation, else as stored. */
export function translatedTitle(index: TitleTranslations | undefined, entity: string, title: string, locale: string): string {
  return index?.get(entity)?.[locale]?.[title] ?? title;
}

/** The other way round, for readers of a file (imports): a seeded title in any language -> the title as stored. */
export function storedTitles(index: TitleTranslations | undefined, entity: string): Map<string, string> | undefined {
  const byLocale = index?.get(entity);
  if (!byLocale) return undefined;
  const out = new Map<string, string>();
  for (const texts of Object.values(byLocale)) for (const [stored, text] of Object.entries(texts)) if (!out.has(text)) out.set(text, stored);
  return out;
}
