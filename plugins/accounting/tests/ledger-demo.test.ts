/**
 * The ledger's demo data: the shipped configuration turns accounting on with the LT chart;
 * the demo posts the owner's investment and opening balances, the ledger verifies and the
 * accounting roles have demo users. (The whole shipped demo, every module, is loaded and
 * verified by postings-demo.test.ts; here inventory + accounting keep it quick.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR, SYSTEM_USER } from '@tessera/core';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { verifyLedger } from '../src/ledger/verify.js';

let t: TestApp;
const config = JSON.parse(readFileSync(join(ROOT_DIR, 'tessera.config.json'), 'utf8'));

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'accounting'], company: config.company, settings: config.settings }, { demo: true });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('the demo client', () => {
  it('enables accounting with the Lithuanian chart', () => {
    expect(config.plugins).toContain('accounting');
    expect(config.settings.accounting.chart).toBe('lt');
  });

  it('has the owner investment and opening balances, a balanced trial balance, and verify is ok', async () => {
    const journals = (await t.db.query(`select entry_type, total_debit::text from accounting_journal_entry where docstatus = 'submitted' order by id`)).rows;
    expect(journals.slice(0, 2)).toEqual([
      { entry_type: 'bank', total_debit: '50000.00' },
      { entry_type: 'opening', total_debit: '18000.00' },
    ]);
    const tb = (await t.db.query(`select sum(debit)::text as d, sum(credit)::text as c from accounting_account_balance`)).rows[0];
    expect(tb.d).toBe(tb.c);
    const v = await t.service.withServices(SYSTEM_USER, (ctx) => verifyLedger(ctx));
    expect(v.problems).toEqual([]);
    expect((await t.db.query(`select count(distinct voucher_type)::int as n from accounting_gl_entry`)).rows[0].n).toBeGreaterThanOrEqual(2);
    const bank = (
      await t.db.query(
        `select sum(g.debit - g.credit)::text as v from accounting_gl_entry g join accounting_account a on a.id = g.account where a.number = '271'`,
      )
    ).rows[0].v;
    expect(bank).toBe('50000.00');
  });

  it('has demo users for the accounting roles', async () => {
    const users = (await t.db.query(`select username from auth_user where username like 'accounting.%' order by 1`)).rows.map((r: any) => r.username);
    expect(users).toEqual(['accounting.accounts_manager', 'accounting.accounts_user']);
  });
});
