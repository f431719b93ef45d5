/**
 * English and Lithuanian: react-admin's messages, the UI's own, and the resource names
 * and field labels from the metadata (rebuilt when the metadata loads).
 */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { I18nProvider, TranslationMessages } from 'ra-core';
import { raLithuanian } from './ra.lt.js';
import { tesseraEn } from './tessera.en.js';
import { tesseraLt } from './tessera.lt.js';
import { resourceMessages } from '../mapping/resources.js';
import { metaStore } from '../providers/metaStore.js';
import { uiLocale } from '../providers/locale.js';
import { messageCatalog } from '../mapping/messages.js';

export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'lt', name: 'Lietuvių' },
];

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function merge(...sources: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of sources) for (const [k, v] of Object.entries(s)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

export function messagesFor(locale: string): TranslationMessages {
  const base = locale === 'lt' ? merge(raLithuanian, tesseraLt) : merge(englishMessages, tesseraEn);
  const meta = metaStore.get();
  return merge(base, meta ? resourceMessages(meta, locale) : {}, messageCatalog(meta?.messages, locale)) as TranslationMessages;
}

export function supportedLocale(candidate: string | undefined): string {
  const short = (candidate ?? '').slice(0, 2).toLowerCase();
  return LOCALES.some((l) => l.locale === short) ? short : 'en';
}

export function createI18nProvider(initialLocale: string): I18nProvider {
  let locale = supportedLocale(initialLocale);
  uiLocale.set(locale);
  const build = () => polyglotI18nProvider(messagesFor, locale, LOCALES, { allowMissing: true });
  let inner = build();
  metaStore.subscribe(() => {
    inner = build();
  });
  return {
    translate: (key, options) => inner.translate(key, options),
    changeLocale: async (next) => {
      locale = supportedLocale(next);
      uiLocale.set(locale);
      inner = build();
    },
    getLocale: () => locale,
    getLocales: () => LOCALES,
  };
}
