/**
 * Writing an export as a stream: CSV (csv-stringify; UTF-8 with BOM, CRLF) or XLSX (exceljs'
 * streaming WorkbookWriter; numbers as numbers, dates as dates, booleans as booleans).
 *   headers  labels in the user's language (default) or field names (headers=names)
 *   refs     the referenced record's title (default) or its id (refs=id)
 *   decimals machine "1234.50" (default) or the language's "1234,50" (decimals=locale; a
 *            Lithuanian CSV then separates columns with ";" as Excel there expects)
 * Text that a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with "'".
 */
import { PassThrough, Readable, type Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify as stringifySync } from 'csv-stringify/sync';
import type { EntityModel, FieldModel } from '../entities/model.js';
import type { Doc } from '../plugin-api/index.js';
import type { ExportSource, ReferenceTitles } from './rows.js';

export interface ExportColumn {
  name: string;
  header: string;
  field?: FieldModel;
  kind: FieldModel['kind'] | 'id' | 'datetime' | 'docstatus';
}

export interface ExportStyle {
  lang: 'en' | 'lt';
  headers: 'labels' | 'names';
  refs: 'title' | 'id';
  decimals: 'machine' | 'locale';
}

const DOCSTATUS: Record<string, Record<string, string>> = {
  en: { draft: 'Draft', submitted: 'Submitted', cancelled: 'Cancelled' },
  lt: { draft: 'Juodraštis', submitted: 'Pateiktas', cancelled: 'Atšauktas' },
};
const SYSTEM_LABELS: Record<string, Record<string, string>> = {
  en: { id: 'ID', docstatus: 'Status', created_at: 'Created', updated_at: 'Updated' },
  lt: { id: 'ID', docstatus: 'Būsena', created_at: 'Sukurta', updated_at: 'Atnaujinta' },
};

/** Text a spreadsheet would evaluate is kept as text. Plain numbers ("-5", "-1.5") stay numbers. */
export function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^[-+]?\d+([.,]\d+)?$/.test(s) ? `'${s}` : s;
}

export function exportColumns(e: EntityModel, visible: FieldModel[], style: ExportStyle, wanted?: string[]): ExportColumn[] {
  const label = (f: FieldModel) => (style.headers === 'names' ? f.name : (style.lang !== 'en' && f.labels[style.lang]) || f.label);
  const sys = (name: string, kind: ExportColumn['kind']): ExportColumn => ({
    name,
    kind,
    header: style.headers === 'names' ? name : (SYSTEM_LABELS[style.lang]?.[name] ?? name),
  });
  const cols: ExportColumn[] = [sys('id', 'id')];
  if (e.submittable) cols.push(sys('docstatus', 'docstatus'));
  for (const f of visible) if (f.kind !== 'children' && !f.secret) cols.push({ name: f.name, header: label(f), field: f, kind: f.kind });
  if (!wanted) return cols;
  // The columns the user chose, in their order (the list's visible columns), after the id.
  cols.push(sys('created_at', 'datetime'), sys('updated_at', 'datetime'));
  const byName = new Map(cols.map((c) => [c.name, c]));
  return [
    cols[0]!,
    ...wanted
      .filter((n) => n !== 'id')
      .map((n) => byName.get(n))
      .filter((c): c is ExportColumn => !!c),
  ];
}

const YES: Record<string, [string, string]> = { en: ['Yes', 'No'], lt: ['Taip', 'Ne'] };

/** A cell for CSV: text, in the chosen style. */
function csvCell(c: ExportColumn, v: unknown, style: ExportStyle, titles: ReferenceTitles): string {
  if (v === null || v === undefined) return '';
  const people = style.headers === 'labels';
  switch (c.kind) {
    case 'decimal':
      return style.decimals === 'locale' && style.lang === 'lt' ? String(v).replace('.', ',') : String(v);
    case 'boolean':
      return people ? YES[style.lang]![v ? 0 : 1] : String(v);
    case 'enum':
      return safeText(people ? (c.field!.enumLabelsI18n?.[style.lang]?.[v as string] ?? c.field!.enumLabels?.[v as string] ?? String(v)) : String(v));
    case 'docstatus':
      return people ? (DOCSTATUS[style.lang]![v as string] ?? String(v)) : String(v);
    case 'reference':
      return style.refs === 'title' ? safeText(String(titles.title(c.field!, v))) : String(v);
    case 'json':
      return safeText(JSON.stringify(v));
    default:
      return typeof v === 'string' ? safeText(v) : String(v);
  }
}

/** A typed cell for XLSX. */
function xlsxCell(c: ExportColumn, v: unknown, style: ExportStyle, titles: ReferenceTitles): unknown {
  if (v === null || v === undefined) return null;
  switch (c.kind) {
    case 'decimal':
    case 'integer':
    case 'id':
      return Number(v);
    case 'boolean':
      return !!v;
    case 'date':
      return new Date(`${v}T00:00:00Z`);
    case 'datetime':
      return new Date(String(v));
    default:
      return csvCell(c, v, style, titles);
  }
}

/** The rows of each batch of the source as cells, a batch at a time. */
async function* batchesOf(
  source: ExportSource,
  columns: ExportColumn[],
  titles: ReferenceTitles,
  cell: (c: ExportColumn, v: unknown) => unknown,
  onBatch?: (rows: number) => void,
): AsyncGenerator<unknown[][]> {
  const refs = columns.filter((c) => c.kind === 'reference').map((c) => c.field!);
  for await (const batch of source.batches()) {
    if (refs.length) await titles.load(refs, batch);
    yield (batch as Doc[]).map((row) => columns.map((c) => cell(c, row[c.name])));
    onBatch?.(batch.length);
  }
}

/**
 * CSV, a batch (EXPORT_BATCH rows) per chunk: csv-stringify formats the batch into one string,
 * and the next batch is fetched only when the client has read what was sent (the stream is
 * pulled: Readable.from over a generator). Memory holds a few batches whatever the row count
 * or the client's speed.
 */
export function csvStream(
  source: ExportSource,
  columns: ExportColumn[],
  style: ExportStyle,
  titles: ReferenceTitles,
  onBatch?: (rows: number) => void,
): Readable {
  const delimiter = style.decimals === 'locale' && style.lang === 'lt' ? ';' : ',';
  const opts = { record_delimiter: '\r\n', delimiter } as const;
  async function* chunks(): AsyncGenerator<string> {
    yield `\ufeff${stringifySync([columns.map((c) => c.header)], opts)}`;
    for await (const rows of batchesOf(source, columns, titles, (c, v) => csvCell(c, v, style, titles), onBatch)) yield stringifySync(rows, opts);
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 64 * 1024 });
}

const NUM_FMT: Partial<Record<ExportColumn['kind'], string>> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' };

/**
 * The sheet's XML waiting for the zip compressor. exceljs' streaming writer (4.4) hands each 64 KB
 * of sheet XML to the compressor without waiting for it (StreamBuf in batch mode), so a writer
 * faster than deflate piles the XML up in memory (585 MB at a million rows on a quiet machine).
 * This counts the hand-overs not yet taken (StreamBuf._pipe resolves when the compressor has
 * the chunk) and lets the writer wait; without that internal (another exceljs), no wait.
 */
export function zipBacklog(ws: unknown): { settle(): Promise<void> } {
  const sheet = (ws as unknown as { stream?: { _pipe?: (chunk: unknown) => Promise<void> } }).stream;
  const handOver = sheet?._pipe;
  if (!sheet || typeof handOver !== 'function') return { settle: async () => undefined };
  let pending = 0;
  let wake: (() => void) | undefined;
  sheet._pipe = (chunk: unknown) => {
    pending += 1;
    return handOver.call(sheet, chunk).finally(() => {
      pending -= 1;
      if (pending <= 2) wake?.();
    });
  };
  return {
    async settle() {
      while (pending > 2) await new Promise<void>((r) => (wake = r));
      wake = undefined;
    },
  };
}

export function xlsxStream(
  source: ExportSource,
  e: EntityModel,
  columns: ExportColumn[],
  style: ExportStyle,
  titles: ReferenceTitles,
  onBatch?: (rows: number) => void,
): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      // exceljs loads on the first xlsx export or import, not at start-up.
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as Writable, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet((style.lang !== 'en' && e.labels[style.lang]?.plural) || e.plural);
      ws.columns = columns.map((c) => ({
        header: c.header,
        key: c.name,
        width: Math.min(Math.max(c.header.length + 2, 10), 40),
        ...(NUM_FMT[c.kind]
          ? { style: { numFmt: NUM_FMT[c.kind] } }
          : c.kind === 'decimal' && c.field?.scale !== undefined
            ? { style: { numFmt: c.field.scale ? `0.${'0'.repeat(Math.min(c.field.scale, 6))}` : '0' } }
            : {}),
      }));
      ws.getRow(1).font = { bold: true };
      const zipped = zipBacklog(ws);
      for await (const rows of batchesOf(source, columns, titles, (c, v) => xlsxCell(c, v, style, titles), onBatch)) {
        for (const rec of rows) ws.addRow(rec).commit();
        // Constant memory: wait while the compressor, then the client, have not taken what was written.
        await zipped.settle();
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      ws.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
