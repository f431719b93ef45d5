/**
 * Seed units (always) and the demo company's stock (once, demo mode): a warehouse tree,
 * item groups, 52 items with units and reorder levels, and opening stock posted through the
 * service API, so the ledger and the balances agree from the first minute.
 */
import { Decimal, type DataContext, type Doc, type ServiceContext } from '@tessera/core';

export const SEED_UNITS: { name: string; description: string; whole_number: boolean }[] = [
  { name: 'Nos', description: 'Pieces', whole_number: true },
  { name: 'Box', description: 'Box', whole_number: true },
  { name: 'Pack', description: 'Pack', whole_number: true },
  { name: 'Kg', description: 'Kilogram', whole_number: false },
  { name: 'L', description: 'Litre', whole_number: false },
  { name: 'M', description: 'Metre', whole_number: false },
];

/** Day-one units of measure; existing ones are left alone. */
export async function seedUnits(ctx: ServiceContext): Promise<void> {
  // Only the seeded names: a table of a million imported units must not be read at every start.
  const names = SEED_UNITS.map((u) => u.name);
  const existing = new Set((await ctx.sql<{ name: string }>(`select name from inventory_uom where name = any($1)`, [names])).map((r) => r.name));
  for (const u of SEED_UNITS) if (!existing.has(u.name)) await ctx.entity('inventory.uom').create(u);
}

interface DemoItem {
  code: string;
  name: string;
  group: string;
  uom: string;
  rate: string;
  fifo?: boolean;
  box?: number;
  opening?: number;
  reorder?: [string, string];
}

const GROUPS: Record<string, string | null> = {
  'All item groups': null,
  Fasteners: 'All item groups',
  Tools: 'All item groups',
  Electrical: 'All item groups',
  'Paint and chemicals': 'All item groups',
  Packaging: 'All item groups',
  Services: 'All item groups',
};

function demoItems(): DemoItem[] {
  const items: DemoItem[] = [
    { code: 'NUT-M8', name: 'Hex nut M8, zinc', group: 'Fasteners', uom: 'Nos', rate: '0.08', box: 100, opening: 2000, reorder: ['500', '2000'] },
    { code: 'NUT-M10', name: 'Hex nut M10, zinc', group: 'Fasteners', uom: 'Nos', rate: '0.12', box: 100, opening: 1500, reorder: ['400', '1500'] },
    { code: 'BLT-M8-40', name: 'Hex bolt M8x40', group: 'Fasteners', uom: 'Nos', rate: '0.21', box: 50, opening: 800, reorder: ['300', '1000'] },
    { code: 'BLT-M10-60', name: 'Hex bolt M10x60', group: 'Fasteners', uom: 'Nos', rate: '0.35', box: 50, opening: 120, reorder: ['200', '600'] },
    { code: 'WSH-M8', name: 'Flat washer M8', group: 'Fasteners', uom: 'Nos', rate: '0.03', box: 200, opening: 3000 },
    { code: 'SCR-4-40', name: 'Wood screw 4x40', group: 'Fasteners', uom: 'Nos', rate: '0.04', box: 200, opening: 5000, fifo: true },
  ];
  const tools = [
    'Claw hammer',
    'Screwdriver set',
    'Adjustable wrench',
    'Pliers',
    'Tape measure 5 m',
    'Spirit level 60 cm',
    'Utility knife',
    'Hacksaw',
    'Chisel set',
    'Socket set',
    'Allen key set',
    'Wire stripper',
  ];
  tools.forEach((name, i) =>
    items.push({
      code: `TL-${String(i + 1).padStart(3, '0')}`,
      name,
      group: 'Tools',
      uom: 'Nos',
      rate: new Decimal(4.5).add(i * 2.25).toFixed(2),
      opening: 10 + i * 3,
      reorder: i < 4 ? ['5', '20'] : undefined,
    }),
  );
  const electrical = [
    'Cable 3x1.5 mm2',
    'Cable 3x2.5 mm2',
    'Socket outlet',
    'Light switch',
    'Junction box',
    'Circuit breaker 16 A',
    'RCD 40 A',
    'LED bulb E27',
    'LED panel 60x60',
    'Extension cord 5 m',
    'Cable ties 200 mm',
    'Insulation tape',
  ];
  electrical.forEach((name, i) =>
    items.push({
      code: `EL-${String(i + 1).padStart(3, '0')}`,
      name,
      group: 'Electrical',
      uom: i < 2 ? 'M' : 'Nos',
      rate: new Decimal(0.6).add(i * 1.15).toFixed(2),
      opening: i < 2 ? 500 : 40 + i * 5,
      fifo: i % 3 === 0,
    }),
  );
  const paints = [
    'Wall paint white 10 L',
    'Primer 5 L',
    'Wood stain 1 L',
    'Varnish 2.5 L',
    'White spirit 1 L',
    'Silicone sealant',
    'Construction adhesive',
    'Epoxy 2K kit',
    'Spray paint black',
    'Spray paint grey',
  ];
  paints.forEach((name, i) =>
    items.push({
      code: `PC-${String(i + 1).padStart(3, '0')}`,
      name,
      group: 'Paint and chemicals',
      uom: 'Nos',
      rate: new Decimal(3.2).add(i * 3.1).toFixed(2),
      opening: 15 + i * 2,
    }),
  );
  const packaging = [
    'Carton 300x200x150',
    'Carton 400x300x300',
    'Stretch film',
    'Packing tape',
    'Bubble wrap roll',
    'Pallet EUR',
    'Label roll',
    'Void fill paper',
  ];
  packaging.forEach((name, i) =>
    items.push({
      code: `PK-${String(i + 1).padStart(3, '0')}`,
      name,
      group: 'Packaging',
      uom: i === 4 ? 'M' : 'Nos',
      rate: new Decimal(0.45).add(i * 0.9).toFixed(2),
      opening: 100 + i * 10,
    }),
  );
  items.push({ code: 'SRV-DELIVERY', name: 'Delivery service', group: 'Services', uom: 'Nos', rate: '25.00' });
  items.push({ code: 'SRV-INSTALL', name: 'Installation hour', group: 'Services', uom: 'Nos', rate: '35.00' });
  items.push({ code: 'PC-011', name: 'Paint thinner 5 L', group: 'Paint and chemicals', uom: 'L', rate: '2.40', opening: 60 });
  items.push({ code: 'PK-009', name: 'Pallet wrap clear', group: 'Packaging', uom: 'Nos', rate: '11.90', opening: 12 });
  return items;
}

export async function loadInventoryDemo(ctx: DataContext): Promise<void> {
  const e = (k: string) => ctx.entity(`inventory.${k}`);
  const units = new Map((await ctx.sql<{ id: number; name: string }>(`select id, name from inventory_uom`)).map((r) => [r.name, Number(r.id)]));

  const root = await e('warehouse').create({ name: 'All warehouses', code: 'ALL', is_group: true });
  const main = await e('warehouse').create({ name: 'Vilnius main', code: 'VLN', parent: root.id, city: 'Vilnius' });
  const store = await e('warehouse').create({ name: 'Kaunas store', code: 'KNS', parent: root.id, city: 'Kaunas' });
  const transit = await e('warehouse').create({ name: 'Transit', code: 'TRN', parent: root.id });
  await e('warehouse').create({ name: 'Rejected goods', code: 'REJ', parent: root.id, city: 'Vilnius' });

  const groups = new Map<string, number>();
  for (const [name, parent] of Object.entries(GROUPS))
    groups.set(name, (await e('item_group').create({ name, parent: parent ? groups.get(parent) : null })).id);

  const opening: Doc[] = [];
  const kaunas: Doc[] = [];
  for (const it of demoItems()) {
    const isService = it.group === 'Services';
    const item = await e('item').create({
      code: it.code,
      name: it.name,
      item_group: groups.get(it.group),
      stock_uom: units.get(it.uom),
      is_stock_item: !isService,
      valuation_method: it.fifo ? 'fifo' : 'moving_average',
      standard_rate: it.rate,
      default_warehouse: isService ? null : main.id,
      uoms: it.box ? [{ uom: units.get('Box'), conversion_factor: String(it.box) }] : [],
      reorder_levels: it.reorder ? [{ warehouse: main.id, reorder_level: it.reorder[0], reorder_qty: it.reorder[1] }] : [],
    });
    if (it.opening) {
      opening.push({ item: item.id, qty: String(it.opening), rate: it.rate, target_warehouse: main.id });
      if (it.group === 'Tools' || it.group === 'Paint and chemicals') kaunas.push({ item: item.id, qty: '4', rate: it.rate, target_warehouse: store.id });
    }
  }
  const open = await e('stock_entry').create({
    purpose: 'opening_stock',
    posting_date: '2026-01-02',
    remarks: 'Opening stock from the spreadsheet count',
    lines: [...opening, ...kaunas],
  });
  await e('stock_entry').submit(open.id);

  const nut = await ctx.sql<{ id: number }>(`select id from inventory_item where code = 'NUT-M8'`);
  const tl = await ctx.sql<{ id: number }>(`select id from inventory_item where code in ('TL-001', 'TL-002') order by code`);
  const transfer = await e('stock_entry').create({
    purpose: 'transfer',
    posting_date: '2026-01-15',
    from_warehouse: main.id,
    to_warehouse: store.id,
    remarks: 'Restock the Kaunas store',
    lines: [{ item: nut[0]!.id, qty: '300' }, ...tl.map((r) => ({ item: r.id, qty: '3' }))],
  });
  await e('stock_entry').submit(transfer.id);
  const issue = await e('stock_entry').create({
    purpose: 'issue',
    posting_date: '2026-01-20',
    from_warehouse: main.id,
    remarks: 'Workshop consumption',
    lines: [{ item: nut[0]!.id, qty: '250' }],
  });
  await e('stock_entry').submit(issue.id);
  await e('stock_entry').create({
    purpose: 'transfer',
    posting_date: '2026-02-01',
    from_warehouse: main.id,
    to_warehouse: transit.id,
    remarks: 'Draft: goods for the fair',
    lines: [{ item: tl[0]!.id, qty: '2' }],
  });
}
