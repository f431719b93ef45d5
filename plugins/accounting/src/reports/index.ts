/**
 * Accounting reports (owned by the reports part), served under /api/accounting/reports/...:
 * each declared once here (route, EN/LT label, query-string JSON Schema), registered as a
 * Fastify route (bad params: 400 INVALID_QUERY with the path) and listed in the manifest's
 * `reports`, so /api/meta offers it to the viewers who may read accounting.gl_entry and the
 * admin UI renders it with its filters. Every answer is { columns, rows, totals?, summary? }
 * (see common.ts); `?format=csv` exports the rows (needs the export permission on the entries).
 *
 * Manifest wiring (index.ts, the ledger part): `reports: accountingReportDeclarations` and
 * `setup: registerAccountingReports` (already there).
 */
import { SYSTEM_USER, requestLang, toCsv, type ReportDeclaration, type ServiceContext, type SetupContext } from '@tessera/core';
import { Q, type ReportAnswer } from './common.js';
import { generalLedger, type GeneralLedgerQuery } from './general-ledger.js';
import { balanceSheet, cashFlow, liquidity, profitAndLoss, trialBalance } from './statements.js';
import { profitability, type ProfitabilityQuery } from './profitability.js';
import { vatReport, type VatQuery } from '../tax/vat-report.js';
import { verifyLedger } from '../ledger/verify.js';
import { installMonthlyBalances } from './monthly.js';
import { elevated } from '../ledger/routes.js';
import { ageing, type AgeingQuery } from '../receivables/ageing.js';
import { statementOfAccount, type StatementQuery } from '../receivables/statement.js';
import { cashForecast, type ForecastQuery } from '../receivables/forecast.js';
import { reconciliationReport, type ReconciliationQuery } from '../banks/report.js';
import { LEDGER_PROBLEM_ROW, REPORT_ROWS } from './rows.js';

const ID = (title: string, lt: string) => ({ type: 'string', pattern: '^[1-9][0-9]{0,15}$', title, 'x-labels': { lt: { title: lt } } });
const PARTY_TYPE = {
  type: 'string',
  enum: ['customer', 'supplier', 'employee'],
  default: 'customer',
  title: 'Party type',
  'x-enum-labels': { customer: 'Customer', supplier: 'Supplier', employee: 'Employee' },
  'x-labels': { lt: { title: 'Šalies tipas', enum: { customer: 'Pirkėjas', supplier: 'Tiekėjas', employee: 'Darbuotojas' } } },
};
/** The party of a report, picked from the records of the chosen party type (x-ref-by: the picker follows party_type). */
const PARTY = {
  ...ID('Party', 'Šalis'),
  'x-ref-by': { param: 'party_type', refs: { customer: 'sales.customer', supplier: 'purchasing.supplier', employee: 'hr.employee' } },
};
const obj = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, properties: { ...properties, format: Q.format } });

interface AccountingReport extends ReportDeclaration {
  /** lang: the request's language (core's requestLang), for the words a report writes into its rows. */
  run: (ctx: ServiceContext, q: any, lang?: 'en' | 'lt') => Promise<ReportAnswer>;
}

const report = (
  id: string,
  label: string,
  lt: string,
  description: string | [string, string],
  params: Record<string, unknown>,
  run: AccountingReport['run'],
  order: number,
  icon: string,
): AccountingReport => ({
  id,
  label,
  labels: { lt },
  description: typeof description === 'string' ? description : description[0],
  ...(typeof description === 'string' ? {} : { descriptions: { lt: description[1] } }),
  url: `/api/accounting/reports/${id}`,
  entity: 'accounting.gl_entry',
  params: obj(params),
  run,
  order,
  icon,
});

export const accountingReports: AccountingReport[] = [
  report(
    'trial-balance',
    'Trial balance',
    'Bandomasis balansas',
    [
      'Opening balance, period debits and credits and closing balance per account, rolled up the account tree; the totals balance.',
      'Kiekvienos sąskaitos pradinis likutis, laikotarpio debetas ir kreditas bei galutinis likutis, sumuojant pagal sąskaitų medį; sumos sutampa.',
    ],
    { from: Q.from, to: Q.to, include_zero: Q.include_zero },
    trialBalance,
    10,
    'balance',
  ),
  report(
    'balance-sheet',
    'Balance sheet',
    'Balansas',
    [
      'Assets, liabilities and equity (with the profit not yet closed) at a date; check = assets - (liabilities + equity).',
      'Turtas, įsipareigojimai ir nuosavas kapitalas (su dar neuždarytu pelnu) datai; patikra = turtas - (įsipareigojimai + kapitalas).',
    ],
    { as_of: Q.as_of, include_zero: Q.include_zero },
    balanceSheet,
    20,
    'account_balance_wallet',
  ),
  report(
    'profit-and-loss',
    'Profit and loss',
    'Pelno (nuostolių) ataskaita',
    [
      'Income - cost of goods sold = gross profit; - expenses = net profit; optionally against a comparison period.',
      'Pajamos - parduotų prekių savikaina = bendrasis pelnas; - sąnaudos = grynasis pelnas; galima palyginti su kitu laikotarpiu.',
    ],
    {
      from: Q.from,
      to: Q.to,
      compare_from: { ...Q.from, title: 'Compare from', 'x-labels': { lt: { title: 'Lyginti nuo' } } },
      compare_to: { ...Q.to, title: 'Compare to', 'x-labels': { lt: { title: 'Lyginti iki' } } },
      include_zero: Q.include_zero,
    },
    profitAndLoss,
    30,
    'trending_up',
  ),
  report(
    'cash-flow',
    'Cash flow',
    'Pinigų srautų ataskaita',
    [
      'Indirect method from the balance-sheet movements, and the direct view of the cash and bank accounts.',
      'Netiesioginis metodas iš balanso straipsnių pokyčių ir tiesioginis kasos bei banko sąskaitų vaizdas.',
    ],
    { from: Q.from, to: Q.to },
    cashFlow,
    40,
    'payments',
  ),
  report(
    'liquidity',
    'Liquidity',
    'Likvidumas',
    [
      'Current, quick and cash ratios and working capital at a date, with their definitions.',
      'Einamojo, skubaus ir absoliutaus likvidumo koeficientai bei apyvartinis kapitalas datai, su apibrėžimais.',
    ],
    { as_of: Q.as_of },
    liquidity,
    50,
    'water_drop',
  ),
  report(
    'general-ledger',
    'General ledger report',
    'Didžiosios knygos ataskaita',
    [
      'Entries of an account (with its sub-accounts), a party or a voucher over a period, with opening, running and closing balance.',
      'Sąskaitos (su jos subsąskaitomis), šalies ar dokumento įrašai per laikotarpį su pradiniu, einamuoju ir galutiniu likučiu.',
    ],
    {
      account: Q.account,
      from: Q.from,
      to: Q.to,
      party_type: {
        type: 'string',
        enum: ['customer', 'supplier', 'employee'],
        title: 'Party type',
        'x-enum-labels': { customer: 'Customer', supplier: 'Supplier', employee: 'Employee' },
        'x-labels': { lt: { title: 'Šalies tipas', enum: { customer: 'Pirkėjas', supplier: 'Tiekėjas', employee: 'Darbuotojas' } } },
      },
      party: PARTY,
      voucher_type: { type: 'string', maxLength: 120, title: 'Voucher type', 'x-labels': { lt: { title: 'Dokumento tipas' } } },
      voucher_id: { ...ID('Voucher', 'Dokumentas'), 'x-ref-by': { param: 'voucher_type' } },
      limit: {
        type: 'string',
        pattern: '^[1-9][0-9]{0,3}$',
        description: '1-1000, default 100',
        title: 'Rows per page',
        'x-labels': { lt: { title: 'Eilučių puslapyje' } },
      },
      offset: { type: 'string', pattern: '^[0-9]{1,9}$', title: 'Offset', 'x-labels': { lt: { title: 'Praleisti' } } },
    },
    (ctx, q: GeneralLedgerQuery) => generalLedger(ctx, q),
    60,
    'menu_book',
  ),
  report(
    'profitability',
    'Profitability',
    'Pelningumas',
    [
      'Revenue, cost of goods sold and gross margin by customer, item or item group over a period.',
      'Pajamos, parduotų prekių savikaina ir bendrasis pelnas pagal pirkėją, prekę ar prekių grupę per laikotarpį.',
    ],
    {
      by: {
        type: 'string',
        enum: ['customer', 'item', 'item_group'],
        default: 'customer',
        title: 'By',
        'x-enum-labels': { customer: 'Customer', item: 'Item', item_group: 'Item group' },
        'x-labels': { lt: { title: 'Pagal', enum: { customer: 'Pirkėją', item: 'Prekę', item_group: 'Prekių grupę' } } },
      },
      from: Q.from,
      to: Q.to,
    },
    (ctx, q: ProfitabilityQuery, lang) => profitability(ctx, q, lang),
    70,
    'insights',
  ),
  // The VAT report belongs to the postings part (src/tax/vat-report.ts).
  report(
    'vat',
    'VAT report',
    'PVM ataskaita',
    [
      'Output VAT, input VAT and VAT payable for a period, per tax account; taxable bases per tax template from the invoices.',
      'Pardavimo PVM, pirkimo PVM ir mokėtinas PVM per laikotarpį pagal mokesčių sąskaitas; apmokestinamosios vertės pagal PVM šablonus iš sąskaitų faktūrų.',
    ],
    { from: Q.from, to: Q.to },
    (ctx, q: VatQuery) => vatReport(ctx, q),
    80,
    'percent',
  ),
  // Issue 14: receivables and payables, cash, banks.
  report(
    'ageing',
    'Ageing',
    'Skolų senėjimas',
    [
      'Open receivables or payables at a date per party, by days past due (not yet due, 0-30, 31-60, 61-90, over 90); the total equals the control accounts.',
      'Atviros gautinos ar mokėtinos sumos datai pagal šalį ir pradelstas dienas (nesuėjęs terminas, 0-30, 31-60, 61-90, daugiau nei 90); suma lygi kontrolinėms sąskaitoms.',
    ],
    {
      party_type: PARTY_TYPE,
      as_of: Q.as_of,
      party: PARTY,
      detail: { type: 'string', enum: ['true', 'false'], title: 'Show documents', 'x-labels': { lt: { title: 'Rodyti dokumentus' } } },
    },
    (ctx, q: AgeingQuery) => ageing(ctx, q),
    90,
    'hourglass_bottom',
  ),
  report(
    'statement-of-account',
    'Statement of account',
    'Atsiskaitymų suderinimo aktas',
    [
      'Opening balance, documents and payments of one party over a period with the running balance, closing balance and open items.',
      'Vienos šalies pradinis likutis, dokumentai ir mokėjimai per laikotarpį su einamuoju likučiu, galutinis likutis ir atviros sumos.',
    ],
    { party_type: PARTY_TYPE, party: PARTY, from: Q.from, to: Q.to },
    (ctx, q: StatementQuery) => statementOfAccount(ctx, q),
    100,
    'contact_page',
  ),
  report(
    'cash-forecast',
    'Cash position and forecast',
    'Pinigų likutis ir prognozė',
    [
      'Cash and bank today and a 12-week forecast from open invoices by due date and open orders by delivery date.',
      'Pinigai kasoje ir banke šiandien bei 12 savaičių prognozė pagal atvirų sąskaitų mokėjimo terminus ir atvirus užsakymus.',
    ],
    { as_of: Q.as_of, weeks: { type: 'string', pattern: '^([1-9]|[1-4][0-9]|5[0-2])$', title: 'Weeks', 'x-labels': { lt: { title: 'Savaičių' } } } },
    (ctx, q: ForecastQuery) => cashForecast(ctx, q),
    110,
    'savings',
  ),
  report(
    'bank-reconciliation',
    'Bank reconciliation',
    'Banko suderinimas',
    [
      'Book balance of a bank account vs the statement balance at a date, with the unreconciled transactions and payments that explain the difference.',
      'Banko sąskaitos buhalterinis likutis ir išrašo likutis datai su nesutikrintomis operacijomis ir mokėjimais, paaiškinančiais skirtumą.',
    ],
    { bank_account: { ...ID('Bank account', 'Banko sąskaita'), 'x-ref': 'accounting.bank_account' }, as_of: Q.as_of },
    (ctx, q: ReconciliationQuery) => reconciliationReport(ctx, q),
    120,
    'rule',
  ),
];

/** The declarations for the manifest's `reports` (no functions: the meta carries them as JSON). */
export const accountingReportDeclarations: ReportDeclaration[] = accountingReports.map(({ run: _run, ...d }) => d);

/** Rows as CSV with the column labels as header (decimals stay exact text). */
export function reportCsv(answer: ReportAnswer): string {
  const cols = answer.columns;
  return toCsv(
    ['level', ...cols.map((c) => c.label)],
    answer.rows.map((r) => ({ level: r.level ?? 0, ...Object.fromEntries(cols.map((c) => [c.label, r[c.key]])) })),
  );
}

export async function registerAccountingReports({ app, withServices, userOf }: SetupContext): Promise<void> {
  await withServices(SYSTEM_USER, (ctx) => installMonthlyBalances(ctx));
  const tags = ['accounting'];
  for (const r of accountingReports)
    app.get(
      r.url,
      { schema: { tags, summary: r.label, description: r.description, querystring: r.params, 'x-row-schema': REPORT_ROWS[r.id] } },
      async (req, reply) => {
        const q = req.query as Record<string, string>;
        const answer = await withServices(userOf(req), async (ctx) => {
          ctx.assert(r.entity, 'read');
          if (q.format === 'csv') ctx.assert(r.entity, 'export');
          return r.run(ctx, q, requestLang(req, ctx.config.company.locale));
        });
        if (q.format !== 'csv') return answer;
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${r.id}.csv"`);
        return reportCsv(answer);
      },
    );
  // The ledger check reads every voucher and every stock account by design (ledger part's verifyLedger), plus the monthly sums.
  app.get(
    '/api/accounting/reports/verify',
    {
      schema: {
        'x-rows': 'problems',
        'x-row-schema': LEDGER_PROBLEM_ROW,
        tags,
        'x-label': 'Ledger check',
        'x-labels': { lt: 'Didžiosios knygos patikra' },
        summary: 'Checks the ledger: every voucher balances, stock accounts equal the stock ledger, every submitted document has its entries',
        'x-descriptions': {
          lt: 'Patikrina didžiąją knygą: kiekvienas dokumentas subalansuotas, atsargų sąskaitos lygios atsargų žurnalui, kiekvienas pateiktas dokumentas turi savo įrašus',
        },
        querystring: { type: 'object', additionalProperties: false, properties: { as_of: Q.as_of } },
      },
    },
    async (req) =>
      // Checked as the caller, then run elevated: verify reads every document type (ledger part).
      withServices(userOf(req), async (ctx) => ctx.assert('accounting.gl_entry', 'read')).then(() =>
        withServices(elevated(userOf(req)), (ctx) => verifyLedger(ctx, { asOf: (req.query as { as_of?: string }).as_of })),
      ),
  );
}
