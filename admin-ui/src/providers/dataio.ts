/**
 * The import and export endpoints, same-origin with the session cookie: upload a file (one body,
 * or a multipart request with a lines file), poll a background import or export, the history,
 * revert and cancel, and download a file (an error file, a finished export).
 */
import { importQuery, rejectedProblems, type ExportChoices, type ImportAnswer, type ImportChoices } from '../mapping/dataio.js';
import { exportQuery } from '../mapping/dataio.js';
import type { ListParams } from '../mapping/query.js';
import type { MetaEntity } from '../meta/types.js';

export class DataIoError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly answer?: ImportAnswer,
  ) {
    super(message);
  }
}

async function answer<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = body?.error ?? {};
    // A refused file is an answer with its rows, not only an error.
    const rejected =
      err.code === 'IMPORT_REJECTED' ? { status: 'rejected', problems: rejectedProblems(err.details), problemCount: err.details?.length } : undefined;
    throw new DataIoError(err.message ?? `${res.status} ${res.statusText}`, res.status, err.code, rejected);
  }
  return body as T;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST <path>/import: the file as the body, or with a lines file as a multipart request. */
export async function uploadImport(e: MetaEntity, file: File, lines: File | undefined, c: ImportChoices): Promise<ImportAnswer> {
  const url = `${e.path}/import?${importQuery(c)}`;
  let init: RequestInit;
  if (lines) {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('lines', lines, lines.name);
    init = { method: 'POST', body: form };
  } else {
    const type = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
    init = { method: 'POST', body: file, headers: { 'content-type': type } };
  }
  const res = await fetch(url, { ...init, credentials: 'same-origin', headers: { accept: 'application/json', ...(init.headers as Record<string, string>) } });
  return answer<ImportAnswer>(res);
}

export const getJson = async <T>(url: string): Promise<T> =>
  answer<T>(await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }));
export const postJson = async <T>(url: string): Promise<T> =>
  answer<T>(await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } }));

export const importHistory = (e: MetaEntity) =>
  getJson<{ data: (ImportAnswer & { id: number; username?: string; startedAt?: string; mode?: string; dryRun?: boolean })[] }>(`${e.path}/import/batches`);

/** A file from the server (an error file, a template, a finished export), saved under the name it gives. */
export async function fetchFile(url: string): Promise<{ blob: Blob; filename: string }> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) await answer(res);
  const filename = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  return { blob: await res.blob(), filename };
}

export interface ExportJob {
  job: number;
  status: string;
  total: number;
  done: number;
  progress: number | string;
  download?: string;
  message?: string;
}

/** The export: a file now, or (background) a job to poll. */
export async function startExport(
  e: MetaEntity,
  params: Pick<ListParams, 'filter' | 'sort'>,
  c: ExportChoices,
): Promise<{ file: { blob: Blob; filename: string } } | { job: ExportJob }> {
  const url = `${e.path}?${exportQuery(e, params, c)}`;
  if (!c.background) return { file: await fetchFile(url) };
  return { job: await getJson<ExportJob>(url) };
}
