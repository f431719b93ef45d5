/**
 * The ajv instance that validates every request body and query string, with Tessera's
 * keywords (x-decimal for exact decimals, the declaration's x-* annotations), and the
 * mapping of ajv errors to field problems such as "lines/2/qty must be > 0".
 */
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { TesseraError, coreMessage, coreProblem, type FieldProblem } from '../errors.js';
import type { EntityModel } from '../entities/model.js';
import { LIMITS } from './limits.js';
import { precompiledValidator } from '../precompiled.js';
import { decimalProblem, decimalProblemMessage, type DecimalProblem, type DecimalRule, type LocalText, type Message } from '@tessera/contract';

const addFormats = (addFormatsModule as any).default ?? addFormatsModule;

/** Annotation keywords that appear in our schemas and must not trip ajv's strict mode. */
const ANNOTATIONS = [
  'x-ref',
  'x-ref-by',
  'x-children',
  'x-unique',
  'x-index',
  'x-precision',
  'x-scale',
  'x-decimal-precision',
  'x-decimal-scale',
  'x-naming',
  'x-submittable',
  'x-ui',
  'x-labels',
  'x-title-field',
  'x-search',
  'x-plural',
  'x-enum-labels',
  'x-hidden',
  'x-compute',
  'x-on-delete',
  'x-minimum',
  'x-maximum',
  'x-exclusive-minimum',
  'x-exclusive-maximum',
  'x-bigint',
  'x-renamed-from',
  'x-entity',
  'x-kind',
  'x-read-only',
  'x-secret',
  'x-url-schemes',
];

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** A calendar date YYYY-MM-DD that exists (no 2026-02-30) in years 1-9999 (PostgreSQL has no year 0). */
export function isDate(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && !leap(y) ? 28 : DAYS[mo - 1]!);
}

/** A time of day HH:MM[:SS[.ffffff]] (00:00 to 23:59:59.999999). */
export function isTime(s: unknown): boolean {
  return typeof s === 'string' && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$/.test(s);
}

/**
 * An ISO 8601 date-time that PostgreSQL takes as it is meant: an existing date, a valid time
 * and a time zone (Z or ±HH:MM). JavaScript's Date.parse accepts far more ("1", "2026-02-30").
 * `zone: 'optional'` also takes a bare date or a time without a zone (filters compare them in UTC).
 */
export function isDateTime(s: unknown, zone: 'required' | 'optional' = 'required'): boolean {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d|60)(\.\d{1,9})?)?(Z|z|[+-](?:0\d|1[0-5]):?[0-5]\d)?)?$/.exec(s);
  if (!m || !isDate(m[1])) return false;
  if (zone === 'required') return m[2] !== undefined && m[6] !== undefined;
  return true;
}

export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, coerceTypes: false, useDefaults: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addFormat('phone', /^\+?[0-9][0-9 ()\-.]{3,30}$/);
  ajv.addFormat('tessera-time', { type: 'string', validate: isTime });
  // Stricter than ajv-formats: what PostgreSQL would refuse is refused here, with the field's path.
  ajv.addFormat('date', { type: 'string', validate: isDate });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => isDateTime(s) });
  ajv.addFormat('decimal', /^-?\d+(\.\d+)?$/);
  ajv.addFormat('text', true);
  ajv.addFormat('json', true);
  ajv.addVocabulary(ANNOTATIONS);
  ajv.addKeyword({
    keyword: 'x-decimal',
    type: ['string', 'number'],
    schemaType: 'object',
    errors: true,
    validate: function decimalKeyword(this: unknown, rule: DecimalRule, data: string | number) {
      const problem = decimalProblem(data, rule);
      if (problem) {
        (decimalKeyword as any).errors = [{ keyword: 'x-decimal', message: decimalProblemMessage(problem), params: { problem } }];
        return false;
      }
      return true;
    },
  });
  return ajv;
}

const shared = createAjv();
const cache = new WeakMap<object, ValidateFunction>();

export function compile(schema: object): ValidateFunction {
  let fn = cache.get(schema);
  if (!fn) {
    fn = shared.compile(schema);
    cache.set(schema, fn);
  }
  return fn;
}

const draft7Schema = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json');
let draft7: ValidateFunction | undefined;
/**
 * Refuses a schema that is not valid JSON Schema (draft-07), as ajv's compile does, without
 * compiling it (the caller compiles it on first use). The compiled server brings the draft-07
 * validator precompiled; otherwise ajv's own is used (compiled on its first use, ~0.05 s).
 */
export function checkSchema(schema: object): void {
  draft7 ??= precompiledValidator('__tesseraSchemaValidator', draft7Schema) ?? (((s: unknown) => shared.validateSchema(s as object)) as ValidateFunction);
  if (!draft7(schema)) throw new Error(`schema is invalid: ${shared.errorsText(draft7.errors ?? shared.errors)}`);
}

function pathOf(instancePath: string): string {
  return instancePath.replace(/^\//, '').replace(/~1/g, '/').replace(/~0/g, '~');
}

function join(path: string, key: string): string {
  return path ? `${path}/${key}` : key;
}

const TYPE_LT: Record<string, string> = {
  string: 'tekstas',
  integer: 'sveikasis skaičius',
  number: 'skaičius',
  boolean: 'taip arba ne',
  object: 'objektas',
  array: 'sąrašas',
  null: 'tuščia',
};
const FORMAT_TEXT: Record<string, LocalText> = {
  'tessera-time': { en: 'time (HH:MM or HH:MM:SS)', lt: 'laikas (HH:MM arba HH:MM:SS)' },
  uri: { en: 'URL', lt: 'URL adresas' },
  date: { en: 'date (YYYY-MM-DD)', lt: 'data (YYYY-MM-DD)' },
  'date-time': { en: 'date-time (ISO 8601 with a time zone)', lt: 'data ir laikas (ISO 8601 su laiko juosta)' },
  email: { en: 'email', lt: 'el. pašto adresas' },
  phone: { en: 'phone', lt: 'telefono numeris' },
};
const COMPARISON_LT: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

function typeText(types: string[]): LocalText {
  return { en: types.join(' or '), lt: types.map((t) => TYPE_LT[t] ?? t).join(' arba ') };
}

/** A decimal problem (the contract's bounds) as a catalogued field-problem message. */
export function decimalMessage(p: DecimalProblem): Message {
  switch (p.code) {
    case 'decimal':
      return coreMessage('decimal');
    case 'scale':
      return p.scale === 1 ? coreMessage('decimal_scale_one') : coreMessage('decimal_scale', { scale: p.scale });
    case 'digits':
      return coreMessage('decimal_digits', { digits: p.digits });
    case 'min':
      return coreMessage('compare', { comparison: { en: '>=', lt: '≥' }, limit: p.min });
    case 'max':
      return coreMessage('compare', { comparison: { en: '<=', lt: '≤' }, limit: p.max });
    case 'exclusiveMin':
      return coreMessage('compare', { comparison: '>', limit: p.min });
    case 'exclusiveMax':
      return coreMessage('compare', { comparison: '<', limit: p.max });
  }
}

/** ajv errors -> one problem per field, with messages a person can act on (catalogued: key + params). */
export function toProblems(errors: ErrorObject[] | null | undefined, entityLabel?: string | LocalText): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'if') continue; // the failing branch reports the real problem
    let path = pathOf(e.instancePath);
    let m: Message;
    const params = e.params as Record<string, any>;
    switch (e.keyword) {
      case 'required':
        path = join(path, params.missingProperty);
        m = coreMessage('required');
        break;
      case 'additionalProperties':
        path = join(path, params.additionalProperty);
        m = entityLabel && !path.includes('/') ? coreMessage('not_a_field_of', { entity: entityLabel }) : coreMessage('not_a_field');
        break;
      case 'type': {
        const types = String(params.type).split(',');
        m = types.includes('null')
          ? coreMessage('type_or_null', { type: typeText(types.filter((t) => t !== 'null')) })
          : coreMessage('type', { type: typeText(types) });
        break;
      }
      case 'enum':
        m = coreMessage('enum', {
          values: (params.allowedValues as unknown[])
            .filter((v) => v !== null)
            .map((v) => JSON.stringify(v))
            .join(', '),
        });
        break;
      case 'format':
        m = coreMessage('format', { format: FORMAT_TEXT[params.format] ?? String(params.format) });
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        m = coreMessage('compare', { comparison: { en: params.comparison, lt: COMPARISON_LT[params.comparison] ?? params.comparison }, limit: params.limit });
        break;
      case 'maxLength':
        m = coreMessage('max_length', { limit: params.limit });
        break;
      case 'minLength':
        m = params.limit === 1 ? coreMessage('not_empty') : coreMessage('min_length', { limit: params.limit });
        break;
      case 'minItems':
        m = params.limit === 1 ? coreMessage('min_items_one') : coreMessage('min_items', { limit: params.limit });
        break;
      case 'maxItems':
        m = coreMessage('max_items', { limit: params.limit });
        break;
      case 'pattern':
        m = coreMessage('pattern', { pattern: params.pattern });
        break;
      case 'x-decimal':
        m = (params.problem as DecimalProblem | undefined) ? decimalMessage(params.problem) : { key: '', message: e.message ?? 'is invalid' };
        break;
      default:
        m = e.message ? { key: '', message: e.message } : coreMessage('invalid');
    }
    const key = `${path}|${m.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message: m.message, code: e.keyword, ...(m.key ? { key: m.key } : {}), ...(m.params ? { params: m.params } : {}) });
  }
  return out;
}

/**
 * Lines per line-item collection, checked before the body is validated line by line (and
 * long before anything is written): a declaration's maxItems, else LIMITS.linesPerDocument.
 */
export function checkLineCounts(e: EntityModel, body: unknown): void {
  if (!body || typeof body !== 'object') return;
  for (const c of e.children) {
    const lines = (body as Record<string, unknown>)[c.name];
    const max = c.maxItems ?? LIMITS.linesPerDocument;
    if (Array.isArray(lines) && lines.length > max)
      throw new TesseraError('TOO_MANY_LINES', 422, `${c.name} has ${lines.length} lines; a ${e.label} takes at most ${max}: split it into several documents`, [
        { ...coreProblem(c.name, 'max_lines', { max }), code: 'maxItems' },
      ]);
  }
}
