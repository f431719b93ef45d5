import { definePlugin } from '@tessera/core';
import { postingHooks, seedTaxTemplates, stockEntryExtension, taxExtensions } from './src/postings/index.js';
import { accountingReportDeclarations, registerAccountingReports } from './src/reports/index.js';
import { accountingDashboard } from './src/dashboard.js';
import { accountingSettings, settingsSchema } from './src/settings.js';
import { backfillLedger } from './src/ledger/backfill.js';
import { accountingRoles } from './src/roles.js';
import { chartHooks } from './src/chart/hooks.js';
import { journalHooks } from './src/ledger/journal.js';
import { closingHooks } from './src/ledger/closing.js';
import { periodHooks } from './src/ledger/periods.js';
import { seedLedger } from './src/ledger/seed.js';
import { registerLedgerRoutes } from './src/ledger/routes.js';
import { loadAccountingDemo } from './src/demo.js';
import { LEDGER_ERRORS } from './src/ledger/errors.js';
import { statementFormats } from './src/print/statement.js';
import { paymentReceipt } from './src/print/payment-receipt.js';
import { creditNotePrint } from './src/print/credit-note.js';
import { paymentHooks } from './src/payments/payment.js';
import { paymentActions } from './src/payments/actions.js';
import { receivableExtensions } from './src/receivables/extensions.js';
import { creditLimitHooks } from './src/receivables/credit-limit.js';
import { noteHooks, returnExtensions } from './src/receivables/notes.js';
import { termsExtensions, termsHooks } from './src/receivables/terms.js';
import { revaluationHooks } from './src/currency/revaluation.js';
import { rateProvider } from './src/currency/documents.js';
import { rateCommands } from './src/currency/backfill.js';
import { registerRateRoutes } from './src/currency/routes.js';
import { bankHooks } from './src/banks/hooks.js';
import { bankActions } from './src/banks/reconcile.js';
import { refreshOverdue, registerReceivableRoutes } from './src/receivables/routes.js';
import { refreshStaleInvoices } from './src/receivables/invoices.js';
import { mergeHooks } from './src/postings/index.js';
import { seedTitles } from './src/seed-titles.js';
import { registerTaxRoutes } from './src/tax/routes.js';

type Extensions = NonNullable<Parameters<typeof definePlugin>[0]['extendEntities']>;

/** Extensions of several parts on the same entity: fields and line fields side by side. */
function mergeExtensions(...parts: Extensions[]): Extensions {
  const out: Extensions = {};
  for (const part of parts)
    for (const [key, ext] of Object.entries(part)) {
      const prev = out[key] ?? {};
      const lineFields = { ...prev.lineFields };
      for (const [c, f] of Object.entries(ext.lineFields ?? {})) lineFields[c] = { ...lineFields[c], ...f };
      out[key] = { fields: { ...prev.fields, ...ext.fields }, lineFields };
    }
  return out;
}

/**
 * Accounting: chart of accounts, general ledger with daily balances, fiscal years and
 * periods, journal entries, tax templates, posting rules for every document with accounting
 * effect (perpetual inventory), financial statements at any date.
 */
export default definePlugin({
  name: 'accounting',
  errors: LEDGER_ERRORS,
  seedTitles,
  version: '1.0.0',
  label: 'Accounting',
  labels: { lt: 'Apskaita' },
  description: 'Chart of accounts, general ledger, journals, taxes and financial statements.',
  icon: 'account_balance',
  dependsOn: ['inventory'],
  // Posting rules hook into these plugins' documents when they are enabled.
  optionalDependsOn: ['purchasing', 'sales', 'production', 'hr', 'crm'],
  settingsSchema,
  roles: accountingRoles,
  hooks: {
    ...chartHooks,
    ...periodHooks,
    ...journalHooks,
    ...closingHooks,
    ...postingHooks,
    ...paymentHooks,
    ...bankHooks,
    ...noteHooks,
    ...termsHooks,
    ...revaluationHooks,
    // Posting, taxes and the credit limit.
    'sales.sales_order': mergeHooks(postingHooks['sales.sales_order'] ?? {}, creditLimitHooks),
  },
  // The rate of the document date for sales and purchasing documents in another currency.
  exchangeRates: rateProvider,
  actions: { ...paymentActions, ...bankActions },
  // Tax template and difference-account fields on other plugins' documents (postings part).
  extendEntities: mergeExtensions(taxExtensions, stockEntryExtension, receivableExtensions, returnExtensions, termsExtensions),
  // Tax templates need the chart's VAT accounts: seeded right after the ledger (postings part).
  seed: async (ctx) => {
    await seedLedger(ctx);
    await seedTaxTemplates(ctx);
    // Documents submitted while accounting was off (or before it existed) get their entries.
    if (accountingSettings(ctx).backfill_on_start) {
      const r = await backfillLedger(ctx);
      for (const f of r.failed) console.warn(`[accounting] backfill skipped ${f.voucher_type} ${f.number ?? f.voucher_id}: ${f.code} ${f.message}`);
    } else await refreshStaleInvoices(ctx);
  },
  // `pnpm tessera accounting backfill-rates`
  commands: rateCommands,
  demo: loadAccountingDemo,
  dashboard: accountingDashboard,
  // Invoices whose due date passed become overdue (the status is stored, so lists filter on it).
  schedules: [{ name: 'overdue-invoices', cron: '5 0 * * *', handler: async (ctx) => void (await refreshOverdue(ctx)) }],
  reports: accountingReportDeclarations,
  // Statement of account on customers and suppliers; the payment receipt; the credit note.
  printFormats: { ...statementFormats, 'accounting.payment': paymentReceipt, 'accounting.credit_note': creditNotePrint },
  setup: async (s) => {
    await registerAccountingReports(s);
    registerLedgerRoutes(s);
    registerReceivableRoutes(s);
    registerRateRoutes(s);
    registerTaxRoutes(s);
  },
});
