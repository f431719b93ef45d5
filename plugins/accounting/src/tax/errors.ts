/**
 * The postings part's error catalogue (tax templates on documents): one stable code per
 * refusal, its HTTP status and the message in English (sent) and Lithuanian. Posting rules
 * otherwise refuse through the ledger's catalogue (ACCOUNT_NOT_CONFIGURED, PERIOD_CLOSED...).
 */
import { TesseraError, type FieldProblem } from '@tessera/core';

export const TAX_ERRORS = {
  INVALID_TAX_TEMPLATE: {
    status: 422,
    en: 'the tax template cannot be used on this document (wrong kind or disabled)',
    lt: 'šio mokesčių šablono negalima naudoti šiame dokumente (netinkama rūšis arba išjungtas)',
  },
} satisfies Record<string, { status: number; en: string; lt: string }>;

export type TaxErrorCode = keyof typeof TAX_ERRORS;

/** A refusal of the catalogue listing every problem with its field path. */
export function taxError(code: TaxErrorCode, problems: FieldProblem[]): TesseraError {
  return new TesseraError(code, TAX_ERRORS[code].status, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}
