/**
 * Demo production (after the inventory demo): a wall shelf kit made from steel brackets,
 * wood screws, a carton and an M8 fastener set, which is itself made from the inventory
 * demo's bolts, nuts and washers. Work orders in every state: completed, in process, not
 * started (15 fastener sets short, so the shortage report has a line) and a draft.
 */
import type { DataContext, Doc } from '@tessera/core';
import { idBy } from '@tessera/plugin-kit';

/** The id of a record by its natural key, through the owner's service (inventory's tables are inventory's). */
const idOf = (ctx: DataContext, entity: string, column: string, value: string) => idBy(ctx, entity, { [column]: value });

async function warehouse(ctx: DataContext, name: string, code: string, parent: number | undefined): Promise<number> {
  return (
    (await idOf(ctx, 'inventory.warehouse', 'code', code)) ??
    Number((await ctx.entity('inventory.warehouse').create({ name, code, parent: parent ?? null })).id)
  );
}

async function item(ctx: DataContext, code: string, data: Doc): Promise<number> {
  return (await idOf(ctx, 'inventory.item', 'code', code)) ?? Number((await ctx.entity('inventory.item').create({ code, ...data })).id);
}

export async function loadDemo(ctx: DataContext): Promise<void> {
  const nos = await idOf(ctx, 'inventory.uom', 'name', 'Nos');
  const root = await idOf(ctx, 'inventory.warehouse', 'code', 'ALL');
  const stores = await warehouse(ctx, 'Vilnius main', 'VLN', root);
  const wip = await warehouse(ctx, 'Work in progress', 'WIP', root);
  const fg = await warehouse(ctx, 'Finished goods', 'FG', root);
  const allGroups = await idOf(ctx, 'inventory.item_group', 'name', 'All item groups');
  const made =
    (await idOf(ctx, 'inventory.item_group', 'name', 'Manufactured')) ??
    Number((await ctx.entity('inventory.item_group').create({ name: 'Manufactured', parent: allGroups ?? null })).id);
  const raw =
    (await idOf(ctx, 'inventory.item_group', 'name', 'Raw materials')) ??
    Number((await ctx.entity('inventory.item_group').create({ name: 'Raw materials', parent: allGroups ?? null })).id);

  const base = { stock_uom: nos, valuation_method: 'moving_average', default_warehouse: stores };
  const bolt = await item(ctx, 'BLT-M8-40', { name: 'Hex bolt M8x40', standard_rate: '0.21', ...base });
  const nut = await item(ctx, 'NUT-M8', { name: 'Hex nut M8, zinc', standard_rate: '0.08', ...base });
  const washer = await item(ctx, 'WSH-M8', { name: 'Flat washer M8', standard_rate: '0.03', ...base });
  const screw = await item(ctx, 'SCR-4-40', { name: 'Wood screw 4x40', standard_rate: '0.04', ...base });
  const carton = await item(ctx, 'PK-001', { name: 'Carton 300x200x150', standard_rate: '0.45', ...base });
  const bracket = await item(ctx, 'STEEL-BRKT', { name: 'Steel shelf bracket 200 mm', item_group: raw, standard_rate: '2.80', ...base });
  const fastenerSet = await item(ctx, 'FST-SET-M8', { name: 'Fastener set M8 (4 bolts, 4 nuts, 8 washers)', item_group: made, ...base, default_warehouse: fg });
  const shelf = await item(ctx, 'SHELF-KIT', { name: 'Wall shelf kit', item_group: made, ...base, default_warehouse: fg });

  // Brackets come from the supplier; the rest is in the inventory demo's opening stock.
  const receipt = await ctx.entity('inventory.stock_entry').create({
    purpose: 'receipt',
    posting_date: '2026-02-02',
    to_warehouse: stores,
    remarks: 'Steel brackets for the shelf kits',
    lines: [
      { item: bracket, qty: '200', rate: '2.80' },
      { item: screw, qty: '1000', rate: '0.04' },
      { item: carton, qty: '100', rate: '0.45' },
    ],
  });
  await ctx.entity('inventory.stock_entry').submit(Number(receipt.id));

  const bench = await ctx.entity('workstation').create({ name: 'Assembly bench', hour_rate: '24.00', description: 'Two-person bench with pneumatic tools' });
  const packing = await ctx.entity('workstation').create({ name: 'Packing station', hour_rate: '18.00' });
  const setBom = await ctx.entity('bom').create({
    item: fastenerSet,
    quantity: '1',
    description: 'Counted and bagged fasteners for one shelf kit',
    items: [
      { item: bolt, qty: '4' },
      { item: nut, qty: '4' },
      { item: washer, qty: '8' },
    ],
    operations: [{ operation: 'Count and bag', workstation: packing.id, minutes: '1.5' }],
  });
  const shelfBom = await ctx.entity('bom').create({
    item: shelf,
    quantity: '10',
    description: 'Batch of ten kits',
    items: [
      { item: bracket, qty: '20' },
      { item: fastenerSet, qty: '10' },
      { item: screw, qty: '120' },
      { item: carton, qty: '10' },
    ],
    operations: [
      { operation: 'Pre-assemble brackets', workstation: bench.id, minutes: '60' },
      { operation: 'Pack', workstation: packing.id, minutes: '30' },
    ],
  });
  for (const b of [setBom, shelfBom]) await ctx.entity('bom').action(Number(b.id), 'update_cost', {});

  const wo = ctx.entity('work_order');
  const order = (data: Doc) => wo.create({ source_warehouse: stores, wip_warehouse: wip, fg_warehouse: fg, ...data });
  // Sub-assemblies go back to the stores, where the shelf kits take them from.
  const sets = await order({
    item: fastenerSet,
    qty: '20',
    fg_warehouse: stores,
    planned_start_date: '2026-02-09',
    planned_end_date: '2026-02-09',
    notes: 'Fastener sets for the first shelf batches',
  });
  await wo.submit(Number(sets.id));
  await wo.action(Number(sets.id), 'transfer', { posting_date: '2026-02-09' });
  await wo.action(Number(sets.id), 'manufacture', { qty: '20', posting_date: '2026-02-09' });

  const kits = await order({ item: shelf, qty: '10', planned_start_date: '2026-02-10', planned_end_date: '2026-02-12' });
  await wo.submit(Number(kits.id));
  await wo.action(Number(kits.id), 'transfer', { posting_date: '2026-02-10' });
  await wo.action(Number(kits.id), 'manufacture', { qty: '6', posting_date: '2026-02-11' });

  const big = await order({
    item: shelf,
    qty: '25',
    planned_start_date: '2026-03-02',
    planned_end_date: '2026-03-06',
    notes: 'Hardware store order: needs 25 fastener sets, 10 left in stock',
  });
  await wo.submit(Number(big.id));
  await order({ item: fastenerSet, qty: '30', fg_warehouse: stores, planned_start_date: '2026-02-23', planned_end_date: '2026-02-24' });
}
