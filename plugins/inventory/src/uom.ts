/**
 * Units on document lines: fills the unit (default: the item's stock unit) and the
 * conversion factor from the item's unit conversions, and checks whole-number units.
 * Shared by stock entries and the purchasing documents (exported from the plugin).
 */
import { type MessageParams, Decimal, Errors, type Doc, type ServiceContext } from '@tessera/core';
import { errors } from '../errors.js';

export interface UomProblem {
  path: string;
  message: string;
  /** The catalogued message's key and parameters (errors.problem / errors.t). */
  key?: string;
  params?: MessageParams;
}

interface ItemUnits {
  id: number;
  code: string;
  stock_uom: number;
  is_stock_item: boolean;
  disabled: boolean;
  standard_rate: string | null;
  default_warehouse: number | null;
  factors: Map<number, string>;
}

/** Item facts documents need: stock unit, conversion factors, defaults. */
export async function loadItemUnits(ctx: ServiceContext, itemIds: number[]): Promise<Map<number, ItemUnits>> {
  const ids = [...new Set(itemIds.filter((x) => x != null).map(Number))];
  if (!ids.length) return new Map();
  const items = await ctx.sql<Omit<ItemUnits, 'factors'>>(
    `select id, code, stock_uom, is_stock_item, disabled, standard_rate, default_warehouse from inventory_item where id = any($1)`,
    [ids],
  );
  const factors = await ctx.sql<{ parent_id: number; uom: number; conversion_factor: string }>(
    `select parent_id, uom, conversion_factor from inventory_item_uom where parent_id = any($1)`,
    [ids],
  );
  const out = new Map<number, ItemUnits>();
  for (const i of items) out.set(Number(i.id), { ...i, id: Number(i.id), stock_uom: Number(i.stock_uom), factors: new Map() });
  for (const f of factors) out.get(Number(f.parent_id))?.factors.set(Number(f.uom), f.conversion_factor);
  return out;
}

/**
 * For each line (fields item, uom, conversion_factor, and the qty fields named): sets uom
 * and conversion_factor, and reports problems with their field paths. Mutates the lines.
 */
export async function applyLineUnits(ctx: ServiceContext, lines: Doc[], collection: string, qtyFields: string[] = ['qty']): Promise<UomProblem[]> {
  const problems: UomProblem[] = [];
  const units = await loadItemUnits(
    ctx,
    lines.map((l) => l.item),
  );
  const uomIds = [
    ...new Set(
      lines
        .map((l) => l.uom)
        .filter((x) => x != null)
        .map(Number),
    ),
  ];
  const wholeUnits = new Set(
    uomIds.length ? (await ctx.sql<{ id: number }>(`select id from inventory_uom where id = any($1) and whole_number`, [uomIds])).map((r) => Number(r.id)) : [],
  );
  const uomNames = new Map<number, string>(
    (uomIds.length ? await ctx.sql<{ id: number; name: string }>(`select id, name from inventory_uom where id = any($1)`, [uomIds]) : []).map((r) => [
      Number(r.id),
      r.name,
    ]),
  );
  lines.forEach((l, i) => {
    const at = `${collection}/${i}`;
    const item = units.get(Number(l.item));
    if (!item) {
      problems.push({ path: `${at}/item`, ...errors.t('item_does_not_exist', { item: String(l.item) }) });
      return;
    }
    if (item.disabled) problems.push({ path: `${at}/item`, ...errors.t('item_disabled', { code: String(item.code) }) });
    if (l.uom == null || Number(l.uom) === item.stock_uom) {
      l.uom = item.stock_uom;
      l.conversion_factor = '1';
    } else {
      const factor = item.factors.get(Number(l.uom));
      if (!factor)
        problems.push({
          path: `${at}/uom`,
          ...errors.t('not_unit_item_add_under', {
            value: uomNames.get(Number(l.uom)) ?? { en: `unit ${l.uom}`, lt: `vienetas ${l.uom}` },
            code: String(item.code),
          }),
        });
      else l.conversion_factor = factor;
    }
    if (l.uom != null && wholeUnits.has(Number(l.uom)))
      for (const f of qtyFields)
        if (l[f] != null && !new Decimal(String(l[f])).isInteger())
          problems.push({ path: `${at}/${f}`, ...errors.t('whole_number_counted_whole_units', { value: String(uomNames.get(Number(l.uom))) }) });
  });
  return problems;
}

/** Throws one 422 listing every problem (each with its field path). */
export function throwProblems(code: string, problems: UomProblem[]): void {
  if (problems.length) throw Errors.unprocessable(code, problems.map((p) => `${p.path} ${p.message}`).join('; '), problems);
}
