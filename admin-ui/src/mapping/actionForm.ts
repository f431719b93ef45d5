/** A declared action's input JSON Schema -> the inputs of its dialog, and the values it starts with. */
import type { JsonSchema } from '../meta/types.js';

export type ActionInputKind = 'text' | 'password' | 'multiline' | 'integer' | 'decimal' | 'boolean' | 'select' | 'date' | 'datetime' | 'time' | 'email' | 'url' | 'json';

export interface ActionInput {
  name: string;
  label: string;
  help?: string;
  kind: ActionInputKind;
  required: boolean;
  choices?: { id: string; name: string }[];
  min?: number;
  max?: number;
  maxLength?: number;
}

export const humanize = (name: string): string => {
  const s = name.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

function kindOf(s: JsonSchema): ActionInputKind {
  // A declared secret (x-secret, writeOnly, widget password) is a password input.
  if ((s as any)['x-secret'] === true || (s as any).writeOnly === true || (s as any)['x-ui']?.widget === 'password') return 'password';
  if (Array.isArray(s.enum)) return 'select';
  const t = typeOf(s);
  if (t === 'integer') return 'integer';
  if (t === 'number') return 'decimal';
  if (t === 'boolean') return 'boolean';
  if (t === 'object' || t === 'array') return 'json';
  switch (s.format) {
    case 'decimal':
      return 'decimal';
    case 'date':
      return 'date';
    case 'date-time':
      return 'datetime';
    case 'time':
    case 'tessera-time':
      return 'time';
    case 'email':
      return 'email';
    case 'uri':
      return 'url';
    case 'text':
      return 'multiline';
  }
  return typeof s.maxLength === 'number' && s.maxLength > 200 ? 'multiline' : 'text';
}

export function actionInputs(schema: JsonSchema | undefined, locale = 'en'): ActionInput[] {
  if (!schema?.properties) return [];
  const required = new Set(schema.required ?? []);
  // translations as on entity fields: x-labels: { lt: { title, enum } } (the server fills them from same-named fields)
  const local = (s: JsonSchema) => (s['x-labels'] as Record<string, { title?: string; enum?: Record<string, string> }> | undefined)?.[locale];
  return Object.entries(schema.properties).map(([name, s]) => ({
    name,
    label: local(s)?.title ?? s.title ?? humanize(name),
    help: s.description,
    kind: kindOf(s),
    required: required.has(name),
    ...(Array.isArray(s.enum) ? { choices: s.enum.filter((v) => v !== null).map((v) => ({ id: String(v), name: local(s)?.enum?.[String(v)] ?? humanize(String(v)) })) } : {}),
    ...(typeof s.minimum === 'number' ? { min: s.minimum } : {}),
    ...(typeof s.maximum === 'number' ? { max: s.maximum } : {}),
    ...(typeof s.maxLength === 'number' ? { maxLength: s.maxLength } : {}),
  }));
}

/** The dialog's first values: the document's field of the same name when it has one, else the schema's default. */
export function actionDefaults(schema: JsonSchema | undefined, record?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(schema?.properties ?? {})) {
    const fromRecord = record?.[name];
    if (fromRecord !== undefined && fromRecord !== null && typeof fromRecord !== 'object') out[name] = fromRecord;
    else if (s.default !== undefined) out[name] = structuredClone(s.default);
  }
  return out;
}

/** The body to send: empty optional values left out, numbers typed as the schema says. */
export function actionBody(schema: JsonSchema | undefined, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of actionInputs(schema)) {
    let v = values[input.name];
    if (v === undefined || v === null || v === '') continue;
    if (input.kind === 'integer' && typeof v === 'string') v = Number(v);
    if (input.kind === 'decimal' && typeOf(schema!.properties![input.name]!) === 'number' && typeof v === 'string') v = Number(v);
    out[input.name] = v;
  }
  return out;
}
