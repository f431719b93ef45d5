/**
 * Period-end revaluation (accounting.exchange_revaluation): every open foreign-currency item on
 * receivable and payable accounts at the revaluation date is valued at that date's rate; the
 * difference to its book value posts to the item (party, against the item) and to the exchange
 * gain/loss account, and the same entries reverse the next day (one voucher, an append), so
 * the period's statements show the unrealized difference and the next period starts from the
 * book values that realized differences are computed from. Cancel reverses both.
 */
import { Decimal, type EntityHooks, type Hook } from '@tessera/core';
import type { GlLine } from '../contract.js';
import { accountFor, postVoucher, reverseVoucher } from '../ledger/post.js';
import { cents } from '../postings/common.js';
import { openItems, type PartyKind } from '../receivables/open-items.js';
import { rateOn } from './rates.js';

export const REVALUATION = 'accounting.exchange_revaluation';

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

const submitRevaluation: Hook = async (args) => {
  const { doc } = args;
  const date = String(doc.posting_date);
  const company = args.config.company.currency;
  const lines: GlLine[] = [];
  const items: Record<string, unknown>[] = [];
  let total = new Decimal(0);
  const gainLoss = await accountFor(args, 'exchange_gain_loss');
  for (const pt of ['customer', 'supplier', 'employee'] as PartyKind[]) {
    const role = pt === 'customer' ? 'receivable' : 'payable';
    const sign = role === 'receivable' ? 1 : -1;
    // Every open item is revalued, whatever the submitting user's row rule on the entries.
    const open = (await openItems({ sql: args.sql, config: args.config }, { partyType: pt, asOf: date })).filter(
      (i) => i.currency && i.currency !== company && !i.amount_in_currency.isZero(),
    );
    if (!open.length) continue;
    const account = await accountFor(args, role);
    for (const it of open) {
      const rate = await rateOn(args, it.currency!, date, 'posting_date');
      const revalued = cents(it.amount_in_currency.mul(rate));
      const diff = revalued.sub(it.amount); // > 0: the item is worth more in company currency
      if (diff.isZero()) continue;
      // A receivable worth more is a gain; a payable worth more is a loss.
      const gl = diff.mul(sign);
      lines.push({
        account,
        ...(gl.gt(0) ? { debit: gl.toFixed(2) } : { credit: gl.neg().toFixed(2) }),
        party_type: pt,
        party: it.party,
        against_voucher_type: it.voucher_type,
        against_voucher_id: it.voucher_id,
        currency: it.currency!,
        exchange_rate: rate.toFixed(9),
        debit_in_currency: '0.00',
        credit_in_currency: '0.00',
        remarks: `Revaluation of ${it.voucher_no}`,
      });
      lines.push({
        account: gainLoss,
        ...(gl.gt(0) ? { credit: gl.toFixed(2) } : { debit: gl.neg().toFixed(2) }),
        remarks: `Unrealized exchange difference ${it.voucher_no}`,
      });
      total = total.add(diff.mul(sign));
      items.push({
        party_type: pt,
        party: it.party,
        voucher_type: it.voucher_type,
        voucher_id: it.voucher_id,
        voucher_no: it.voucher_no,
        currency: it.currency,
        amount_in_currency: it.amount_in_currency.toFixed(2),
        book: it.amount.toFixed(2),
        rate: rate.toFixed(9),
        revalued: revalued.toFixed(2),
        difference: diff.toFixed(2),
      });
    }
  }
  Object.assign(doc, { items, total_difference: total.toFixed(2), reversal_date: nextDay(date) });
  if (!lines.length) return;
  const voucher = {
    voucher_type: REVALUATION,
    voucher_id: Number(doc.id),
    voucher_no: doc.number,
    posting_date: date,
    remarks: `Exchange revaluation ${doc.number}`,
    lines,
  };
  await postVoucher(args, voucher);
  const swap = (l: GlLine): GlLine => {
    const { debit, credit, ...rest } = l;
    return { ...rest, ...(debit ? { credit: debit } : { debit: credit }), remarks: `Reversal: ${l.remarks}` };
  };
  await postVoucher(args, {
    ...voucher,
    posting_date: nextDay(date),
    lines: lines.map(swap),
    append: true,
    remarks: `Reversal of exchange revaluation ${doc.number}`,
  });
};

const cancelRevaluation: Hook = async (args) => {
  await reverseVoucher(args, REVALUATION, Number(args.doc.id));
};

export const revaluationHooks: Record<string, EntityHooks> = { exchange_revaluation: { beforeSubmit: submitRevaluation, beforeCancel: cancelRevaluation } };
