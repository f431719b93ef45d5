/**
 * The posting rules' own refusals (the ledger's catalogue, src/ledger/errors.ts, covers
 * accounts, periods and balance). EN is sent; LT is for the admin UI and the docs.
 */
import { TesseraError, type FieldProblem } from '@tessera/core';

export const POSTING_ERRORS = {
  EXCHANGE_RATE_MISSING: {
    status: 422,
    en: 'the document is in another currency and has no exchange rate to the company currency',
    lt: 'dokumentas kita valiuta ir neturi kurso įmonės valiutai',
  },
} satisfies Record<string, { status: number; en: string; lt: string }>;

export type PostingErrorCode = keyof typeof POSTING_ERRORS;

export function postingError(code: PostingErrorCode, message: string, details?: FieldProblem[]): TesseraError {
  return new TesseraError(code, POSTING_ERRORS[code].status, message, details);
}

/**
 * Documents without an exchange rate post only in the company currency: a foreign-currency one
 * is refused (naming `currency`) rather than booked at a wrong value. Rates on sales documents
 * come with issue 14 (currencies).
 */
export function assertCompanyCurrency(ctx: { config: { company: { currency: string } } }, doc: { currency?: string | null; number?: string }, label: string): void {
  const company = ctx.config.company.currency;
  if (doc.currency && doc.currency !== company)
    throw postingError('EXCHANGE_RATE_MISSING', `${label} ${doc.number ?? ''} is in ${doc.currency} and carries no exchange rate to ${company}: it cannot be posted to the ledger; use ${company}, or a purchase order with its exchange rate`.replace(/  +/g, ' '), [
      { path: 'currency', message: `${doc.currency} has no exchange rate to ${company}` },
    ]);
}
