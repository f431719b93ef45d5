/** Ledger admin routes: backfill (accounts managers: it posts). The verify route lives with the reports. */
import type { SetupContext } from '@tessera/core';
import { backfillLedger } from './backfill.js';

export function registerLedgerRoutes({ app, withServices, userOf }: SetupContext): void {
  app.post('/api/accounting/backfill', {
    schema: {
      tags: ['accounting'],
      summary: 'Posts every submitted document that has no ledger entries yet (idempotent), in posting-date order',
    },
  }, async (req) =>
    withServices(userOf(req), async (ctx) => {
      ctx.assert('accounting.journal_entry', 'submit');
      return backfillLedger(ctx);
    }),
  );
}
