/** Ledger admin routes: backfill (accounts managers: it posts). The verify route lives with the reports. */
import type { CurrentUser, SetupContext } from '@tessera/core';
import { backfillLedger } from './backfill.js';

/**
 * Verify and backfill read every document type with accounting effect through its posting
 * rule: once the caller's right to the ledger task is checked, they run elevated (like hooks),
 * still under the caller's name, so an accounts manager needs no role on sales or stock.
 */
export function elevated(user: CurrentUser): CurrentUser {
  return { ...user, isAdmin: true };
}

export function registerLedgerRoutes({ app, withServices, userOf }: SetupContext): void {
  app.post(
    '/api/accounting/backfill',
    {
      schema: {
        tags: ['accounting'],
        summary: 'Posts every submitted document that has no ledger entries yet (idempotent), in posting-date order',
        response: {
          200: {
            type: 'object',
            required: ['posted', 'vouchers', 'failed'],
            properties: {
              posted: { type: 'integer' },
              vouchers: { type: 'integer' },
              failed: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    voucher_type: { type: 'string' },
                    voucher_id: { type: 'integer' },
                    number: { type: 'string', nullable: true },
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
      return withServices(elevated(user), (ctx) => backfillLedger(ctx));
    },
  );
}
