/**
 * Rows of a sheet -> documents to write, as the rows stream in. An entity without line items
 * takes one row per record. A document with line items takes one row per line: the parent's
 * columns are repeated on every line of the same document (same key), or left empty on the
 * lines after the first; a row whose parent columns are all empty continues the document
 * above it. The lines of a document stay together (a later row repeating the key of a finished
 * document is refused, naming both rows). Or the lines come from a separate lines file (sheet)
 * whose link column holds the parent's key (LinesIndex).
 * Memory: the open document, and the keys seen (hashed, to name a duplicate's first row: keys.ts).
 */
import type { FieldModel } from '../entities/model.js';
import type { Doc } from '../plugin-api/index.js';
import type { ColumnTarget } from './columns.js';
import { cellValue, CellError, type Locale } from './convert.js';
import type { Cell, SheetRow } from './parse.js';
import { KeySet } from './keys.js';

export interface Problem {
  row: number;
  /** 'lines': the row is in the lines file (sheet); absent: the main file. */
  sheet?: 'lines';
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
  /** The rows as read (for the error file). */
  raw: SheetRow[];
  body: Doc;
  /** The key value (mode upsert/update, duplicate detection), as text. */
  key?: string;
  id?: number;
  problems: Problem[];
  /** A row that makes no document (a line without one): counted as refused, not as a document. */
  orphan?: boolean;
  /** Its lines came from the lines file (their row numbers are that file's). */
  lineSheet?: boolean;
}

/** Lines read from a separate lines file, by the parent key in their link column. */
export interface LinesIndex {
  headers: string[];
  collection: FieldModel;
  targets: ColumnTarget[];
  /** The lines by the text of their link column. */
  byKey: Map<string, SheetRow[]>;
  /** The main file's column holding the same text. */
  mainCol: number;
}

/** The text of a link or key cell. */
export const keyText = (c: Cell | undefined) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim());

const isEmpty = (c: Cell | undefined) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

export class DocumentBuilder {
  private byKey = new KeySet();
  /** Link values of the main file's documents (lines naming another are refused). */
  private linked = new Set<string>();
  private current: ImportDoc | undefined;
  private parentCols: number[];
  private keyCol: number;
  private hasLines: boolean;

  constructor(
    private headers: string[],
    private targets: ColumnTarget[],
    private locale: Locale,
    private keyField: string | undefined,
    private lines?: LinesIndex,
  ) {
    this.parentCols = targets.map((t, i) => (t.kind === 'field' || t.kind === 'id' ? i : -1)).filter((i) => i >= 0);
    this.keyCol = keyField === 'id' ? targets.findIndex((t) => t.kind === 'id') : targets.findIndex((t) => t.kind === 'field' && t.field.name === keyField);
    this.hasLines = !lines && targets.some((t) => t.kind === 'line');
  }

  /** Takes the next row; returns the documents it finished (a row of a new document finishes the open one). */
  add(r: SheetRow): ImportDoc[] {
    const { cells, row: rowNo } = r;
    const key = this.keyCol >= 0 && !isEmpty(cells[this.keyCol]) ? String(cells[this.keyCol]).trim() : undefined;
    const done: ImportDoc[] = [];
    if (this.hasLines) {
      const parentEmpty = this.parentCols.every((i) => isEmpty(cells[i]));
      const doc = parentEmpty ? this.current : key !== undefined && this.current?.key === key ? this.current : undefined;
      if (parentEmpty && !doc) return [this.orphan(r, { row: rowNo, message: 'is a line without a document: the first row of a document names its fields' })];
      if (doc) {
        doc.rows.push(rowNo);
        doc.raw.push(r);
        this.fill(doc, r, false);
        return [];
      }
      if (this.current) done.push(this.current);
      this.current = undefined;
    }
    const doc: ImportDoc = { row: rowNo, rows: [rowNo], raw: [r], lineRows: new Map(), body: {}, problems: [], key };
    if (key !== undefined) {
      const first = this.byKey.firstOrAdd(key, rowNo);
      if (first !== undefined)
        doc.problems.push({
          row: rowNo,
          column: this.headers[this.keyCol],
          field: this.keyField,
          message: this.hasLines
            ? `repeats the key ${JSON.stringify(key)} of row ${first}: keep the lines of a document together, under its first row`
            : `repeats the key ${JSON.stringify(key)} of row ${first}: each record once per file`,
          code: 'duplicate',
        });
    }
    this.fill(doc, r, true);
    if (this.lines) this.attachLines(doc, keyText(cells[this.lines.mainCol]));
    if (this.hasLines) this.current = doc;
    else done.push(doc);
    return done;
  }

  /** The open document, at the end of the file. */
  finish(): ImportDoc[] {
    const last = this.current ? [this.current] : [];
    this.current = undefined;
    if (this.lines)
      for (const [key, rows] of this.lines.byKey)
        for (const r of rows)
          if (!this.linked.has(key))
            last.push(
              this.orphan(r, {
                row: r.row,
                sheet: 'lines',
                message: `names the document ${JSON.stringify(key)}, which is not in the main file`,
                code: 'missing',
              }),
            );
    return last;
  }

  private orphan(r: SheetRow, p: Problem): ImportDoc {
    return { row: r.row, rows: [r.row], raw: p.sheet ? [] : [r], lineRows: new Map(), body: {}, problems: [p], orphan: true };
  }

  private attachLines(doc: ImportDoc, key: string): void {
    const lines = this.lines!;
    if (key) this.linked.add(key);
    const rows = key ? lines.byKey.get(key) : undefined;
    if (!rows) return;
    const list: Doc[] = [];
    const numbers: number[] = [];
    for (const r of rows) {
      const line: Doc = {};
      lines.targets.forEach((t, i) => {
        if (t.kind !== 'line' || isEmpty(r.cells[i])) return;
        this.value(doc, t.field, r.cells[i]!, lines.headers[i]!, r.row, `${t.collection.name}.${t.field.name}`, 'lines', (v) => (line[t.field.name] = v));
      });
      list.push(line);
      numbers.push(r.row);
    }
    doc.body[lines.collection.name] = list;
    doc.lineRows.set(lines.collection.name, numbers);
    doc.lineSheet = true;
  }

  private value(
    doc: ImportDoc,
    field: FieldModel,
    cell: Cell,
    column: string,
    rowNo: number,
    path: string,
    sheet: 'lines' | undefined,
    set: (v: unknown) => void,
  ) {
    try {
      const v = cellValue(field, cell, this.locale);
      if (v !== undefined) set(v);
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      doc.problems.push({
        row: rowNo,
        ...(sheet ? { sheet } : {}),
        column,
        field: path,
        message: `${JSON.stringify(String(cell).slice(0, 60))} ${err.message}`,
      });
    }
  }

  private fill(doc: ImportDoc, r: SheetRow, isNew: boolean): void {
    const line: Doc = {};
    let collection: FieldModel | undefined;
    this.targets.forEach((t, i) => {
      const cell = r.cells[i];
      if (t.kind === 'ignored' || isEmpty(cell)) return;
      const column = this.headers[i]!;
      if (t.kind === 'id') {
        if (!isNew) return;
        const s = String(cell).trim();
        if (/^[1-9][0-9]{0,15}$/.test(s)) doc.id = Number(s);
        else doc.problems.push({ row: r.row, column, field: 'id', message: 'must be the id of a stored record (a whole number)' });
        return;
      }
      const field = t.field;
      if (t.kind === 'line') {
        collection = t.collection;
        this.value(doc, field, cell!, column, r.row, `${t.collection.name}.${field.name}`, undefined, (v) => (line[field.name] = v));
        return;
      }
      this.value(doc, field, cell!, column, r.row, field.name, undefined, (v) => {
        if (isNew) {
          doc.body[field.name] = v;
          return;
        }
        // The parent's columns repeated on its later lines must agree with the first.
        const before = doc.body[field.name];
        if (before !== undefined && String(before) !== String(v))
          doc.problems.push({ row: r.row, column, field: field.name, message: `differs from row ${doc.row} of the same document (${JSON.stringify(before)})` });
      });
    });
    if (collection) {
      const list = (doc.body[collection.name] ??= []) as Doc[];
      list.push(line);
      if (!doc.lineRows.has(collection.name)) doc.lineRows.set(collection.name, []);
      doc.lineRows.get(collection.name)!.push(r.row);
    }
  }
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
    const lineRow = m ? doc.lineRows.get(m[1]!)?.[Number(m[2])] : undefined;
    const row = lineRow ?? doc.row;
    return {
      row,
      ...(lineRow !== undefined && doc.lineSheet ? { sheet: 'lines' as const } : {}),
      field: m ? `${m[1]}.${m[3]}` : d.path || undefined,
      message: d.message,
      code: d.code ?? code,
    };
  });
}
