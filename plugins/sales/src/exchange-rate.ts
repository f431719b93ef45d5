/**
 * The exchange rate of a selling document (`exchange_rate`: company currency per unit of the
 * document currency) and its company-currency totals (`base_net_total`, `base_grand_total`,
 * computed by the declarations' x-compute as total x rate, to the cent).
 *   company currency   the rate is 1 (another value is refused)
 *   another currency   the user's rate; else the platform's rate provider's for the document date
 *                      (accounting's exchange rates, refused when none is recorded), before the
 *                      lines and totals are computed; deliveries take the order's rate, and an
 *                      invoice without one takes the order's at submit
 * Submitting a document in another currency without a rate is refused (EXCHANGE_RATE_REQUIRED).
 */
import type { Doc, HookArgs } from '@tessera/core';
import { defaultRate, emptyValue as empty, refuse, requireRate as requireRateIn } from '@tessera/plugin-kit';
import { errors } from '../errors.js';
import { D } from './util.js';

/** Draft check and default: the company currency's rate is 1; another currency without a rate takes the provider's of `date`. */
export async function settleRate(args: Pick<HookArgs, 'config' | 'sql' | 'platform'>, doc: Doc, date: string): Promise<void> {
  if (doc.currency !== args.config.company.currency) {
    if (empty(doc.exchange_rate)) doc.exchange_rate = await defaultRate(args, String(doc.currency), date);
    return;
  }
  if (!empty(doc.exchange_rate) && !D(doc.exchange_rate).eq(1))
    refuse('INVALID_EXCHANGE_RATE', [{ path: 'exchange_rate', ...errors.t('rate_company_currency', { currency: String(doc.currency) }) }]);
  doc.exchange_rate = '1';
}

/** Submit check: a document in another currency carries its rate. */
export const requireRate = (args: Pick<HookArgs, 'config'>, doc: Doc): void => requireRateIn(args, doc, (p) => errors.t('rate_required', p));

/** The company-currency totals the declarations compute, for hooks that set totals at submit (no x-compute runs there). */
export function baseTotals(doc: Doc): void {
  const rate = D(doc.exchange_rate);
  for (const [base, total] of [
    ['base_net_total', 'net_total'],
    ['base_grand_total', 'grand_total'],
  ] as const)
    if (total in doc) doc[base] = D(doc[total]).mul(rate).toDecimalPlaces(2, 4).toFixed(2);
}
