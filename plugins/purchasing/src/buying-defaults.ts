/**
 * Buying rates, and GET /api/purchasing/buying-defaults: what a purchase order, goods receipt
 * or supplier invoice line fills in when the user picks an item (the item field declares it with
 * x-ui.fill, as the selling side does from price lists):
 *   description, unit (the item's stock unit), rate, and the item's default purchase tax
 *   template (accounting adds that field to items and item groups; absent without it).
 * The rate is per unit of the line (the stock unit x the conversion factor), in the document's
 * currency: the supplier's buying price for the item that applies on the date for the qty (the
 * largest "from qty" not above it), while the document is in the supplier's currency; else the
 * item's standard buying rate (company currency) divided by the exchange rate. The order's own
 * hook uses the same rule for a line sent without a rate. The caller must be able to read the
 * item and the supplier (row rules apply): a 404 otherwise, as for the records themselves.
 */
import type { ServiceContext, SetupContext } from '@tessera/core';
import { D, registerFillRoute, today } from '@tessera/plugin-kit';
import { inheritedItemValue } from '@tessera/plugin-inventory/api';

type Sql = Pick<ServiceContext, 'sql'>;

/** The supplier's price per stock unit for an item on a date for a qty (stock units), in the supplier's currency. */
export async function supplierPrice(ctx: Sql, q: { supplier: number; item: number; date: string; qty: string }): Promise<string | undefined> {
  const [row] = await ctx.sql<{ rate: string }>(
    `select p.rate::text as rate from purchasing_supplier_price p
      where p.parent_id = $1 and p.item = $2 and p.min_qty <= $4::numeric
        and (p.valid_from is null or p.valid_from <= $3::date) and (p.valid_until is null or p.valid_until >= $3::date)
      order by p.min_qty desc, p.id limit 1`,
    [q.supplier, q.item, q.date, q.qty],
  );
  return row?.rate;
}

export interface BuyingRateInput {
  item: { id: number; standard_rate: string | null };
  /** The supplier and its currency (null: the company's). */
  supplier: { id: number; currency: string | null } | undefined;
  currency: string;
  companyCurrency: string;
  exchangeRate: string;
  conversionFactor: string;
  qty: string;
  date: string;
}

/** The rate of a line per its unit in the document currency, or undefined when neither price is known. */
export async function buyingRate(ctx: Sql, q: BuyingRateInput): Promise<string | undefined> {
  const factor = D(q.conversionFactor);
  if (q.supplier && (q.supplier.currency ?? q.companyCurrency) === q.currency) {
    const stockQty = D(q.qty).mul(factor).toFixed();
    const price = await supplierPrice(ctx, { supplier: q.supplier.id, item: q.item.id, date: q.date, qty: stockQty });
    if (price !== undefined) return D(price).mul(factor).toDecimalPlaces(6).toFixed();
  }
  if (q.item.standard_rate == null) return undefined;
  return D(q.item.standard_rate).mul(factor).div(D(q.exchangeRate)).toDecimalPlaces(6).toFixed();
}

const id = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' };
const decimal = { type: 'string', pattern: '^[0-9]{1,12}(\\.[0-9]{1,9})?$' };

interface Query {
  item: string;
  supplier?: string;
  currency?: string;
  date?: string;
  qty?: string;
  exchange_rate?: string;
  conversion_factor?: string;
}

export function registerBuyingDefaults(setup: SetupContext): void {
  registerFillRoute<Query>(setup, {
    url: '/api/purchasing/buying-defaults',
    tags: ['purchasing'],
    summary: "Defaults a purchase document line takes from its item (the supplier's buying price or the standard buying rate, description, unit, tax template)",
    query: {
      item: id,
      supplier: id,
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      date: { type: 'string', format: 'date' },
      qty: decimal,
      exchange_rate: decimal,
      conversion_factor: decimal,
    },
    required: ['item'],
    answers: {
      rate: { type: 'string', description: 'exact decimal, per unit of the line in the document currency' },
      description: { type: 'string' },
      uom: { type: 'integer' },
      tax_template: { type: 'integer' },
    },
    answer: async (ctx, q) => {
      const item = await ctx.entity('inventory.item').get(Number(q.item));
      const supplier = q.supplier ? await ctx.entity('purchasing.supplier').get(Number(q.supplier)) : undefined;
      const company = ctx.config.company.currency;
      const currency = q.currency ?? supplier?.currency ?? company;
      const out: Record<string, unknown> = { description: item.name };
      if (item.stock_uom != null) out.uom = item.stock_uom;
      const rate = await buyingRate(ctx, {
        item: { id: Number(item.id), standard_rate: item.standard_rate ?? null },
        supplier: supplier ? { id: Number(supplier.id), currency: supplier.currency ?? null } : undefined,
        currency,
        companyCurrency: company,
        exchangeRate: currency === company ? '1' : (q.exchange_rate ?? '1'),
        conversionFactor: q.conversion_factor ?? '1',
        qty: q.qty ?? '1',
        date: q.date ?? (await today(ctx)),
      });
      if (rate !== undefined) out.rate = rate;
      // The default purchase tax template, where accounting gives items one (the item's, else its group's).
      const template = await inheritedItemValue(ctx, item, 'purchase_tax_template');
      if (template !== undefined) out.tax_template = template;
      return out;
    },
  });
}
