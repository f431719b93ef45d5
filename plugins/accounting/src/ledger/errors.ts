/**
 * The accounting plugin's error catalogue (ledger, posting rules, tax templates): one stable code per refusal, its HTTP status and the message
 * templates in English (sent) and Lithuanian (for the admin UI and the docs). Throw sites
 * name a code and pass the facts; field problems carry their path (lines/2/account).
 */
import { TesseraError, type FieldProblem } from '@tessera/core';

interface Entry {
  status: number;
  en: string;
  lt: string;
}

export const LEDGER_ERRORS = {
  UNBALANCED_VOUCHER: { status: 422, en: 'debits and credits must be equal', lt: 'debetas ir kreditas turi būti lygūs' },
  ACCOUNT_IS_GROUP: {
    status: 422,
    en: 'is a group account: post to one of its ledger accounts',
    lt: 'yra grupinė sąskaita: registruokite į vieną iš jos sąskaitų',
  },
  ACCOUNT_FROZEN: { status: 422, en: 'is frozen and takes no postings', lt: 'įšaldyta, į ją neregistruojama' },
  ACCOUNT_DISABLED: { status: 422, en: 'is disabled', lt: 'išjungta' },
  ACCOUNT_NOT_FOUND: { status: 422, en: 'does not exist', lt: 'neegzistuoja' },
  PARTY_REQUIRED: {
    status: 422,
    en: 'a receivable or payable account needs a party type and party',
    lt: 'gautinų ar mokėtinų sumų sąskaitai reikia šalies tipo ir šalies',
  },
  INVALID_COST_CENTER: {
    status: 422,
    en: 'the cost centre does not exist, is a group or is disabled',
    lt: 'išlaidų centras neegzistuoja, yra grupė arba išjungtas',
  },
  INVALID_FISCAL_YEAR: {
    status: 422,
    en: 'the fiscal year overlaps another or ends before it starts',
    lt: 'finansiniai metai persidengia su kitais arba baigiasi anksčiau nei prasideda',
  },
  INVALID_VOUCHER: { status: 422, en: 'the voucher is not valid', lt: 'dokumentas netinkamas' },
  PERIOD_CLOSED: { status: 409, en: 'the accounting period is closed', lt: 'ataskaitinis laikotarpis uždarytas' },
  ACCOUNT_NOT_CONFIGURED: { status: 422, en: 'no account is configured for this role', lt: 'šiai paskirčiai nenurodyta sąskaita' },
  ALREADY_POSTED: { status: 409, en: 'the voucher already has live ledger entries', lt: 'dokumentas jau užregistruotas didžiojoje knygoje' },
  ACCOUNT_HAS_ENTRIES: { status: 409, en: 'the account has ledger entries', lt: 'sąskaitoje yra įrašų' },
  INVALID_ACCOUNT_PARENT: {
    status: 422,
    en: 'the parent must be a group account of the same root type',
    lt: 'tėvinė sąskaita turi būti to paties šakninio tipo grupė',
  },
  INVALID_JOURNAL: { status: 422, en: 'the journal entry is not valid', lt: 'operacija netinkama' },
  NOTHING_TO_CLOSE: { status: 422, en: 'the fiscal year has no income or expense balances to close', lt: 'finansiniai metai neturi pajamų ar sąnaudų likučių' },
  EXCHANGE_RATE_MISSING: {
    status: 422,
    en: 'the document is in another currency and has no exchange rate to the company currency',
    lt: 'dokumentas kita valiuta ir neturi kurso įmonės valiutai',
  },
  INVALID_TAX_TEMPLATE: {
    status: 422,
    en: 'the tax template cannot be used on this document (wrong kind or disabled)',
    lt: 'šio mokesčių šablono negalima naudoti šiame dokumente (netinkama rūšis arba išjungtas)',
  },
  SALES_NOT_ENABLED: {
    status: 422,
    en: 'profitability needs the sales plugin: enable "sales" in the client configuration',
    lt: 'pelningumui reikia pardavimų įskiepio: įjunkite "sales" kliento konfigūracijoje',
  },
  // Issue 14: receivables, payables, payments, banks, currencies.
  INVALID_PAYMENT: { status: 422, en: 'the payment is not valid', lt: 'mokėjimas netinkamas' },
  OVER_ALLOCATION: {
    status: 409,
    en: 'the allocation is more than the invoice still has outstanding',
    lt: 'paskirstyta suma viršija neapmokėtą sąskaitos likutį',
  },
  UNALLOCATED_AMOUNT: {
    status: 422,
    en: 'the payment is more than its allocations: record the rest as an advance or allocate it',
    lt: 'mokėjimas didesnis už paskirstymą: likutį pažymėkite kaip avansą arba paskirstykite',
  },
  INVALID_IBAN: { status: 422, en: 'the IBAN is not valid', lt: 'IBAN netinkamas' },
  INVALID_STATEMENT: { status: 422, en: 'the bank statement cannot be read', lt: 'banko išrašo nepavyko perskaityti' },
  INVALID_RECONCILIATION: {
    status: 422,
    en: 'the bank transaction cannot be matched to that payment',
    lt: 'banko operacijos negalima susieti su šiuo mokėjimu',
  },
  CREDIT_LIMIT_EXCEEDED: { status: 422, en: 'the order takes the customer beyond the credit limit', lt: 'užsakymas viršija kliento kredito limitą' },
  INVOICE_HAS_PAYMENTS: {
    status: 409,
    en: 'the invoice has payments or credit notes allocated to it: cancel those first',
    lt: 'sąskaitai priskirti mokėjimai ar kreditinės sąskaitos: pirmiausia atšaukite juos',
  },
  INVALID_CREDIT_NOTE: { status: 422, en: 'the credit note is not valid', lt: 'kreditinė sąskaita netinkama' },
} satisfies Record<string, Entry>;

export type LedgerErrorCode = keyof typeof LEDGER_ERRORS;

/** A 4xx of the catalogue: `message` says what to fix (with the field path where there is one). */
export function ledgerError(code: LedgerErrorCode, message: string, details?: FieldProblem[]): TesseraError {
  return new TesseraError(code, LEDGER_ERRORS[code].status, message, details);
}
