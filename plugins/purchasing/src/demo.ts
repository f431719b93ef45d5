/**
 * Demo purchasing for the demo company: suppliers and purchase orders in every state
 * (draft, to receive and bill, partly received, to bill, completed, cancelled), received and
 * billed through the same actions an admin clicks, so stock and counters agree.
 */
import type { DataContext, Doc } from '@tessera/core';
import { idBy } from '@tessera/plugin-kit';

export async function loadPurchasingDemo(ctx: DataContext): Promise<void> {
  const e = (k: string) => ctx.entity(`purchasing.${k}`);
  const ids = async (codes: string[]) => {
    const rows = (await ctx.entity('inventory.item').list({ filter: { code: { in: codes } }, fields: ['code'], limit: 1000 })).data;
    return new Map(rows.map((r) => [r.code as string, Number(r.id)]));
  };
  const main = await idBy(ctx, 'inventory.warehouse', { code: 'VLN' });
  const rejected = await idBy(ctx, 'inventory.warehouse', { code: 'REJ' });
  if (!main) return; // the inventory demo did not run (plugin demo order): nothing to buy for
  const suppliers: Doc[] = [];
  for (const s of [
    {
      name: 'Baltic Fasteners UAB',
      code: 'BALTFAST',
      email: 'sales@balticfasteners.example',
      phone: '+370 5 200 1000',
      vat_code: 'LT100001234',
      payment_terms_days: 30,
    },
    { name: 'ToolPro GmbH', code: 'TOOLPRO', email: 'orders@toolpro.example', currency: 'EUR', payment_terms_days: 14 },
    { name: 'Voltas Electric', code: 'VOLTAS', email: 'info@voltas.example', phone: '+370 37 400 400', payment_terms_days: 45 },
    { name: 'Nordic Paints AB', code: 'NORDPAINT', email: 'sales@nordicpaints.example', payment_terms_days: 30 },
  ])
    suppliers.push(await e('supplier').create(s));
  const [fast, tools, volt, paint] = suppliers.map((s) => s.id as number);
  const item = await ids(['NUT-M8', 'NUT-M10', 'BLT-M10-60', 'WSH-M8', 'TL-001', 'TL-002', 'TL-003', 'EL-003', 'EL-004', 'EL-008', 'PC-001', 'PC-002']);
  const po = async (supplier: number, date: string, lines: [string, string, string][], extra: Doc = {}) =>
    e('purchase_order').create({
      supplier,
      order_date: date,
      schedule_date: date.replace(/-(\d\d)$/, (_m, d) => `-${String(Math.min(Number(d) + 10, 28)).padStart(2, '0')}`),
      set_warehouse: main,
      ...extra,
      lines: lines.map(([code, qty, rate]) => ({ item: item.get(code), qty, rate })),
    });

  // completed: received and billed
  const done = await po(
    fast,
    '2026-02-02',
    [
      ['NUT-M8', '1000', '0.075'],
      ['WSH-M8', '2000', '0.028'],
    ],
    { supplier_ref: 'BF-7781' },
  );
  await e('purchase_order').submit(done.id);
  await e('purchase_order').action(done.id, 'receive', { posting_date: '2026-02-10', supplier_delivery_note: 'BF-DN-311', submit: true });
  await e('purchase_order').action(done.id, 'bill', { posting_date: '2026-02-12', bill_no: 'BF-INV-9001', bill_date: '2026-02-11', submit: true });

  // to bill: fully received, with a rejected part kept in the rejected warehouse
  const toBill = await po(tools, '2026-02-05', [
    ['TL-001', '10', '8.90'],
    ['TL-002', '6', '12.40'],
  ]);
  await e('purchase_order').submit(toBill.id);
  const full = await e('purchase_order').get(toBill.id);
  const rec = await e('goods_receipt').create({
    purchase_order: toBill.id,
    posting_date: '2026-02-14',
    rejected_warehouse: rejected ?? null,
    lines: full.lines.map((l: Doc, i: number) => ({ purchase_order_line: l.id, qty: i === 0 ? '9' : l.qty, rejected_qty: i === 0 ? '1' : '0' })),
  });
  await e('goods_receipt').submit(rec.id);
  const rest = await e('goods_receipt').create({
    purchase_order: toBill.id,
    posting_date: '2026-02-20',
    lines: [{ purchase_order_line: full.lines[0].id, qty: '1' }],
  });
  await e('goods_receipt').submit(rest.id);

  // partly received: to receive and bill
  const partly = await po(volt, '2026-02-10', [
    ['EL-003', '100', '2.15'],
    ['EL-004', '80', '1.95'],
    ['EL-008', '200', '1.10'],
  ]);
  await e('purchase_order').submit(partly.id);
  const pl = (await e('purchase_order').get(partly.id)).lines as Doc[];
  const part = await e('goods_receipt').create({
    purchase_order: partly.id,
    posting_date: '2026-02-18',
    lines: [
      { purchase_order_line: pl[0]!.id, qty: '60' },
      { purchase_order_line: pl[2]!.id, qty: '200' },
    ],
  });
  await e('goods_receipt').submit(part.id);

  // billed in advance: to receive
  const advance = await po(paint, '2026-02-12', [
    ['PC-001', '20', '18.50'],
    ['PC-002', '15', '9.80'],
  ]);
  await e('purchase_order').submit(advance.id);
  await e('purchase_order').action(advance.id, 'bill', { posting_date: '2026-02-13', bill_no: 'NP-2026-044', submit: true });

  // submitted, nothing yet: to receive and bill
  const open = await po(fast, '2026-02-20', [
    ['NUT-M10', '1500', '0.11'],
    ['BLT-M10-60', '600', '0.33'],
  ]);
  await e('purchase_order').submit(open.id);

  // cancelled and amended
  const wrong = await po(tools, '2026-02-21', [['TL-003', '5', '15.00']]);
  await e('purchase_order').submit(wrong.id);
  await e('purchase_order').cancel(wrong.id);

  // draft
  await po(volt, '2026-02-25', [['EL-003', '50', '2.10']], { notes: 'Waiting for the new price list' });

  // a purchase request from the reorder check, one by hand
  await e('purchase_request').create({
    request_date: '2026-02-26',
    required_by: '2026-03-10',
    requested_by: 'Workshop',
    lines: [{ item: item.get('TL-003'), qty: '4', warehouse: main }],
  });
}
