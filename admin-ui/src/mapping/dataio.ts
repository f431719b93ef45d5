/**
 * The import and export screens' logic, without a browser: the import request's query string
 * from the chosen options, the key columns an entity offers, the export's query (the list's
 * filters, sort and visible columns), and what a server answer says (a job still going?).
 */
import type { MetaEntity } from '../meta/types.js';
import { listQuery, type ListParams } from './query.js';

export type ImportMode = 'insert' | 'upsert' | 'update';

export interface ImportChoices {
  mode: ImportMode;
  key?: string;
  onError: 'rollback' | 'skip';
  locale: 'en' | 'lt';
  dryRun: boolean;
  /** An XLSX workbook whose second sheet holds the lines. */
  linesSheet?: boolean;
}

export interface ImportProblem {
  row: number;
  sheet?: 'lines';
  column?: string;
  field?: string;
  message: string;
  code?: string;
}

/** The server's answer to an import (200) or a batch's state (GET .../import/:batch). */
export interface ImportAnswer {
  batch?: number | null;
  id?: number;
  status: string;
  total?: number;
  done?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  failed?: number;
  problems?: ImportProblem[];
  problemCount?: number;
  columns?: { column: string; field?: string; ignored?: string }[];
  errorFile?: string;
  progress?: string | number;
  message?: string;
  revert?: string;
}

export function importQuery(c: ImportChoices): URLSearchParams {
  const q = new URLSearchParams({ mode: c.mode, onError: c.onError, locale: c.locale });
  if (c.key) q.set('key', c.key);
  if (c.dryRun) q.set('dryRun', 'true');
  if (c.linesSheet) q.set('lines', 'sheet');
  return q;
}

/** The fields an import can match rows on: the id and the unique, writable fields. */
export function keyChoices(e: MetaEntity): string[] {
  return ['id', ...e.fields.filter((f) => f.unique && !f.computed && !f.readOnly && f.kind !== 'children').map((f) => f.name)];
}

/** The problems of a 422 IMPORT_REJECTED answer (details with paths "rows/12/field" or "lines/3/lines.qty"). */
export function rejectedProblems(details: { path: string; message: string; code?: string }[] | undefined): ImportProblem[] {
  return (details ?? []).map((d) => {
    const m = /^(rows|lines)\/(\d+)(?:\/(.+))?$/.exec(d.path);
    return { row: m ? Number(m[2]) : 0, ...(m?.[1] === 'lines' ? { sheet: 'lines' as const } : {}), field: m?.[3], message: d.message, code: d.code };
  });
}

/** Whether a background job is still going (poll again). */
export const stillRunning = (status: string | undefined) => status === 'queued' || status === 'running' || status === 'cancelling';

export interface ExportChoices {
  format: 'csv' | 'xlsx';
  localeDecimals: boolean;
  lang: string;
  background: boolean;
  /** The list's visible columns, in order. */
  columns: string[];
}

/** GET <entity path>?<this>: the list's filters and sort, the visible columns, all rows. */
export function exportQuery(e: MetaEntity, params: Pick<ListParams, 'filter' | 'sort'>, c: ExportChoices): URLSearchParams {
  const extra: Record<string, string> = { format: c.format, lang: c.lang === 'lt' ? 'lt' : 'en' };
  if (c.columns.length) extra.fields = c.columns.join(',');
  if (c.localeDecimals) extra.decimals = 'locale';
  if (c.background) extra.async = 'true';
  return listQuery(e, { filter: params.filter, sort: params.sort }, extra);
}

/** Above this many rows an export is offered as a background job by default. */
export const BACKGROUND_EXPORT_ROWS = 50_000;

/** Percent done of a job. */
export const percent = (done: number | undefined, total: number | undefined) => (total ? Math.min(100, Math.round(((done ?? 0) / total) * 100)) : 0);
