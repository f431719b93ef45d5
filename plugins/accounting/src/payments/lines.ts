/**
 * The GL lines of a payment (and of a later allocation of its advance). Signs: for a receipt
 * the party's account is credited and the bank debited, for a payment out the reverse. Each
 * allocation clears its invoice's item at the invoice's rate (the exact remaining company-
 * currency balance when it closes the item in its currency); the difference to the payment's
 * rate is the realized exchange gain or loss; cent residuals go to the round-off account
 * (postVoucher). The unallocated rest stays open against the payment itself (an advance).
 */
import { Decimal } from '@tessera/core';
import type { GlLine, PartyType } from '../contract.js';
import { cents } from '../postings/common.js';

export interface AllocationFacts {
  type: string;
  id: number;
  /** In the payment (= invoice) currency. */
  amount: Decimal;
  /** The invoice's rate to the company currency. */
  invoiceRate: Decimal;
  /** What the item still has open, in its currency and in the company currency. */
  openInCurrency: Decimal;
  openBase: Decimal;
}

export interface PaymentFacts {
  id: number;
  direction: 'receive' | 'pay';
  partyType: PartyType;
  party: number;
  partyAccount: number;
  currency: string | null;
  rate: Decimal;
  gainLossAccount: () => Promise<number>;
}

/** A signed amount as a GL line: positive = debit. */
function line(account: number, signed: Decimal, extra: Partial<GlLine> = {}, inCurrency?: Decimal): GlLine {
  const a = cents(signed);
  const out: GlLine = { account, ...(a.gte(0) ? { debit: a.toFixed(2) } : { credit: a.negated().toFixed(2) }), ...extra };
  if (inCurrency) {
    const c = cents(inCurrency);
    Object.assign(out, c.gte(0) ? { debit_in_currency: c.toFixed(2) } : { credit_in_currency: c.negated().toFixed(2) });
  }
  return out;
}

/** Lines that clear allocations against `from` (the bank, or the payment's own advance item). */
export async function allocationLines(p: PaymentFacts, allocations: AllocationFacts[], fromBase: (a: AllocationFacts) => Decimal): Promise<GlLine[]> {
  const s = p.direction === 'receive' ? -1 : 1; // sign of the party line (receive: credit)
  const party = { party_type: p.partyType, party: p.party };
  const foreign = p.currency ? { currency: p.currency } : {};
  const out: GlLine[] = [];
  for (const a of allocations) {
    const closes = a.amount.gte(a.openInCurrency);
    const atInvoiceRate = cents(a.amount.mul(a.invoiceRate));
    const cleared = closes ? a.openBase : atInvoiceRate;
    out.push(
      line(
        p.partyAccount,
        cleared.mul(s),
        { ...party, against_voucher_type: a.type, against_voucher_id: a.id, ...foreign, ...(p.currency ? { exchange_rate: a.invoiceRate.toFixed(9) } : {}) },
        p.currency ? a.amount.mul(s) : undefined,
      ),
    );
    // Realized difference: what the allocation is worth at the payment's rate minus at the invoice's.
    const diff = fromBase(a).sub(atInvoiceRate);
    if (!cents(diff).isZero()) out.push(line(await p.gainLossAccount(), diff.mul(s), { remarks: `Exchange difference ${p.currency ?? ''}`.trim() }));
  }
  return out;
}
