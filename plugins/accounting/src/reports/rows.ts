/**
 * The row schema of every accounting report (the OpenAPI document shows it under the envelope's
 * `data`): the tree row every statement shares (key, label, level, style, the account and its
 * drill-down) plus each report's own columns. A key only some rows carry (a section header has
 * no amount, a detail row has a voucher) is optional. tests/core/report-rows.test.ts checks each
 * against the reports' answers on demo data.
 */
import { columnSchema, objectColumn, rowSchema, type RowColumn } from '@tessera/plugin-kit';

const TREE_ROW: Record<string, RowColumn> = {
  key: { type: 'string', description: 'stable key of the row' },
  label: 'text',
  labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'the label in other languages ({ lt })' },
  level: 'integer',
  style: { type: 'string', enum: ['section', 'group', 'total', 'grand_total'] },
  account: 'id',
  account_number: 'text',
  is_group: 'boolean',
  drill: objectColumn({ report: 'text', params: { type: 'object', additionalProperties: { type: 'string' } } }),
};
const TREE_OPTIONAL = ['labels', 'level', 'style', 'account', 'account_number', 'is_group', 'drill'];

/** A tree row with the report's columns; `optional`: the columns some rows leave out. */
const tree = (columns: Record<string, RowColumn>, optional: string[] = []) => rowSchema({ ...TREE_ROW, ...columns }, [...TREE_OPTIONAL, ...optional]);

const AGEING_BUCKETS = { not_due: 'money', d0_30: 'money', d31_60: 'money', d61_90: 'money', d90_plus: 'money', total: 'money' } as const;

/** Report id -> its row schema. */
export const REPORT_ROWS: Record<string, Record<string, unknown>> = {
  'trial-balance': tree({
    opening_debit: 'money',
    opening_credit: 'money',
    debit: 'money',
    credit: 'money',
    closing_debit: 'money',
    closing_credit: 'money',
  }),
  'balance-sheet': tree({ amount: 'money' }, ['amount']),
  'profit-and-loss': tree({ amount: 'money', compare_amount: 'money', change: 'money' }, ['amount', 'compare_amount', 'change']),
  'cash-flow': tree({ amount: 'money' }, ['amount']),
  liquidity: tree({ value: 'money?', definition: 'text' }, ['definition']),
  'general-ledger': rowSchema(
    {
      key: 'text',
      label: 'text',
      id: 'integer',
      created_at: 'datetime',
      updated_at: 'datetime',
      created_by: 'id',
      version: 'integer',
      posting_date: 'date',
      account: 'id',
      account_number: 'text',
      account_name: 'text',
      debit: 'money',
      credit: 'money',
      balance: { ...columnSchema('money'), description: 'running balance (debit - credit), 2 places' },
      party_type: 'text',
      party: 'id',
      voucher_type: 'text',
      voucher_id: 'id',
      voucher_no: 'text',
      cost_center: 'id',
      remarks: 'text',
      is_reversal: 'boolean',
      reverses: 'id',
      fiscal_year: 'id',
      currency: 'text',
      exchange_rate: 'rate?',
      debit_in_currency: 'money?',
      credit_in_currency: 'money?',
      against_voucher_type: 'text',
      against_voucher_id: 'id',
    },
    // The entry's fields the viewer may see (a hidden field is left out).
    [
      'id',
      'created_at',
      'updated_at',
      'created_by',
      'version',
      'posting_date',
      'account',
      'account_number',
      'account_name',
      'debit',
      'credit',
      'party_type',
      'party',
      'voucher_type',
      'voucher_id',
      'voucher_no',
      'cost_center',
      'remarks',
      'is_reversal',
      'reverses',
      'fiscal_year',
      'currency',
      'exchange_rate',
      'debit_in_currency',
      'credit_in_currency',
      'against_voucher_type',
      'against_voucher_id',
    ],
  ),
  profitability: tree({ customer: 'id', item: 'id', item_group: 'id', revenue: 'money', cogs: 'money', gross_margin: 'money', margin_percent: 'percent' }, [
    'customer',
    'item',
    'item_group',
  ]),
  vat: tree({ debit: 'money', credit: 'money', amount: 'money' }, ['debit', 'credit', 'amount']),
  ageing: tree(
    {
      party: 'integer',
      party_type: { type: 'string', enum: ['customer', 'supplier', 'employee'] },
      ...AGEING_BUCKETS,
      voucher_type: 'text',
      voucher_id: 'integer',
      posting_date: 'date',
      due_date: 'date',
      days_overdue: { type: 'string', pattern: '^\\d+$', description: 'days past the due date (0 when not due)' },
      currency: 'text',
      installments: { type: 'array', items: objectColumn({ due_date: 'date', amount: 'money' }), description: 'the open installments (a payment schedule)' },
    },
    ['voucher_type', 'voucher_id', 'posting_date', 'due_date', 'days_overdue', 'currency', 'installments'],
  ),
  'statement-of-account': tree(
    { posting_date: 'date', balance: 'money', voucher_type: 'text', voucher_id: 'integer', document: 'text', debit: 'money', credit: 'money', remarks: 'text' },
    ['voucher_type', 'voucher_id', 'document', 'debit', 'credit', 'remarks'],
  ),
  'cash-forecast': tree({
    week_start: 'date',
    week_end: 'date',
    in_invoices: 'money',
    in_orders: 'money',
    out_invoices: 'money',
    out_orders: 'money',
    net: 'money',
    closing: 'money',
  }),
  'bank-reconciliation': tree({ amount: 'money', date: 'date', bank_transaction: 'integer', payment: 'integer' }, ['date', 'bank_transaction', 'payment']),
};

/** A problem the ledger check found: what was checked and what is wrong, with that check's own figures beside them. */
export const LEDGER_PROBLEM_ROW: Record<string, unknown> = {
  ...rowSchema({
    check: {
      type: 'string',
      enum: ['voucher_balance', 'daily_balance', 'stock_account', 'missing_entries', 'cancelled_with_entries', 'control_account', 'outstanding_amount'],
    },
    message: 'text',
  }),
  additionalProperties: true,
};
