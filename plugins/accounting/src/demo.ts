/**
 * Demo data: the owner's investment (bank against share capital) and an opening-balance
 * journal (equipment and a long-term loan against the temporary opening account), dated the
 * first day of the previous fiscal year so every other demo document comes after them.
 * Accounts are found by role and type, so the demo works with either chart template.
 */
import type { DataContext } from '@tessera/core';
import { accountFor } from './ledger/post.js';
import { fiscalYearBounds } from './ledger/periods.js';
import { loadReceivablesDemo } from './receivables/demo.js';

async function firstOfType(ctx: DataContext, where: string): Promise<number> {
  const [r] = await ctx.sql<{ id: number }>(`select id from accounting_account where not is_group and not disabled and ${where} order by number limit 1`);
  if (!r) throw new Error(`demo: no account where ${where}`);
  return Number(r.id);
}

export async function loadAccountingDemo(ctx: DataContext): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const lastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const date = fiscalYearBounds(ctx.config.company.fiscalYearStart, lastYear).start;
  const bank = await accountFor(ctx, 'bank');
  const opening = await accountFor(ctx, 'opening');
  const capital = await firstOfType(ctx, `account_type = 'equity'`);
  const equipment = await firstOfType(ctx, `account_type = 'fixed_asset'`);
  const loan = await firstOfType(ctx, `root_type = 'liability' and not is_current`);
  const journals = ctx.entity('accounting.journal_entry');
  const invest = await journals.create({
    entry_type: 'bank',
    posting_date: date,
    reference: 'Owner investment / Savininko įnašas',
    remarks: 'Share capital paid in by the owner (Įstatinis kapitalas, įmokėtas savininko)',
    lines: [
      { account: bank, debit: '50000.00' },
      { account: capital, credit: '50000.00' },
    ],
  });
  await journals.submit(invest.id);
  const open = await journals.create({
    entry_type: 'opening',
    posting_date: date,
    reference: 'Opening balances / Pradiniai likučiai',
    remarks: 'Equipment and the bank loan brought forward (Perkelti įrangos ir banko paskolos likučiai)',
    lines: [
      { account: equipment, debit: '18000.00' },
      { account: loan, credit: '12000.00' },
      { account: opening, credit: '6000.00' },
    ],
  });
  await journals.submit(open.id);
  // Payments, overdue invoices and a bank statement to reconcile (issue 14).
  await loadReceivablesDemo(ctx);
}
