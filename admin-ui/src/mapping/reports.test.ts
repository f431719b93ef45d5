import { describe, expect, it } from 'vitest';
import type { Meta, MetaReport } from '../meta/types.js';
import {
  cellText,
  drillPath,
  extraTables,
  fromEnvelope,
  paramRef,
  paramText,
  reportMenuItems,
  reportParams,
  reportQuery,
  voucherPath,
  type ReportAnswer,
} from './reports.js';

const report: MetaReport = {
  id: 'accounting.general-ledger',
  plugin: 'accounting',
  label: 'General ledger report',
  labels: { lt: 'Didžiosios knygos ataskaita' },
  url: '/api/accounting/reports/general-ledger',
  entity: 'accounting.gl_entry',
  order: 60,
  params: {
    type: 'object',
    properties: {
      account: { type: 'string', 'x-ref': 'accounting.account', title: 'Account', 'x-labels': { lt: { title: 'Sąskaita' } } },
      from: { type: 'string', format: 'date', title: 'From', 'x-labels': { lt: { title: 'Nuo' } } },
      party_type: {
        type: 'string',
        enum: ['customer', 'supplier'],
        title: 'Party type',
        'x-enum-labels': { customer: 'Customer', supplier: 'Supplier' },
        'x-labels': { lt: { title: 'Šalies tipas', enum: { customer: 'Pirkėjas', supplier: 'Tiekėjas' } } },
      },
      voucher_type: { type: 'string', title: 'Voucher type' },
      limit: { type: 'string' },
      format: { type: 'string', enum: ['json', 'csv'] },
    },
  },
};

describe('report screens from declarations', () => {
  it('turn the params schema into labelled filters (paging and format stay internal)', () => {
    expect(reportParams(report, 'lt')).toEqual([
      { name: 'account', label: 'Sąskaita', kind: 'reference', ref: 'accounting.account' },
      { name: 'from', label: 'Nuo', kind: 'date' },
      {
        name: 'party_type',
        label: 'Šalies tipas',
        kind: 'enum',
        choices: [
          { id: 'customer', name: 'Pirkėjas' },
          { id: 'supplier', name: 'Tiekėjas' },
        ],
      },
      { name: 'voucher_type', label: 'Voucher type', kind: 'text' },
    ]);
    expect(reportParams(report, 'en')[2]!.choices![0]!.name).toBe('Customer');
  });

  it("label a range bound by its field ('expected_close_to': the deal's field and 'to')", () => {
    const crm = {
      ...report,
      plugin: 'crm',
      params: { type: 'object', properties: { expected_close_to: { type: 'string', format: 'date' } } },
    } as unknown as MetaReport;
    const meta = {
      entities: [
        {
          key: 'crm.opportunity',
          plugin: 'crm',
          name: 'opportunity',
          fields: [{ name: 'expected_close', label: 'Expected close', labels: { lt: 'Numatomas uždarymas' } }],
        },
      ],
    } as unknown as Meta;
    expect(reportParams(crm, 'lt', meta)[0]!.label).toBe('Numatomas uždarymas iki');
    expect(reportParams(crm, 'en', meta)[0]!.label).toBe('Expected close to');
  });

  it("list the reports in their plugin's menu group, in order, labelled in the locale", () => {
    const meta = {
      reports: [
        { ...report, id: 'accounting.b', order: 20 },
        { ...report, id: 'accounting.a', order: 10, icon: 'balance' },
        { ...report, id: 'crm.x', plugin: 'crm' },
      ],
    } as unknown as Meta;
    expect(reportMenuItems(meta, 'accounting', 'lt')).toEqual([
      { resource: 'reports/accounting.a', label: 'Didžiosios knygos ataskaita', icon: 'balance' },
      { resource: 'reports/accounting.b', label: 'Didžiosios knygos ataskaita', icon: 'assessment' },
    ]);
  });

  it('build queries and drill-down paths from filled values only; cells keep exact decimals', () => {
    expect(reportQuery({ from: '2026-01-01', to: '', account: undefined }, { offset: '100' }).toString()).toBe('from=2026-01-01&offset=100');
    expect(drillPath({ report: 'accounting.general-ledger', params: { account: '5', from: '2026-02-01', to: '2026-02-28' } })).toBe(
      '/reports/accounting.general-ledger?account=5&from=2026-02-01&to=2026-02-28',
    );
    expect(cellText('money', '1234567.10', 'en')).toBe('1,234,567.10');
    expect(cellText('money', '12345678901234567.89', 'lt').replace(/\s/g, ' ')).toBe('12 345 678 901 234 567,89');
    expect(cellText('ratio', '36.63', 'lt')).toBe('36,63');
    expect(cellText('number', '10.00', 'lt')).toBe('10,00');
    expect(cellText('number', 2026, 'lt')).toBe('2026');
    expect(cellText('money', null, 'en')).toBe('');
  });

  it('find further tables in an answer and link vouchers to their documents', () => {
    const answer = {
      report: 'cash-flow',
      currency: 'EUR',
      params: {},
      columns: [],
      rows: [],
      direct: { columns: [], rows: [] },
      totals: { a: '1' },
    } as unknown as ReportAnswer;
    expect(extraTables(answer).map(([k]) => k)).toEqual(['direct']);
    const meta = { entities: [{ key: 'accounting.journal_entry' }] } as unknown as Meta;
    expect(voucherPath(meta, { key: 'e', label: 'JV-1', voucher_type: 'accounting.journal_entry', voucher_id: 7 })).toBe('/accounting.journal_entry/7/show');
    expect(voucherPath(meta, { key: 'e', label: 'X', voucher_type: 'sales.sales_invoice', voucher_id: 7 })).toBeUndefined();
  });

  it('reads the report envelope: the rows of a report with columns are its data', () => {
    const answer = fromEnvelope({
      data: [{ key: 'a', label: 'A', amount: '1.00' }],
      total: 1,
      columns: [{ key: 'amount', label: 'Amount', type: 'money' }],
      totals: { amount: '1.00' },
    });
    expect(answer.rows).toEqual([{ key: 'a', label: 'A', amount: '1.00' }]);
    expect(answer.total).toBe(1);
    // Without declared columns the rows stay in data (the screen infers the columns from them).
    const plain = fromEnvelope({ data: [{ item: 1, qty: '2.000000' }], total: 1 });
    expect(plain.rows).toBeUndefined();
    expect(plain.data).toEqual([{ item: 1, qty: '2.000000' }]);
  });
});

describe('reference parameters chosen by another parameter (x-ref-by)', () => {
  const statement: MetaReport = {
    ...report,
    id: 'accounting.statement-of-account',
    params: {
      type: 'object',
      properties: {
        party_type: {
          type: 'string',
          enum: ['customer', 'supplier', 'employee'],
          default: 'customer',
          'x-labels': { lt: { title: 'Šalies tipas', enum: { customer: 'Pirkėjas' } } },
        },
        party: {
          type: 'string',
          title: 'Party',
          'x-labels': { lt: { title: 'Šalis' } },
          'x-ref-by': { param: 'party_type', refs: { customer: 'sales.customer', supplier: 'purchasing.supplier', employee: 'hr.employee' } },
        },
        voucher_type: { type: 'string' },
        voucher_id: { type: 'string', 'x-ref-by': { param: 'voucher_type' } },
        to: { type: 'string', format: 'date' },
      },
    },
  };
  const meta = { entities: [{ key: 'sales.customer' }, { key: 'purchasing.supplier' }, { key: 'sales.sales_invoice' }] } as unknown as Meta;

  it('pick from the entity the other parameter names, only while that entity is on; values read by their labels', () => {
    const params = reportParams(statement, 'lt', meta);
    const party = params.find((p) => p.name === 'party')!;
    const voucher = params.find((p) => p.name === 'voucher_id')!;
    expect(party).toMatchObject({ kind: 'reference', label: 'Šalis' });
    // the default party type, a chosen one, one whose plugin is off (hr): a plain input then
    expect(paramRef(party, {}, params, meta)).toBe('sales.customer');
    expect(paramRef(party, { party_type: 'supplier' }, params, meta)).toBe('purchasing.supplier');
    expect(paramRef(party, { party_type: 'employee' }, params, meta)).toBeUndefined();
    // the value is the entity key itself
    expect(paramRef(voucher, { voucher_type: 'sales.sales_invoice' }, params, meta)).toBe('sales.sales_invoice');
    expect(paramRef(voucher, {}, params, meta)).toBeUndefined();
    // a common parameter without a label of its own, and an enum value by its label
    expect(params.find((p) => p.name === 'to')!.label).toBe('Iki');
    expect(
      paramText(
        params.find((p) => p.name === 'party_type'),
        'customer',
        'lt',
      ),
    ).toBe('Pirkėjas');
  });
});
