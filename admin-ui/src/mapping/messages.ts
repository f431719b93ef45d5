/**
 * The server's message catalogue in the UI: every error and field problem carries a template
 * key and its parameters (`/api/meta` carries the templates, EN and LT), so a message is shown
 * in the UI's current language and follows a language switch without a reload.
 */
import type { MessageParams, MessageTemplates } from '@tessera/contract';

/** The polyglot key of a server template ("sales.order_missing" -> "tessera.msg.sales.order_missing"). */
export const messageKey = (key: string) => `tessera.msg.${key}`;

/** A template as polyglot writes it in a language: "{id}" -> "%{id}" (English) or "%{id__lt}" (Lithuanian). */
export function polyglotTemplate(template: string, locale: string): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => (locale === 'lt' ? `%{${name}__lt}` : `%{${name}}`));
}

/** The templates as nested polyglot messages ({ tessera: { msg: { sales: { order_missing: '...' } } } }). */
export function messageCatalog(templates: MessageTemplates | undefined, locale: string): Record<string, unknown> {
  const msg: Record<string, unknown> = {};
  for (const [key, t] of Object.entries(templates ?? {})) {
    const parts = key.split('.');
    let node = msg;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = polyglotTemplate(locale === 'lt' ? t.lt || t.en : t.en, locale);
  }
  return { tessera: { msg } };
}

/** The parameters as polyglot arguments: a text given in both languages fills "x" (EN) and "x__lt" (LT). */
export function messageArgs(params: MessageParams | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v !== null && typeof v === 'object') {
      out[k] = v.en;
      out[`${k}__lt`] = v.lt ?? v.en;
    } else {
      out[k] = v;
      out[`${k}__lt`] = v;
    }
  }
  return out;
}

/** A message rendered in a language from the templates; undefined for an unknown key. */
export function renderServerMessage(templates: MessageTemplates | undefined, key: string | undefined, params: MessageParams | undefined, locale: string) {
  const t = key ? templates?.[key] : undefined;
  if (!t) return undefined;
  const template = locale === 'lt' ? t.lt || t.en : t.en;
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (all, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) return all;
    return typeof v === 'object' ? (locale === 'lt' ? v.lt : v.en) : String(v);
  });
}
