/**
 * Control-account rules for verifyLedger (issue 14):
 *   - every entry on a receivable or payable account carries a party;
 *   - at each checked date, the control accounts' balance (daily balances) equals the sum of
 *     the open items from the entries (what the ageing report shows);
 *   - today, receivables control = the invoices' stored outstanding amounts (company currency)
 *     - unallocated advances + other open items (journals), the same for payables; and each
 *     submitted invoice's stored outstanding_amount equals what its ledger item says.
 */
import { Decimal, type ServiceContext } from '@tessera/core';
import type { LedgerProblem } from '../ledger/verify.js';
import { GL_TABLE } from '../ledger/post.js';
import { INVOICE_KINDS, isForeign, itemBalance } from './invoices.js';
import { controlBalance, openItems, type PartyKind } from './open-items.js';

const ADVANCE_TOLERANCE = new Decimal('0.05');

export async function controlAccountProblems(ctx: ServiceContext, dates: string[]): Promise<LedgerProblem[]> {
  const problems: LedgerProblem[] = [];
  const orphan = await ctx.sql<{ n: number }>(
    `select count(*)::int as n from ${GL_TABLE} g join accounting_account a on a.id = g.account where a.account_type in ('receivable', 'payable') and (g.party_type is null or g.party is null)`,
  );
  if (orphan[0]!.n > 0) problems.push({ check: 'control_account', message: `${orphan[0]!.n} entries on receivable or payable accounts have no party` });
  for (const date of dates)
    for (const [type, parties] of [
      ['receivable', ['customer', 'supplier', 'employee']],
      ['payable', ['customer', 'supplier', 'employee']],
    ] as const) {
      const control = await controlBalance(ctx, type, date);
      let items = new Decimal(0);
      for (const pt of parties) {
        const rows = await ctx.sql<{ v: string }>(
          `select coalesce(sum(g.debit - g.credit), 0)::text as v from ${GL_TABLE} g join accounting_account a on a.id = g.account where a.account_type = $1 and g.party_type = $2 and g.posting_date <= $3::date`,
          [type, pt, date],
        );
        items = items.add(new Decimal(rows[0]!.v).mul(type === 'receivable' ? 1 : -1));
      }
      // The ageing's own view for its party type must agree as well.
      const ageingType: PartyKind = type === 'receivable' ? 'customer' : 'supplier';
      const aged = (await openItems(ctx, { partyType: ageingType, asOf: date })).reduce((a, i) => a.add(i.amount), new Decimal(0));
      const others = items.sub(aged);
      if (!control.eq(items) || !control.eq(aged.add(others)))
        problems.push({
          check: 'control_account',
          message: `${type} control accounts on ${date}: balance ${control.toFixed(2)} <> open items ${items.toFixed(2)}`,
          date,
          control: control.toFixed(2),
          items: items.toFixed(2),
        });
    }
  // Stored outstanding amounts against the ledger, and the rule as stated (invoices - advances + other items = control).
  for (const partyType of ['customer', 'supplier'] as const) {
    const kinds = Object.values(INVOICE_KINDS).filter((k) => k.partyType === partyType && ctx.config.plugins.includes(k.plugin));
    if (!kinds.length) continue;
    const controlType = partyType === 'customer' ? 'receivable' : 'payable';
    const sign = controlType === 'receivable' ? 1 : -1;
    let invoicesBase = new Decimal(0);
    for (const kind of kinds) {
      const rows = await ctx.sql<{ id: number; number: string; currency: string | null; outstanding_amount: string | null }>(
        `select id, number, currency, outstanding_amount::text from ${kind.table} where docstatus = 'submitted' order by id`,
      );
      for (const r of rows) {
        const b = await itemBalance(ctx, kind.type, Number(r.id), kind.sign);
        const ledger = isForeign(ctx, r.currency) ? b.inCurrency : b.base;
        if (r.outstanding_amount == null || !ledger.eq(r.outstanding_amount))
          problems.push({
            check: 'outstanding_amount',
            message: `${kind.label} ${r.number}: outstanding_amount ${r.outstanding_amount ?? '-'} <> ${ledger.toFixed(2)} from the ledger`,
            voucher_type: kind.type,
            voucher_id: Number(r.id),
          });
        // In the control account's sign: a credit note's open credit lowers receivables, a debit note's lowers payables.
        invoicesBase = invoicesBase.add((isForeign(ctx, r.currency) ? b.base : new Decimal(r.outstanding_amount ?? 0)).mul(kind.sign * sign));
      }
    }
    const [adv] = await ctx.sql<{ v: string }>(
      `select coalesce(sum(case when p.payment_type = $2 then 1 else -1 end * round(p.unallocated_amount * coalesce(p.exchange_rate, 1), 2)), 0)::text as v from accounting_payment p
        where p.docstatus = 'submitted' and p.party_type = $1`,
      [partyType, partyType === 'customer' ? 'receive' : 'pay'],
    );
    const sums = async (where: string) =>
      new Decimal(
        (
          await ctx.sql<{ v: string }>(
            `select coalesce(sum(g.debit - g.credit), 0)::text as v from ${GL_TABLE} g join accounting_account a on a.id = g.account where a.account_type = $1 and g.party_type = $2 ${where}`,
            [controlType, partyType, [...kinds.map((k) => k.type)]],
          )
        )[0]!.v,
      ).mul(sign);
    const control = await sums(`and $3::text[] is not null`);
    const other = await sums(
      `and coalesce(g.against_voucher_type, g.voucher_type) <> all($3::text[]) and coalesce(g.against_voucher_type, g.voucher_type) <> 'accounting.payment'`,
    );
    // Advance items (against the payments themselves), as the control account sees them: unallocated receipts lower receivables.
    const advancesLedger = (await sums(`and $3::text[] is not null and coalesce(g.against_voucher_type, g.voucher_type) = 'accounting.payment'`)).neg();
    const expected = invoicesBase.sub(advancesLedger).add(other);
    if (!expected.eq(control))
      problems.push({
        check: 'control_account',
        message: `${controlType} control for ${partyType}s: ${control.toFixed(2)} <> open invoices ${invoicesBase.toFixed(2)} - advances ${advancesLedger.toFixed(2)} + other items ${other.toFixed(2)}`,
      });
    // Cents of foreign-currency advances allocated in parts may differ from the rounded rest (each allocation is rounded on its own).
    if (advancesLedger.sub(new Decimal(adv!.v)).abs().gt(ADVANCE_TOLERANCE))
      problems.push({
        check: 'control_account',
        message: `unallocated ${partyType} advances: payments say ${adv!.v}, the ledger ${advancesLedger.toFixed(2)}`,
      });
  }
  return problems;
}
