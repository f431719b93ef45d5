/**
 * Demo data (after the CRM and inventory demos): customers made from CRM organizations,
 * quotations from deals (one ordered, so its deal is converted), sales orders partly and fully
 * delivered and invoiced. Items and stock come from the inventory demo, by code.
 */
import { Errors, type DataContext, type Doc } from '@tessera/core';

const CODES = ['NUT-M8', 'BLT-M8-40', 'TL-001', 'TL-003', 'EL-008'];

/** The inventory demo's items (its demo runs first: sales depends on inventory) and their warehouse. */
async function demoStock(ctx: DataContext): Promise<{ warehouse: number; items: Map<string, number> }> {
  const found = (await ctx.entity('inventory.item').list({ filter: { code: { in: CODES } }, fields: ['code', 'default_warehouse'], limit: 100 })).data;
  const missing = CODES.filter((c) => !found.some((r) => r.code === c));
  if (missing.length || !found[0]!.default_warehouse)
    throw Errors.config(
      `the sales demo sells the inventory demo's items; missing: ${missing.join(', ') || 'their default warehouse'} (load the inventory demo first)`,
    );
  return { warehouse: Number(found[0]!.default_warehouse), items: new Map(found.map((r) => [r.code, Number(r.id)])) };
}

/** Selling prices: the default EUR list for everyone, and a wholesale list for the Wholesale customer group. */
async function demoPriceLists(ctx: DataContext, item: (code: string) => number): Promise<void> {
  await ctx.entity('sales.price_list').create({
    name: 'Standard selling EUR',
    currency: 'EUR',
    is_default: true,
    prices: [
      { item: item('NUT-M8'), rate: '0.19' },
      { item: item('BLT-M8-40'), rate: '0.49' },
      { item: item('BLT-M8-40'), min_qty: '500', rate: '0.45' },
      { item: item('TL-001'), rate: '12.90' },
      { item: item('TL-003'), rate: '21.00' },
      { item: item('EL-008'), rate: '14.50' },
    ],
  });
  await ctx.entity('sales.price_list').create({
    name: 'Wholesale EUR',
    currency: 'EUR',
    customer_group: 'Wholesale',
    prices: [
      { item: item('NUT-M8'), rate: '0.16' },
      { item: item('BLT-M8-40'), rate: '0.42' },
    ],
  });
}

export async function salesDemo(ctx: DataContext): Promise<void> {
  const { warehouse, items } = await demoStock(ctx);
  const item = (code: string) => items.get(code)!;
  await demoPriceLists(ctx, item);
  const orgs = await ctx.sql<{ id: number; name: string }>(`select id, name from crm_v_organization order by id`);
  const org = (name: string) => orgs.find((o) => o.name === name)?.id;

  const customers: Doc[] = [];
  for (const name of ['Baltic Hardware UAB', 'Nemunas Builders']) {
    const id = org(name);
    customers.push(
      id
        ? ((await ctx.entity('crm.organization').action(id, 'make_customer', { tax_rate: '21', payment_terms_days: 14, default_warehouse: warehouse })) as Doc)
        : await ctx.entity('sales.customer').create({ name, tax_rate: '21', payment_terms_days: 14, default_warehouse: warehouse }),
    );
  }
  await ctx
    .entity('sales.customer')
    .create({ name: 'Walk-in customer', customer_type: 'individual', tax_rate: '21', payment_terms_days: 0, default_warehouse: warehouse });

  // A deal quoted, ordered (the deal becomes converted), half delivered and invoiced for what shipped.
  const [negotiation] = await ctx.sql<{ id: number }>(
    `select o.id from crm_v_opportunity o join crm_v_stage s on s.id = o.stage where o.status = 'open' and o.organization is not null order by s.sort_order desc, o.id limit 1`,
  );
  if (negotiation) {
    const quotation = (await ctx.entity('crm.opportunity').action(negotiation.id, 'make_quotation', {
      tax_rate: '21',
      lines: [
        { item: item('TL-001'), qty: '10', rate: '12.90' },
        { item: item('EL-008'), qty: '40', rate: '14.50', discount_percent: '5' },
      ],
    })) as Doc;
    await ctx.entity('sales.quotation').submit(quotation.id);
    const order = (await ctx.entity('sales.quotation').action(quotation.id, 'make_sales_order', { warehouse, submit: true })) as Doc;
    const half = order.lines.map((l: Doc) => ({ sales_order_item: l.id, qty: String(Number(l.qty) / 2) }));
    await ctx.entity('sales.sales_order').action(order.id, 'make_delivery', { lines: half, submit: true });
    await ctx.entity('sales.sales_order').action(order.id, 'make_invoice', { submit: true });
  }
  // A quotation still in draft for another open deal.
  const [proposal] = await ctx.sql<{ id: number }>(
    `select o.id from crm_v_opportunity o join crm_v_stage s on s.id = o.stage where o.status = 'open' and o.organization is not null order by s.sort_order desc, o.id offset 1 limit 1`,
  );
  if (proposal)
    await ctx.entity('crm.opportunity').action(proposal.id, 'make_quotation', {
      tax_rate: '21',
      lines: [
        { item: item('BLT-M8-40'), qty: '500', rate: '0.45' },
        { item: item('NUT-M8'), qty: '500', rate: '0.19' },
      ],
    });

  // A repeat order fully delivered and invoiced, and one waiting for delivery.
  const repeat = await ctx.entity('sales.sales_order').create({
    customer: customers[0]!.id,
    warehouse,
    lines: [
      { item: item('NUT-M8'), qty: '400', rate: '0.19' },
      { item: item('BLT-M8-40'), qty: '200', rate: '0.49', discount_percent: '10' },
      { item: item('TL-003'), qty: '3', rate: '21.00' },
    ],
  });
  await ctx.entity('sales.sales_order').submit(repeat.id);
  await ctx.entity('sales.sales_order').action(repeat.id, 'make_delivery', { submit: true });
  await ctx.entity('sales.sales_order').action(repeat.id, 'make_invoice', { submit: true });
  const waiting = await ctx
    .entity('sales.sales_order')
    .create({ customer: customers[1]!.id, warehouse, lines: [{ item: item('TL-001'), qty: '5', rate: '12.90' }] });
  await ctx.entity('sales.sales_order').submit(waiting.id);
}
