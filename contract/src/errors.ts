/** The JSON body of every error answer: a stable code from a catalogue, a message, field problems. */

/** A text in each language (a label, a status name) given as a parameter. */
export interface LocalText {
  en: string;
  lt: string;
}

/** Values a message template fills in ("{number}"); a LocalText is filled in the message's language. */
export type MessageParams = Record<string, string | number | LocalText>;

/** A message as data: its catalogue key, its parameters and its English rendering. */
export interface Message {
  /** The catalogue key of the template ("sales.order_not_submitted", "core.required"). */
  key: string;
  params?: MessageParams;
  /** The template rendered in English (what logs and callers without a language read). */
  message: string;
}

/** One problem with one field: path "lines/2/qty", a message that says what to fix. */
export interface FieldProblem {
  path: string;
  message: string;
  /** A machine-readable kind of problem (e.g. "stale", "url-scheme"). */
  code?: string;
  /** The message's catalogue key and parameters: a client renders it in its own language. */
  key?: string;
  params?: MessageParams;
}

export interface ErrorBody {
  error: { code: string; message: string; key?: string; params?: MessageParams; details?: FieldProblem[] };
}

/** Message templates by key, in English and Lithuanian ("{param}" placeholders). */
export type MessageTemplates = Record<string, { en: string; lt: string }>;

/** The names of a template's placeholders: "order {number} is {status}" -> number | status. */
export type TemplateParams<S extends string> = S extends `${string}{${infer P}}${infer R}` ? P | TemplateParams<R> : never;

/** The placeholders of a template, in order of appearance. */
export function templateParams(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!);
}

/** A template with its placeholders filled in, in a language (an unknown placeholder stays as written). */
export function fillTemplate(template: string, params: MessageParams | undefined, lang = 'en'): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (all, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) return all;
    if (typeof v === 'object') return (lang === 'lt' ? v.lt : v.en) ?? v.en;
    return String(v);
  });
}
