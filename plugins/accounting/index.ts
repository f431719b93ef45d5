import { definePlugin } from '@tessera/core';
import { postingHooks } from './src/postings/index.js';
import { accountingReportDeclarations, registerAccountingReports } from './src/reports/index.js';
import { accountingDashboard } from './src/dashboard.js';

export type { Voucher, GlLine, PostingRule, DefaultAccount, PartyType } from './src/contract.js';

/**
 * Accounting: chart of accounts, general ledger with daily balances, fiscal years and
 * periods, journal entries, tax templates, posting rules for every document with accounting
 * effect (perpetual inventory), financial statements at any date.
 */
export default definePlugin({
  name: 'accounting',
  version: '1.0.0',
  label: 'Accounting',
  labels: { lt: 'Apskaita' },
  description: 'Chart of accounts, general ledger, journals, taxes and financial statements.',
  icon: 'account_balance',
  dependsOn: ['inventory'],
  // Posting rules hook into these plugins' documents when they are enabled.
  optionalDependsOn: ['purchasing', 'sales', 'production', 'hr', 'crm'],
  hooks: { ...postingHooks },
  dashboard: accountingDashboard,
  reports: accountingReportDeclarations,
  setup: registerAccountingReports,
});
