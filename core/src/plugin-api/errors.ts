/**
 * Errors plugins and the core throw: a TesseraError carries a stable code from a catalogue, an
 * HTTP status and a message that tells the caller what to fix; `details` carries per-field
 * problems ({ path: 'lines/2/qty', message: 'must be > 0' }) so the admin UI can put each one
 * on its field. Each area (the core, every plugin) declares its codes once with defineErrors,
 * like Fastify's lib/errors.js; a test fails on a thrown code that no catalogue lists, and
 * docs/api.md lists them all.
 *
 * Messages are data: an area declares message templates ("sales order {number} is {status}")
 * in English and Lithuanian next to its codes, and a throw site passes a template's key and its
 * parameters (`errors.t('order_not_submitted', { number, status })`). The error keeps the key
 * and the parameters; the core's error handler renders the message in the request user's
 * language and the admin UI re-renders it in its own (`/api/meta` carries the templates).
 * TypeScript checks that a throw site passes every parameter its template names.
 */
import {
  fillTemplate,
  type FieldProblem,
  type LocalText,
  type Message,
  type MessageParams,
  type MessageTemplates,
  type TemplateParams,
} from '@tessera/contract';

export type { FieldProblem, LocalText, Message, MessageParams };

export type Lang = 'en' | 'lt';

/** Every registered template, by its full key ("core.required", "sales.order_not_submitted"). */
const TEMPLATES: MessageTemplates = Object.create(null);

/** Registers an area's templates under "<area>.<key>" (defineErrors does it; idempotent). */
export function registerMessages(area: string, templates: MessageTemplates): void {
  for (const [k, v] of Object.entries(templates)) TEMPLATES[`${area}.${k}`] = { en: v.en, lt: v.lt };
}

/** A copy of every registered template (served in /api/meta for the admin UI). */
export function messageTemplates(): MessageTemplates {
  return { ...TEMPLATES };
}

/** A template key rendered in a language; undefined for an unknown key. */
export function renderMessage(key: string, params: MessageParams | undefined, lang: Lang): string | undefined {
  const t = TEMPLATES[key];
  return t ? fillTemplate(t[lang] ?? t.en, params, lang) : undefined;
}

/** A message by full key with its parameters, rendered in English now. */
export function message(key: string, params?: MessageParams): Message {
  const en = renderMessage(key, params, 'en');
  if (en === undefined) throw new Error(`message key ${key} is not in any catalogue`);
  return params ? { key, params, message: en } : { key, message: en };
}

const isMessage = (m: unknown): m is Message => !!m && typeof m === 'object' && typeof (m as Message).key === 'string';

/** How an error's message is made of its problems when it has no template of its own. */
export type ProblemJoin = 'space' | 'colon';

function joinProblems(details: FieldProblem[], join: ProblemJoin): string {
  return join === 'space' ? details.map((d) => `${d.path || '(body)'} ${d.message}`).join('; ') : details.map((d) => `${d.path}: ${d.message}`).join('; ');
}

export class TesseraError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: FieldProblem[];
  /** The message template's key and parameters, when the message came from a catalogue. */
  readonly key?: string;
  readonly params?: MessageParams;
  /** Set when the message is the problems joined (re-joined in each language). */
  readonly joined?: ProblemJoin;
  constructor(code: string, status: number, message: string | Message, details?: FieldProblem[], joined?: ProblemJoin) {
    super(isMessage(message) ? message.message : message);
    this.name = 'TesseraError';
    this.code = code;
    this.status = status;
    this.details = details;
    if (isMessage(message)) {
      this.key = message.key;
      if (message.params) this.params = message.params;
    }
    // A message that is its problems joined ("path: message; ...") is re-joined in each language.
    const join =
      joined ??
      (typeof message === 'string' && details?.length
        ? message === joinProblems(details, 'colon')
          ? 'colon'
          : message === joinProblems(details, 'space')
            ? 'space'
            : undefined
        : undefined);
    if (join) this.joined = join;
  }
  toJSON() {
    return {
      error: {
        code: this.code,
        status: this.status,
        message: this.message,
        ...(this.key ? { key: this.key } : {}),
        ...(this.params ? { params: this.params } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
  /** The JSON body with the message and every problem rendered in a language. */
  toJSONIn(lang: Lang) {
    const body = this.toJSON();
    if (lang === 'en') return body;
    const details = this.details?.map((d) => (d.key ? { ...d, message: renderMessage(d.key, d.params, lang) ?? d.message } : d));
    let text = this.message;
    if (this.key) text = renderMessage(this.key, this.params, lang) ?? text;
    else if (this.joined && details) text = joinProblems(details, this.joined);
    return { error: { ...body.error, message: text, ...(details ? { details } : {}) } };
  }
}

/** A problem-joined error (VALIDATION_FAILED and the plugins' 422s with several problems). */
export function problemsJoined(code: string, status: number, details: FieldProblem[], join: ProblemJoin): TesseraError {
  return new TesseraError(code, status, joinProblems(details, join), details, join);
}

/** One catalogued error: its status and what it means, in English and Lithuanian. */
export interface ErrorEntry {
  status: number;
  en: string;
  lt: string;
}

export type ErrorCatalogue = Record<string, ErrorEntry>;

type Text = { en: string; lt: string };
type ParamsOf<T extends Text> = TemplateParams<T['en']> | TemplateParams<T['lt']>;
/** A template without placeholders takes no parameters; one with placeholders takes each of them. */
export type ParamArgs<T extends Text> = [ParamsOf<T>] extends [never] ? [] : [params: Record<ParamsOf<T>, string | number | LocalText>];

/** A catalogue with a typed factory: E.error(code, E.t(key, params), details?). */
export interface DefinedErrors<C extends ErrorCatalogue, M extends MessageTemplates = Record<never, Text>> {
  readonly area: string;
  readonly codes: C;
  /** The area's message templates (keys without the area). */
  readonly messages: M;
  /** The error of a code, with a message for this case (it says what to fix) and field problems. */
  error(code: keyof C & string, message?: string | Message, details?: FieldProblem[]): TesseraError;
  /** A message of this area's catalogue with its parameters (TypeScript checks they are all given). */
  t<K extends keyof M & string>(key: K, ...params: ParamArgs<M[K]>): Message;
  /** A field problem with a catalogued message: { path, message, key, params }. */
  problem<K extends keyof M & string>(path: string, key: K, ...params: ParamArgs<M[K]>): FieldProblem;
}

/** Declares an area's error codes (area: 'core' or a plugin name) and its message templates. */
export function defineErrors<const C extends ErrorCatalogue, const M extends MessageTemplates = Record<never, Text>>(
  area: string,
  codes: C,
  messages?: M,
): DefinedErrors<C, M> {
  for (const [code, e] of Object.entries(codes)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(code)) throw new Error(`error code "${code}" of ${area} must be UPPER_SNAKE_CASE`);
    if (e.status < 400 || e.status > 599) throw new Error(`error code ${code} of ${area} has status ${e.status}, not 4xx/5xx`);
  }
  // A code's meaning is its default message ("<area>.<CODE>").
  registerMessages(area, Object.fromEntries(Object.entries(codes).map(([c, e]) => [c, { en: e.en, lt: e.lt }])));
  if (messages) registerMessages(area, messages);
  const t = (key: string, params?: MessageParams) => message(`${area}.${key}`, params);
  return {
    area,
    codes,
    messages: (messages ?? {}) as M,
    error: (code, msg, details) => new TesseraError(code, codes[code]!.status, msg ?? message(`${area}.${code}`), details),
    t: ((key: string, params?: MessageParams) => t(key, params)) as DefinedErrors<C, M>['t'],
    problem: ((path: string, key: string, params?: MessageParams) => ({ path, ...t(key, params) })) as DefinedErrors<C, M>['problem'],
  };
}
