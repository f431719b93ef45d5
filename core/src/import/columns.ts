/**
 * Which field each column of an import file sets, and the file's template. A column names a
 * field by its name ("stock_uom"), its label in any language ("Stock unit", "Atsargų
 * vienetas"), and a line-item field as "<collection>.<field>" or "<collection label>: <field
 * label>" ("lines.item", "Items: Item", "Prekės: Prekė"). Headers are matched without regard to
 * case and surrounding spaces. System and computed columns (an export's id, number, totals)
 * are ignored, so an export can be edited and imported back.
 */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { ImportErrors } from './errors.js';

export type ColumnTarget =
  | { kind: 'field'; field: FieldModel }
  | { kind: 'line'; collection: FieldModel; field: FieldModel }
  | { kind: 'id' }
  | { kind: 'ignored'; reason: string };

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

const SYSTEM = ['created_at', 'updated_at', 'created_by', 'version', 'docstatus', 'amended_from', 'idx', 'parent_id'];

function names(f: FieldModel): string[] {
  return [f.name, f.label, ...Object.values(f.labels)].filter(Boolean).map(norm);
}

/** Header text -> target, for every header an entity accepts. */
function vocabulary(e: EntityModel): Map<string, ColumnTarget> {
  const m = new Map<string, ColumnTarget>();
  const put = (key: string, t: ColumnTarget) => {
    if (!m.has(key)) m.set(key, t);
  };
  put('id', { kind: 'id' });
  for (const s of SYSTEM) put(s, { kind: 'ignored', reason: 'set by the server' });
  for (const f of e.fields) {
    const t: ColumnTarget =
      f.readOnly || f.secret
        ? { kind: 'ignored', reason: f.secret ? 'a secret (never imported from a file)' : 'computed or set by the server' }
        : { kind: 'field', field: f };
    // A numbering series fills its field itself, but a given number is kept when the entity allows it.
    for (const n of names(f)) put(n, t);
  }
  for (const c of e.children) {
    const child = c.child!;
    const heads = [c.name, c.label, ...Object.values(c.labels)].filter(Boolean).map(norm);
    for (const f of child.fields) {
      const t: ColumnTarget = f.readOnly || f.secret ? { kind: 'ignored', reason: 'computed or set by the server' } : { kind: 'line', collection: c, field: f };
      for (const h of heads)
        for (const n of names(f)) {
          put(`${h}.${n}`, t);
          put(`${h}: ${n}`, t);
        }
    }
    for (const h of heads) {
      put(`${h}.id`, { kind: 'ignored', reason: 'line ids are set by the server' });
      put(`${h}: id`, { kind: 'ignored', reason: 'line ids are set by the server' });
    }
  }
  return m;
}

export interface ColumnMap {
  targets: ColumnTarget[];
  ignored: { column: string; reason: string }[];
}

export function mapColumns(e: EntityModel, headers: string[]): ColumnMap {
  const vocab = vocabulary(e);
  const targets: ColumnTarget[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, string>();
  const ignored: ColumnMap['ignored'] = [];
  headers.forEach((h, i) => {
    const t = h === '' ? undefined : vocab.get(norm(h));
    if (!t) {
      unknown.push(h === '' ? `(column ${i + 1} has no header)` : h);
      targets.push({ kind: 'ignored', reason: 'unknown' });
      return;
    }
    targets.push(t);
    if (t.kind === 'ignored') ignored.push({ column: h, reason: t.reason });
    if (t.kind === 'field' || t.kind === 'line' || t.kind === 'id') {
      const key = t.kind === 'field' ? t.field.name : t.kind === 'line' ? `${t.collection.name}.${t.field.name}` : 'id';
      const before = seen.get(key);
      if (before !== undefined) throw ImportErrors.duplicateColumn(key, [before, h]);
      seen.set(key, h);
    }
  });
  if (unknown.length) throw ImportErrors.unknownColumns(unknown, templateHeaders(e, 'en').concat(templateHeaders(e, 'name')));
  return { targets, ignored };
}

/** The template's header row: writable fields then line-item fields, as labels in the language or as names. */
export function templateHeaders(e: EntityModel, lang: string): string[] {
  const label = (f: FieldModel) => (lang === 'name' ? f.name : (lang !== 'en' && f.labels[lang]) || f.label || f.name);
  const out = e.fields.filter((f) => !f.readOnly && !f.secret).map(label);
  for (const c of e.children) {
    for (const f of c.child!.fields.filter((x) => !x.readOnly && !x.secret)) out.push(lang === 'name' ? `${c.name}.${f.name}` : `${label(c)}: ${label(f)}`);
  }
  return out;
}

/**
 * The columns of a lines file (or sheet): one names the document the line belongs to (the link
 * column: the main file's key field by its name or label, else a column header both files
 * share, e.g. "Order no"), the others the line fields of the collection, by name or label, with
 * or without the "<collection>: " prefix. The collection is the one asked for, else the first.
 * Returns the link column in both files.
 */
export function mapLineColumns(
  e: EntityModel,
  main: { headers: string[]; targets: ColumnTarget[] },
  headers: string[],
  keyField: FieldModel | undefined,
  asked?: string,
) {
  const collection = asked ? e.children.find((c) => c.name === asked) : e.children[0];
  if (!collection) throw ImportErrors.noLines(e.label, asked);
  const child = collection.child!;
  const full = vocabulary(e);
  const plain = new Map<string, ColumnTarget>();
  for (const f of child.fields)
    for (const n of names(f))
      if (!plain.has(n))
        plain.set(n, f.readOnly || f.secret ? { kind: 'ignored', reason: 'computed or set by the server' } : { kind: 'line', collection, field: f });
  // The link: the key field's column, else the first header of the main file the lines file also has.
  const keyCol = keyField ? main.targets.findIndex((t) => t.kind === 'field' && t.field === keyField) : -1;
  const mainNorm = main.headers.map(norm);
  let linkCol = keyField && keyCol >= 0 ? headers.findIndex((h) => names(keyField).includes(norm(h))) : -1;
  let mainCol = linkCol >= 0 ? keyCol : -1;
  if (linkCol < 0)
    for (let i = 0; i < mainNorm.length && linkCol < 0; i++) {
      // The same header, or the same field by any of its names ("Customer's PO number" / "Kliento užsakymo Nr.").
      const t = main.targets[i];
      const same = t?.kind === 'field' ? names(t.field) : [mainNorm[i]];
      const at = mainNorm[i] ? headers.findIndex((h) => same.includes(norm(h))) : -1;
      if (at >= 0) [linkCol, mainCol] = [at, i];
    }
  if (linkCol < 0) throw ImportErrors.noLink(e.label, keyCol >= 0 ? main.headers[keyCol] : undefined);
  const unknown: string[] = [];
  const targets = headers.map((h, i): ColumnTarget => {
    if (i === linkCol) return { kind: 'ignored', reason: 'the document the line belongs to' };
    const n = norm(h);
    const t = plain.get(n) ?? full.get(n);
    if (t && (t.kind === 'line' ? t.collection === collection : t.kind === 'ignored')) return t;
    unknown.push(h === '' ? `(column ${i + 1} has no header)` : h);
    return { kind: 'ignored', reason: 'unknown' };
  });
  if (unknown.length)
    throw ImportErrors.unknownColumns(
      unknown,
      child.fields.filter((f) => !f.readOnly && !f.secret).map((f) => f.label || f.name),
    );
  return { collection, targets, linkCol, mainCol };
}
