/**
 * The accounting plugin's error catalogue (ledger, posting rules, tax templates): one stable code per refusal, its HTTP status and the message
 * templates in English (sent) and Lithuanian (for the admin UI and the docs). Throw sites
 * name a code and pass the facts; field problems carry their path (lines/2/account).
 */
import { TesseraError, defineErrors, type FieldProblem, type Message } from '@tessera/core';

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
export function ledgerError(code: LedgerErrorCode, message: string | Message, details?: FieldProblem[]): TesseraError {
  return new TesseraError(code, LEDGER_ERRORS[code].status, message, details);
}

/** The catalogue with its message templates (EN, LT): throw sites pass errors.t(key, params). */
export const errors = defineErrors('accounting', LEDGER_ERRORS, {
  account_does_not_exist: { en: 'account {account} does not exist', lt: 'sąskaita {account} neegzistuoja' },
  account_not_bank_cash_ledger: { en: 'account {number} is not a bank or cash ledger account', lt: 'sąskaita {number} nėra banko ar kasos analitinė sąskaita' },
  bank_account_bank_account_does: {
    en: 'bank_account: bank account {bankAccount} does not exist',
    lt: 'bank_account: banko sąskaita {bankAccount} neegzistuoja',
  },
  payment_transaction_already_reconciled: { en: 'payment: the transaction is already reconciled', lt: 'payment: operacija jau suderinta' },
  transaction_already_reconciled_unreconcile_first: {
    en: 'the transaction is already reconciled: unreconcile it first',
    lt: 'operacija jau suderinta: pirmiau atšaukite suderinimą',
  },
  payment_does_not_exist: { en: 'payment {paymentId} does not exist', lt: 'mokėjimas {paymentId} neegzistuoja' },
  payment: { en: 'payment {number} is {docstatus}', lt: 'mokėjimas {number} yra {docstatus}' },
  payment_booked_another_bank_cash: {
    en: 'payment {number} is booked on another bank or cash account',
    lt: 'mokėjimas {number} užregistruotas kitoje banko ar kasos sąskaitoje',
  },
  payment_does_not_equal_transaction: {
    en: 'payment {number} ({payment_type} {amount}) does not equal the transaction ({amount2})',
    lt: 'mokėjimas {number} ({payment_type} {amount}) nelygus operacijai ({amount2})',
  },
  payment_already_matched_bank_transaction: {
    en: 'payment {number} is already matched to bank transaction {id}',
    lt: 'mokėjimas {number} jau susietas su banko operacija {id}',
  },
  more_than_outstanding: {
    en: '{amount} is more than the {left} still outstanding on {kind} {number}: record the rest as an advance (is_advance) instead',
    lt: '{amount} yra daugiau nei {left}, kurie dar neapmokėti pagal {kind} {number}: likutį užregistruokite kaip avansą (is_advance)',
  },
  iban_shape: {
    en: 'must be two letters (country), two check digits and 11-30 letters or digits',
    lt: 'turi būti dvi raidės (šalis), du kontroliniai skaitmenys ir 11-30 raidžių ar skaitmenų',
  },
  iban_length: { en: 'a {country} IBAN has {want} characters, this one {length}', lt: '{country} IBAN turi {want} simbolių, šis – {length}' },
  iban_check_digits: {
    en: 'the check digits are wrong (mod-97 check failed): check for a typing error',
    lt: 'neteisingi kontroliniai skaitmenys (mod-97 patikra nepavyko): patikrinkite, ar nėra rašybos klaidos',
  },
  iban_not_valid: { en: 'iban: {iban} {reason}', lt: 'iban: {iban} {reason}' },
  statement_not: { en: 'the statement is of {iban}, not of {name} ({iban2})', lt: 'išrašas yra sąskaitos {iban}, o ne {name} ({iban2})' },
  line_bank_account: { en: 'the line is in {currency}, the bank account in {currency2}', lt: 'eilutė yra {currency}, banko sąskaita – {currency2}' },
  does_not_exist: { en: 'does not exist', lt: 'neegzistuoja' },
  already_reconciled: { en: 'already reconciled', lt: 'jau suderinta' },
  required: { en: 'is required', lt: 'privaloma užpildyti' },
  bank_account_does_not_exist: { en: 'bank account {bank_account} does not exist', lt: 'banko sąskaita {bank_account} neegzistuoja' },
  csv_no_transactions_expected_header: {
    en: 'the CSV has no transactions: expected a header line and one line per transaction',
    lt: 'CSV neturi operacijų: tikėtasi antraštės eilutės ir po eilutę kiekvienai operacijai',
  },
  header_no_date_column_one: { en: 'the header has no date column (one of: {value})', lt: 'antraštėje nėra datos stulpelio (vienas iš: {value})' },
  header_no_amount_column_amount: {
    en: 'the header has no amount column (amount, or debit and credit)',
    lt: 'antraštėje nėra sumos stulpelio (suma arba debetas ir kreditas)',
  },
  date_yyyy_mm_dd_dd: { en: 'date "{value}" must be YYYY-MM-DD or DD.MM.YYYY', lt: 'data „{value}“ turi būti YYYY-MM-DD arba DD.MM.YYYY' },
  amount_non_zero_number: { en: 'amount "{value}" must be a non-zero number', lt: 'suma „{value}“ turi būti nenulinis skaičius' },
  amount_more_than_two_decimal: { en: 'amount {value} has more than two decimal places', lt: 'suma {value} turi daugiau nei du skaitmenis po kablelio' },
  not_well_formed_xml: { en: 'not well-formed XML: {value}', lt: 'netaisyklingas XML: {value}' },
  not_camt_statement_document_bktocstmrstmt: {
    en: 'not a camt.053 statement: Document/BkToCstmrStmt/Stmt is missing',
    lt: 'tai ne camt.053 išrašas: trūksta Document/BkToCstmrStmt/Stmt',
  },
  amt_positive_amount: { en: 'Amt "{value}" must be a positive amount', lt: 'Amt „{value}“ turi būti teigiama suma' },
  bookgdt_dt_missing_not_date: { en: 'BookgDt/Dt is missing or not a date', lt: 'BookgDt/Dt nėra arba tai ne data' },
  parent_account_not_group_group: {
    en: 'parent: account {number} {name} is not a group: only group accounts contain accounts',
    lt: 'parent: sąskaita {number} {name} nėra grupė: sąskaitas gali turėti tik grupinės sąskaitos',
  },
  parent_account_root_type_account: {
    en: 'parent: account {number} {name} is of root type {root_type}, this account is {root_type2}: the parent must be of the same root type',
    lt: 'parent: sąskaitos {number} {name} šakninis tipas {root_type}, šios sąskaitos – {root_type2}: tėvinė sąskaita turi būti to paties šakninio tipo',
  },
  root_type_account_ledger_entries: {
    en: 'root_type: account {number} has ledger entries, its root type ({root_type}) cannot change',
    lt: 'root_type: sąskaita {number} turi didžiosios knygos įrašų, jos šakninio tipo ({root_type}) keisti negalima',
  },
  group_account_ledger_entries_cannot: {
    en: 'is_group: account {number} has ledger entries and cannot become a group',
    lt: 'is_group: sąskaita {number} turi didžiosios knygos įrašų ir negali tapti grupe',
  },
  account_ledger_entries_cannot_deleted: {
    en: 'account {number} {name} has ledger entries and cannot be deleted (disable or freeze it instead)',
    lt: 'sąskaita {number} {name} turi didžiosios knygos įrašų ir negali būti ištrinta (vietoj to išjunkite arba užšaldykite)',
  },
  not_group_account: { en: '{number} is not a group account', lt: '{number} nėra grupinė sąskaita' },
  root_type_differs_from: { en: 'root type {root_type} differs from {root_type2}', lt: 'šakninis tipas {root_type} skiriasi nuo {root_type2}' },
  cannot_account_one_descendants: { en: 'cannot be this account or one of its descendants', lt: 'negali būti ši sąskaita arba viena jos palikuonių' },
  cannot_change_account_ledger_entries: {
    en: 'cannot change: account {number} has ledger entries',
    lt: 'keisti negalima: sąskaita {number} turi didžiosios knygos įrašų',
  },
  account_contains_accounts_move_them: {
    en: 'account {number} contains accounts: move them first',
    lt: 'sąskaitoje {number} yra sąskaitų: pirmiau perkelkite jas',
  },
  account_contains_accounts_root_type: {
    en: 'account {number} contains accounts of root type {root_type}: change them first',
    lt: 'sąskaitoje {number} yra šakninio tipo {root_type} sąskaitų: pirmiau pakeiskite jas',
  },
  account_group_choose_one_ledger: {
    en: 'account {number} {name} is a group: choose one of its ledger accounts',
    lt: 'sąskaita {number} {name} yra grupė: pasirinkite vieną jos analitinių sąskaitų',
  },
  account_root_type_account_needed: {
    en: 'account {number} {name} is of root type {root_type}: an {root} account is needed here',
    lt: 'sąskaitos {number} {name} šakninis tipas {root_type}: čia reikia {root} sąskaitos',
  },
  no_exchange_rate_recorded_before: {
    en: '{path}: no exchange rate {from} -> {target} is recorded on or before {date}: add one in accounting.exchange_rate (or import a CSV of rates)',
    lt: '{path}: valiutų kursas {from} -> {target} {date} ar anksčiau neužregistruotas: pridėkite jį accounting.exchange_rate (arba importuokite kursų CSV)',
  },
  no_exchange_rate_before: { en: '{from} has no exchange rate to {target} on or before {date}', lt: '{from} neturi kurso į {target} {date} ar anksčiau' },
  empty_expected_header_date_from: {
    en: 'is empty: expected a header date,from,to,rate and one line per rate',
    lt: 'tuščias: tikėtasi antraštės date,from,to,rate ir po eilutę kiekvienam kursui',
  },
  header_no_column_expected_date: {
    en: 'the header has no "{k}" column (expected date,from,to,rate)',
    lt: 'antraštėje nėra stulpelio „{k}“ (tikėtasi date,from,to,rate)',
  },
  date_yyyy_mm_dd: { en: 'date "{date}" must be YYYY-MM-DD', lt: 'data „{date}“ turi būti YYYY-MM-DD' },
  currency_three_letter_code: { en: 'currency "{from}" must be a three-letter code', lt: 'valiuta „{from}“ turi būti trijų raidžių kodas' },
  currency_three_letter_code_2: { en: 'currency "{to}" must be a three-letter code', lt: 'valiuta „{to}“ turi būti trijų raidžių kodas' },
  rate_positive_decimal: { en: 'rate "{rate}" must be a positive decimal', lt: 'kursas „{rate}“ turi būti teigiamas dešimtainis skaičius' },
  fiscal_year_no_income_expense: {
    en: 'fiscal_year: {name} has no income or expense balances up to {posting_date}',
    lt: 'fiscal_year: {name} neturi pajamų ar sąnaudų likučių iki {posting_date}',
  },
  fiscal_year_does_not_exist: { en: 'fiscal year {fiscal_year} does not exist', lt: 'finansiniai metai {fiscal_year} neegzistuoja' },
  within_fiscal_year_normally_last: {
    en: 'must be within fiscal year {name} ({start} to {end}), normally its last day {end}',
    lt: 'turi patekti į finansinius metus {name} ({start}–{end}), paprastai jų paskutinė diena {end}',
  },
  nothing_close: { en: 'nothing to close', lt: 'nėra ko uždaryti' },
  lines_total_debit_total_credit: {
    en: 'lines: total debit {value} and total credit {value2} differ by {value3}: a journal entry must balance',
    lt: 'lines: bendras debetas {value} ir bendras kreditas {value2} skiriasi {value3}: žurnalo įrašas turi būti subalansuotas',
  },
  line_either_debit_credit_split: {
    en: 'a line is either a debit or a credit: split it in two lines',
    lt: 'eilutė yra arba debetas, arba kreditas: padalykite ją į dvi eilutes',
  },
  enter_debit_credit_amount: { en: 'enter a debit or a credit amount', lt: 'įveskite debeto arba kredito sumą' },
  party_type_party_go_together: { en: 'party type and party go together', lt: 'šalies tipas ir šalis nurodomi kartu' },
  parties_need_plugin_which_not: {
    en: '{party_type} parties need the {plugin} plugin, which is not enabled',
    lt: 'šalims „{party_type}“ reikia įskiepio {plugin}, kuris neįjungtas',
  },
  does_not_exist_2: { en: '{party_type} {party} does not exist', lt: '{party_type} {party} neegzistuoja' },
  total_debit_total_credit: {
    en: 'total debit {value} - total credit {value2} = {value3}, must be 0',
    lt: 'bendras debetas {value} - bendras kreditas {value2} = {value3}, turi būti 0',
  },
  account_temporary_opening_account_opening: {
    en: 'account {number} is the temporary opening account: only an opening-balance journal (entry_type opening) may use it',
    lt: 'sąskaita {number} yra laikinoji pradinių likučių sąskaita: ją gali naudoti tik pradinių likučių žurnalas (entry_type opening)',
  },
  accounting_period_closed_takes_no: {
    en: '{path}: the accounting period {period} is closed; {date} takes no postings (reopen the period in accounting.accounting_period or post in an open period)',
    lt: '{path}: apskaitos laikotarpis {period} uždarytas; {date} įrašų nepriima (atnaujinkite laikotarpį accounting.accounting_period arba registruokite atvirame laikotarpyje)',
  },
  fiscal_year_closed_period_closing: {
    en: '{path}: the fiscal year {fiscalYearName} is closed by its period-closing voucher; {date} takes no postings (cancel that voucher to reopen the year)',
    lt: '{path}: finansiniai metai {fiscalYearName} uždaryti laikotarpio uždarymo dokumentu; {date} įrašų nepriima (atšaukite tą dokumentą, kad metai būtų atnaujinti)',
  },
  end_date_after_start_date: {
    en: 'end_date {end_date} must be after start_date {start_date}',
    lt: 'end_date {end_date} turi būti vėlesnė nei start_date {start_date}',
  },
  start_date_overlaps_fiscal_year: {
    en: 'start_date: {start_date} to {end_date} overlaps fiscal year {name}',
    lt: 'start_date: {start_date}–{end_date} persidengia su finansiniais metais {name}',
  },
  start_date_fiscal_year_ledger: {
    en: 'start_date: fiscal year {name} has ledger entries, its dates cannot change',
    lt: 'start_date: finansiniai metai {name} turi didžiosios knygos įrašų, jų datų keisti negalima',
  },
  accounting_period_closed: { en: 'accounting period {period} is closed', lt: 'apskaitos laikotarpis {period} uždarytas' },
  fiscal_year_closed: { en: 'fiscal year {fiscalYearName} is closed', lt: 'finansiniai metai {fiscalYearName} uždaryti' },
  after_start_date: { en: 'must be after the start date', lt: 'turi būti vėlesnė nei pradžios data' },
  overlaps_fiscal_year: { en: 'overlaps fiscal year {name}', lt: 'persidengia su finansiniais metais {name}' },
  year_ledger_entries: { en: 'the year has ledger entries', lt: 'metai turi didžiosios knygos įrašų' },
  lines_debits_credits_differ_voucher: {
    en: 'lines: debits {value} and credits {value2} differ by {value3}; a voucher must balance (at most {value4} of rounding goes to the round-off account)',
    lt: 'lines: debetas {value} ir kreditas {value2} skiriasi {value3}; dokumentas turi būti subalansuotas (daugiausia {value4} apvalinimo skirtumo tenka apvalinimo sąskaitai)',
  },
  already_live_ledger_entries_reverse: {
    en: '{voucher_type} {value} already has live ledger entries: reverse them before posting again',
    lt: '{voucher_type} {value} jau turi galiojančių didžiosios knygos įrašų: prieš registruodami iš naujo, juos stornuokite',
  },
  no_account_configured: { en: 'no {role} account is configured: {where}', lt: 'nenustatyta {role} sąskaita: {where}' },
  account_from_does_not_exist: {
    en: 'the {role} account {number} (from {from}) does not exist in the chart of accounts: create it, or {where}',
    lt: '{role} sąskaitos {number} (iš {from}) sąskaitų plane nėra: sukurkite ją arba {where}',
  },
  integer: { en: 'must be an integer', lt: 'turi būti sveikasis skaičius' },
  date_yyyy_mm_dd_2: { en: 'must be a date (YYYY-MM-DD)', lt: 'turi būti data (YYYY-MM-DD)' },
  have_least_one_line: { en: 'must have at least one line', lt: 'turi būti bent viena eilutė' },
  debit_credit_decimal_strings: { en: 'debit and credit must be decimal strings', lt: 'debetas ir kreditas turi būti dešimtainių skaičių eilutės' },
  must_be_party_type: { en: 'must be one of {value}', lt: 'turi būti viena iš: {value}' },
  debits_credits: { en: 'debits {value} - credits {value2} = {value3}, must be 0', lt: 'debetas {value} - kreditas {value2} = {value3}, turi būti 0' },
  group_account_post_one_ledger: {
    en: '{label} is a group account: post to one of its ledger accounts',
    lt: '{label} yra grupinė sąskaita: registruokite vienoje jos analitinių sąskaitų',
  },
  disabled: { en: '{label} is disabled', lt: '{label} išjungta' },
  frozen_takes_no_postings: { en: '{label} is frozen and takes no postings', lt: '{label} užšaldyta ir įrašų nepriima' },
  account_party_type_party_are: {
    en: '{label} is a {account_type} account: party_type and party are required',
    lt: '{label} yra {account_type} sąskaita: privalomi party_type ir party',
  },
  cost_centre_does_not_exist: { en: 'cost centre {cost_center} does not exist', lt: 'išlaidų centras {cost_center} neegzistuoja' },
  cost_centre_group_book_one: {
    en: 'cost centre {name} is a group: book to one of the cost centres under it',
    lt: 'išlaidų centras {name} yra grupė: registruokite viename jai priklausančių išlaidų centrų',
  },
  cost_centre_disabled: { en: 'cost centre {name} is disabled', lt: 'išlaidų centras {name} išjungtas' },
  no_account_configured_2: { en: 'no account configured', lt: 'sąskaita nenustatyta' },
  account_does_not_exist_2: { en: 'account {number} does not exist', lt: 'sąskaita {number} neegzistuoja' },
  lines_every_line_invoice_credited: { en: 'lines: every line of the invoice is credited already', lt: 'lines: visos sąskaitos eilutės jau kredituotos' },
  more_than: { en: 'must be more than 0', lt: 'turi būti daugiau nei 0' },
  payment_allocates: { en: 'a {party_type} payment allocates to {expected}', lt: '{party_type} mokėjimas paskirstomas: {expected}' },
  more_than_left_unallocated_payment: {
    en: '{value} is more than the {value2} left unallocated on payment {number}',
    lt: '{value} viršija mokėjime {number} nepaskirstytą {value2}',
  },
  invoice_belongs_another: { en: 'invoice {number} belongs to another {party_type}', lt: 'sąskaita faktūra {number} priklauso kitam {party_type}' },
  invoice_payment: {
    en: 'invoice {number} is in {currency}, the payment in {currency2}',
    lt: 'sąskaita faktūra {number} yra {currency}, mokėjimas – {currency2}',
  },
  nothing_left_credit: { en: 'nothing left to credit', lt: 'neliko ką kredituoti' },
  parties_need_plugin_which_not_2: {
    en: '{party_type} parties need the {value} plugin, which is not enabled',
    lt: 'šalims „{party_type}“ reikia įskiepio {value}, kuris neįjungtas',
  },
  bank_account_disabled: { en: 'bank account {name} is disabled', lt: 'banko sąskaita {name} išjungta' },
  bank_account_payment: {
    en: 'bank account {name} is in {currency}, the payment in {currency2}',
    lt: 'banko sąskaita {name} yra {currency}, mokėjimas – {currency2}',
  },
  account_not_bank_cash_account: { en: 'account {number} is not a bank or cash account', lt: 'sąskaita {number} nėra banko ar kasos sąskaita' },
  payment_allocates_not: {
    en: 'a {payment_type} payment of a {party_type} allocates to {target}, not {invoice_type}',
    lt: '{payment_type} mokėjimas šaliai {party_type} paskirstomas į {target}, o ne {invoice_type}',
  },
  does_not_exist_3: { en: '{value} {invoice} does not exist', lt: '{value} {invoice} neegzistuoja' },
  allocate_submitted_invoices: {
    en: '{value} {number} is {docstatus}: allocate to submitted invoices',
    lt: '{value} {number} yra {docstatus}: paskirstykite pateiktoms sąskaitoms',
  },
  belongs_another: { en: '{value} {number} belongs to another {party_type}', lt: '{value} {number} priklauso kitam {party_type}' },
  payment_pay_currency: {
    en: '{value} {number} is in {currency}, the payment in {currency2}: pay it in its currency',
    lt: '{value} {number} yra {currency}, mokėjimas – {currency2}: mokėkite jos valiuta',
  },
  allocations_are_more_than_amount: { en: 'allocations {value} are more than the amount {value2}', lt: 'paskirstymai {value} viršija sumą {value2}' },
  invoice_not_submitted: { en: 'invoice {invoice} is not a submitted {value}', lt: 'sąskaita {invoice} nėra pateikta {value}' },
  more_than_allocations_allocate_lower: {
    en: '{value} is {unallocated_amount} more than the allocations: allocate it, lower the amount, or tick is_advance to keep it as an advance',
    lt: '{value} viršija paskirstymus {unallocated_amount}: paskirstykite, sumažinkite sumą arba pažymėkite is_advance, kad liktų avansu',
  },
  no_exchange_rate: { en: '{currency} has no exchange rate to {company}', lt: '{currency} neturi kurso į {company}' },
  difference_account_transfer_posts_between: {
    en: 'difference_account: a transfer posts between stock accounts only; leave it empty',
    lt: 'difference_account: perkėlimas registruojamas tik tarp atsargų sąskaitų; palikite tuščią',
  },
  difference_account_group_account_choose: {
    en: 'difference_account: {label} is a group account: choose one of its ledger accounts',
    lt: 'difference_account: {label} yra grupinė sąskaita: pasirinkite vieną jos analitinių sąskaitų',
  },
  difference_account_disabled: { en: 'difference_account: {label} is disabled', lt: 'difference_account: {label} išjungta' },
  transfer_posts_between_stock_accounts: {
    en: 'a transfer posts between stock accounts only; leave it empty',
    lt: 'perkėlimas registruojamas tik tarp atsargų sąskaitų; palikite tuščią',
  },
  group_account_choose_one_ledger: {
    en: '{label} is a group account: choose one of its ledger accounts',
    lt: '{label} yra grupinė sąskaita: pasirinkite vieną jos analitinių sąskaitų',
  },
  customer_supplier_employee: { en: 'must be customer, supplier or employee', lt: 'turi būti customer, supplier arba employee' },
  customer_collect_payment_raise_limit: {
    en: 'customer: {name}: owed {owed} + other open orders {ordered} + this order {self} = {exposure} {currency}, over the credit limit {limit} {currency} by {over}; collect payment, raise the limit on the customer, or set it to warn only',
    lt: 'customer: {name}: skola {owed} + kiti atviri užsakymai {ordered} + šis užsakymas {self} = {exposure} {currency}, viršija kredito limitą {limit} {currency} suma {over}; gaukite apmokėjimą, padidinkite kliento limitą arba nustatykite tik įspėjimą',
  },
  credit_limit_figures: {
    en: 'owed {owed} + other open orders {ordered} + this order {self} = {exposure} {currency}, over the credit limit {limit} {currency} by {over}',
    lt: 'skola {owed} + kiti atviri užsakymai {ordered} + šis užsakymas {self} = {exposure} {currency}, viršija kredito limitą {limit} {currency} suma {over}',
  },
  credit_limit_note: {
    en: 'Credit limit exceeded: owed {owed} + other open orders {ordered} + this order {self} = {exposure} {currency}, over the credit limit {limit} {currency} by {over}',
    lt: 'Viršytas kredito limitas: skola {owed} + kiti atviri užsakymai {ordered} + šis užsakymas {self} = {exposure} {currency}, viršija kredito limitą {limit} {currency} suma {over}',
  },
  week_1_52: { en: 'must be 1-52', lt: 'turi būti 1–52' },
  allocated_cancel_allocation_first: {
    en: '{value} {number} has {value2} allocated to it: cancel {value3} (or its allocation) first',
    lt: '{value} {number} turi jam paskirstytų {value2}: pirmiau atšaukite {value3} (arba paskirstymą)',
  },
  allocated: { en: 'allocated: {value}', lt: 'paskirstyta: {value}' },
  note_refund_payment_allocated_cancel: {
    en: '{value} note {number} has a refund payment allocated to it: cancel that first',
    lt: '{value} {number} turi jam paskirstytą grąžinimo mokėjimą: pirmiau atšaukite jį',
  },
  credit_submitted_invoice: {
    en: '{value} {number} is {docstatus}: credit a submitted invoice',
    lt: '{value} {number} yra {docstatus}: kredituokite pateiktą sąskaitą',
  },
  not_before_invoice_date: { en: 'must not be before the invoice date {posting_date}', lt: 'negali būti ankstesnė nei sąskaitos data {posting_date}' },
  not_line: { en: 'is not a line of {number}', lt: 'nėra {number} eilutė' },
  more_than_invoice_line_not: {
    en: '{value} is more than the {value2} of invoice line {id} not yet credited (invoiced {value3}, credited {value4})',
    lt: '{value} viršija dar nekredituotą sąskaitos eilutės {id} kiekį {value2} (išrašyta {value3}, kredituota {value4})',
  },
  none_lines_stock_item_nothing: { en: 'none of the lines is a stock item: nothing to return', lt: 'nė viena eilutė nėra atsargų prekė: nėra ką grąžinti' },
  returns_would_exceed_order_line: {
    en: 'returns {value} would exceed the {value2} {value3} on the order line',
    lt: 'grąžinimai {value} viršytų užsakymo eilutėje {value3} kiekį {value2}',
  },
  order_line_no_warehouse_name: {
    en: 'the order line has no warehouse: name the warehouse the goods go to',
    lt: 'užsakymo eilutė neturi sandėlio: nurodykite sandėlį, į kurį grįžta prekės',
  },
  no_delivery_line_was_found: {
    en: 'no delivery of this line was found: goods that were not delivered cannot be returned',
    lt: 'šios eilutės pristatymo nerasta: nepristatytų prekių grąžinti negalima',
  },
  refunded: { en: 'refunded', lt: 'grąžinta' },
  required_id_customer_supplier_employee: {
    en: 'is required: the id of the customer, supplier or employee',
    lt: 'privaloma: kliento, tiekėjo ar darbuotojo identifikatorius',
  },
  before: { en: 'must be on or before to ({to})', lt: 'turi būti ne vėlesnė nei to ({to})' },
  lines_portions_add_up_they: {
    en: 'lines: the portions add up to {value} %: they must add up to 100 %',
    lt: 'lines: dalys sudaro {value} %: turi sudaryti 100 %',
  },
  portions_add_up_they_add: { en: 'the portions add up to {value} %, they must add up to 100 %', lt: 'dalys sudaro {value} %, turi sudaryti 100 %' },
  before_2: { en: 'must be on or before {names1} ({to})', lt: 'turi būti ne vėlesnė nei {names1} ({to})' },
  required_party_customer_supplier_employee: {
    en: 'is required with party (customer, supplier or employee)',
    lt: 'privaloma kartu su party (customer, supplier arba employee)',
  },
  profitability_needs_sales_plugin_enable: {
    en: 'profitability needs the sales plugin: enable "sales" in the client configuration',
    lt: 'pelningumo ataskaitai reikia pardavimų įskiepio: įjunkite „sales“ kliento konfigūracijoje',
  },
  tax_template_choose_one: { en: '{name} is a {kind} tax template: choose a {kind2} one', lt: '{name} yra {kind} mokesčių šablonas: pasirinkite {kind2}' },
  disabled_2: { en: '{name} is disabled', lt: '{name} išjungtas' },
});
