/**
 * Reading an uploaded spreadsheet into a header and rows of cells, with csv-parse (CSV) and
 * exceljs (XLSX). Cells keep their type where the file has one (XLSX numbers, dates and
 * booleans); CSV cells are text. Wrong encoding, a wrong delimiter and ragged rows are refused
 * with what to change.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ImportErrors } from './errors.js';

export type Cell = string | number | boolean | Date | null;

export interface Sheet {
  headers: string[];
  /** Data rows; rowNumbers[i] is the file's line (CSV) or row (XLSX) number of rows[i]. */
  rows: Cell[][];
  rowNumbers: number[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text of a CSV upload: UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused. */
function decode(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04)
    throw ImportErrors.parse(undefined, `it is a ZIP/XLSX file sent as CSV; send it with Content-Type ${XLSX_TYPE}`);
  try {
    const text = utf8.decode(buf);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    // Bytes 0x80-0xFF alone: a single-byte code page. Lithuanian letters in Windows-1257 sit at 0xE0-0xFE.
    const high = [...buf.subarray(0, 65536)].filter((b) => b >= 0x80);
    const baltic = high.filter((b) =>
      [0xe0, 0xe8, 0xe6, 0xeb, 0xe1, 0xf0, 0xf8, 0xfb, 0xfe, 0xc0, 0xc8, 0xc6, 0xcb, 0xc1, 0xd0, 0xd8, 0xdb, 0xde].includes(b),
    ).length;
    throw ImportErrors.encoding(baltic > high.length / 2 ? 'Windows-1257 (Baltic)' : 'a single-byte code page such as Windows-1252 or ISO-8859');
  }
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

export function readCsv(buf: Buffer, delimiter?: string): Sheet {
  const text = decode(buf);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.trim()) throw ImportErrors.noHeader();
  const used = delimiter ?? guessDelimiter(firstLine);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { delimiter: used, relax_quotes: false, skip_empty_lines: true, info: true, trim: false }) as any;
  } catch (e) {
    const err = e as { message?: string; lines?: number; code?: string };
    const reason =
      err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? 'the row has a different number of columns than the header (check quotes and delimiters)'
        : (err.message ?? 'not CSV').replace(/^Invalid [^:]*: /, '');
    throw ImportErrors.parse(err.lines, reason);
  }
  if (!records.length) throw ImportErrors.noHeader();
  const headers = records[0]!.record.map((h) => h.trim());
  if (headers.length === 1) {
    const other = DELIMITERS.find((d) => d !== used && headers[0]!.includes(d));
    if (other) throw ImportErrors.delimiter(other, headers[0]!);
  }
  const rows = records.slice(1).filter((r) => r.record.some((c) => c.trim() !== ''));
  return { headers, rows: rows.map((r) => r.record), rowNumbers: rows.map((r) => r.info.lines) };
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

export async function readXlsx(buf: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as any);
  } catch (e) {
    throw ImportErrors.parse(undefined, `not an XLSX workbook (${(e as Error).message?.slice(0, 100)})`);
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.rowCount === 0) throw ImportErrors.noHeader();
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (c, col) => (headers[col - 1] = String(xlsxCell(c.value) ?? '').trim()));
  while (headers.length && !headers[headers.length - 1]) headers.pop();
  if (!headers.length) throw ImportErrors.noHeader();
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells: Cell[] = headers.map((_, i) => xlsxCell(row.getCell(i + 1).value));
    if (cells.every((c) => c === null || (typeof c === 'string' && !c.trim()))) return;
    rows.push(cells);
    rowNumbers.push(n);
  });
  return { headers, rows, rowNumbers };
}

export async function readSheet(buf: Buffer, type: string, delimiter?: string): Promise<Sheet> {
  if (type === XLSX_TYPE || (type === 'application/octet-stream' && buf[0] === 0x50 && buf[1] === 0x4b)) return readXlsx(buf);
  if (CSV_TYPES.includes(type) || type === 'application/octet-stream') return readCsv(buf, delimiter);
  throw ImportErrors.notSpreadsheet(type);
}
