/**
 * Every accounting report on a small hand-made ledger, posted through journal entries (the
 * documents, never direct GL writes), with figures to the cent at two dates and for two
 * periods; permissions, hidden fields, CSV export and bad parameters.
 *
 * The ledger (own accounts R..., so the seeded chart's accounts stay at zero and out of the figures):
 *   J1 2026-01-05 Bank 5000.00 / Share capital        J6 2026-02-20 Rent 300.00 / Bank
 *   J2 2026-01-10 Equipment 1200.00 / Bank            J7 2026-03-10 Bank 250.00 / Receivables (customer pays)
 *   J3 2026-01-15 Stock 100.00 / Payables (supplier)  J8 2026-03-15 Bank 2000.00 / Long-term loan
 *   J4 2026-02-03 Receivables 250.00 / Sales          J9 2026-03-20 Payables 60.00 / Bank
 *   J5 2026-02-03 COGS 40.00 / Stock
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';

let t: TestApp;
const acc: Record<string, number> = {};
const party: Record<string, number> = {};

const ok = (r: { status: number; body: any }, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};
const get = async (path: string) => ok(await t.req('GET', path));
const row = (answer: any, key: string) => {
  const r = answer.data.find((x: any) => x.key === key);
  expect(r, `row ${key} in ${answer.report}`).toBeTruthy();
  return r;
};
const accountRow = (answer: any, name: string) => row(answer, `account.${acc[name]}`);

async function account(number: string, name: string, root_type: string, extra: Record<string, unknown> = {}) {
  const body = ok(await t.req('POST', '/api/accounting/account', { number, name, root_type, ...extra }), 201);
  acc[name] = body.id;
  return body.id as number;
}

type Line = [string, 'Dr' | 'Cr', string, Record<string, unknown>?];
async function journal(date: string, lines: Line[]) {
  const created = ok(
    await t.req('POST', '/api/accounting/journal_entry', {
      entry_type: 'journal',
      posting_date: date,
      lines: lines.map(([name, side, amount, extra]) => ({
        account: acc[name],
        debit: side === 'Dr' ? amount : '0',
        credit: side === 'Cr' ? amount : '0',
        ...extra,
      })),
    }),
    201,
  );
  return ok(await t.req('POST', `/api/accounting/journal_entry/${created.id}/submit`));
}

beforeAll(async () => {
  t = await startApp({
    plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'],
    roles: {
      // reads the ledger but not its remarks, may not export
      'reports.viewer': {
        label: 'Ledger viewer',
        permissions: { 'accounting.gl_entry': ['read'], 'accounting.account': ['read'] },
        fields: { 'accounting.gl_entry': { remarks: 'hidden' } },
      },
      'reports.own': {
        label: 'Own entries',
        permissions: { 'accounting.gl_entry': ['read'], 'accounting.account': ['read'] },
        rows: { 'accounting.gl_entry': 'own' },
      },
      'reports.exporter': { label: 'Ledger exporter', permissions: { 'accounting.gl_entry': ['read', 'export'], 'accounting.account': ['read'] } },
    },
  });
  const assets = await account('R1', 'Assets', 'asset', { is_group: true });
  const current = await account('R11', 'Current assets', 'asset', { is_group: true, parent: assets, is_current: true });
  await account('R111', 'Bank', 'asset', { parent: current, account_type: 'bank', is_current: true });
  await account('R112', 'Receivables', 'asset', { parent: current, account_type: 'receivable', is_current: true });
  await account('R113', 'Stock', 'asset', { parent: current, account_type: 'stock', is_current: true });
  await account('R12', 'Equipment', 'asset', { parent: assets, account_type: 'fixed_asset' });
  const liabilities = await account('R2', 'Liabilities', 'liability', { is_group: true });
  await account('R21', 'Payables', 'liability', { parent: liabilities, account_type: 'payable', is_current: true });
  await account('R22', 'Long-term loan', 'liability', { parent: liabilities });
  const equity = await account('R3', 'Equity', 'equity', { is_group: true });
  await account('R31', 'Share capital', 'equity', { parent: equity, account_type: 'equity' });
  const income = await account('R4', 'Revenue', 'income', { is_group: true });
  await account('R41', 'Sales', 'income', { parent: income, account_type: 'income' });
  const expense = await account('R5', 'Costs', 'expense', { is_group: true });
  await account('R51', 'COGS', 'expense', { parent: expense, account_type: 'cogs' });
  await account('R52', 'Rent', 'expense', { parent: expense, account_type: 'expense' });
  party.supplier = ok(await t.req('POST', '/api/purchasing/supplier', { name: 'Reports Supplier', code: 'RSUP' }), 201).id;
  party.customer = ok(await t.req('POST', '/api/sales/customer', { name: 'Reports Customer' }), 201).id;
  const supplier = { party_type: 'supplier', party: party.supplier };
  const customer = { party_type: 'customer', party: party.customer };
  await journal('2026-01-05', [
    ['Bank', 'Dr', '5000.00'],
    ['Share capital', 'Cr', '5000.00'],
  ]);
  await journal('2026-01-10', [
    ['Equipment', 'Dr', '1200.00'],
    ['Bank', 'Cr', '1200.00'],
  ]);
  await journal('2026-01-15', [
    ['Stock', 'Dr', '100.00'],
    ['Payables', 'Cr', '100.00', supplier],
  ]);
  await journal('2026-02-03', [
    ['Receivables', 'Dr', '250.00', customer],
    ['Sales', 'Cr', '250.00'],
  ]);
  await journal('2026-02-03', [
    ['COGS', 'Dr', '40.00'],
    ['Stock', 'Cr', '40.00'],
  ]);
  await journal('2026-02-20', [
    ['Rent', 'Dr', '300.00', { remarks: 'February rent' }],
    ['Bank', 'Cr', '300.00', { remarks: 'February rent' }],
  ]);
  await journal('2026-03-10', [
    ['Bank', 'Dr', '250.00'],
    ['Receivables', 'Cr', '250.00', customer],
  ]);
  await journal('2026-03-15', [
    ['Bank', 'Dr', '2000.00'],
    ['Long-term loan', 'Cr', '2000.00'],
  ]);
  await journal('2026-03-20', [
    ['Payables', 'Dr', '60.00', supplier],
    ['Bank', 'Cr', '60.00'],
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('trial balance', () => {
  it("February: opening at 31 January, the month's movements, closing; groups roll up; totals balance", async () => {
    const tb = await get('/api/accounting/reports/trial-balance?from=2026-02-01&to=2026-02-28');
    expect(tb.params).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    const bank = accountRow(tb, 'Bank');
    expect([bank.opening_debit, bank.opening_credit, bank.debit, bank.credit, bank.closing_debit, bank.closing_credit]).toEqual([
      '3800.00',
      '0.00',
      '0.00',
      '300.00',
      '3500.00',
      '0.00',
    ]);
    const capital = accountRow(tb, 'Share capital');
    expect([capital.opening_credit, capital.closing_credit]).toEqual(['5000.00', '5000.00']);
    const stock = accountRow(tb, 'Stock');
    expect([stock.opening_debit, stock.credit, stock.closing_debit]).toEqual(['100.00', '40.00', '60.00']);
    // the group "Current assets" carries the sums of Bank, Receivables, Stock
    const current = accountRow(tb, 'Current assets');
    expect(current.is_group).toBe(true);
    expect([current.opening_debit, current.debit, current.credit, current.closing_debit]).toEqual(['3900.00', '250.00', '340.00', '3810.00']);
    expect(tb.totals).toEqual({
      opening_debit: '5100.00',
      opening_credit: '5100.00',
      debit: '590.00',
      credit: '590.00',
      closing_debit: '5350.00',
      closing_credit: '5350.00',
    });
    expect(tb.balanced).toBe(true);
    // drill-down: the account's general ledger over the same period
    expect(bank.drill).toEqual({ report: 'accounting.general-ledger', params: { account: String(acc.Bank), from: '2026-02-01', to: '2026-02-28' } });
    // zero accounts (the seeded chart) are left out; a row per posted account and its groups
    expect(tb.data.every((r: any) => r.style === 'grand_total' || String(r.account_number).startsWith('R'))).toBe(true);
  });

  it('the first quarter: opening zero, closing = the March balances', async () => {
    const tb = await get('/api/accounting/reports/trial-balance?from=2026-01-01&to=2026-03-31');
    expect(tb.totals.opening_debit).toBe('0.00');
    expect(tb.totals.debit).toBe(tb.totals.credit);
    expect(tb.totals.debit).toBe('9200.00');
    expect(accountRow(tb, 'Bank').closing_debit).toBe('5690.00');
    expect(accountRow(tb, 'Payables').closing_credit).toBe('40.00');
    expect(accountRow(tb, 'Receivables').closing_debit).toBe('0.00');
  });

  it('mid-month dates: the monthly sums up to the month before plus the days of the month (12 January - 12 March)', async () => {
    const tb = await get('/api/accounting/reports/trial-balance?from=2026-01-12&to=2026-03-12');
    const bank = accountRow(tb, 'Bank');
    expect([bank.opening_debit, bank.debit, bank.credit, bank.closing_debit]).toEqual(['3800.00', '250.00', '300.00', '3750.00']);
    const stock = accountRow(tb, 'Stock');
    expect([stock.opening_debit, stock.debit, stock.credit, stock.closing_debit]).toEqual(['0.00', '100.00', '40.00', '60.00']);
    expect(tb.totals.closing_debit).toBe(tb.totals.closing_credit);
    const bs = await get('/api/accounting/reports/balance-sheet?as_of=2026-02-19');
    expect(accountRow(bs, 'Bank').amount).toBe('3800.00');
    expect(bs.totals.unclosed_profit).toBe('210.00');
  });
});

describe('profit and loss', () => {
  it('February: income 250.00 - COGS 40.00 = gross 210.00; - expenses 300.00 = net -90.00; compared with January', async () => {
    const pl = await get('/api/accounting/reports/profit-and-loss?from=2026-02-01&to=2026-02-28&compare_from=2026-01-01&compare_to=2026-01-31');
    expect(pl.totals).toEqual({ income: '250.00', cogs: '40.00', gross_profit: '210.00', expenses: '300.00', net_profit: '-90.00' });
    expect(pl.compare_totals).toEqual({ income: '0.00', cogs: '0.00', gross_profit: '0.00', expenses: '0.00', net_profit: '0.00' });
    expect(row(pl, 'net_profit')).toMatchObject({ amount: '-90.00', compare_amount: '0.00', change: '-90.00' });
    expect(accountRow(pl, 'COGS').amount).toBe('40.00');
    // COGS is in its own section, not among the expenses
    const rows = pl.data.map((r: any) => r.key);
    expect(rows.indexOf(`account.${acc.COGS}`)).toBeLessThan(rows.indexOf('gross_profit'));
    expect(rows.indexOf(`account.${acc.Rent}`)).toBeGreaterThan(rows.indexOf('gross_profit'));
    expect(pl.columns.map((c: any) => c.key)).toEqual(['label', 'amount', 'compare_amount', 'change']);
  });

  it('March: nothing traded', async () => {
    const pl = await get('/api/accounting/reports/profit-and-loss?from=2026-03-01&to=2026-03-31');
    expect(pl.totals.net_profit).toBe('0.00');
    expect(pl.compare_totals).toBeUndefined();
  });
});

describe('balance sheet', () => {
  it('at 31 January: assets 5100.00 = liabilities 100.00 + equity 5000.00', async () => {
    const bs = await get('/api/accounting/reports/balance-sheet?as_of=2026-01-31');
    expect(bs.totals).toMatchObject({
      assets: '5100.00',
      current_assets: '3900.00',
      non_current_assets: '1200.00',
      liabilities: '100.00',
      current_liabilities: '100.00',
      equity: '5000.00',
      unclosed_profit: '0.00',
      liabilities_and_equity: '5100.00',
      check: '0.00',
    });
    expect(bs.balanced).toBe(true);
    expect(accountRow(bs, 'Bank').amount).toBe('3800.00');
    expect(accountRow(bs, 'Bank').drill).toEqual({ report: 'accounting.general-ledger', params: { account: String(acc.Bank), to: '2026-01-31' } });
  });

  it('at 31 March: the loss of -90.00 is in equity; 6950.00 = 2040.00 + 4910.00', async () => {
    const bs = await get('/api/accounting/reports/balance-sheet?as_of=2026-03-31');
    expect(bs.totals).toMatchObject({
      assets: '6950.00',
      liabilities: '2040.00',
      current_liabilities: '40.00',
      non_current_liabilities: '2000.00',
      equity: '4910.00',
      unclosed_profit: '-90.00',
      liabilities_and_equity: '6950.00',
      check: '0.00',
    });
    expect(row(bs, 'unclosed_profit').amount).toBe('-90.00');
    expect(accountRow(bs, 'Long-term loan').amount).toBe('2000.00');
  });
});

describe('liquidity', () => {
  it('at 31 January: current 39.00, quick 38.00, cash 38.00, working capital 3800.00, with the definitions', async () => {
    const l = await get('/api/accounting/reports/liquidity?as_of=2026-01-31');
    expect(l.ratios).toEqual({ current_ratio: '39.00', quick_ratio: '38.00', cash_ratio: '38.00' });
    expect(l.totals).toEqual({ current_assets: '3900.00', stock: '100.00', cash: '3800.00', current_liabilities: '100.00', working_capital: '3800.00' });
    expect(l.definitions.current_ratio.en).toBe('current assets / current liabilities');
    expect(l.definitions.quick_ratio.lt).toContain('atsargos');
  });

  it('at 31 March: 5750.00 / 40.00 = 143.75; quick and cash 142.25', async () => {
    const l = await get('/api/accounting/reports/liquidity?as_of=2026-03-31');
    expect(l.ratios).toEqual({ current_ratio: '143.75', quick_ratio: '142.25', cash_ratio: '142.25' });
    expect(l.totals.working_capital).toBe('5710.00');
  });
});

describe('cash flow', () => {
  it('first quarter: -90.00 profit, operating -110.00, investing -1200.00, financing 7000.00 = +5690.00 in the bank (direct view agrees)', async () => {
    const cf = await get('/api/accounting/reports/cash-flow?from=2026-01-01&to=2026-03-31');
    expect(cf.totals).toEqual({
      net_profit: '-90.00',
      operating: '-110.00',
      investing: '-1200.00',
      financing: '7000.00',
      net_change: '5690.00',
      cash_opening: '0.00',
      cash_closing: '5690.00',
      check: '0.00',
    });
    expect(accountRow(cf, 'Stock').amount).toBe('-60.00');
    expect(accountRow(cf, 'Payables').amount).toBe('40.00');
    expect(cf.direct.rows).toHaveLength(1);
    expect(cf.direct.rows[0]).toMatchObject({ account: acc.Bank, opening: '0.00', receipts: '7250.00', payments: '1560.00', closing: '5690.00' });
  });

  it('March: receivables collected +250.00, payables paid -60.00, loan +2000.00', async () => {
    const cf = await get('/api/accounting/reports/cash-flow?from=2026-03-01&to=2026-03-31');
    expect(cf.totals).toMatchObject({
      net_profit: '0.00',
      operating: '190.00',
      investing: '0.00',
      financing: '2000.00',
      net_change: '2190.00',
      cash_opening: '3500.00',
      cash_closing: '5690.00',
      check: '0.00',
    });
  });
});

describe('general ledger', () => {
  it('the bank account, February-March: opening 3800.00, running balance, closing 5690.00; paged', async () => {
    const gl = await get(`/api/accounting/reports/general-ledger?account=${acc.Bank}&from=2026-02-01&to=2026-03-31`);
    expect(gl.totals).toEqual({ opening: '3800.00', debit: '2250.00', credit: '360.00', closing: '5690.00' });
    expect(gl.total).toBe(4);
    expect(gl.data.map((r: any) => [r.posting_date, r.debit, r.credit, r.balance])).toEqual([
      ['2026-02-20', '0.00', '300.00', '3500.00'],
      ['2026-03-10', '250.00', '0.00', '3750.00'],
      ['2026-03-15', '2000.00', '0.00', '5750.00'],
      ['2026-03-20', '0.00', '60.00', '5690.00'],
    ]);
    expect(gl.data[0]).toMatchObject({ account: acc.Bank, account_number: 'R111', voucher_type: 'accounting.journal_entry', remarks: 'February rent' });
    const page2 = await get(`/api/accounting/reports/general-ledger?account=${acc.Bank}&from=2026-02-01&to=2026-03-31&limit=2&offset=2`);
    expect(page2.data.map((r: any) => r.balance)).toEqual(['5750.00', '5690.00']);
    expect(page2.total).toBe(4);
  });

  it("a group account takes its sub-accounts; a party filter takes that party's lines", async () => {
    const gl = await get(`/api/accounting/reports/general-ledger?account=${acc['Current assets']}&to=2026-01-31`);
    expect(gl.totals.closing).toBe('3900.00');
    expect(gl.total).toBe(3);
    const byParty = await get(`/api/accounting/reports/general-ledger?party_type=customer&party=${party.customer}`);
    expect(byParty.data.map((r: any) => [r.debit, r.credit])).toEqual([
      ['250.00', '0.00'],
      ['0.00', '250.00'],
    ]);
    expect(byParty.totals.closing).toBe('0.00');
  });
});

describe('permissions, export and bad input', () => {
  it('a user without accounting roles gets 403 from every report and no accounting reports in the metadata', async () => {
    const nobody = await t.createUser('reports_nobody', []);
    for (const r of ['trial-balance', 'profit-and-loss', 'balance-sheet', 'cash-flow', 'liquidity', 'general-ledger']) {
      const res = await nobody.req('GET', `/api/accounting/reports/${r}`);
      expect(res.status, r).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const meta = ok(await nobody.req('GET', '/api/meta'));
    expect(meta.reports.filter((r: any) => r.plugin === 'accounting')).toEqual([]);
    expect(meta.dashboard.filter((w: any) => w.id.startsWith('accounting.'))).toEqual([]);
    expect((await nobody.req('GET', '/api/dashboard/accounting.cash_and_bank')).status).toBe(403);
  });

  it('a viewer whose role hides the remarks sees the ledger without them, the statements in full, and may not export', async () => {
    const viewer = await t.createUser('reports_viewer', ['reports.viewer']);
    const gl = ok(await viewer.req('GET', `/api/accounting/reports/general-ledger?account=${acc.Bank}&from=2026-02-01&to=2026-02-28`));
    expect(gl.data).toHaveLength(1);
    expect(gl.data[0]).not.toHaveProperty('remarks');
    expect(gl.columns.map((c: any) => c.key)).not.toContain('remarks');
    expect(gl.data[0].balance).toBe('3500.00');
    const bs = ok(await viewer.req('GET', '/api/accounting/reports/balance-sheet?as_of=2026-03-31'));
    expect(bs.totals.assets).toBe('6950.00');
    const meta = ok(await viewer.req('GET', '/api/meta'));
    expect(meta.reports.map((r: any) => r.id)).toEqual(
      expect.arrayContaining(['accounting.trial-balance', 'accounting.balance-sheet', 'accounting.general-ledger']),
    );
    const tb = meta.reports.find((r: any) => r.id === 'accounting.trial-balance');
    expect(tb).toMatchObject({ url: '/api/accounting/reports/trial-balance', labels: { lt: 'Bandomasis balansas' } });
    expect(tb.params.properties.from['x-labels'].lt.title).toBe('Nuo');
    const csv = await viewer.req('GET', '/api/accounting/reports/trial-balance?format=csv');
    expect(csv.status).toBe(403);
    const cash = ok(await viewer.req('GET', '/api/dashboard/accounting.cash_and_bank'));
    expect(cash.value).toBe('5690.00');
  });

  it('under a row rule on the entries, the statements are computed from the entries the rule admits', async () => {
    const own = await t.createUser('reports_own', ['reports.own']);
    const bs = ok(await own.req('GET', '/api/accounting/reports/balance-sheet?as_of=2026-03-31'));
    expect(bs.totals).toMatchObject({ assets: '0.00', check: '0.00' }); // postings belong to no user
    const tb = ok(await own.req('GET', '/api/accounting/reports/trial-balance?from=2026-01-01&to=2026-03-31'));
    expect(tb.totals.debit).toBe('0.00');
  });

  it('CSV export: the rows with the column labels, exact decimals', async () => {
    const exporter = await t.createUser('reports_exporter', ['reports.exporter']);
    const res = await exporter.req('GET', '/api/accounting/reports/trial-balance?from=2026-02-01&to=2026-02-28&format=csv');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/csv');
    const lines = String(res.body).trim().split('\r\n');
    expect(lines[0]).toBe('level,Account,Opening debit,Opening credit,Debit,Credit,Closing debit,Closing credit');
    expect(lines).toContain('2,R111 Bank,3800.00,0.00,0.00,300.00,3500.00,0.00');
    expect(lines.at(-1)).toBe('0,Total,5100.00,5100.00,590.00,590.00,5350.00,5350.00');
  });

  it('bad parameters are a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/accounting/reports/trial-balance?from=2026-13-01', 'from'],
      ['/api/accounting/reports/trial-balance?from=2026-03-01&to=2026-02-01', 'from'],
      ['/api/accounting/reports/balance-sheet?as_of=yesterday', 'as_of'],
      ['/api/accounting/reports/general-ledger?account=abc', 'account'],
      ['/api/accounting/reports/general-ledger?account=999999', 'account'],
      ['/api/accounting/reports/general-ledger?party=9', 'party_type'],
      ['/api/accounting/reports/profit-and-loss?compare_from=2026-02-01&compare_to=2026-01-01', 'compare_from'],
      ['/api/accounting/reports/general-ledger?limit=0', 'limit'],
    ];
    for (const [url, path] of cases) {
      const res = await t.req('GET', url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe('INVALID_QUERY');
      expect(JSON.stringify(res.body.error.details), url).toContain(path);
    }
  });
});

describe('verify', () => {
  it('finds the one inconsistency of the hand-made ledger (journals to a stock account the stock ledger does not know); 403 without the ledger permission', async () => {
    const v = await get('/api/accounting/reports/verify');
    expect(v.ok).toBe(false);
    expect(v.data).toEqual([expect.objectContaining({ check: 'stock_account', account: acc.Stock, ledger: '60.00', stock_value: '0.00' })]);
    expect(v.checked.vouchers).toBe(9);
    const earlier = await get('/api/accounting/reports/verify?as_of=2026-01-31');
    expect(earlier.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ check: 'stock_account', account: acc.Stock, date: '2026-01-31', ledger: '100.00' })]),
    );
    const nobody = await t.createUser('verify_nobody', []);
    expect((await nobody.req('GET', '/api/accounting/reports/verify')).status).toBe(403);
  });
});

describe('dashboard widgets', () => {
  it('cash and bank, receivables, payables, current ratio, profit this month (today: none)', async () => {
    expect(ok(await t.req('GET', '/api/dashboard/accounting.cash_and_bank')).value).toBe('5690.00');
    expect(ok(await t.req('GET', '/api/dashboard/accounting.receivables')).value).toBe('0.00');
    expect(ok(await t.req('GET', '/api/dashboard/accounting.payables')).value).toBe('40.00');
    expect(ok(await t.req('GET', '/api/dashboard/accounting.current_ratio')).value).toBe('143.75');
    const profit = ok(await t.req('GET', '/api/dashboard/accounting.profit_this_month'));
    expect(profit.value).toBe('0.00');
  });
});
