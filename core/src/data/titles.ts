/**
 * Seeded records' titles in other languages (the plugins' seedTitles), one index for every
 * reader: /api/meta hands it to the admin UI (titleTranslations), exports write a reference's
 * title in the export's language from it, imports and search read it back, the studio's plan
 * compares two of them.
 */
import type { PluginDefinition } from '../plugin-api/definition.js';

/** entity key -> locale -> title as stored -> title in that locale. */
export type TitleTranslations = Map<string, Record<string, Record<string, string>>>;

/** What the titles are read from: the plugins, their resolved settings and the configuration. */
export interface TitleSource {
  plugins: Pick<PluginDefinition, 'name' | 'seedTitles' | 'settingsTitles'>[];
  settings?: Map<string, Record<string, any>>;
  config?: { customizations?: Record<string, { titles?: Record<string, Record<string, string>> }> };
}

/**
 * The index by entity key and locale, in layers, each over the one before: the plugins'
 * seedTitles ({ entity: { title: { lt } } }), then what their settings give (settingsTitles:
 * a stage's labels.lt), then the configuration's customizations.<entity>.titles.
 */
export function collectTitleTranslations(src: TitleSource): TitleTranslations {
  const out: TitleTranslations = new Map();
  const lay = (plugin: string, source: Record<string, Record<string, Record<string, string>>> | undefined) => {
    for (const [name, titles] of Object.entries(source ?? {})) {
      const key = name.includes('.') || !plugin ? name : `${plugin}.${name}`;
      const byLocale = out.get(key) ?? {};
      for (const [title, texts] of Object.entries(titles)) for (const [loc, text] of Object.entries(texts)) if (text) (byLocale[loc] ??= {})[title] = text;
      out.set(key, byLocale);
    }
  };
  for (const p of src.plugins) lay(p.name, p.seedTitles);
  for (const p of src.plugins) if (p.settingsTitles) lay(p.name, p.settingsTitles(src.settings?.get(p.name) ?? {}));
  for (const [key, c] of Object.entries(src.config?.customizations ?? {})) if (c?.titles) lay('', { [key]: c.titles });
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
