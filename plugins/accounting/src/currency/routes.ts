/**
 * Exchange rate routes (beyond the entity API and the CSV import):
 *   GET  /api/accounting/exchange-rate?from=USD&date=2026-03-01[&to=EUR]   the rate a document of that date takes
 *   POST /api/accounting/exchange-rates/backfill                         fills the rate of older documents (backfill.ts)
 */
import type { ServiceContext, SetupContext } from '@tessera/core';
import { elevated } from '../ledger/routes.js';
import { backfillRates } from './backfill.js';
import { rateOn } from './rates.js';

/** The documents whose drafts take the rate: who may create one may read the rate it would take. */
const RATED_DOCUMENTS = ['sales.quotation', 'sales.sales_order', 'sales.sales_invoice', 'purchasing.purchase_order', 'purchasing.supplier_invoice'];

function assertMayReadRates(ctx: ServiceContext): void {
  if (ctx.can('accounting.exchange_rate', 'read')) return;
  const entities = ctx.platform.model?.entities;
  if (RATED_DOCUMENTS.some((k) => entities?.has(k) && ctx.can(k, 'create'))) return;
  ctx.assert('accounting.exchange_rate', 'read');
}

const currency = { type: 'string', pattern: '^[A-Z]{3}$' };

export function registerRateRoutes({ app, withServices, userOf }: SetupContext): void {
  const tags = ['accounting'];
  app.get(
    '/api/accounting/exchange-rate',
    {
      schema: {
        tags,
        summary: 'The exchange rate of a currency on a date (the latest recorded on or before it), as documents take it',
        querystring: {
          type: 'object',
          required: ['from', 'date'],
          additionalProperties: false,
          properties: { from: currency, to: currency, date: { type: 'string', format: 'date' } },
        },
        response: {
          200: {
            type: 'object',
            required: ['from', 'to', 'date', 'rate'],
            properties: {
              from: { type: 'string' },
              to: { type: 'string', description: 'default: the company currency' },
              date: { type: 'string', format: 'date' },
              rate: { type: 'string', format: 'decimal', description: 'units of `to` per unit of `from`' },
            },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as { from: string; to?: string; date: string };
      return withServices(userOf(req), async (ctx) => {
        assertMayReadRates(ctx);
        const to = q.to ?? ctx.config.company.currency;
        const rate = await rateOn(ctx, q.from, q.date, 'from', to);
        return { from: q.from, to, date: q.date, rate: rate.toFixed(9) };
      });
    },
  );
  app.post(
    '/api/accounting/exchange-rates/backfill',
    {
      schema: {
        tags,
        summary: 'Fills the exchange rate and company-currency totals of documents in another currency saved without one; reports those it cannot fill',
        response: {
          200: {
            type: 'object',
            required: ['filled', 'unfilled'],
            properties: {
              filled: { type: 'object', additionalProperties: { type: 'integer' }, description: 'documents filled, per entity' },
              unfilled: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    entity: { type: 'string' },
                    id: { type: 'integer' },
                    number: { type: 'string', nullable: true },
                    currency: { type: 'string' },
                    date: { type: 'string', format: 'date' },
                    code: { type: 'string' },
                    message: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const user = userOf(req);
      await withServices(user, async (ctx) => ctx.assert('accounting.journal_entry', 'submit'));
      // It writes server fields of sales and purchasing documents: elevated once the caller's right is checked.
      return withServices(elevated(user), (ctx) => backfillRates(ctx));
    },
  );
}
