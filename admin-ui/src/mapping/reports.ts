/**
 * Report screens from report declarations (meta.reports): the filters come from the
 * declaration's query-string schema, the table from the answer's { columns, rows, totals,
 * summary } (any other { columns, rows } in the answer is shown as a further table), and a
 * row's `drill` opens another report with its parameters. Plain TypeScript, no React.
 */
import type { JsonSchema, Meta, MetaReport } from '../meta/types.js';
import { formatDate, formatDecimal } from './format.js';
import { titleText } from './labels.js';

export type ColumnType = 'text' | 'money' | 'date' | 'ratio' | 'number' | 'link';

export interface ReportColumn {
  key: string;
  label: string;
  labels?: Record<string, string>;
  type: ColumnType;
  /** Values are ids of this entity: the cell links to the record. */
  ref?: string;
  /** The row value shown for a reference column (its name or number). */
  shownBy?: string;
  /** The label is only the key made readable: the UI catalogue may name it (tessera.report.column.<key>). */
  byKey?: boolean;
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
  summary?: {
    key: string;
    label: string;
    labels?: Record<string, string>;
    type: ColumnType;
    value: string | null;
    definition?: string;
    definitions?: Record<string, string>;
  }[];
  total?: number;
  limit?: number;
  offset?: number;
  [extra: string]: unknown;
}

/**
 * The screen's answer from the API's report envelope ({ data, total, columns?, ... }): a report
 * that declares its columns shows `data` as its table's rows.
 */
export function fromEnvelope(answer: Record<string, unknown>): ReportAnswer {
  const out = { ...answer } as ReportAnswer;
  if (Array.isArray(answer.columns) && Array.isArray(answer.data)) out.rows = answer.data as ReportRow[];
  return out;
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
  /**
   * A reference whose entity another parameter names (x-ref-by): its value mapped by `refs`
   * (party_type customer -> sales.customer), or the entity key itself without `refs` (voucher_type).
   */
  refBy?: { param: string; refs?: Record<string, string> };
  default?: string;
}

/** The entity a reference parameter picks from, given the current values (undefined: none enabled or chosen, so a plain input). */
export function paramRef(p: ReportParam, values: Record<string, string>, params: ReportParam[], meta?: Meta): string | undefined {
  const by = p.refBy && (values[p.refBy.param] || params.find((x) => x.name === p.refBy!.param)?.default);
  const key = p.refBy ? (by ? (p.refBy.refs ? p.refBy.refs[by] : by) : undefined) : p.ref;
  return key && meta?.entities.some((e) => e.key === key) ? key : undefined;
}

/** A parameter's value as the screen shows it: a choice by its label, a date formatted. */
export function paramText(p: ReportParam | undefined, value: unknown, locale: string): string {
  if (p?.kind === 'enum') return p.choices?.find((c) => c.id === String(value))?.name ?? String(value);
  if (p?.kind === 'date') return cellText('date', value, locale);
  return String(value);
}

/** Labels of the parameters every kind of report has (periods, dates), for declarations that give none. */
const COMMON_PARAMS: Record<string, Record<string, string>> = {
  from: { en: 'From', lt: 'Nuo' },
  to: { en: 'To', lt: 'Iki' },
  as_of: { en: 'As of', lt: 'Datai' },
  date: { en: 'Date', lt: 'Data' },
  at: { en: 'At', lt: 'Momentu' },
  month: { en: 'Month', lt: 'Mėnuo' },
};

const labelIn = (s: JsonSchema, locale: string, fallback: string) =>
  (s['x-labels'] as Record<string, { title?: string }> | undefined)?.[locale]?.title ?? s.title ?? fallback;

/** The words of a range's bounds in a parameter's label. */
const RANGE_WORDS: Record<string, { from: string; to: string }> = { en: { from: 'from', to: 'to' }, lt: { from: 'nuo', to: 'iki' } };

export function reportParams(report: MetaReport, locale: string, meta?: Meta): ReportParam[] {
  const props = ((report.params as JsonSchema).properties ?? {}) as Record<string, JsonSchema>;
  // a parameter named like an entity of the plugin ("employee") picks one of its records, and is
  // labelled like the plugin's field of that name
  const own = (meta?.entities ?? []).filter((e) => e.plugin === report.plugin);
  const fieldOf = (name: string) => own.flatMap((e) => e.fields ?? []).find((x) => x.name === name);
  // else a bound of a field's range ("expected_close_to"), else a common parameter's label, else the picked entity's title
  const fieldLabelOf = (name: string, ref?: unknown) => {
    const f = fieldOf(name);
    if (f) return f.labels?.[locale] || f.label;
    const bound = /^(.+)_(from|to)$/.exec(name);
    const base = bound ? fieldOf(bound[1]!) : undefined;
    if (base) return `${base.labels?.[locale] || base.label} ${(RANGE_WORDS[locale] ?? RANGE_WORDS.en!)[bound![2] as 'from' | 'to']}`;
    const common = COMMON_PARAMS[name];
    if (common) return common[locale] ?? common.en!;
    const target = typeof ref === 'string' ? meta?.entities.find((e) => e.key === ref) : undefined;
    return target ? (target.labels?.[locale]?.title ?? target.label) : readableKey(name);
  };
  return Object.entries(props)
    .filter(([name]) => !INTERNAL.has(name))
    .map(([name, s]) => {
      const label = labelIn(s, locale, fieldLabelOf(name, s['x-ref']));
      const entity = own.find((e) => e.name === name);
      if (entity && !s['x-ref'] && s.format !== 'date' && !Array.isArray(s.enum)) return { name, label, kind: 'reference' as const, ref: entity.key };
      if (s.format === 'date') return { name, label, kind: 'date' as const };
      if (Array.isArray(s.enum)) {
        const en = (s['x-enum-labels'] as Record<string, string> | undefined) ?? {};
        const local = (s['x-labels'] as Record<string, { enum?: Record<string, string> }> | undefined)?.[locale]?.enum ?? {};
        return {
          name,
          label,
          kind: 'enum' as const,
          choices: s.enum.map((v) => ({ id: String(v), name: local[String(v)] ?? en[String(v)] ?? String(v) })),
          ...(s.default !== undefined ? { default: String(s.default) } : {}),
        };
      }
      if (typeof s['x-ref'] === 'string') return { name, label, kind: 'reference' as const, ref: s['x-ref'] as string };
      const by = s['x-ref-by'] as string | { param: string; refs?: Record<string, string> } | undefined;
      if (by) return { name, label, kind: 'reference' as const, refBy: typeof by === 'string' ? { param: by } : by };
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
    case 'number':
      // exact decimal text ("10.00") in the locale's style; plain JSON numbers (counts, years) as they are
      return typeof value === 'string' ? formatDecimal(value, locale) : String(value);
    default:
      return String(value);
  }
}

export const rowLabel = (row: ReportRow, locale: string) => row.labels?.[locale] || row.label;

/** Other tables in the answer (e.g. the cash flow's direct view), by key. */
export function extraTables(answer: ReportAnswer): [string, ReportTable][] {
  return Object.entries(answer).filter(
    ([k, v]) => k !== 'rows' && !!v && typeof v === 'object' && Array.isArray((v as ReportTable).columns) && Array.isArray((v as ReportTable).rows),
  ) as [string, ReportTable][];
}

/** A voucher reference in a row (voucher_type = an entity key, voucher_id) as a record screen, when the entity is known. */
export function voucherPath(meta: Meta | undefined, row: ReportRow): string | undefined {
  const type = row.voucher_type;
  const id = row.voucher_id;
  if (typeof type !== 'string' || id === undefined || id === null) return undefined;
  return meta?.entities.some((e) => e.key === type) ? `/${type}/${id}/show` : undefined;
}

const MONEY_KEY = /(amount|value|total|cost|price|profit|revenue|net|gross|valuation|billed|sales)/;
const readableKey = (k: string) => `${k[0]!.toUpperCase()}${k.slice(1).replace(/_/g, ' ')}`;

/**
 * An inferred column's label in each language, from the metadata: a reference column is named
 * by its entity ("Stage" / "Etapas"), another by the plugin's field of that name ("probability":
 * the deal's "Probability" / "Tikimybė"), else by its key made readable ("Weighted amount").
 */
function columnLabel(meta: Meta | undefined, plugin: string, key: string, ref: string | undefined): Pick<ReportColumn, 'label' | 'labels' | 'byKey'> {
  const target = ref ? meta?.entities.find((e) => e.key === ref) : undefined;
  if (target)
    return {
      label: target.label ?? readableKey(key),
      labels: Object.fromEntries(Object.entries(target.labels ?? {}).flatMap(([l, t]) => (t?.title ? [[l, t.title]] : []))),
    };
  for (const e of meta?.entities ?? []) {
    if (e.plugin !== plugin) continue;
    const f = (e.fields ?? []).find((x) => x.name === key && !x.hidden);
    if (f) return { label: f.label, labels: f.labels ?? {} };
  }
  return { label: readableKey(key), byKey: true };
}

/**
 * The table of an answer that lists its rows as `data` (the plugins' report routes) without
 * declaring columns: columns from the rows' scalar values, typed by their values (exact decimal
 * text stays text), a column naming an entity of the plugin (`employee`: hr.employee) becomes a
 * link to that record, shown by its `<key>_name` / `<key>_number` sibling when the row has one;
 * `totals` matching columns become a grand-total row.
 */
export function inferTable(answer: Record<string, unknown>, meta: Meta | undefined, plugin: string): ReportTable | undefined {
  const data = answer.data;
  if (Array.isArray(answer.columns) || !Array.isArray(data) || !data.length || typeof data[0] !== 'object') return undefined;
  const sample = data.slice(0, 50) as Record<string, unknown>[];
  const keys: string[] = [];
  for (const r of sample)
    for (const [k, v] of Object.entries(r)) if (!keys.includes(k) && (v === null || ['string', 'number', 'boolean'].includes(typeof v))) keys.push(k);
  const refOf = (k: string) => {
    const key = meta?.entities.find((e) => e.key === `${plugin}.${k}` || (e.key.endsWith(`.${k}`) && e.plugin !== plugin))?.key;
    return key && sample.every((r) => r[k] === null || r[k] === undefined || /^\d+$/.test(String(r[k]))) ? key : undefined;
  };
  const shownBy = new Map<string, string>();
  const idOnly = new Set<string>();
  for (const k of keys) if (refOf(k)) for (const s of [`${k}_name`, `${k}_number`, `${k}_title`]) if (keys.includes(s) && !shownBy.has(k)) shownBy.set(k, s);
  // the one reference of a row that names it plainly ({ stage, name }: a row per stage) is shown by that name
  const unnamed = keys.filter((k) => refOf(k) && !shownBy.has(k));
  if (unnamed.length === 1 && keys.includes('name') && ![...shownBy.values()].includes('name')) shownBy.set(unnamed[0]!, 'name');
  // an id column with a number or name beside it but no entity to open: the sibling stands in
  for (const k of keys)
    if (!refOf(k) && sample.every((r) => r[k] === null || typeof r[k] === 'number'))
      for (const s of [`${k}_number`, `${k}_name`]) if (keys.includes(s)) idOnly.add(k);
  const hidden = new Set([...shownBy.values(), ...idOnly]);
  const typeOf = (k: string): ColumnType => {
    const values = sample.map((r) => r[k]).filter((v) => v !== null && v !== undefined && v !== '');
    if (!values.length) return 'text';
    if (values.every((v) => typeof v === 'number')) return 'number';
    if (values.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
    if (values.every((v) => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v))) return MONEY_KEY.test(k) ? 'money' : 'number';
    return 'text';
  };
  const columns: ReportColumn[] = keys
    .filter((k) => !hidden.has(k) && k !== 'id')
    .map((k) => ({ key: k, ...columnLabel(meta, plugin, k, refOf(k)), type: typeOf(k), ...(refOf(k) ? { ref: refOf(k)!, shownBy: shownBy.get(k) } : {}) }));
  const rows: ReportRow[] = (data as Record<string, unknown>[]).map((r, i) => ({ ...r, key: String(r.id ?? i), label: String(r.label ?? '') }));
  const totals = answer.totals;
  if (totals && typeof totals === 'object' && !Array.isArray(totals) && Object.keys(totals).some((k) => columns.some((c) => c.key === k)))
    rows.push({ ...(totals as Record<string, unknown>), key: '__total', label: 'Total', style: 'grand_total' });
  return { columns, rows };
}

/** The table with its reference columns reading their records' titles in the locale (a seeded stage: "Paieška"). */
export function withRefTitles(table: ReportTable, meta: Meta | undefined, locale: string): ReportTable {
  const refs = (table.columns ?? []).filter((c) => c.ref && c.shownBy);
  if (!refs.length || !meta) return table;
  const rows = table.rows.map((r) => {
    const out = { ...r };
    for (const c of refs)
      if (typeof r[c.shownBy!] === 'string')
        out[c.shownBy!] = titleText(
          meta.entities.find((e) => e.key === c.ref),
          r[c.shownBy!],
          locale,
        );
    return out;
  });
  return { ...table, rows };
}

/** A chart of a report table where it suits: a label column and a number column, 2 to 40 plain rows. */
export function reportSeries(table: ReportTable, locale: string): { label: string; value: number; key?: string }[] | undefined {
  const lines = table.rows.filter((r) => !r.style || r.style === 'group');
  if (lines.length < 2 || lines.length > 40) return undefined;
  const value = table.columns.find((c) => c.type === 'money') ?? table.columns.find((c) => c.type === 'number' && !c.ref);
  const label = table.columns.find((c) => c.key === 'label') ?? table.columns.find((c) => c.type === 'text') ?? table.columns.find((c) => c.ref);
  if (!value || !label) return undefined;
  const text = (r: ReportRow) => (label.key === 'label' ? rowLabel(r, locale) : String(r[label.shownBy ?? label.key] ?? ''));
  return lines.map((r) => ({ label: text(r), value: Number(r[value.key] ?? 0), key: r.key })).filter((p) => Number.isFinite(p.value));
}
