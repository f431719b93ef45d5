/**
 * An example request per route in the OpenAPI document and /docs (issue 16, item 4), made from
 * the declarations: a valid create body (the fields a create needs, plus the title field, and
 * one line of each required line-item collection), a list filter on the entity's first declared
 * filter, and an action's input from its schema's defaults. Routes carry them as `x-examples`
 * (body, query); the swagger transform (server.ts) puts them on the body and the parameters, so
 * validation never sees them.
 */
import type { EntityModel, FieldModel } from '../plugin-api/index.js';
import { decimalExample } from '../schema/schemas.js';

type Doc = Record<string, unknown>;

const clip = (s: string, f: FieldModel) => (f.maxLength && s.length > f.maxLength ? s.slice(0, f.maxLength) : s);

/** A valid value of a field, or undefined when none can be made up (a pattern the example would not match). */
export function exampleValue(f: FieldModel): unknown {
  if (f.default !== undefined) return f.default;
  switch (f.kind) {
    case 'string':
    case 'text':
      return f.pattern ? undefined : clip(`Example ${f.label.toLowerCase()}`, f);
    case 'email':
      return 'info@example.com';
    case 'url':
      return 'https://example.com';
    case 'phone':
      return '+370 600 00000';
    case 'enum':
      return f.enumValues?.find((v) => !f.enumInactive?.includes(v));
    case 'integer':
      return f.minimum ?? (f.exclusiveMinimum !== undefined ? f.exclusiveMinimum + 1 : 1);
    case 'decimal':
      return f.decimalMin ?? decimalExample(f.scale ?? 0, f.precision);
    case 'boolean':
      return false;
    case 'date':
      return '2026-03-01';
    case 'datetime':
      return '2026-03-01T09:00:00Z';
    case 'time':
      return '09:00';
    case 'reference':
      return 1;
    case 'json':
      return {};
    default:
      return undefined;
  }
}

/** A create body: required fields the server does not fill, the title field, one line per required collection. */
export function createExample(e: EntityModel): Doc {
  const out: Doc = {};
  for (const f of e.fields) {
    if (f.readOnly || f.compute || e.naming?.field === f.name) continue;
    if (!(f.required && f.default === undefined) && f.name !== e.titleField) continue;
    const v = exampleValue(f);
    if (v !== undefined) out[f.name] = v;
  }
  for (const c of e.children) if (c.required || (c.minItems ?? 0) > 0) out[c.name] = [createExample(c.child!)];
  return out;
}

/** A list filter: the first declared filter field (an enum's first value, a reference's id, a text's contains). */
export function filterExample(e: EntityModel): string | undefined {
  for (const name of [...e.filters, e.titleField]) {
    const f = e.fieldMap.get(name);
    if (!f || f.secret) continue;
    if (f.kind === 'enum' && f.enumValues?.length) return JSON.stringify({ [name]: f.enumValues[0] });
    if (f.kind === 'reference') return JSON.stringify({ [name]: 1 });
    if (f.kind === 'date') return JSON.stringify({ [name]: { between: ['2026-01-01', '2026-03-31'] } });
    if (f.kind === 'decimal') return JSON.stringify({ [name]: { gt: decimalExample(f.scale ?? 0) } });
    if (f.kind === 'string' || f.kind === 'text') return JSON.stringify({ [name]: { contains: 'UAB' } });
  }
  return undefined;
}

/** An input from a JSON Schema: defaults, else the first enum value, else a value of the type (required properties, or all when none is required). */
export function schemaExample(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object') return undefined;
  const s = schema as Doc;
  if (s.default !== undefined) return s.default;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.enum)) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    const props = (s.properties ?? {}) as Record<string, unknown>;
    const required = Array.isArray(s.required) ? (s.required as string[]) : Object.keys(props);
    const out: Doc = {};
    for (const k of required) {
      const v = schemaExample(props[k]);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (type === 'array') {
    const item = schemaExample(s.items);
    return item === undefined ? [] : [item];
  }
  if (s['x-decimal'] || s['x-decimal-scale'] !== undefined) return decimalExample(Number(s['x-decimal-scale'] ?? 0));
  if (type === 'string') return s.format === 'date' ? '2026-03-01' : s.format === 'date-time' ? '2026-03-01T09:00:00Z' : s.pattern ? undefined : 'text';
  if (type === 'integer' || type === 'number') return typeof s.minimum === 'number' ? s.minimum : 1;
  if (type === 'boolean') return false;
  return undefined;
}

type Examples = { body?: unknown; query?: Record<string, unknown> };

/**
 * The swagger transform: `x-examples` of a route schema onto its body and query parameters.
 * `x-examples` may be a function making them: examples are only worked out for the document.
 */
export function applyExamples(schema: Doc | undefined): Doc | undefined {
  const given = schema?.['x-examples'] as Examples | (() => Examples) | undefined;
  const x = typeof given === 'function' ? given() : given;
  if (!schema || !x) return schema;
  const { 'x-examples': _x, ...out } = schema;
  if (x.body !== undefined && out.body && typeof out.body === 'object') out.body = { ...(out.body as Doc), example: x.body };
  const qs = out.querystring as { properties?: Record<string, Doc> } | undefined;
  if (x.query && qs?.properties) {
    const properties = { ...qs.properties };
    for (const [k, v] of Object.entries(x.query)) if (properties[k]) properties[k] = { ...properties[k], example: v };
    out.querystring = { ...qs, properties };
  }
  return out;
}
