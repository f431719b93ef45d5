/**
 * Report screens from report declarations (meta.reports): the filters come from the
 * declaration's query-string schema, the table from the answer's { columns, rows, totals,
 * summary } (any other { columns, rows } in the answer is shown as a further table), and a
 * row's `drill` opens another report with its parameters. Plain TypeScript, no React.
 */
import type { JsonSchema, Meta, MetaReport } from '../meta/types.js';
import { formatDate, formatDecimal } from './format.js';

export type ColumnType = 'text' | 'money' | 'date' | 'ratio' | 'number' | 'link';

export interface ReportColumn {
  key: string;
  label: string;
  labels?: Record<string, string>;
  type: ColumnType;
}

export interface ReportRow {
  key: string;
  label: string;
  labels?: Record<string, string>;
  level?: number;
  style?: 'section' | 'group' | 'total' | 'grand_total';
  drill?: { report: string; params: Record<string, string> };
  [value: string]: unknown;
}

export interface ReportTable {
  columns: ReportColumn[];
  rows: ReportRow[];
  totals?: Record<string, string>;
}

export interface ReportAnswer extends ReportTable {
  report: string;
  currency: string;
  params: Record<string, unknown>;
  summary?: { key: string; label: string; labels?: Record<string, string>; type: ColumnType; value: string | null; definition?: string; definitions?: Record<string, string> }[];
  total?: number;
  limit?: number;
  offset?: number;
  [extra: string]: unknown;
}

/** Parameters the screen handles itself (paging, format), not shown as filters. */
const INTERNAL = new Set(['format', 'limit', 'offset']);

export interface ReportParam {
  name: string;
  label: string;
  kind: 'date' | 'enum' | 'reference' | 'text';
  choices?: { id: string; name: string }[];
  /** Entity key of a reference (x-ref). */
  ref?: string;
  default?: string;
}

const labelIn = (s: JsonSchema, locale: string, fallback: string) => ((s['x-labels'] as Record<string, { title?: string }> | undefined)?.[locale]?.title ?? s.title ?? fallback);

export function reportParams(report: MetaReport, locale: string): ReportParam[] {
  const props = ((report.params as JsonSchema).properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props)
    .filter(([name]) => !INTERNAL.has(name))
    .map(([name, s]) => {
      const label = labelIn(s, locale, name);
      if (s.format === 'date') return { name, label, kind: 'date' as const };
      if (Array.isArray(s.enum)) {
        const en = (s['x-enum-labels'] as Record<string, string> | undefined) ?? {};
        const local = (s['x-labels'] as Record<string, { enum?: Record<string, string> }> | undefined)?.[locale]?.enum ?? {};
        return { name, label, kind: 'enum' as const, choices: s.enum.map((v) => ({ id: String(v), name: local[String(v)] ?? en[String(v)] ?? String(v) })), ...(s.default !== undefined ? { default: String(s.default) } : {}) };
      }
      if (typeof s['x-ref'] === 'string') return { name, label, kind: 'reference' as const, ref: s['x-ref'] as string };
      return { name, label, kind: 'text' as const };
    });
}

export const reportLabel = (r: { label: string; labels?: Record<string, string> }, locale: string) => r.labels?.[locale] || r.label;

/** Menu entries of a plugin's reports, in declared order (the menu links to `/${resource}`). */
export function reportMenuItems(meta: Meta, plugin: string, locale: string): { resource: string; label: string; icon: string }[] {
  return (meta.reports ?? [])
    .filter((r) => r.plugin === plugin)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((r) => ({ resource: `reports/${r.id}`, label: reportLabel(r, locale), icon: r.icon && /^[a-z0-9_]+$/.test(r.icon) ? r.icon : 'assessment' }));
}

/** The query string of a run: filled values only. */
export function reportQuery(values: Record<string, string | undefined>, extra: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q;
}

/** The screen of a drill-down: another report with its parameters. */
export function drillPath(drill: NonNullable<ReportRow['drill']>): string {
  const qs = reportQuery(drill.params).toString();
  return `/reports/${drill.report}${qs ? `?${qs}` : ''}`;
}

/** A cell's text in the reader's locale; decimals from their exact text. */
export function cellText(type: ColumnType, value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  switch (type) {
    case 'money':
      return formatDecimal(value, locale, 2);
    case 'ratio':
      return formatDecimal(value, locale);
    case 'date':
      return formatDate(value, locale);
    default:
      return String(value);
  }
}

export const rowLabel = (row: ReportRow, locale: string) => row.labels?.[locale] || row.label;

/** Other tables in the answer (e.g. the cash flow's direct view), by key. */
export function extraTables(answer: ReportAnswer): [string, ReportTable][] {
  return Object.entries(answer).filter(([k, v]) => k !== 'rows' && !!v && typeof v === 'object' && Array.isArray((v as ReportTable).columns) && Array.isArray((v as ReportTable).rows)) as [string, ReportTable][];
}

/** A voucher reference in a row (voucher_type = an entity key, voucher_id) as a record screen, when the entity is known. */
export function voucherPath(meta: Meta | undefined, row: ReportRow): string | undefined {
  const type = row.voucher_type;
  const id = row.voucher_id;
  if (typeof type !== 'string' || id === undefined || id === null) return undefined;
  return meta?.entities.some((e) => e.key === type) ? `/${type}/${id}/show` : undefined;
}
