/**
 * GET /api/sales/selling-defaults: what a quotation or sales order form fills in when the
 * user picks a customer or an item (the fields declare it with x-ui.fill):
 *   customer only  -> currency, tax_rate (the customer's, else the company's / settings'),
 *                     exchange_rate 1 when that is the company currency
 *   with an item   -> description, rate (price list), uom, warehouse of the line, and the
 *                     item's default sales tax template (accounting adds that field to items)
 * The rate comes from the first price list that applies, on the document's date, in the
 * document's currency, for the largest "from qty" not above the line's qty:
 *   1. the customer's own price list, 2. price lists of the customer's group,
 *   3. the default price list of the currency.
 * No price found: no rate (the user types it). The caller must be able to read the item and
 * the customer (row rules apply): a 404 otherwise, as for the records themselves.
 */
import type { ServiceContext, SetupContext } from '@tessera/core';
import type { SalesSettings } from './settings.js';
import { inheritedItemValue } from '@tessera/plugin-inventory/api';
import { today } from './util.js';
import { registerFillRoute } from '@tessera/plugin-kit';

interface Query {
  customer?: string;
  item?: string;
  currency?: string;
  date?: string;
  qty?: string;
}

const id = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' };

export interface PriceFound {
  rate: string;
  price_list: number;
  price_list_name: string;
}

/** The selling price of an item for a customer (or anyone, with customer null) in a currency on a date. */
export async function sellingPrice(
  ctx: Pick<ServiceContext, 'sql'>,
  q: { item: number; customer: number | null; currency: string; date: string; qty: string },
): Promise<PriceFound | undefined> {
  const [row] = await ctx.sql<{ rate: string; price_list: number; name: string }>(
    `select p.rate::text as rate, l.id as price_list, l.name
       from sales_price_list l
       join sales_item_price p on p.parent_id = l.id
       left join sales_customer c on c.id = $2
      where p.item = $1 and l.currency = $3 and not l.disabled
        and (l.valid_from is null or l.valid_from <= $4::date) and (l.valid_until is null or l.valid_until >= $4::date)
        and p.min_qty <= $5::numeric
        and (l.id = c.price_list or (l.customer_group is not null and l.customer_group = c.customer_group) or l.is_default)
      order by case when l.id = c.price_list then 0 when l.customer_group = c.customer_group then 1 else 2 end, p.min_qty desc, l.id
      limit 1`,
    [q.item, q.customer, q.currency, q.date, q.qty],
  );
  return row ? { rate: row.rate, price_list: Number(row.price_list), price_list_name: row.name } : undefined;
}

export function registerSellingDefaults(setup: SetupContext): void {
  registerFillRoute<Query>(setup, {
    url: '/api/sales/selling-defaults',
    tags: ['sales'],
    summary: 'Defaults a quotation or sales order takes from its customer and from a line item (price list rate, description, unit, warehouse, tax template)',
    query: {
      customer: id,
      item: id,
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      date: { type: 'string', format: 'date' },
      qty: { type: 'string', pattern: '^[0-9]{1,12}(\\.[0-9]{1,6})?$' },
    },
    answers: {
      currency: { type: 'string' },
      exchange_rate: { type: 'string', description: '1 in the company currency' },
      price_list: { type: 'integer' },
      price_list_name: { type: 'string' },
      rate: { type: 'string', description: 'exact decimal' },
      description: { type: 'string' },
      uom: { type: 'integer' },
      warehouse: { type: 'integer' },
      tax_template: { type: 'integer' },
    },
    answer: async (ctx, q) => {
      const out: Record<string, unknown> = {};
      const customer = q.customer ? await ctx.entity('sales.customer').get(Number(q.customer)) : undefined;
      const currency = q.currency ?? customer?.currency ?? ctx.config.company.currency;
      if (!q.item) {
        out.currency = currency;
        // In the company currency the exchange rate is 1 (the forms then show company-currency totals live).
        if (currency === ctx.config.company.currency) out.exchange_rate = '1';
        out.tax_rate = customer?.tax_rate ?? ctx.settings<SalesSettings>('sales').default_tax_rate;
        if (customer?.default_warehouse != null) out.warehouse = customer.default_warehouse;
        return out;
      }
      const item = await ctx.entity('inventory.item').get(Number(q.item));
      out.description = item.name;
      if (item.stock_uom != null) out.uom = item.stock_uom;
      if (item.is_stock_item && (customer?.default_warehouse ?? item.default_warehouse) != null)
        out.warehouse = customer?.default_warehouse ?? item.default_warehouse;
      const price = await sellingPrice(ctx, {
        item: Number(item.id),
        customer: customer ? Number(customer.id) : null,
        currency,
        date: q.date ?? (await today(ctx)),
        qty: q.qty ?? '1',
      });
      if (price) {
        out.rate = price.rate;
        out.price_list = price.price_list;
      }
      // The default sales tax template, where accounting gives items one (the item's, else its group's).
      const template = await inheritedItemValue(ctx, item, 'sales_tax_template');
      if (template !== undefined) out.tax_template = template;
      return out;
    },
  });
}
