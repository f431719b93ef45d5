/**
 * What an export is, checked before its first byte (permission, filter, sort, fields): its
 * style (language, headers, references, decimals), its rows (the list's SQL through a cursor)
 * and its writer (CSV or XLSX). Used by the direct download and by the export job alike.
 */
import type { EntityModel } from '../entities/model.js';
import type { DataService } from '../data/service.js';
import type { CurrentUser, ListQuery } from '../plugin-api/index.js';
import { exportSource, ReferenceTitles } from './rows.js';
import { csvStream, exportColumns, xlsxStream, type ExportStyle } from './write.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function exportStyle(q: Record<string, string | undefined>, user: CurrentUser, service: DataService): ExportStyle {
  const lang = (q.lang ?? (typeof user.locale === 'string' ? user.locale : undefined) ?? service.registry.config.company.locale ?? 'en') as 'en' | 'lt';
  return {
    lang: lang === 'lt' ? 'lt' : 'en',
    headers: q.headers === 'names' ? 'names' : 'labels',
    refs: q.refs === 'id' ? 'id' : 'title',
    decimals: q.decimals === 'locale' ? 'locale' : 'machine',
  };
}

export function prepareExport(service: DataService, user: CurrentUser, e: EntityModel, query: ListQuery, q: Record<string, string | undefined>) {
  const style = exportStyle(q, user, service);
  const source = exportSource(service, user, e, query);
  const visible = e.fields.filter((f) => !f.secret && service.registry.policy.canSeeField(user, e, f.name));
  const columns = exportColumns(e, visible, style, query.fields);
  const titles = new ReferenceTitles(service, user, style.lang);
  const format = q.format === 'xlsx' ? 'xlsx' : 'csv';
  const stream = (onBatch?: (rows: number) => void) =>
    format === 'xlsx' ? xlsxStream(source, e, columns, style, titles, onBatch) : csvStream(source, columns, style, titles, onBatch);
  return { format, source, stream, filename: `${e.name}.${format}`, type: format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8' } as const;
}

export type PreparedExport = ReturnType<typeof prepareExport>;
