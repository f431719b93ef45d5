/** A declared action's input JSON Schema -> the inputs of its dialog, and the values it starts with. */
import type { JsonSchema } from '../meta/types.js';

export type ActionInputKind =
  | 'text'
  | 'password'
  | 'multiline'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'select'
  | 'date'
  | 'datetime'
  | 'time'
  | 'email'
  | 'url'
  | 'json'
  | 'reference'
  | 'openLines';

/**
 * A grid of the document's open lines (x-ui.openLines on an array input): one row per line
 * with something left, `key` = the line's id, qty prefilled with what is open (open[0] - open[1]).
 */
export interface OpenLinesSpec {
  from: string;
  key: string;
  open: [string, string];
  qty?: string;
}

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
  /** Translations of the title and help (x-labels: { lt: { title, description } }). */
  labels?: Record<string, string>;
  helps?: Record<string, string>;
  /** For a reference: the target entity (x-ref) and the picker's hints (x-ui refFilter, secondary). */
  ref?: string;
  ui?: Record<string, unknown>;
  openLines?: OpenLinesSpec;
  /** For openLines: the properties of a row (for a warehouse picker per row). */
  rowProperties?: Record<string, JsonSchema>;
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
  if (typeof s['x-ref'] === 'string') return 'reference';
  if ((s as any)['x-ui']?.openLines) return 'openLines';
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
    ...(Array.isArray(s.enum)
      ? { choices: s.enum.filter((v) => v !== null).map((v) => ({ id: String(v), name: local(s)?.enum?.[String(v)] ?? humanize(String(v)) })) }
      : {}),
    ...(typeof s.minimum === 'number' ? { min: s.minimum } : {}),
    ...(typeof s.maximum === 'number' ? { max: s.maximum } : {}),
    ...(typeof s.maxLength === 'number' ? { maxLength: s.maxLength } : {}),
    ...(typeof s['x-ref'] === 'string' ? { ref: s['x-ref'] as string } : {}),
    ...translations(s),
    ...((s as any)['x-ui'] ? { ui: (s as any)['x-ui'] as Record<string, unknown> } : {}),
    ...((s as any)['x-ui']?.openLines ? { openLines: (s as any)['x-ui'].openLines as OpenLinesSpec, rowProperties: s.items?.properties ?? {} } : {}),
  }));
}

function translations(s: JsonSchema): { labels?: Record<string, string>; helps?: Record<string, string> } {
  const x = (s as any)['x-labels'] as Record<string, { title?: string; description?: string }> | undefined;
  if (!x) return {};
  const pick = (k: 'title' | 'description') =>
    Object.fromEntries(
      Object.entries(x)
        .filter(([, v]) => typeof v?.[k] === 'string')
        .map(([l, v]) => [l, v[k]!]),
    );
  return { labels: pick('title'), helps: pick('description') };
}

const DEC = /^-?\d+(\.\d+)?$/;

/** What is open on a line (ordered - delivered), as exact decimal text; '0' when nothing or not a number. */
export function openQty(line: Record<string, unknown>, spec: OpenLinesSpec): string {
  const [a, b] = spec.open.map((n) => String(line[n] ?? '0'));
  if (!DEC.test(a!) || !DEC.test(b!)) return '0';
  const scale = Math.max(a!.split('.')[1]?.length ?? 0, b!.split('.')[1]?.length ?? 0);
  const f = 10n ** BigInt(scale);
  const toInt = (t: string) => {
    const [i, d = ''] = t.replace('-', '').split('.');
    const v = BigInt(i!) * f + BigInt((d + '0'.repeat(scale)).slice(0, scale) || '0');
    return t.startsWith('-') ? -v : v;
  };
  const r = toInt(a!) - toInt(b!);
  if (r <= 0n) return '0';
  const whole = (r / f).toString();
  const frac = scale ? (r % f).toString().padStart(scale, '0').replace(/0+$/, '') : '';
  return frac ? `${whole}.${frac}` : whole;
}

/** The open lines of the document as the grid's first rows: key, qty open, and the row's other properties taken from the line. */
export function openLineRows(record: Record<string, unknown> | undefined, input: ActionInput): Record<string, unknown>[] {
  const spec = input.openLines!;
  const lines = Array.isArray(record?.[spec.from]) ? (record![spec.from] as Record<string, unknown>[]) : [];
  const qtyName = spec.qty ?? 'qty';
  return lines
    .filter((l) => openQty(l, spec) !== '0')
    .map((l) => {
      const row: Record<string, unknown> = { [spec.key]: l.id, [qtyName]: openQty(l, spec) };
      for (const p of Object.keys(input.rowProperties ?? {})) if (p !== spec.key && p !== qtyName && l[p] !== undefined && l[p] !== null) row[p] = l[p];
      return row;
    });
}

/** The dialog's first values: the document's field of the same name when it has one, else the schema's default. */
export function actionDefaults(schema: JsonSchema | undefined, record?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of actionInputs(schema)) if (input.openLines) out[input.name] = openLineRows(record, input);
  for (const [name, s] of Object.entries(schema?.properties ?? {})) {
    if (name in out) continue;
    const fromRecord = record?.[name];
    if (fromRecord !== undefined && fromRecord !== null && typeof fromRecord !== 'object') out[name] = fromRecord;
    else if (s.default !== undefined) out[name] = structuredClone(s.default);
  }
  return out;
}

/**
 * The body to send: empty optional values left out, numbers typed as the schema says; the rows
 * of an open-lines grid with nothing to do (qty empty or 0) are left out, and `rowIndex` maps
 * a sent row back to the grid's row (for errors on "lines/0/qty").
 */
export function actionBody(schema: JsonSchema | undefined, values: Record<string, unknown>, rowIndex: Record<string, number[]> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of actionInputs(schema)) {
    let v = values[input.name];
    if (v === undefined || v === null || v === '') continue;
    if (input.openLines && Array.isArray(v)) {
      const qtyName = input.openLines.qty ?? 'qty';
      const rows = (v as Record<string, unknown>[])
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => typeof r[qtyName] === 'string' && DEC.test(r[qtyName] as string) && Number(r[qtyName]) > 0);
      rowIndex[input.name] = rows.map((x) => x.i);
      out[input.name] = rows.map(({ r }) =>
        Object.fromEntries(Object.entries(r).filter(([k, x]) => x !== null && x !== undefined && x !== '' && k in (input.rowProperties ?? {}))),
      );
      continue;
    }
    if (input.kind === 'integer' && typeof v === 'string') v = Number(v);
    if (input.kind === 'decimal' && typeOf(schema!.properties![input.name]!) === 'number' && typeof v === 'string') v = Number(v);
    out[input.name] = v;
  }
  return out;
}
