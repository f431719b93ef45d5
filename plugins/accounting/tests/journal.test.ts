/**
 * Journal entries and period closing through the REST API: live totals, the refusals of
 * submit (each a 4xx with a code and the field path, nothing posted), exact reversal on
 * cancel, amend, the roles, the period-closing voucher, verify and backfill.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_USER } from '@tessera/core';
import { createTestDatabase, startApp, type TestApp } from '../../../tests/helpers.js';
import { verifyLedger } from '../src/ledger/verify.js';

let t: TestApp;
let customer: number;
const acc: Record<string, number> = {};
const year = new Date().getUTCFullYear();
const today = new Date().toISOString().slice(0, 10);

const gl = async (voucherId: number) =>
  (
    await t.db.query(
      `select a.number, g.debit::text, g.credit::text, g.is_reversal from accounting_gl_entry g join accounting_account a on a.id = g.account
                      where g.voucher_type = 'accounting.journal_entry' and g.voucher_id = $1 order by g.id`,
      [voucherId],
    )
  ).rows;

async function journal(lines: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  const r = await t.req('POST', '/api/accounting/journal_entry', { posting_date: today, lines, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

beforeAll(async () => {
  t = await startApp({ plugins: ['crm', 'inventory', 'sales', 'accounting'], settings: { accounting: { chart: 'lt' } } } as any);
  for (const r of (await t.db.query(`select id, number from accounting_account`)).rows) acc[r.number] = Number(r.id);
  const c = await t.req('POST', '/api/sales/customer', { name: 'Journal Customer UAB' });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  customer = c.body.id;
});
afterAll(async () => {
  await t?.close();
});

describe('journal entries', () => {
  it('a draft may be unbalanced and shows its totals; submit refuses it naming lines, and posts nothing', async () => {
    const j = await journal([
      { account: acc['271'], debit: '100.00' },
      { account: acc['3010'], credit: '90.00' },
    ]);
    expect(j).toMatchObject({
      number: `JV-${year}-00001`,
      entry_type: 'journal',
      total_debit: '100.00',
      total_credit: '90.00',
      difference: '10.00',
      docstatus: 'draft',
    });
    const r = await t.req('POST', `/api/accounting/journal_entry/${j.id}/submit`);
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'UNBALANCED_VOUCHER', details: [{ path: 'lines' }] });
    expect(r.body.error.message).toMatch(/100\.00.*90\.00.*10\.00/);
    expect((await t.req('GET', `/api/accounting/journal_entry/${j.id}`)).body.docstatus).toBe('draft');
    expect(await gl(j.id)).toEqual([]);
  });

  it('a line is a debit or a credit, and a party comes with its type', async () => {
    const both = await t.req('POST', '/api/accounting/journal_entry', { posting_date: today, lines: [{ account: acc['271'], debit: '1', credit: '1' }] });
    expect(both.status).toBe(422);
    expect(both.body.error).toMatchObject({ code: 'INVALID_JOURNAL', details: [{ path: 'lines/0/credit' }] });
    const party = await t.req('POST', '/api/accounting/journal_entry', { posting_date: today, lines: [{ account: acc['2410'], debit: '1', party: 3 }] });
    expect(party.body.error.details).toEqual([expect.objectContaining({ path: 'lines/0/party_type' })]);
    const unknown = await t.req('POST', '/api/accounting/journal_entry', {
      posting_date: today,
      lines: [{ account: acc['2410'], debit: '1', party_type: 'customer', party: 987654 }],
    });
    expect(unknown.body.error).toMatchObject({ code: 'INVALID_JOURNAL', details: [{ path: 'lines/0/party', message: 'customer 987654 does not exist' }] });
    const off = await t.req('POST', '/api/accounting/journal_entry', {
      posting_date: today,
      lines: [{ account: acc['4430'], credit: '1', party_type: 'supplier', party: 1 }],
    });
    expect(off.body.error.details).toEqual([expect.objectContaining({ path: 'lines/0/party_type', message: expect.stringMatching(/purchasing plugin/) })]);
  });

  it('submit refuses a group account, a receivable without party, and the temporary account outside an opening journal', async () => {
    const group = await journal([
      { account: acc['27'], debit: '5' },
      { account: acc['3010'], credit: '5' },
    ]);
    const g = await t.req('POST', `/api/accounting/journal_entry/${group.id}/submit`);
    expect([g.status, g.body.error.code, g.body.error.details[0].path]).toEqual([422, 'ACCOUNT_IS_GROUP', 'lines/0/account']);
    const noParty = await journal([
      { account: acc['3010'], debit: '5' },
      { account: acc['2410'], credit: '5' },
    ]);
    const p = await t.req('POST', `/api/accounting/journal_entry/${noParty.id}/submit`);
    expect([p.status, p.body.error.code, p.body.error.details[0].path]).toEqual([422, 'PARTY_REQUIRED', 'lines/1/party']);
    const temp = await journal([
      { account: acc['3990'], debit: '5' },
      { account: acc['3010'], credit: '5' },
    ]);
    const tr = await t.req('POST', `/api/accounting/journal_entry/${temp.id}/submit`);
    expect([tr.status, tr.body.error.code, tr.body.error.details[0].path]).toEqual([422, 'INVALID_JOURNAL', 'lines/0/account']);
    for (const id of [group.id, noParty.id, temp.id]) expect(await gl(id)).toEqual([]);
    const opening = await journal(
      [
        { account: acc['1205'], debit: '5000' },
        { account: acc['3990'], credit: '5000' },
      ],
      { entry_type: 'opening' },
    );
    expect((await t.req('POST', `/api/accounting/journal_entry/${opening.id}/submit`)).status).toBe(200);
  });

  it('submit posts the lines with their party and cost centre; cancel reverses exactly; amend copies to a new draft', async () => {
    const cc = await t.req('POST', '/api/accounting/cost_center', { name: 'Vilnius shop', code: 'VLN' });
    const j = await journal(
      [
        { account: acc['2410'], debit: '121.00', party_type: 'customer', party: customer, cost_center: cc.body.id },
        { account: acc['5000'], credit: '100.00', cost_center: cc.body.id },
        { account: acc['4492'], credit: '21.00' },
      ],
      { remarks: 'Manual sale' },
    );
    expect((await t.req('POST', `/api/accounting/journal_entry/${j.id}/submit`)).status).toBe(200);
    const posted = (
      await t.db.query(
        `select party_type, party, cost_center, voucher_no, remarks from accounting_gl_entry where voucher_id = $1 and voucher_type = 'accounting.journal_entry' order by id`,
        [j.id],
      )
    ).rows;
    expect(posted[0]).toMatchObject({ party_type: 'customer', party: customer, cost_center: cc.body.id, voucher_no: j.number, remarks: 'Manual sale' });
    expect((await t.req('POST', `/api/accounting/journal_entry/${j.id}/cancel`)).status).toBe(200);
    expect(await gl(j.id)).toEqual([
      { number: '2410', debit: '121.00', credit: '0.00', is_reversal: false },
      { number: '5000', debit: '0.00', credit: '100.00', is_reversal: false },
      { number: '4492', debit: '0.00', credit: '21.00', is_reversal: false },
      { number: '2410', debit: '0.00', credit: '121.00', is_reversal: true },
      { number: '5000', debit: '100.00', credit: '0.00', is_reversal: true },
      { number: '4492', debit: '21.00', credit: '0.00', is_reversal: true },
    ]);
    const amended = await t.req('POST', `/api/accounting/journal_entry/${j.id}/amend`);
    expect(amended.body).toMatchObject({ number: `${j.number}-1`, docstatus: 'draft', amended_from: j.id, total_debit: '121.00' });
  });

  it("accounts users draft journals but cannot post them; managers post; other plugins' users see no ledger", async () => {
    const user = await t.createUser('acc_user', ['accounting.accounts_user']);
    const manager = await t.createUser('acc_manager', ['accounting.accounts_manager']);
    const clerk = await t.createUser('stock_clerk', ['inventory.clerk']);
    const d = await user.req('POST', '/api/accounting/journal_entry', {
      posting_date: today,
      lines: [
        { account: acc['6220'], debit: '300' },
        { account: acc['271'], credit: '300' },
      ],
    });
    expect(d.status).toBe(201);
    expect((await user.req('POST', `/api/accounting/journal_entry/${d.body.id}/submit`)).status).toBe(403);
    expect((await user.req('GET', '/api/accounting/gl_entry')).status).toBe(200);
    expect((await user.req('POST', '/api/accounting/account', { number: '6221', name: 'X', root_type: 'expense' })).status).toBe(403);
    expect((await manager.req('POST', `/api/accounting/journal_entry/${d.body.id}/submit`)).status).toBe(200);
    for (const path of ['/api/accounting/gl_entry', '/api/accounting/account', '/api/accounting/journal_entry', '/api/accounting/account_balance'])
      expect((await clerk.req('GET', path)).status, path).toBe(403);
  });
});

describe('parallel journals', () => {
  it('50 journals submitted in parallel on the same accounts and day leave daily balances equal to their entries', async () => {
    const day = `${year}-01-15`;
    const drafts = [];
    for (let i = 0; i < 50; i++)
      drafts.push(
        await journal(
          [
            { account: acc[i % 2 ? '6220' : '6230'], debit: '10.01' },
            { account: acc['6240'], debit: '0.99' },
            { account: acc['271'], credit: '11.00' },
          ],
          { posting_date: day },
        ),
      );
    const results = await Promise.all(drafts.map((d) => t.req('POST', `/api/accounting/journal_entry/${d.id}/submit`)));
    expect(results.map((r) => r.status)).toEqual(drafts.map(() => 200));
    const rows = (
      await t.db.query(
        `select a.number, b.debit::text, b.credit::text from accounting_account_balance b join accounting_account a on a.id = b.account where b.posting_date = $1 order by a.number`,
        [day],
      )
    ).rows;
    expect(rows).toEqual([
      { number: '271', debit: '0.00', credit: '550.00' },
      { number: '6220', debit: '250.25', credit: '0.00' },
      { number: '6230', debit: '250.25', credit: '0.00' },
      { number: '6240', debit: '49.50', credit: '0.00' },
    ]);
    const entries = (
      await t.db.query(`select sum(debit)::text as d, sum(credit)::text as c, count(*)::int as n from accounting_gl_entry where posting_date = $1`, [day])
    ).rows[0];
    expect(entries).toEqual({ d: '550.00', c: '550.00', n: 150 });
  });
});

describe('period closing', () => {
  it('refuses a year with nothing to close, and a date outside the year', async () => {
    const fy = await t.req('POST', '/api/accounting/fiscal_year', { name: '2035', start_date: '2035-01-01', end_date: '2035-12-31' });
    const empty = await t.req('POST', '/api/accounting/period_closing_voucher', { fiscal_year: fy.body.id, posting_date: '2035-12-31' });
    const r = await t.req('POST', `/api/accounting/period_closing_voucher/${empty.body.id}/submit`);
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'NOTHING_TO_CLOSE', details: [{ path: 'fiscal_year' }] });
    const outside = await t.req('POST', '/api/accounting/period_closing_voucher', { fiscal_year: fy.body.id, posting_date: '2036-01-01' });
    const o = await t.req('POST', `/api/accounting/period_closing_voucher/${outside.body.id}/submit`);
    expect(o.status).toBe(422);
    expect(o.body.error.details[0]).toMatchObject({ path: 'posting_date' });
  });

  it("moves the year's income and expenses into retained earnings, closes the year, and cancel reopens it", async () => {
    const last = year - 1;
    const sale = await journal(
      [
        { account: acc['271'], debit: '1000.00' },
        { account: acc['5000'], credit: '1000.00' },
      ],
      { posting_date: `${last}-03-10` },
    );
    const cost = await journal(
      [
        { account: acc['6220'], debit: '250.40' },
        { account: acc['271'], credit: '250.40' },
      ],
      { posting_date: `${last}-05-20` },
    );
    for (const j of [sale, cost]) expect((await t.req('POST', `/api/accounting/journal_entry/${j.id}/submit`)).status).toBe(200);
    const fy = (await t.db.query(`select id from accounting_fiscal_year where name = $1`, [String(last)])).rows[0].id;
    const pcv = await t.req('POST', '/api/accounting/period_closing_voucher', { fiscal_year: Number(fy), posting_date: `${last}-12-31` });
    expect(pcv.status, JSON.stringify(pcv.body)).toBe(201);
    const s = await t.req('POST', `/api/accounting/period_closing_voucher/${pcv.body.id}/submit`);
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    expect(s.body.net_profit).toBe('749.60');
    const year_ = (
      await t.db.query(
        `select a.root_type, sum(b.debit - b.credit)::text as bal from accounting_account_balance b join accounting_account a on a.id = b.account
        where b.posting_date between $1 and $2 and a.root_type in ('income', 'expense') group by a.root_type order by 1`,
        [`${last}-01-01`, `${last}-12-31`],
      )
    ).rows;
    expect(year_).toEqual([
      { root_type: 'expense', bal: '0.00' },
      { root_type: 'income', bal: '0.00' },
    ]);
    const re = (await t.db.query(`select sum(credit - debit)::text as bal from accounting_account_balance where account = $1`, [acc['3411']])).rows[0].bal;
    expect(re).toBe('749.60');
    expect((await t.req('GET', `/api/accounting/fiscal_year/${fy}`)).body.closed).toBe(true);

    const late = await journal(
      [
        { account: acc['6220'], debit: '1' },
        { account: acc['271'], credit: '1' },
      ],
      { posting_date: `${last}-11-30` },
    );
    const refused = await t.req('POST', `/api/accounting/journal_entry/${late.id}/submit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'PERIOD_CLOSED', details: [{ path: 'posting_date' }] });
    expect(refused.body.error.message).toContain(String(last));

    expect((await t.req('POST', `/api/accounting/period_closing_voucher/${pcv.body.id}/cancel`)).status).toBe(200);
    expect((await t.req('GET', `/api/accounting/fiscal_year/${fy}`)).body.closed).toBe(false);
    expect(
      (await t.db.query(`select coalesce(sum(credit - debit), 0)::text as bal from accounting_account_balance where account = $1`, [acc['3411']])).rows[0].bal,
    ).toBe('0.00');
    expect((await t.req('POST', `/api/accounting/journal_entry/${late.id}/submit`)).status).toBe(200);
  });
});

describe('verify and backfill', () => {
  it('verify is ok after the postings above, and finds a daily balance that does not match its entries', async () => {
    const ok = await t.service.withServices(SYSTEM_USER, (ctx) => verifyLedger(ctx));
    expect(ok.problems).toEqual([]);
    expect(ok.ok).toBe(true);
    expect(ok.checked.vouchers).toBeGreaterThan(5);
    await t.db.query(`update accounting_account_balance set debit = debit + 0.01 where id = (select min(id) from accounting_account_balance)`);
    try {
      const bad = await t.service.withServices(SYSTEM_USER, (ctx) => verifyLedger(ctx));
      expect(bad.ok).toBe(false);
      expect(bad.problems).toEqual([expect.objectContaining({ check: 'daily_balance' })]);
    } finally {
      await t.db.query(`update accounting_account_balance set debit = debit - 0.01 where id = (select min(id) from accounting_account_balance)`);
    }
  });

  it('accounts managers run verify and backfill without permissions on the documents they read; others may not', async () => {
    const manager = await t.createUser('verify_manager', ['accounting.accounts_manager']);
    const user = await t.createUser('verify_user', ['accounting.accounts_user']);
    const item = await t.req('POST', '/api/inventory/item', {
      code: 'VRF',
      name: 'Verified',
      stock_uom: (await t.db.query(`select id from inventory_uom order by id limit 1`)).rows[0].id,
    });
    expect(item.status).toBe(201);
    // a zero-value receipt has no entries: verify and backfill read it (and find nothing to post)
    const wh = await t.req('POST', '/api/inventory/warehouse', { name: 'Verify store' });
    const se = await t.req('POST', '/api/inventory/stock_entry', {
      purpose: 'receipt',
      posting_date: today,
      to_warehouse: wh.body.id,
      lines: [{ item: item.body.id, qty: '1', rate: '0' }],
    });
    expect((await t.req('POST', `/api/inventory/stock_entry/${se.body.id}/submit`)).status).toBe(200);
    const v = await manager.req('GET', '/api/accounting/reports/verify');
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body.ok).toBe(true);
    expect((await manager.req('POST', '/api/accounting/backfill')).body).toEqual({ posted: 0, vouchers: 0, failed: [] });
    expect((await user.req('POST', '/api/accounting/backfill')).status).toBe(403);
  });

  it('verify finds a submitted document without entries and a stock account off the stock ledger; backfill posts the document', async () => {
    const url = await createTestDatabase();
    const a = await startApp({ plugins: ['inventory'] }, { url });
    const uom = (await a.db.query(`select id from inventory_uom order by id limit 1`)).rows[0].id;
    const item = await a.req('POST', '/api/inventory/item', { code: 'NUT', name: 'Nut', stock_uom: uom });
    const wh = await a.req('POST', '/api/inventory/warehouse', { name: 'Main' });
    const se = await a.req('POST', '/api/inventory/stock_entry', {
      purpose: 'receipt',
      posting_date: today,
      to_warehouse: wh.body.id,
      lines: [{ item: item.body.id, qty: '10', rate: '10' }],
    });
    expect((await a.req('POST', `/api/inventory/stock_entry/${se.body.id}/submit`)).status).toBe(200);
    await a.close();
    // accounting switched on later, without the automatic backfill
    const b = await startApp({ plugins: ['inventory', 'accounting'], settings: { accounting: { backfill_on_start: false } } } as any, { url });
    try {
      const before = await b.service.withServices(SYSTEM_USER, (ctx) => verifyLedger(ctx));
      expect(before.problems.map((p) => p.check).sort()).toEqual(['missing_entries', 'stock_account']);
      expect(before.problems.find((p) => p.check === 'stock_account')!.message).toMatch(/1300 .*ledger balance 0\.00 <> stock ledger value 100\.00/);
      const run = await b.req('POST', '/api/accounting/backfill');
      expect(run.body).toEqual({ posted: 1, vouchers: 1, failed: [] });
      const stock = (
        await b.db.query(
          `select sum(g.debit - g.credit)::text as v from accounting_gl_entry g join accounting_account a on a.id = g.account where a.number = '1300'`,
        )
      ).rows[0].v;
      expect(stock).toBe('100.00');
      expect((await b.req('POST', '/api/accounting/backfill')).body).toEqual({ posted: 0, vouchers: 0, failed: [] });
      const route = await b.req('GET', `/api/accounting/reports/verify?as_of=${today}`);
      expect(route.status).toBe(200);
      expect(route.body.data).toEqual([]);
      expect(route.body.ok).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('the backfill runs on start by default', async () => {
    const url = await createTestDatabase();
    const a = await startApp({ plugins: ['inventory'] }, { url });
    const uom = (await a.db.query(`select id from inventory_uom order by id limit 1`)).rows[0].id;
    const item = await a.req('POST', '/api/inventory/item', { code: 'BOLT', name: 'Bolt', stock_uom: uom });
    const wh = await a.req('POST', '/api/inventory/warehouse', { name: 'Main' });
    const se = await a.req('POST', '/api/inventory/stock_entry', {
      purpose: 'receipt',
      posting_date: today,
      to_warehouse: wh.body.id,
      lines: [{ item: item.body.id, qty: '3', rate: '2.50' }],
    });
    expect((await a.req('POST', `/api/inventory/stock_entry/${se.body.id}/submit`)).status).toBe(200);
    await a.close();
    const b = await startApp({ plugins: ['inventory', 'accounting'] }, { url });
    try {
      expect((await b.db.query(`select count(*)::int as n from accounting_gl_entry where voucher_type = 'inventory.stock_entry'`)).rows[0].n).toBe(2);
      expect((await b.service.withServices(SYSTEM_USER, (ctx) => verifyLedger(ctx))).ok).toBe(true);
    } finally {
      await b.close();
    }
  });
});
