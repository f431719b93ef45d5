/**
 * Accounting settings (client configuration `settings.accounting`): which chart template is
 * seeded, and the company default accounts BY NUMBER (resolved to ids when posting), with
 * sensible defaults per template so a new client posts without configuring anything.
 */
import type { ServiceContext } from '@tessera/core';
import type { DefaultAccount } from './contract.js';

export type ChartTemplate = 'generic' | 'lt';

export const DEFAULT_ROLES: DefaultAccount[] = [
  'receivable',
  'payable',
  'stock',
  'srnb',
  'cogs',
  'round_off',
  'retained_earnings',
  'income',
  'expense',
  'stock_adjustment',
  'price_difference',
  'wip',
  'exchange_gain_loss',
  'bank',
  'cash',
  'vat_input',
  'vat_output',
  'opening',
];

/** Default account numbers of each template (they exist in that template's chart). */
export const TEMPLATE_DEFAULTS: Record<ChartTemplate, Record<DefaultAccount, string>> = {
  generic: {
    receivable: '1200',
    payable: '2110',
    stock: '1300',
    srnb: '2120',
    cogs: '5100',
    round_off: '5330',
    retained_earnings: '3200',
    income: '4100',
    expense: '5290',
    stock_adjustment: '5110',
    price_difference: '5120',
    wip: '1310',
    exchange_gain_loss: '5320',
    bank: '1110',
    cash: '1120',
    vat_input: '1400',
    vat_output: '2200',
    opening: '3900',
  },
  lt: {
    receivable: '2410',
    payable: '4430',
    stock: '2040',
    srnb: '4432',
    cogs: '6000',
    round_off: '6890',
    retained_earnings: '3411',
    income: '5000',
    expense: '6290',
    stock_adjustment: '6010',
    price_difference: '6020',
    wip: '2030',
    exchange_gain_loss: '6803',
    bank: '271',
    cash: '272',
    vat_input: '2441',
    vat_output: '4492',
    opening: '3990',
  },
};

const accountNumber = { type: 'string', minLength: 1, maxLength: 20, pattern: '^[0-9A-Za-z.-]+$' };

export const settingsSchema = {
  properties: {
    chart: {
      type: 'string',
      enum: ['generic', 'lt'],
      default: 'generic',
      description:
        'Chart of accounts seeded on first start: "generic" or "lt" (the Lithuanian standard chart, classes 1-6). Accounts a consultant edits are never overwritten.',
    },
    defaults: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Company default accounts by account number, e.g. { "receivable": "2410" }; a role left out uses the chart template default.',
      properties: Object.fromEntries(DEFAULT_ROLES.map((r) => [r, accountNumber])),
    },
    backfill_on_start: {
      type: 'boolean',
      default: true,
      description: 'On every start, post the submitted documents that have no ledger entries yet (idempotent).',
    },
  },
};

export interface AccountingSettings {
  chart: ChartTemplate;
  defaults: Partial<Record<DefaultAccount, string>>;
  backfill_on_start: boolean;
}

export function accountingSettings(ctx: Pick<ServiceContext, 'settings'>): AccountingSettings {
  const s = ctx.settings<Partial<AccountingSettings>>('accounting');
  return { chart: s.chart ?? 'generic', defaults: s.defaults ?? {}, backfill_on_start: s.backfill_on_start ?? true };
}

/** The configured number of a default account and where it came from (for error messages). */
export function defaultAccountNumber(ctx: Pick<ServiceContext, 'settings'>, role: DefaultAccount): { number: string | undefined; from: string } {
  const s = accountingSettings(ctx);
  const own = s.defaults[role];
  if (own) return { number: own, from: `settings.accounting.defaults.${role}` };
  return { number: TEMPLATE_DEFAULTS[s.chart][role], from: `the "${s.chart}" chart template default (override with settings.accounting.defaults.${role})` };
}
