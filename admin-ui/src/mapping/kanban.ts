/**
 * Board view (x-ui kanban): one column per value of the group field (its enum choices, or
 * the target records of a reference), cards placed by their value; dropping a card on a
 * column writes that value.
 */
import type { MetaEntity, MetaField } from '../meta/types.js';
import { choiceLabel } from './labels.js';
import { Decimal, toDecimal } from '@tessera/contract';

export interface BoardColumn {
  /** The group field's value ('' collects records without one). */
  value: string | number | null;
  key: string;
  label: string;
  /** The option's colour (an enum group field's choice colour). */
  color?: string;
}

export interface Board<R> {
  groupBy: MetaField;
  columns: (BoardColumn & { cards: R[] })[];
}

export function boardField(e: MetaEntity): MetaField | undefined {
  if (!e.kanban) return undefined;
  const f = e.fields.find((x) => x.name === e.kanban!.groupBy);
  return f && (f.kind === 'enum' || f.kind === 'reference') ? f : undefined;
}

/** Columns of the board: enum choices in declared order, or the given reference targets; "none" last when some card has no value. */
export function boardColumns(f: MetaField, locale: string, targets: { id: number | string; title: string }[] = []): BoardColumn[] {
  if (f.kind === 'enum')
    return (f.choices ?? []).map((c) => ({ value: c.id, key: c.id, label: choiceLabel(c, locale), ...(c.color ? { color: c.color } : {}) }));
  return targets.map((t) => ({ value: Number(t.id), key: String(t.id), label: t.title }));
}

export function buildBoard<R extends Record<string, unknown>>(e: MetaEntity, f: MetaField, columns: BoardColumn[], records: R[], noneLabel: string): Board<R> {
  const byKey = new Map(columns.map((c) => [c.key, { ...c, cards: [] as R[] }]));
  const none = { value: null, key: '', label: noneLabel, cards: [] as R[] };
  for (const r of records) {
    const v = r[f.name];
    const col = v === null || v === undefined ? undefined : byKey.get(String(v));
    (col ?? none).cards.push(r);
  }
  const out = [...byKey.values()];
  if (none.cards.length || (!f.required && f.kind === 'reference')) out.push(none);
  void e;
  return { groupBy: f, columns: out };
}

/** The exact sum of a board column's amount field (decimal text), or undefined without an amount field. */
export function columnTotal(cards: Record<string, unknown>[], amount: string | undefined): string | undefined {
  if (!amount) return undefined;
  return cards.reduce((s: Decimal, r) => s.add(toDecimal(r[amount] ?? 0)), new Decimal(0)).toFixed();
}

/** Columns start collapsed when they are empty and the board is wide (more columns than fit at 1366 px). */
export const WIDE_BOARD = 5;
export function startsCollapsed(columnCount: number, cardCount: number): boolean {
  return columnCount > WIDE_BOARD && cardCount === 0;
}
