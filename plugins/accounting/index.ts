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

/**
 * Accounting: chart of accounts, general ledger with daily balances, fiscal years and
 * periods, journal entries, tax templates, posting rules for every document with accounting
 * effect (perpetual inventory), financial statements at any date.
 */
export default definePlugin({
  name: 'accounting',
  errors: LEDGER_ERRORS,
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
  hooks: { ...chartHooks, ...periodHooks, ...journalHooks, ...closingHooks, ...postingHooks },
  // Tax template and difference-account fields on other plugins' documents (postings part).
  extendEntities: { ...taxExtensions, ...stockEntryExtension },
  // Tax templates need the chart's VAT accounts: seeded right after the ledger (postings part).
  seed: async (ctx) => {
    await seedLedger(ctx);
    await seedTaxTemplates(ctx);
    // Documents submitted while accounting was off (or before it existed) get their entries.
    if (accountingSettings(ctx).backfill_on_start) {
      const r = await backfillLedger(ctx);
      for (const f of r.failed) console.warn(`[accounting] backfill skipped ${f.voucher_type} ${f.number ?? f.voucher_id}: ${f.code} ${f.message}`);
    }
  },
  demo: loadAccountingDemo,
  dashboard: accountingDashboard,
  reports: accountingReportDeclarations,
  // Statement of account on customers and suppliers; the payment receipt once accounting.payment exists.
  printFormats: { ...statementFormats, 'accounting.payment': paymentReceipt },
  setup: async (s) => {
    await registerAccountingReports(s);
    registerLedgerRoutes(s);
  },
});
