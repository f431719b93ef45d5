/**
 * Backfill of exchange rates: documents in another currency saved before documents carried a
 * rate (and their company-currency totals) have none, and reports count them in `excluded`.
 * This fills each one's rate and recomputes its base totals, in one transaction:
 *   invoices       the rate their ledger entries posted at, else the rate of the posting date
 *   receipts,      the rate of their order, else the rate of their date
 *   deliveries,
 *   supplier invoices
 *   other documents the rate of their date (accounting.exchange_rate)
 * A document whose date has no rate is left as it is and reported (currency, date, why), so
 * recording the missing rate and running it again finishes the job. Cancelled documents stay.
 * Run by POST /api/accounting/exchange-rates/backfill or `pnpm tessera accounting backfill-rates`.
 */
import { Decimal, TesseraError, type CommandDefinition, type Doc, type ServiceContext } from '@tessera/core';
import { GL_TABLE } from '../ledger/post.js';
import { rateOn } from './rates.js';

interface RatedDocument {
  key: string;
  view: string;
  date: string;
  /** The document's order (the rate it inherits): its reference field and the order's view. */
  order?: { field: string; view: string };
  /** Posted documents: the rate of their ledger entries comes first. */
  ledger?: boolean;
}

/** Orders before the documents made from them, so these inherit the filled rate. */
const DOCUMENTS: RatedDocument[] = [
  { key: 'sales.quotation', view: 'sales_v_quotation', date: 'quotation_date' },
  { key: 'sales.sales_order', view: 'sales_v_order', date: 'order_date' },
  { key: 'sales.delivery', view: 'sales_v_delivery', date: 'posting_date', order: { field: 'sales_order', view: 'sales_v_order' } },
  { key: 'sales.sales_invoice', view: 'sales_v_invoice', date: 'posting_date', ledger: true },
  { key: 'purchasing.purchase_order', view: 'purchasing_v_order', date: 'order_date' },
  { key: 'purchasing.goods_receipt', view: 'purchasing_v_receipt', date: 'posting_date', order: { field: 'purchase_order', view: 'purchasing_v_order' } },
  {
    key: 'purchasing.supplier_invoice',
    view: 'purchasing_v_supplier_invoice',
    date: 'posting_date',
    ledger: true,
    order: { field: 'purchase_order', view: 'purchasing_v_order' },
  },
];

/** Company-currency totals: total x rate, to the cent (half up, as the declarations' x-compute). */
const BASE_TOTALS = [
  ['base_net_total', 'net_total'],
  ['base_grand_total', 'grand_total'],
] as const;

export interface RateBackfillResult {
  /** Documents that got a rate, per entity key. */
  filled: Record<string, number>;
  /** Documents still without a rate: no rate recorded for their date. */
  unfilled: { entity: string; id: number; number: string | null; currency: string; date: string; code: string; message: string }[];
}

async function rateOf(ctx: ServiceContext, d: RatedDocument, row: Doc): Promise<Decimal> {
  if (d.ledger) {
    const [posted] = await ctx.sql<{ rate: string }>(
      `select exchange_rate::text as rate from ${GL_TABLE} where voucher_type = $1 and voucher_id = $2 and exchange_rate is not null order by id limit 1`,
      [d.key, row.id],
    );
    if (posted) return new Decimal(posted.rate);
  }
  if (d.order && row[d.order.field] != null) {
    const [order] = await ctx.sql<{ rate: string | null }>(`select exchange_rate::text as rate from ${d.order.view} where id = $1`, [row[d.order.field]]);
    if (order?.rate != null) return new Decimal(order.rate);
  }
  return rateOn(ctx, String(row.currency), String(row.date));
}

export async function backfillRates(ctx: ServiceContext): Promise<RateBackfillResult> {
  const company = ctx.config.company.currency;
  const enabled = ctx.platform.model?.entities;
  const result: RateBackfillResult = { filled: {}, unfilled: [] };
  for (const d of DOCUMENTS) {
    const model = enabled?.get(d.key);
    if (!model?.fieldMap.has('exchange_rate')) continue;
    const rows = await ctx.sql(
      `select *, ${d.date}::text as date from ${d.view}
       where currency is not null and currency <> $1 and exchange_rate is null and docstatus <> 'cancelled' order by ${d.date}, id`,
      [company],
    );
    for (const row of rows) {
      let rate: Decimal;
      try {
        rate = await rateOf(ctx, d, row);
      } catch (e) {
        if (!(e instanceof TesseraError)) throw e;
        const { id, number, currency, date } = row;
        result.unfilled.push({ entity: d.key, id: Number(id), number: number ?? null, currency, date, code: e.code, message: e.message });
        continue;
      }
      const values: Doc = { exchange_rate: rate.toFixed(9) };
      for (const [base, total] of BASE_TOTALS)
        if (model.fieldMap.has(base) && row[total] != null)
          values[base] = new Decimal(row[total]).mul(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
      await ctx.entity(d.key).setServerFields(Number(row.id), values);
      result.filled[d.key] = (result.filled[d.key] ?? 0) + 1;
    }
  }
  return result;
}

/** `pnpm tessera accounting backfill-rates [--json]`: the backfill from the command line; exits 1 when some documents stay without a rate. */
export const rateCommands: Record<string, CommandDefinition> = {
  'backfill-rates': {
    description: 'fill the exchange rate and company-currency totals of documents in another currency saved without one',
    options: { json: { type: 'boolean', description: 'print the result as JSON' } },
    async run(ctx) {
      const result = await ctx.withServices(backfillRates);
      if (ctx.options.json) ctx.print(JSON.stringify(result, null, 2));
      else {
        const filled = Object.entries(result.filled);
        ctx.print(`Filled ${filled.reduce((n, [, c]) => n + c, 0)} document(s)${filled.length ? `: ${filled.map(([k, c]) => `${k} ${c}`).join(', ')}` : ''}.`);
        for (const u of result.unfilled) ctx.print(`  not filled: ${u.entity} ${u.number ?? u.id} (${u.currency}, ${u.date}): ${u.message}`);
      }
      return result.unfilled.length ? 1 : 0;
    },
  },
};
