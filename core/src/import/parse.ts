/**
 * Reading an uploaded spreadsheet as a stream: the header row, then the data rows one at a
 * time, with csv-parse (CSV, as a stream) and exceljs' streaming WorkbookReader (XLSX), so a
 * file of a million rows is read in constant memory. Cells keep their type where the file has
 * one (XLSX numbers, dates and booleans); CSV cells are text. Wrong encoding, a wrong delimiter
 * and ragged rows are refused with what to change. A file is read twice: once to check it and
 * count its rows (scanSheet), once to import it (openSheet).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { ImportErrors } from './errors.js';
import { TesseraError } from '../errors.js';

export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  cells: Cell[];
  /** The file's line (CSV) or row (XLSX) number. */
  row: number;
}

export interface OpenSheet {
  headers: string[];
  rows: AsyncGenerator<SheetRow>;
}

export type SheetKind = 'csv' | 'xlsx';
/** Opens the stored file again (the file is read once to check it, once to import it). */
export type Opener = () => Promise<Readable>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The reader for a Content-Type (and, for application/octet-stream, the file's first bytes). */
export function sheetKind(type: string, head: Uint8Array): SheetKind {
  if (type === XLSX_TYPE || (type === 'application/octet-stream' && isZip(head))) return 'xlsx';
  if (CSV_TYPES.includes(type) || type === 'application/octet-stream') return 'csv';
  throw ImportErrors.notSpreadsheet(type);
}

const BALTIC = new Set([0xe0, 0xe8, 0xe6, 0xeb, 0xe1, 0xf0, 0xf8, 0xfb, 0xfe, 0xc0, 0xc8, 0xc6, 0xcb, 0xc1, 0xd0, 0xd8, 0xdb, 0xde]);

function encodingError(chunk: Uint8Array): TesseraError {
  // Bytes 0x80-0xFF alone: a single-byte code page. Lithuanian letters in Windows-1257 sit at 0xE0-0xFE.
  const high = [...chunk.subarray(0, 65536)].filter((b) => b >= 0x80);
  const baltic = high.filter((b) => BALTIC.has(b)).length;
  return ImportErrors.encoding(baltic > high.length / 2 ? 'Windows-1257 (Baltic)' : 'a single-byte code page such as Windows-1252 or ISO-8859');
}

/** The upload's text, decoded as it streams: UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused. */
async function* decoded(src: Readable): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  for await (const raw of src) {
    let chunk = raw as Buffer;
    if (!decoder) {
      if (chunk[0] === 0xff && chunk[1] === 0xfe) [decoder, chunk] = [new TextDecoder('utf-16le'), chunk.subarray(2)];
      else if (chunk[0] === 0xfe && chunk[1] === 0xff) [decoder, chunk] = [new TextDecoder('utf-16be'), chunk.subarray(2)];
      else if (isZip(chunk)) throw ImportErrors.parse(undefined, `it is a ZIP/XLSX file sent as CSV; send it with Content-Type ${XLSX_TYPE}`);
      else decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    }
    try {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    } catch {
      throw encodingError(chunk);
    }
  }
  const rest = decoder?.decode();
  if (rest) yield rest;
}

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter the header line uses most (outside quotes). */
function guessDelimiter(firstLine: string): string {
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  let best = ',';
  let count = 0;
  for (const d of DELIMITERS) {
    const n = unquoted.split(d).length - 1;
    if (n > count) [best, count] = [d, n];
  }
  return best;
}

function csvError(e: unknown): unknown {
  if (e instanceof TesseraError) return e;
  const err = e as { message?: string; lines?: number; code?: string };
  const reason =
    err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
      ? 'the row has a different number of columns than the header (check quotes and delimiters)'
      : (err.message ?? 'not CSV').replace(/^Invalid [^:]*: /, '');
  return ImportErrors.parse(err.lines, reason);
}

async function* csvRecords(src: Readable, delimiter: string | undefined): AsyncGenerator<string[] | SheetRow> {
  const text = decoded(src);
  // The header line decides the delimiter: read until its end.
  let head = '';
  const pending: string[] = [];
  while (!/\r?\n/.test(head) && head.length < 1 << 20) {
    const next = await text.next();
    if (next.done) break;
    head += next.value;
    pending.push(next.value);
  }
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.trim()) throw ImportErrors.noHeader();
  const used = delimiter ?? guessDelimiter(firstLine);
  async function* all() {
    yield* pending;
    yield* text;
  }
  const parser = parseCsv({ delimiter: used, relax_quotes: false, skip_empty_lines: true, info: true, trim: false });
  const feeding = pipeline(Readable.from(all()), parser).catch(() => undefined);
  let headers: string[] | undefined;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!headers) {
        headers = rec.record.map((h) => h.trim());
        if (headers.length === 1) {
          const other = DELIMITERS.find((d) => d !== used && headers![0]!.includes(d));
          if (other) throw ImportErrors.delimiter(other, headers[0]!);
        }
        yield headers;
        continue;
      }
      if (rec.record.some((c) => c.trim() !== '')) yield { cells: rec.record, row: rec.info.lines };
    }
  } catch (e) {
    throw csvError(e);
  } finally {
    parser.destroy();
    await feeding;
  }
  if (!headers) throw ImportErrors.noHeader();
}

function xlsxCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as any;
  if (o.richText) return (o.richText as { text: string }[]).map((t) => t.text).join('');
  if ('result' in o) return xlsxCell(o.result);
  if (o.text !== undefined) return String(o.text);
  if (o.error) return String(o.error);
  return String(v);
}

/** The rows of one worksheet (0: the first), read with exceljs' streaming reader. */
async function* xlsxRecords(src: Readable, sheet: number): AsyncGenerator<string[] | SheetRow> {
  // exceljs loads on the first xlsx import or export, not at start-up.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(src, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let headers: string[] | undefined;
  let index = -1;
  try {
    for await (const ws of reader) {
      index += 1;
      for await (const row of ws) {
        if (index !== sheet) continue;
        if (!headers) {
          headers = [];
          row.eachCell({ includeEmpty: true }, (c, col) => (headers![col - 1] = String(xlsxCell(c.value) ?? '').trim()));
          for (let i = 0; i < headers.length; i++) headers[i] ??= '';
          while (headers.length && !headers[headers.length - 1]) headers.pop();
          if (!headers.length) throw ImportErrors.noHeader();
          yield headers;
          continue;
        }
        const cells: Cell[] = headers.map((_, i) => xlsxCell(row.getCell(i + 1).value));
        if (cells.every((c) => c === null || (typeof c === 'string' && !c.trim()))) continue;
        yield { cells, row: row.number };
      }
    }
  } catch (e) {
    if (e instanceof TesseraError) throw e;
    throw ImportErrors.parse(undefined, `not an XLSX workbook (${(e as Error).message?.slice(0, 100)})`);
  } finally {
    src.destroy();
  }
  if (!headers) throw sheet === 0 ? ImportErrors.noHeader() : ImportErrors.noLinesSheet();
}

/** Opens the file: its header row, and a stream of its data rows (empty rows skipped). */
export async function openSheet(open: Opener, kind: SheetKind, opts: { delimiter?: string; sheet?: number } = {}): Promise<OpenSheet> {
  const src = await open();
  const records = kind === 'xlsx' ? xlsxRecords(src, opts.sheet ?? 0) : csvRecords(src, opts.delimiter);
  const first = await records.next();
  if (first.done) throw ImportErrors.noHeader();
  async function* rows(): AsyncGenerator<SheetRow> {
    for await (const r of records) yield r as SheetRow;
  }
  return { headers: first.value as string[], rows: rows() };
}

/** Reads the whole file once, in constant memory: its header and the number of data rows (a bad file fails here). */
export async function scanSheet(
  open: Opener,
  kind: SheetKind,
  opts: { delimiter?: string; sheet?: number } = {},
): Promise<{ headers: string[]; rows: number }> {
  const sheet = await openSheet(open, kind, opts);
  let rows = 0;
  for await (const _ of sheet.rows) rows += 1;
  return { headers: sheet.headers, rows };
}
