/** Refusals of the posting rules themselves (codes in the plugin's catalogue, src/ledger/errors.ts). */
import { ledgerError } from '../ledger/errors.js';
import { errors } from '../ledger/errors.js';

/**
 * Documents without an exchange rate post only in the company currency: a foreign-currency one
 * is refused (naming `currency`) rather than booked at a wrong value. Rates on sales documents
 * come with issue 14 (currencies).
 */
export function assertCompanyCurrency(
  ctx: { config: { company: { currency: string } } },
  doc: { currency?: string | null; number?: string },
  label: string,
): void {
  const company = ctx.config.company.currency;
  if (doc.currency && doc.currency !== company)
    throw ledgerError(
      'EXCHANGE_RATE_MISSING',
      `${label} ${doc.number ?? ''} is in ${doc.currency} and carries no exchange rate to ${company}: it cannot be posted to the ledger; use ${company}, or a purchase order with its exchange rate`.replace(
        / {2,}/g,
        ' ',
      ),
      [{ path: 'currency', ...errors.t('no_exchange_rate', { currency: String(doc.currency), company: String(company) }) }],
    );
}
