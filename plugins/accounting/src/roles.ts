/**
 * Accounting roles. Accounts users read the ledger and the reports and prepare draft
 * journals; accounts managers post them, close periods and years and edit the chart. Other
 * plugins' roles get nothing of the ledger (no permission = no menu, no rows, no reports).
 */
import type { RoleDefinition } from '@tessera/core';

const READ = ['read', 'export'];

/** Every accounting entity; the tax entities belong to the postings part but share the roles. */
const MASTERS = [
  'account',
  'cost_center',
  'fiscal_year',
  'accounting_period',
  'warehouse_account',
  'item_group_account',
  'tax_template',
  'exchange_rate',
  'bank_account',
  'bank_transaction',
  'payment_terms',
];
const LEDGERS = ['gl_entry', 'account_balance'];

const key = (name: string) => `accounting.${name}`;

export const accountingRoles: Record<string, RoleDefinition> = {
  'accounting.accounts_user': {
    label: 'Accounts user',
    description: 'Reads the ledger and the reports, prepares draft journal entries (LT: apskaitos naudotojas).',
    permissions: {
      ...Object.fromEntries([...MASTERS, ...LEDGERS, 'period_closing_voucher', 'credit_note', 'debit_note', 'exchange_revaluation'].map((e) => [key(e), READ])),
      'accounting.journal_entry': ['read', 'export', 'create', 'update', 'delete'],
      'accounting.payment': ['read', 'export', 'create', 'update', 'delete'],
    },
  },
  'accounting.accounts_manager': {
    label: 'Accounts manager',
    description: 'Posts journal entries, closes periods and years, edits the chart of accounts (LT: apskaitos vadovas).',
    permissions: {
      ...Object.fromEntries(
        [...MASTERS, 'journal_entry', 'period_closing_voucher', 'payment', 'credit_note', 'debit_note', 'exchange_revaluation'].map((e) => [key(e), '*']),
      ),
      ...Object.fromEntries(LEDGERS.map((e) => [key(e), READ])),
    },
  },
};
