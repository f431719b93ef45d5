/**
 * Bills of materials: unit conversion of component lines, one default bill per item, no
 * cycles through nested bills (a component made from a bill that needs the finished item),
 * and the cost roll-up (components at their valuation rate or their own bill's unit cost,
 * operations at the workstation's hour rate, less scrap).
 */
import { Decimal, Errors, type ActionDefinition, type Doc, type EntityHooks, type Hook, type ServiceContext } from '@tessera/core';
import { D, itemLabel, loadItems, m2, q6, r9, refuse } from './common.js';
import { errors } from '../errors.js';

type Sql = Pick<ServiceContext, 'sql'>;

/** SQL run by the seed: the database itself keeps one default bill per item. */
export const ONE_DEFAULT_BOM_SQL = `create unique index if not exists production_bom_one_default_per_item on production_bom (item) where is_default`;

/** Fills each component line's conversion factor from the item's units (stock unit: 1). */
async function convertUnits(ctx: Sql, doc: Doc): Promise<void> {
  const lines: Doc[] = doc.items ?? [];
  const items = await loadItems(
    ctx,
    lines.map((l) => l.item),
  );
  const conversions = await ctx.sql<{ item: number; uom: number; factor: string }>(
    `select parent_id as item, uom, conversion_factor::text as factor from inventory_v_item_uom where parent_id = any($1)`,
    [[...items.keys()]],
  );
  const problems: { path: string; message: string }[] = [];
  lines.forEach((l, i) => {
    const item = items.get(Number(l.item));
    if (!item) return; // the foreign key reports a missing item with its path
    if (l.uom == null || Number(l.uom) === Number(item.stock_uom)) {
      l.uom = item.stock_uom;
      l.conversion_factor = '1';
      return;
    }
    const c = conversions.find((x) => Number(x.item) === item.id && Number(x.uom) === Number(l.uom));
    if (!c)
      problems.push({
        path: `items/${i}/uom`,
        ...errors.t('no_conversion_unit_add_item', { value: String(itemLabel(item, item.id)) }),
      });
    else l.conversion_factor = c.factor;
  });
  if (problems.length) refuse('UNIT_NOT_CONVERTIBLE', problems);
}

interface BomHead {
  id: number;
  number: string;
  item: number;
  quantity: string;
  is_active: boolean;
  is_default: boolean;
}

async function defaultBomOf(ctx: Sql, item: number, exceptId?: number): Promise<BomHead | undefined> {
  const [row] = await ctx.sql<BomHead>(
    `select id, number, item, quantity::text as quantity, is_active, is_default from production_bom where item = $1 and is_default and id is distinct from $2`,
    [item, exceptId ?? null],
  );
  return row;
}

/**
 * Refuses a bill whose components lead back to its own item through nested bills (each
 * component's bill is the line's bill, or the component's default bill). The message shows
 * the path, e.g. "TABLE -> TOP -> TABLE".
 */
async function assertNoCycle(ctx: Sql, doc: Doc): Promise<void> {
  const root = Number(doc.item);
  const lines: Doc[] = doc.items ?? [];
  const codes = await loadItems(ctx, [root, ...lines.map((l) => l.item)]);
  const code = (id: number) => codes.get(id)?.code ?? `item ${id}`;
  // frontier: (component item, its bill or null = default, path of item codes, the root line index)
  type Node = { item: number; bom: number | null; path: number[]; line: number };
  let frontier: Node[] = lines.map((l, i) => ({ item: Number(l.item), bom: l.bom == null ? null : Number(l.bom), path: [root, Number(l.item)], line: i }));
  const seen = new Set<string>();
  for (let depth = 0; frontier.length && depth < 50; depth++) {
    const next: Node[] = [];
    for (const n of frontier) {
      if (n.item === root) {
        const more = await loadItems(ctx, n.path);
        for (const [k, v] of more) codes.set(k, v);
        throw Errors.unprocessable(
          'BOM_CYCLE',
          errors.t('items_item_bill_would_contain', { line: String(n.line), value: String(n.path.map(code).join(' -> ')) }),
          [{ path: `items/${n.line}/item`, ...errors.t('bill_would_contain_itself', { value: String(n.path.map(code).join(' -> ')) }) }],
        );
      }
      const key = `${n.item}:${n.bom ?? 'default'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let bomId = n.bom;
      if (bomId === null) {
        const def = await defaultBomOf(ctx, n.item, doc.id);
        bomId = def?.id ?? null;
      }
      if (bomId === null || bomId === doc.id) continue;
      const children = await ctx.sql<{ item: number; bom: number | null }>(`select item, bom from production_bom_item where parent_id = $1`, [bomId]);
      for (const c of children) next.push({ item: Number(c.item), bom: c.bom == null ? null : Number(c.bom), path: [...n.path, Number(c.item)], line: n.line });
    }
    frontier = next;
  }
}

/** Each line's own bill must make that line's item. */
async function checkLineBoms(ctx: Sql, doc: Doc): Promise<void> {
  const lines: Doc[] = doc.items ?? [];
  const ids = lines
    .map((l) => l.bom)
    .filter((b) => b != null)
    .map(Number);
  if (!ids.length) return;
  const boms = await ctx.sql<{ id: number; number: string; item: number; is_active: boolean }>(
    `select id, number, item, is_active from production_bom where id = any($1)`,
    [ids],
  );
  const items = await loadItems(ctx, [...lines.map((l) => l.item), ...boms.map((b) => b.item)]);
  const problems: { path: string; message: string }[] = [];
  lines.forEach((l, i) => {
    if (l.bom == null) return;
    const b = boms.find((x) => Number(x.id) === Number(l.bom));
    if (!b) return;
    if (doc.id != null && Number(b.id) === Number(doc.id)) problems.push({ path: `items/${i}/bom`, ...errors.t('bill_cannot_use_itself_component') });
    else if (Number(b.item) !== Number(l.item))
      problems.push({
        path: `items/${i}/bom`,
        ...errors.t('makes_not', {
          number: String(b.number),
          value: String(itemLabel(items.get(Number(b.item)), b.item)),
          value2: String(itemLabel(items.get(Number(l.item)), l.item)),
        }),
      });
    else if (!b.is_active) problems.push({ path: `items/${i}/bom`, ...errors.t('not_active', { number: String(b.number) }) });
  });
  if (problems.length) refuse('INVALID_COMPONENT_BOM', problems);
}

/** One default bill per item: the first active bill becomes the default; a second default is refused. */
async function checkDefault(ctx: Sql, doc: Doc): Promise<void> {
  if (!doc.is_active) doc.is_default = false;
  const other = await defaultBomOf(ctx, Number(doc.item), doc.id);
  if (doc.is_default && other) {
    const items = await loadItems(ctx, [doc.item]);
    throw Errors.conflict(
      'DEFAULT_BOM_EXISTS',
      errors.t('default_already_default_bill_materials', { number: String(other.number), value: String(itemLabel(items.get(Number(doc.item)), doc.item)) }),
    );
  }
  if (!other && doc.is_active && doc.id == null) doc.is_default = true;
}

const beforeSave: Hook = async ({ doc, sql }) => {
  const ctx = { sql };
  const items = await loadItems(ctx, [doc.item]);
  const fg = items.get(Number(doc.item));
  if (fg) {
    const self = (doc.items as Doc[]).findIndex((l) => Number(l.item) === fg.id);
    if (self >= 0) refuse('BOM_CYCLE', [{ path: `items/${self}/item`, ...errors.t('cannot_component_own_bill', { value: String(itemLabel(fg, fg.id)) }) }]);
  }
  await convertUnits(ctx, doc);
  await checkLineBoms(ctx, doc);
  await assertNoCycle(ctx, doc);
  await checkDefault(ctx, doc);
};

export const bomHooks: EntityHooks = {
  beforeCreate: beforeSave,
  beforeUpdate: beforeSave,
  beforeDelete: async ({ doc, sql }) => {
    const [used] = await sql<{ number: string }>(`select number from production_work_order where bom = $1 and docstatus <> 'cancelled' limit 1`, [doc.id]);
    if (used) throw Errors.conflict('BOM_IN_USE', errors.t('cannot_deleted_work_order_uses', { number: String(doc.number), number2: String(used.number) }));
  },
};

// ------------------------------------------------------------------ cost roll-up

export interface CostLine {
  idx: number;
  item: number;
  item_code: string;
  item_name: string;
  qty: string;
  rate: string;
  amount: string;
  /** Where the rate comes from: the component's own bill (rolled up), its valuation rate, its standard rate, or none. */
  rate_source: 'bom' | 'valuation_rate' | 'standard_rate' | 'none';
  sub_bom?: BomCost;
}

export interface BomCost {
  bom: number;
  number: string;
  item: number;
  item_code: string;
  item_name: string;
  quantity: string;
  raw_material_cost: string;
  operating_cost: string;
  scrap_value: string;
  total_cost: string;
  unit_cost: string;
  items: CostLine[];
  operations: { operation: string; workstation: string; minutes: string; hour_rate: string; cost: string }[];
  scrap_items: { item_code: string; qty: string; rate: string; amount: string }[];
}

interface TreeRows {
  heads: Map<number, { id: number; number: string; item: number; quantity: string }>;
  lines: Map<number, { idx: number; item: number; stock_qty: string; bom: number | null }[]>;
  operations: Map<number, { operation: string; workstation: string; minutes: string; hour_rate: string }[]>;
  scrap: Map<number, { item: number; qty: string }[]>;
  defaults: Map<number, number>;
}

/** Every bill reachable from the root through component bills, in a handful of queries. */
async function loadTree(ctx: Sql, root: number): Promise<TreeRows> {
  const reach = await ctx.sql<{ bom: number }>(
    `with recursive walk(bom, path) as (
       select $1::bigint, array[$1::bigint]
       union all
       select nb.bom, w.path || nb.bom
         from walk w
         join production_bom_item l on l.parent_id = w.bom
         cross join lateral (
           select coalesce(l.bom, (select d.id from production_bom d where d.item = l.item and d.is_default)) as bom
         ) nb
        where nb.bom is not null and not nb.bom = any(w.path) and cardinality(w.path) < 50
     ) select distinct bom from walk`,
    [root],
  );
  const ids = reach.map((r) => Number(r.bom));
  const heads = await ctx.sql<{ id: number; number: string; item: number; quantity: string }>(
    `select id, number, item, quantity::text as quantity from production_bom where id = any($1)`,
    [ids],
  );
  const lines = await ctx.sql<{ parent_id: number; idx: number; item: number; stock_qty: string; bom: number | null }>(
    `select parent_id, idx, item, stock_qty::text as stock_qty, bom from production_bom_item where parent_id = any($1) order by parent_id, idx, id`,
    [ids],
  );
  const ops = await ctx.sql<{ parent_id: number; operation: string; workstation: string; minutes: string; hour_rate: string }>(
    `select o.parent_id, o.operation, w.name as workstation, o.minutes::text as minutes, w.hour_rate::text as hour_rate
       from production_bom_operation o join production_workstation w on w.id = o.workstation
      where o.parent_id = any($1) order by o.parent_id, o.idx, o.id`,
    [ids],
  );
  const scrap = await ctx.sql<{ parent_id: number; item: number; qty: string }>(
    `select parent_id, item, qty::text as qty from production_bom_scrap_item where parent_id = any($1) order by parent_id, idx, id`,
    [ids],
  );
  const lineItems = [...new Set(lines.map((l) => Number(l.item)))];
  const defaults = await ctx.sql<{ item: number; id: number }>(`select item, id from production_bom where is_default and item = any($1)`, [lineItems]);
  const group = <T extends { parent_id: number }>(rows: T[]) => {
    const m = new Map<number, Omit<T, 'parent_id'>[]>();
    for (const { parent_id, ...rest } of rows) {
      const k = Number(parent_id);
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(rest);
    }
    return m;
  };
  return {
    heads: new Map(heads.map((h) => [Number(h.id), { ...h, id: Number(h.id), item: Number(h.item) }])),
    lines: group(lines) as TreeRows['lines'],
    operations: group(ops) as TreeRows['operations'],
    scrap: group(scrap) as TreeRows['scrap'],
    defaults: new Map(defaults.map((d) => [Number(d.item), Number(d.id)])),
  };
}

/**
 * Rate per stock unit of items that are not made from a bill: the valuation rate over the
 * warehouses holding stock (total value / total qty), else the item's standard rate.
 */
async function itemRates(ctx: Sql, items: number[], warehouse?: number): Promise<Map<number, { rate: Decimal; source: CostLine['rate_source'] }>> {
  const rows = await ctx.sql<{ id: number; qty: string | null; value: string | null; standard_rate: string | null }>(
    `select i.id, sum(b.actual_qty)::text as qty, sum(b.stock_value)::text as value, i.standard_rate::text as standard_rate
       from inventory_v_item i
       left join inventory_v_bin b on b.item = i.id and b.actual_qty > 0 and ($2::bigint is null or b.warehouse = $2)
      where i.id = any($1)
      group by i.id, i.standard_rate`,
    [items, warehouse ?? null],
  );
  const out = new Map<number, { rate: Decimal; source: CostLine['rate_source'] }>();
  for (const r of rows) {
    if (r.qty !== null && D(r.qty).gt(0)) out.set(Number(r.id), { rate: r9(D(r.value).div(r.qty)), source: 'valuation_rate' });
    else if (r.standard_rate !== null) out.set(Number(r.id), { rate: D(r.standard_rate), source: 'standard_rate' });
    else out.set(Number(r.id), { rate: new Decimal(0), source: 'none' });
  }
  return out;
}

/**
 * The cost of a bill for its quantity, rolled up through nested bills. Amounts are rounded to
 * the cent per line; a sub-assembly's unit cost is kept at rate scale (9 places).
 * Throws 422 BOM_CYCLE when the stored bills form a cycle.
 */
export async function rollUpCost(ctx: Sql, bomId: number, opts: { warehouse?: number } = {}): Promise<BomCost> {
  const tree = await loadTree(ctx, bomId);
  if (!tree.heads.has(bomId)) throw Errors.notFound('Bill of materials', bomId);
  const allItems = new Set<number>();
  for (const h of tree.heads.values()) allItems.add(h.item);
  for (const ls of tree.lines.values()) for (const l of ls) allItems.add(Number(l.item));
  for (const ss of tree.scrap.values()) for (const s of ss) allItems.add(Number(s.item));
  const items = await loadItems(ctx, [...allItems]);
  const rates = await itemRates(ctx, [...allItems], opts.warehouse);
  const memo = new Map<number, BomCost>();
  const visiting: number[] = [];

  const cost = (id: number): BomCost => {
    const hit = memo.get(id);
    if (hit) return hit;
    const head = tree.heads.get(id)!;
    if (visiting.includes(id)) {
      const path = [...visiting.slice(visiting.indexOf(id)), id].map((b) => tree.heads.get(b)!.number).join(' -> ');
      throw Errors.unprocessable('BOM_CYCLE', errors.t('bills_materials_form_cycle', { path: String(path) }));
    }
    visiting.push(id);
    const itemOf = (x: number) => items.get(x);
    const lines: CostLine[] = (tree.lines.get(id) ?? []).map((l) => {
      const item = Number(l.item);
      const sub = l.bom != null ? Number(l.bom) : tree.defaults.get(item);
      let rate: Decimal;
      let source: CostLine['rate_source'];
      let subCost: BomCost | undefined;
      if (sub !== undefined && tree.heads.has(sub)) {
        subCost = cost(sub);
        rate = D(subCost.unit_cost);
        source = 'bom';
      } else {
        const r = rates.get(item) ?? { rate: new Decimal(0), source: 'none' as const };
        rate = r.rate;
        source = r.source;
      }
      const qty = D(l.stock_qty);
      return {
        idx: l.idx,
        item,
        item_code: itemOf(item)?.code ?? String(item),
        item_name: itemOf(item)?.name ?? '',
        qty: qty.toFixed(),
        rate: rate.toFixed(),
        amount: m2(qty.mul(rate)).toFixed(2),
        rate_source: source,
        ...(subCost ? { sub_bom: subCost } : {}),
      };
    });
    const operations = (tree.operations.get(id) ?? []).map((o) => ({
      ...o,
      minutes: D(o.minutes).toFixed(),
      hour_rate: D(o.hour_rate).toFixed(2),
      cost: m2(D(o.minutes).mul(o.hour_rate).div(60)).toFixed(2),
    }));
    const scrapItems = (tree.scrap.get(id) ?? []).map((s) => {
      const rate = rates.get(Number(s.item))?.rate ?? new Decimal(0);
      return {
        item_code: itemOf(Number(s.item))?.code ?? String(s.item),
        qty: D(s.qty).toFixed(),
        rate: rate.toFixed(),
        amount: m2(D(s.qty).mul(rate)).toFixed(2),
      };
    });
    const raw = lines.reduce((a, l) => a.add(l.amount), new Decimal(0));
    const operating = operations.reduce((a, o) => a.add(o.cost), new Decimal(0));
    const scrapValue = scrapItems.reduce((a, s) => a.add(s.amount), new Decimal(0));
    const total = raw.add(operating).sub(scrapValue);
    const result: BomCost = {
      bom: id,
      number: head.number,
      item: head.item,
      item_code: itemOf(head.item)?.code ?? String(head.item),
      item_name: itemOf(head.item)?.name ?? '',
      quantity: D(head.quantity).toFixed(),
      raw_material_cost: raw.toFixed(2),
      operating_cost: operating.toFixed(2),
      scrap_value: scrapValue.toFixed(2),
      total_cost: total.toFixed(2),
      unit_cost: r9(total.div(head.quantity)).toFixed(),
      items: lines,
      operations,
      scrap_items: scrapItems,
    };
    visiting.pop();
    memo.set(id, result);
    return result;
  };
  return cost(bomId);
}

/** Stores a rolled-up cost on its bill (audited server fields), stamped with the transaction's time. */
async function storeCost(ctx: ServiceContext, c: BomCost): Promise<Doc> {
  const [clock] = await ctx.sql<{ now: string }>(`select to_json(now()) #>> '{}' as now`);
  return ctx.entity('bom').setServerFields(c.bom, {
    raw_material_cost: c.raw_material_cost,
    operating_cost: c.operating_cost,
    scrap_value: c.scrap_value,
    total_cost: c.total_cost,
    unit_cost: c.unit_cost,
    cost_updated_at: clock!.now,
  });
}

export const bomActions: Record<string, ActionDefinition> = {
  update_cost: {
    label: 'Update cost',
    labels: { lt: 'Atnaujinti savikainą' },
    icon: 'calculate',
    permission: 'production.bom.update',
    handler: async (ctx) => storeCost(ctx, await rollUpCost(ctx, Number(ctx.doc.id))),
  },
  make_default: {
    label: 'Make default',
    labels: { lt: 'Padaryti numatytąja' },
    icon: 'star',
    permission: 'production.bom.update',
    handler: async (ctx) => {
      const { doc } = ctx;
      if (!doc.is_active) throw Errors.conflict('BOM_INACTIVE', errors.t('not_active_activate_before_making', { number: String(doc.number) }));
      // Lock the item's bills so two concurrent switches queue; the old default is cleared first (one default per item).
      const bills = await ctx.sql<{ id: number; is_default: boolean }>(`select id, is_default from production_bom where item = $1 order by id for update`, [
        doc.item,
      ]);
      for (const b of bills) if (b.is_default && Number(b.id) !== Number(doc.id)) await ctx.entity('bom').setServerFields(Number(b.id), { is_default: false });
      return ctx.entity('bom').setServerFields(Number(doc.id), { is_default: true });
    },
  },
};

/** Scales a bill's component lines to a finished qty, aggregated per item (stock units, qty scale). */
export async function requiredComponents(ctx: Sql, bomId: number, qty: Decimal): Promise<{ item: number; required_qty: string }[]> {
  const [head] = await ctx.sql<{ quantity: string }>(`select quantity::text as quantity from production_bom where id = $1`, [bomId]);
  const lines = await ctx.sql<{ item: number; stock_qty: string }>(
    `select item, sum(stock_qty)::text as stock_qty, min(idx) as first from production_bom_item where parent_id = $1 group by item order by first`,
    [bomId],
  );
  return lines.map((l) => ({ item: Number(l.item), required_qty: q6(D(l.stock_qty).mul(qty).div(head!.quantity)).toFixed() }));
}
