/**
 * Backfill: posts every submitted document that has no (or not all its) entries, in posting
 * date order, through the same posting rules as live submits. Runs on every start (one
 * query per rule when nothing is missing) and as POST /api/accounting/backfill. A document
 * whose rule refuses (e.g. a missing default account) is skipped and reported, inside a
 * savepoint so the others still post and the start is not blocked.
 */
import type { ServiceContext } from '@tessera/core';
import { postDocument } from '../postings/index.js';
import { candidates } from './documents.js';
import { refreshStaleInvoices } from '../receivables/invoices.js';

export interface BackfillResult {
  posted: number;
  vouchers: number;
  failed: { voucher_type: string; voucher_id: number; number: string | null; code: string; message: string }[];
}

export async function backfillLedger(ctx: ServiceContext): Promise<BackfillResult> {
  const out: BackfillResult = { posted: 0, vouchers: 0, failed: [] };
  for (const c of await candidates(ctx)) {
    await ctx.sql('savepoint accounting_backfill');
    try {
      const n = await postDocument(ctx, c.rule, c.doc);
      await ctx.sql('release savepoint accounting_backfill');
      if (n) {
        out.posted++;
        out.vouchers += n;
      }
    } catch (e) {
      await ctx.sql('rollback to savepoint accounting_backfill');
      const err = e as { code?: string; message: string };
      out.failed.push({
        voucher_type: c.rule.voucherType,
        voucher_id: Number(c.doc.id),
        number: c.doc.number ?? null,
        code: err.code ?? 'ERROR',
        message: err.message,
      });
    }
  }
  // Backfilled invoices get their outstanding amount and payment status (issue 14).
  await refreshStaleInvoices(ctx);
  return out;
}
