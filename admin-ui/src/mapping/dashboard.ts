/**
 * Dashboard widgets: the answer of /api/dashboard/:id normalized ({ value } for figures,
 * { series } for charts), and the geometry of the hand-drawn SVG charts.
 */
import type { Meta, MetaDashboardWidget } from '../meta/types.js';
import { choiceLabel, titleText } from './labels.js';
export interface Point {
  label: string;
  value: number;
  /** The label as the server sent it (a status "to_bill", a stage's stored name), for its translation. */
  raw?: string;
  /** The value behind the point (a stage id, a status), for the click-through. */
  key?: string | number | null;
}

type WidgetLink = NonNullable<MetaDashboardWidget['link']>;

/**
 * The screen behind a widget (a list with its filter, or a report with its parameters); for a
 * chart point with a key, the list is filtered on the link's pointField as well.
 */
export function widgetPath(link: WidgetLink | undefined, point?: Point): string | undefined {
  if (!link) return undefined;
  if ('report' in link) {
    const qs = new URLSearchParams(link.params ?? {}).toString();
    return `/reports/${link.report}${qs ? `?${qs}` : ''}`;
  }
  const filter = {
    ...(link.filter ?? {}),
    ...(point && link.pointField && point.key !== undefined && point.key !== null ? { [link.pointField]: point.key } : {}),
  };
  return `/${link.entity}${Object.keys(filter).length ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`;
}

export type WidgetData = { kind: 'figure'; value: string } | { kind: 'series'; series: Point[] };

/** Series labels that are raw codes ("in_process") read as words ("In process"). */
export function readableLabel(label: string): string {
  return /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(label) || /^[a-z]+$/.test(label) ? `${label[0]!.toUpperCase()}${label.slice(1).replace(/_/g, ' ')}` : label;
}

/**
 * A chart point's label in the locale, from the metadata: the point field of the widget's link
 * names a record (a stage: its seeded title, "Paieška") or a choice ("to_bill": "Apmokestinti");
 * without a point field, a label that is a choice of one of the entity's enum fields reads as
 * that choice. Else the label as sent.
 */
export function pointLabeller(widget: MetaDashboardWidget, meta: Meta | undefined, locale: string): (p: Point) => string {
  const link = widget.link && 'entity' in widget.link ? widget.link : undefined;
  const entity = meta?.entities.find((e) => e.key === (link?.entity ?? widget.entity));
  const pointField = link?.pointField ? entity?.fields.find((f) => f.name === link.pointField) : undefined;
  const target = pointField?.kind === 'reference' ? meta?.entities.find((e) => e.key === pointField.ref?.entity) : undefined;
  const enums = pointField ? (pointField.kind === 'enum' ? [pointField] : []) : (entity?.fields ?? []).filter((f) => f.kind === 'enum');
  return (p) => {
    const raw = p.raw ?? p.label;
    if (target) return titleText(target, raw, locale) || p.label;
    for (const f of enums) {
      const c = f.choices?.find((x) => x.id === raw);
      if (c) return choiceLabel(c, locale);
    }
    return p.label;
  };
}

/** Figures first (they are small), then charts, each group in the declared order. */
export function orderWidgets<T extends { kind: string }>(widgets: T[]): T[] {
  const figure = (w: T) => w.kind === 'number' || w.kind === 'money';
  return [...widgets.filter(figure), ...widgets.filter((w) => !figure(w))];
}

export function normalizeWidget(body: unknown): WidgetData {
  const b = (body ?? {}) as Record<string, unknown>;
  if (Array.isArray(b.series))
    return {
      kind: 'series',
      series: b.series
        .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object')
        .map((p) => ({
          label: readableLabel(String(p.label ?? '')),
          raw: String(p.label ?? ''),
          value: Number(p.value ?? 0),
          ...(p.key !== undefined ? { key: p.key as Point['key'] } : {}),
        }))
        .filter((p) => Number.isFinite(p.value)),
    };
  const v = b.value;
  return { kind: 'figure', value: v === null || v === undefined ? '0' : String(v) };
}

/** A round upper bound for an axis (1, 2, 2.5, 5 x 10^n). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const exp = Math.floor(Math.log10(max));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * base >= max) return m * base;
  return 10 * base;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  point: Point;
}

export function barLayout(series: Point[], width: number, height: number): { bars: Bar[]; max: number } {
  const max = niceMax(Math.max(0, ...series.map((p) => p.value)));
  const slot = series.length ? width / series.length : width;
  const barWidth = Math.max(2, slot * 0.7);
  const bars = series.map((p, i) => {
    const h = (Math.max(0, p.value) / max) * height;
    return { x: i * slot + (slot - barWidth) / 2, y: height - h, width: barWidth, height: h, point: p };
  });
  return { bars, max };
}

export interface Slice {
  path: string;
  point: Point;
  share: number;
}

/** SVG paths of pie slices around (r, r); a single slice is a full circle. */
export function pieSlices(series: Point[], r: number): Slice[] {
  const positive = series.filter((p) => p.value > 0);
  const total = positive.reduce((s, p) => s + p.value, 0);
  if (!total) return [];
  let angle = -Math.PI / 2;
  return positive.map((p) => {
    const share = p.value / total;
    if (share >= 0.9999) return { path: `M ${r} 0 A ${r} ${r} 0 1 1 ${r - 0.01} 0 Z`, point: p, share };
    const start = angle;
    angle += share * 2 * Math.PI;
    const [x1, y1] = [r + r * Math.cos(start), r + r * Math.sin(start)];
    const [x2, y2] = [r + r * Math.cos(angle), r + r * Math.sin(angle)];
    const large = share > 0.5 ? 1 : 0;
    const f = (n: number) => n.toFixed(2);
    return { path: `M ${r} ${r} L ${f(x1)} ${f(y1)} A ${r} ${r} 0 ${large} 1 ${f(x2)} ${f(y2)} Z`, point: p, share };
  });
}

export function linePoints(series: Point[], width: number, height: number): { points: { x: number; y: number; point: Point }[]; max: number; min: number } {
  const max = niceMax(Math.max(0, ...series.map((p) => p.value)));
  const min = Math.min(0, ...series.map((p) => p.value));
  const span = max - min || 1;
  const step = series.length > 1 ? width / (series.length - 1) : 0;
  return {
    points: series.map((p, i) => ({ x: series.length > 1 ? i * step : width / 2, y: height - ((p.value - min) / span) * height, point: p })),
    max,
    min,
  };
}
