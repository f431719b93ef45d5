/**
 * JSON Schemas derived from the entity model: request bodies (create / update), list query
 * strings, and records (responses). The same objects feed ajv and the OpenAPI document.
 */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { LIMITS } from './limits.js';

type Schema = Record<string, any>;

/**
 * Body schemas that the data service validates itself (entity bodies, action inputs): the
 * route skips them. Every other route's body schema (auth, plugin routes) is validated by
 * the route, so an extra route with a body schema cannot receive a body it did not declare.
 */
export const serviceValidated = new WeakSet<object>();
export function validatedByService<T extends object>(schema: T): T {
  serviceValidated.add(schema);
  return schema;
}

/** The JSON Schema of one field's value (without null). */
export function valueSchema(f: FieldModel): Schema {
  switch (f.kind) {
    case 'string':
      return {
        type: 'string',
        ...(f.maxLength ? { maxLength: f.maxLength } : {}),
        ...(f.minLength !== undefined ? { minLength: f.minLength } : {}),
        ...(f.pattern ? { pattern: f.pattern } : {}),
      };
    case 'text':
      return { type: 'string', ...(f.maxLength ? { maxLength: f.maxLength } : {}) };
    case 'email':
      return { type: 'string', format: 'email', maxLength: f.maxLength ?? 254 };
    case 'url':
      return { type: 'string', format: 'uri', ...(f.maxLength ? { maxLength: f.maxLength } : {}) };
    case 'phone':
      return { type: 'string', format: 'phone', maxLength: f.maxLength ?? 32 };
    case 'enum':
      return { type: 'string', enum: f.enumInactive ? f.enumValues!.filter((v) => !f.enumInactive!.includes(v)) : f.enumValues };
    case 'integer': {
      const lim = f.bigint ? { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER } : { minimum: -2147483648, maximum: 2147483647 };
      const s: Schema = { type: 'integer', ...lim };
      for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) if (f[k] !== undefined) s[k] = f[k];
      return s;
    }
    case 'decimal':
      return {
        type: ['string', 'number'],
        description: `exact decimal numeric(${f.precision},${f.scale}): at most ${f.scale} decimal places, as a string ("${decimalExample(f.scale, f.precision)}") or an exact JSON number`,
        'x-decimal-precision': f.precision,
        'x-decimal-scale': f.scale,
        'x-decimal': {
          precision: f.precision,
          scale: f.scale,
          ...(f.decimalMin !== undefined ? { min: f.decimalMin } : {}),
          ...(f.decimalMax !== undefined ? { max: f.decimalMax } : {}),
          ...(f.decimalExclusiveMin !== undefined ? { exclusiveMin: f.decimalExclusiveMin } : {}),
          ...(f.decimalExclusiveMax !== undefined ? { exclusiveMax: f.decimalExclusiveMax } : {}),
        },
      };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', format: 'tessera-time' };
    case 'json':
      return f.jsonSchema ? { ...f.jsonSchema } : {};
    case 'reference':
      // A JSON number above 2^53 has already lost digits when parsed: refuse it rather than name another id.
      return { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
    case 'children':
      return {};
  }
}

export function nullable(s: Schema): Schema {
  if (s.enum) return { ...s, type: ['string', 'null'], enum: [...s.enum, null] };
  if (Array.isArray(s.type)) return { ...s, type: [...s.type, 'null'] };
  if (typeof s.type === 'string') return { ...s, type: [s.type, 'null'] };
  return s;
}

/** Fields a client may write (computed, read-only and system fields are set by the server). */
export function writableFields(e: EntityModel): FieldModel[] {
  return e.fields.filter((f) => !f.readOnly);
}

/** Server-maintained fields that a client may send back unchanged (react-admin sends whole records); they are ignored. */
function ignoredInput(e: EntityModel): string[] {
  const names = ['id', 'created_at', 'updated_at', 'created_by', ...(e.parent ? [] : ['version']), ...e.fields.filter((f) => f.readOnly).map((f) => f.name)];
  if (e.parent) names.push('parent_id', 'idx');
  if (e.submittable) names.push('docstatus', 'amended_from');
  return names;
}

/** Body schema for create ('create') or partial update ('update'). */
export function bodySchema(e: EntityModel, mode: 'create' | 'update', nested = false): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  for (const f of writableFields(e)) {
    const base = valueSchema(f);
    // A required field may be omitted when the server fills it (default, numbering series).
    const serverFills = f.default !== undefined || e.naming?.field === f.name;
    properties[f.name] = f.required ? base : nullable(base);
    if (f.required && mode === 'create' && !serverFills) required.push(f.name);
    if (f.help) properties[f.name].description = f.help;
    if (f.secret) properties[f.name].writeOnly = true;
  }
  for (const c of e.children) {
    // A required line-item collection means at least one line (create, and updates that replace the lines).
    const minItems = Math.max(c.minItems ?? 0, c.required ? 1 : 0);
    properties[c.name] = {
      type: 'array',
      ...(minItems ? { minItems } : {}),
      maxItems: c.maxItems ?? LIMITS.linesPerDocument,
      items: bodySchema(c.child!, 'create', true),
    };
    if (c.required && mode === 'create') required.push(c.name);
  }
  for (const name of ignoredInput(e)) properties[name] ??= {};
  if (nested) {
    // A line with an id updates a stored line (partial); a line without one is new and complete.
    properties.id = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
    return {
      type: 'object',
      additionalProperties: false,
      properties,
      ...(required.length ? { if: { required: ['id'] }, then: true, else: { required } } : {}),
    };
  }
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

const bodyCache = new WeakMap<EntityModel, { create?: Schema; update?: Schema }>();

/** bodySchema of a top-level entity, made once per entity model: the REST routes (PUT and PATCH share it) and the data service's validation. */
export function bodySchemaCached(e: EntityModel, mode: 'create' | 'update'): Schema {
  let entry = bodyCache.get(e);
  if (!entry) bodyCache.set(e, (entry = {}));
  return (entry[mode] ??= bodySchema(e, mode));
}

/** An example decimal of numeric(precision, scale): 12.50 at (18,2), 12.500000 at (18,6), 12 at (10,0), 0.5000 at (5,4). */
export function decimalExample(scale = 0, precision = 38): string {
  const whole = precision - scale >= 2 ? '12' : '0';
  return scale ? `${whole}.${'5'.padEnd(scale, '0')}` : whole;
}

function outputFieldSchema(f: FieldModel): Schema {
  const s = valueSchema(f);
  if (f.kind === 'decimal')
    return {
      type: 'string',
      // Answers are padded to the declared scale: numeric(18,2) is "12.50", never "12.5".
      pattern: f.scale ? `^-?\\d{1,${Math.max(1, (f.precision ?? 38) - f.scale)}}\\.\\d{${f.scale}}$` : `^-?\\d{1,${f.precision ?? 38}}$`,
      description: `exact decimal numeric(${f.precision},${f.scale}): a string with ${f.scale} decimal places`,
      example: decimalExample(f.scale, f.precision),
      'x-decimal-precision': f.precision,
      'x-decimal-scale': f.scale,
      ...(f.label ? { title: f.label } : {}),
      ...(f.readOnly ? { readOnly: true } : {}),
    };
  const out = f.required ? s : nullable(s);
  return { ...out, ...(f.label ? { title: f.label } : {}), ...(f.readOnly ? { readOnly: true } : {}) };
}

export function recordSchema(e: EntityModel): Schema {
  const properties: Schema = {
    id: { type: 'integer', readOnly: true },
    created_at: { type: 'string', format: 'date-time', readOnly: true },
    updated_at: { type: 'string', format: 'date-time', readOnly: true },
    created_by: { type: ['integer', 'null'], readOnly: true, description: 'id of the auth.user who created the record' },
  };
  if (!e.parent)
    properties.version = {
      type: 'integer',
      readOnly: true,
      description: 'incremented by every write; sent as the ETag, send it back in If-Match to refuse lost updates',
    };
  if (e.parent) properties.idx = { type: 'integer' };
  if (e.submittable) {
    properties.docstatus = { type: 'string', enum: ['draft', 'submitted', 'cancelled'], readOnly: true };
    properties.amended_from = { type: ['integer', 'null'], readOnly: true };
  }
  // Secrets are write-only: the response schema leaves them out, so they are never serialized.
  for (const f of e.fields) if (!f.secret) properties[f.name] = outputFieldSchema(f);
  for (const c of e.children) properties[c.name] = { type: 'array', items: recordSchema(c.child!) };
  return { type: 'object', properties };
}

export const listQuerySchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: { type: 'string', description: 'JSON filter, e.g. {"status":"open","qty":{"gt":"5"},"or":[{"a":1},{"b":{"in":[1,2]}}]}' },
    sort: { type: 'string', pattern: '^-?[a-z][a-z0-9_]*(,-?[a-z][a-z0-9_]*)*$', description: 'comma-separated fields, "-" for descending' },
    limit: { type: 'string', maxLength: 20, description: 'page size (1-1000, default 25; any with format=csv or xlsx)' },
    offset: { type: 'string', maxLength: 20, description: 'rows to skip (at most 10000; page deeper with after; any with format=csv or xlsx)' },
    after: {
      type: 'string',
      maxLength: 4096,
      description: 'keyset paging: the "next" cursor of the previous page (stable under inserts, constant time at any depth)',
    },
    total: {
      type: 'string',
      enum: ['exact', 'estimate', 'none'],
      description:
        "exact: count every match; estimate: the planner's row estimate (totalIsEstimate); none: no count. Default: exact up to 10000 matches, estimated above",
    },
    q: { type: 'string', maxLength: 200, description: 'full-text search over the search fields' },
    fields: { type: 'string', pattern: '^[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)*$' },
    expand: { type: 'string', pattern: '^[a-z][a-z0-9_.]*(,[a-z][a-z0-9_.]*)*$', description: 'references (and line-item collections) to include' },
    ids: { type: 'string', pattern: '^[0-9]+(,[0-9]+)*$', description: 'get many by id (at most 1000)' },
    format: {
      type: 'string',
      enum: ['json', 'csv', 'xlsx'],
      description: 'csv or xlsx: export every matching row (streamed, no row cap; fields = the columns)',
    },
    lang: { type: 'string', enum: ['en', 'lt'], description: "export: language of the headers and labels (default: the user's, else the company's)" },
    headers: { type: 'string', enum: ['labels', 'names'], description: 'export: column headers as labels (default) or field names' },
    refs: { type: 'string', enum: ['title', 'id'], description: "export: references as the record's title (default) or its id" },
    decimals: {
      type: 'string',
      enum: ['machine', 'locale'],
      description: 'export: decimals as 1234.50 (default) or in the language (lt: 1234,50, columns separated by ;)',
    },
    async: { type: 'string', enum: ['true', 'false'], description: 'export as a job: 202 with a progress URL and, when done, a download link' },
  },
};

export const getQuerySchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    fields: listQuerySchema.properties.fields,
    expand: listQuerySchema.properties.expand,
  },
};

export const idsQuerySchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['ids'],
  properties: { ids: listQuerySchema.properties.ids },
};
