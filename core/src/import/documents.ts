/**
 * Rows of a sheet -> documents to write. An entity without line items takes one row per record.
 * A document with line items takes one row per line: the parent's columns are repeated on
 * every line of the same document (same key), or left empty on the lines after the first.
 * A row whose parent columns are all empty continues the document above it.
 */
import type { EntityModel, FieldModel } from '../entities/model.js';
import type { Doc } from '../plugin-api/index.js';
import type { ColumnTarget } from './columns.js';
import { cellValue, CellError, type Locale } from './convert.js';
import type { Sheet } from './parse.js';

export interface Problem {
  row: number;
  column?: string;
  field?: string;
  message: string;
  code?: string;
}

export interface ImportDoc {
  /** File row numbers: the first is the parent's row, lineRows[i] is line i's. */
  row: number;
  rows: number[];
  lineRows: Map<string, number[]>;
  body: Doc;
  /** The key value (mode upsert/update, duplicate detection), as text. */
  key?: string;
  id?: number;
  problems: Problem[];
}

export function buildDocuments(
  _e: EntityModel,
  sheet: Sheet,
  targets: ColumnTarget[],
  locale: Locale,
  keyField: string | undefined,
): { docs: ImportDoc[]; problems: Problem[] } {
  const docs: ImportDoc[] = [];
  const byKey = new Map<string, ImportDoc>();
  const fileProblems: Problem[] = [];
  const parentCols = targets.map((t, i) => (t.kind === 'field' || t.kind === 'id' ? i : -1)).filter((i) => i >= 0);
  const keyCol = keyField === 'id' ? targets.findIndex((t) => t.kind === 'id') : targets.findIndex((t) => t.kind === 'field' && t.field.name === keyField);
  const hasLines = targets.some((t) => t.kind === 'line');
  let current: ImportDoc | undefined;

  sheet.rows.forEach((cells, r) => {
    const rowNo = sheet.rowNumbers[r]!;
    const empty = (i: number) => cells[i] === null || cells[i] === undefined || (typeof cells[i] === 'string' && (cells[i] as string).trim() === '');
    const parentEmpty = parentCols.every(empty);
    const keyText = keyCol >= 0 && !empty(keyCol) ? String(cells[keyCol]).trim() : undefined;
    let doc: ImportDoc | undefined;
    if (hasLines && (parentEmpty || (keyText !== undefined && byKey.has(keyText)))) doc = parentEmpty ? current : byKey.get(keyText!);
    if (hasLines && parentEmpty && !doc) {
      fileProblems.push({ row: rowNo, message: 'is a line without a document: the first row of a document names its fields' });
      return;
    }
    const isNew = !doc;
    if (!doc) {
      doc = { row: rowNo, rows: [], lineRows: new Map(), body: {}, problems: [], key: keyText };
      if (keyText !== undefined) {
        const dup = byKey.get(keyText);
        if (dup && !hasLines)
          doc.problems.push({
            row: rowNo,
            column: sheet.headers[keyCol],
            field: keyField,
            message: `repeats the key ${JSON.stringify(keyText)} of row ${dup.row}: each record once per file`,
            code: 'duplicate',
          });
        else byKey.set(keyText, doc);
      }
      docs.push(doc);
    }
    doc.rows.push(rowNo);
    current = doc;
    const line: Doc = {};
    let collection: FieldModel | undefined;
    targets.forEach((t, i) => {
      if (t.kind === 'ignored' || empty(i)) return;
      const column = sheet.headers[i]!;
      if (t.kind === 'id') {
        if (!isNew) return;
        const s = String(cells[i]).trim();
        if (/^[1-9][0-9]{0,15}$/.test(s)) doc!.id = Number(s);
        else doc!.problems.push({ row: rowNo, column, field: 'id', message: 'must be the id of a stored record (a whole number)' });
        return;
      }
      const field = t.field;
      try {
        const v = cellValue(field, cells[i]!, locale);
        if (v === undefined) return;
        if (t.kind === 'field') {
          // The parent's columns repeated on its later lines must agree with the first.
          if (!isNew) {
            const before = doc!.body[field.name];
            if (before !== undefined && String(before) !== String(v))
              doc!.problems.push({
                row: rowNo,
                column,
                field: field.name,
                message: `differs from row ${doc!.row} of the same document (${JSON.stringify(before)})`,
              });
            return;
          }
          doc!.body[field.name] = v;
        } else {
          collection = t.collection;
          line[field.name] = v;
        }
      } catch (err) {
        if (!(err instanceof CellError)) throw err;
        doc!.problems.push({
          row: rowNo,
          column,
          field: t.kind === 'line' ? `${t.collection.name}.${field.name}` : field.name,
          message: `${JSON.stringify(String(cells[i]).slice(0, 60))} ${err.message}`,
        });
      }
    });
    if (collection) {
      const list = (doc.body[collection.name] ??= []) as Doc[];
      list.push(line);
      if (!doc.lineRows.has(collection.name)) doc.lineRows.set(collection.name, []);
      doc.lineRows.get(collection.name)!.push(rowNo);
    }
  });
  return { docs, problems: fileProblems };
}

/** A service error's field problems as problems of the file's rows (line paths to the line's row). */
export function rowProblems(
  doc: ImportDoc,
  details: { path: string; message: string; code?: string }[] | undefined,
  message: string,
  code?: string,
): Problem[] {
  if (!details?.length) return [{ row: doc.row, message, code }];
  return details.map((d) => {
    const m = /^([a-z][a-z0-9_]*)\/(\d+)\/(.+)$/.exec(d.path);
    const row = m ? (doc.lineRows.get(m[1]!)?.[Number(m[2])] ?? doc.row) : doc.row;
    return { row, field: m ? `${m[1]}.${m[3]}` : d.path || undefined, message: d.message, code: d.code ?? code };
  });
}
