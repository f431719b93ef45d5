/**
 * The exchange rate a document in a transaction currency takes when the user entered none:
 * 1 in the company currency; for another currency the rate of the document date from the
 * platform's rate provider (accounting's exchange rates, which refuse a date without one), or
 * none while no plugin provides rates (the user enters it; submitting without one is refused).
 */
import type { Doc, FieldProblem, ServiceContext } from '@tessera/core';
import { refuse } from './problems.js';

export const emptyValue = (v: unknown): boolean => v == null || v === '';

/** The rate for `currency` on `date`: '1' for the company currency, the provider's, or null without a provider. */
export async function defaultRate(
  ctx: Pick<ServiceContext, 'sql' | 'config' | 'platform'>,
  currency: string,
  date: string,
  path = 'currency',
): Promise<string | null> {
  if (currency === ctx.config.company.currency) return '1';
  const provider = ctx.platform.exchangeRates;
  return provider ? provider.rateOn(ctx, currency, date, path) : null;
}

/**
 * Refuses a document in another currency that carries no rate (422 EXCHANGE_RATE_REQUIRED on
 * exchange_rate), with the plugin's own message for the currency and the company's.
 */
export function requireRate(
  ctx: Pick<ServiceContext, 'config'>,
  doc: Doc,
  message: (params: { currency: string; company: string }) => Omit<FieldProblem, 'path'>,
): void {
  if (doc.currency === ctx.config.company.currency || !emptyValue(doc.exchange_rate)) return;
  refuse('EXCHANGE_RATE_REQUIRED', [{ path: 'exchange_rate', ...message({ currency: String(doc.currency), company: ctx.config.company.currency }) }]);
}
