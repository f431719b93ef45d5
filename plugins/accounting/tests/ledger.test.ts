/**
 * The general ledger: chart templates and rules, postVoucher's refusals (each a 4xx with a
 * stable code and a field path, nothing written), round-off, exact reversal, the append-only
 * trigger, daily balances under parallel postings, accountFor's mappings and defaults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_USER } from '@tessera/core';
import { createTestDatabase, startApp, type TestApp } from '../../../tests/helpers.js';
import { accountFor, postVoucher, reverseVoucher } from '../src/ledger/post.js';
import type { Voucher } from '../src/contract.js';
import { fiscalYearBounds } from '../src/ledger/periods.js';
import { LEDGER_ERRORS } from '../src/ledger/errors.js';
import { readFileSync } from 'node:fs';
import { ROOT_DIR } from '@tessera/core';

let t: TestApp;
const acc: Record<string, number> = {};
const today = new Date().toISOString().slice(0, 10);

async function glCount(): Promise<number> {
  return (await t.db.query(`select count(*)::int as n from accounting_gl_entry`)).rows[0].n;
}
const post = (v: Voucher) => t.service.withServices(SYSTEM_USER, (ctx) => postVoucher(ctx, v));
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e) => ({ code: e.code, status: e.status, message: e.message as string, details: e.details }),
  );
let voucherSeq = 1000;
const voucher = (lines: Voucher['lines'], date = today): Voucher => ({
  voucher_type: 'test.voucher',
  voucher_id: ++voucherSeq,
  voucher_no: `TV-${voucherSeq}`,
  posting_date: date,
  lines,
});

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'accounting'], settings: { accounting: { chart: 'lt' } } } as any);
  for (const r of (await t.db.query(`select id, number from accounting_account`)).rows) acc[r.number] = Number(r.id);
});
afterAll(async () => {
  await t?.close();
});

describe('chart of accounts', () => {
  it('the LT template loads with Lithuanian names, English labels and the six classes', async () => {
    const r = await t.req('GET', `/api/accounting/account/${acc['2410']}`);
    expect(r.body).toMatchObject({
      number: '2410',
      name: 'Pirkėjų įsiskolinimas',
      name_en: 'Trade receivables',
      root_type: 'asset',
      account_type: 'receivable',
      is_current: true,
      is_group: false,
    });
    const classes = (await t.db.query(`select number, name, root_type from accounting_account where parent is null order by number`)).rows;
    expect(classes.map((c: any) => [c.number, c.root_type])).toEqual([
      ['1', 'asset'],
      ['2', 'asset'],
      ['3', 'equity'],
      ['4', 'liability'],
      ['5', 'income'],
      ['6', 'expense'],
    ]);
    expect(classes.map((c: any) => c.name)).toEqual([
      'Ilgalaikis turtas',
      'Trumpalaikis turtas',
      'Nuosavas kapitalas',
      'Mokėtinos sumos ir įsipareigojimai',
      'Pajamos',
      'Sąnaudos',
    ]);
    for (const n of ['2040', '271', '272', '4430', '4492', '2441', '3411', '5000', '6000']) expect(acc[n], n).toBeGreaterThan(0);
  });

  it("the seed runs again without overwriting a consultant's edits; the generic template is the default", async () => {
    const url = await createTestDatabase();
    const a = await startApp({ plugins: ['inventory', 'accounting'] }, { url });
    const [ar] = (await a.db.query(`select id, name from accounting_account where number = '1200'`)).rows;
    expect(ar.name).toBe('Accounts receivable');
    expect((await a.req('PUT', `/api/accounting/account/${ar.id}`, { name: 'Customers' })).status).toBe(200);
    const other = (await a.db.query(`select id from accounting_account where number = '4900'`)).rows[0].id;
    expect((await a.req('DELETE', `/api/accounting/account/${other}`)).status).toBe(200);
    const before = (await a.db.query(`select count(*)::int as n from accounting_account`)).rows[0].n;
    await a.close();
    const b = await startApp({ plugins: ['inventory', 'accounting'] }, { url });
    try {
      expect((await b.db.query(`select name from accounting_account where number = '1200'`)).rows[0].name).toBe('Customers');
      expect((await b.db.query(`select count(*)::int as n from accounting_account`)).rows[0].n).toBe(before);
      expect((await b.db.query(`select count(*)::int as n from accounting_fiscal_year`)).rows[0].n).toBe(2);
      expect((await b.db.query(`select count(*)::int as n from accounting_accounting_period`)).rows[0].n).toBe(24);
    } finally {
      await b.close();
    }
  });

  it('a parent must be a group of the same root type', async () => {
    const notGroup = await t.req('POST', '/api/accounting/account', { number: '2411', name: 'Kiti pirkėjai', root_type: 'asset', parent: acc['2410'] });
    expect(notGroup.status).toBe(422);
    expect(notGroup.body.error).toMatchObject({ code: 'INVALID_ACCOUNT_PARENT', details: [{ path: 'parent' }] });
    const otherRoot = await t.req('POST', '/api/accounting/account', { number: '2499', name: 'Klaida', root_type: 'expense', parent: acc['24'] });
    expect(otherRoot.status).toBe(422);
    expect(otherRoot.body.error.message).toMatch(/same root type/);
    const ok = await t.req('POST', '/api/accounting/account', {
      number: '2460',
      name: 'Gautinos paskolos',
      root_type: 'asset',
      parent: acc['24'],
      is_current: true,
    });
    expect(ok.status).toBe(201);
    acc['2460'] = ok.body.id;
  });

  it('an account with entries keeps its root type and cannot be deleted', async () => {
    await post(
      voucher([
        { account: acc['2460']!, debit: '10.00' },
        { account: acc['3010']!, credit: '10.00' },
      ]),
    );
    const change = await t.req('PUT', `/api/accounting/account/${acc['2460']}`, { root_type: 'expense', parent: null });
    expect(change.status).toBe(409);
    expect(change.body.error).toMatchObject({ code: 'ACCOUNT_HAS_ENTRIES', details: [{ path: 'root_type' }] });
    const del = await t.req('DELETE', `/api/accounting/account/${acc['2460']}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('ACCOUNT_HAS_ENTRIES');
    expect((await t.req('GET', `/api/accounting/account/${acc['2460']}`)).body.root_type).toBe('asset');
    const group = await t.req('PUT', `/api/accounting/account/${acc['2460']}`, { is_group: true });
    expect(group.body.error).toMatchObject({ code: 'ACCOUNT_HAS_ENTRIES', details: [{ path: 'is_group' }] });
    const ledger = await t.req('PUT', `/api/accounting/account/${acc['24']}`, { is_group: false });
    expect(ledger.status).toBe(422);
    expect(ledger.body.error.details[0]).toMatchObject({ path: 'is_group' });
  });
});

describe('postVoucher refuses bad vouchers whole, with a code and a field path', () => {
  it('unbalanced beyond the round-off limit: UNBALANCED_VOUCHER on lines', async () => {
    const before = await glCount();
    const e = await refusal(
      post(
        voucher([
          { account: acc['271']!, debit: '100.00' },
          { account: acc['3010']!, credit: '99.90' },
        ]),
      ),
    );
    expect(e).toMatchObject({ code: 'UNBALANCED_VOUCHER', status: 422, details: [{ path: 'lines' }] });
    expect(e.message).toMatch(/100\.00.*99\.90.*0\.10/);
    expect(await glCount()).toBe(before);
  });

  it('posting to a group, a frozen or a disabled account, or a receivable without party', async () => {
    const before = await glCount();
    expect(
      await refusal(
        post(
          voucher([
            { account: acc['27']!, debit: '5' },
            { account: acc['3010']!, credit: '5' },
          ]),
        ),
      ),
    ).toMatchObject({ code: 'ACCOUNT_IS_GROUP', status: 422, details: [{ path: 'lines/0/account' }] });
    await t.db.query(`update accounting_account set frozen = true where number = '1600'`);
    await t.db.query(`update accounting_account set disabled = true where number = '1130'`);
    expect(
      await refusal(
        post(
          voucher([
            { account: acc['3010']!, credit: '5' },
            { account: acc['1600']!, debit: '5' },
          ]),
        ),
      ),
    ).toMatchObject({ code: 'ACCOUNT_FROZEN', details: [{ path: 'lines/1/account' }] });
    expect(
      await refusal(
        post(
          voucher([
            { account: acc['1130']!, debit: '5' },
            { account: acc['3010']!, credit: '5' },
          ]),
        ),
      ),
    ).toMatchObject({ code: 'ACCOUNT_DISABLED', details: [{ path: 'lines/0/account' }] });
    const party = await refusal(
      post(
        voucher([
          { account: acc['2410']!, debit: '5' },
          { account: acc['5000']!, credit: '5' },
        ]),
      ),
    );
    expect(party).toMatchObject({ code: 'PARTY_REQUIRED', details: [{ path: 'lines/0/party' }] });
    expect(await glCount()).toBe(before);
  });

  it('a cost centre must exist and not be a group or disabled', async () => {
    const group = await t.req('POST', '/api/accounting/cost_center', { name: 'All shops', is_group: true });
    const before = await glCount();
    const e = await refusal(
      post(
        voucher([
          { account: acc['6220']!, debit: '5', cost_center: group.body.id },
          { account: acc['271']!, credit: '5' },
        ]),
      ),
    );
    expect(e).toMatchObject({ code: 'INVALID_COST_CENTER', status: 422, details: [{ path: 'lines/0/cost_center' }] });
    expect(await glCount()).toBe(before);
  });

  it('fiscal years may not overlap, and a new one gets its monthly periods', async () => {
    const overlap = await t.req('POST', '/api/accounting/fiscal_year', {
      name: 'X',
      start_date: `${today.slice(0, 4)}-06-01`,
      end_date: `${Number(today.slice(0, 4)) + 1}-05-31`,
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error).toMatchObject({ code: 'INVALID_FISCAL_YEAR', details: [{ path: 'start_date' }] });
    const backwards = await t.req('POST', '/api/accounting/fiscal_year', { name: 'Y', start_date: '2040-12-31', end_date: '2040-01-01' });
    expect(backwards.body.error).toMatchObject({ code: 'INVALID_FISCAL_YEAR', details: [{ path: 'end_date' }] });
    const fy = await t.req('POST', '/api/accounting/fiscal_year', { name: '2040', start_date: '2040-01-01', end_date: '2040-12-31' });
    expect(fy.status).toBe(201);
    const periods = (
      await t.db.query(`select name, to_char(end_date, 'YYYY-MM-DD') as e from accounting_accounting_period where fiscal_year = $1 order by start_date`, [
        fy.body.id,
      ])
    ).rows;
    expect(periods).toHaveLength(12);
    expect(periods[1]).toEqual({ name: '2040-02', e: '2040-02-29' });
  });

  it('a closed period refuses postings, naming the period', async () => {
    const month = today.slice(0, 7);
    await t.db.query(`update accounting_accounting_period set status = 'closed' where name = $1`, [month]);
    try {
      const before = await glCount();
      const e = await refusal(
        post(
          voucher([
            { account: acc['271']!, debit: '1' },
            { account: acc['3010']!, credit: '1' },
          ]),
        ),
      );
      expect(e).toMatchObject({ code: 'PERIOD_CLOSED', status: 409, details: [{ path: 'posting_date' }] });
      expect(e.message).toContain(month);
      expect(await glCount()).toBe(before);
    } finally {
      await t.db.query(`update accounting_accounting_period set status = 'open' where name = $1`, [month]);
    }
  });

  it('a missing default account names which default and where to set it', async () => {
    const u = await startApp({ plugins: ['inventory', 'accounting'], settings: { accounting: { chart: 'lt', defaults: { round_off: '6899' } } } } as any);
    try {
      const [bank, cap] = (await u.db.query(`select id from accounting_account where number in ('271', '3010') order by number`)).rows.map((r: any) =>
        Number(r.id),
      );
      const e = await refusal(
        u.service.withServices(SYSTEM_USER, (ctx) =>
          postVoucher(
            ctx,
            voucher([
              { account: bank!, debit: '1.00' },
              { account: cap!, credit: '0.98' },
            ]),
          ),
        ),
      );
      expect(e).toMatchObject({ code: 'ACCOUNT_NOT_CONFIGURED', status: 422, details: [{ path: 'settings.accounting.defaults.round_off' }] });
      expect(e.message).toMatch(/round_off account 6899 .*settings\.accounting\.defaults\.round_off/);
      const stock = await refusal(
        u.service.withServices(SYSTEM_USER, async (ctx) => {
          await ctx.sql(`delete from accounting_account where number = '2040'`);
          return accountFor(ctx, 'stock', { warehouse: 1 });
        }),
      );
      expect(stock.message).toMatch(/accounting\.warehouse_account/);
      expect((await u.db.query(`select count(*)::int as n from accounting_gl_entry`)).rows[0].n).toBe(0);
    } finally {
      await u.close();
    }
  });
});

describe('posting', () => {
  it('a rounding residual of at most 0.05 goes to the round-off account, never silently', async () => {
    const v = voucher([
      { account: acc['271']!, debit: '10.004' },
      { account: acc['3010']!, credit: '9.97' },
    ]);
    await post(v);
    const rows = (
      await t.db.query(
        `select a.number, g.debit::text, g.credit::text from accounting_gl_entry g join accounting_account a on a.id = g.account where voucher_id = $1 order by g.id`,
        [v.voucher_id],
      )
    ).rows;
    expect(rows).toEqual([
      { number: '271', debit: '10.00', credit: '0.00' },
      { number: '3010', debit: '0.00', credit: '9.97' },
      { number: '6890', debit: '0.00', credit: '0.03' },
    ]);
  });

  it('a reversal is the exact opposite of every live entry, and a second one finds nothing', async () => {
    const v = voucher([
      { account: acc['271']!, debit: '123.45' },
      { account: acc['2410']!, credit: '23.45', party_type: 'customer', party: 7 },
      { account: acc['3010']!, credit: '100.00' },
    ]);
    await post(v);
    expect(await t.service.withServices(SYSTEM_USER, (ctx) => reverseVoucher(ctx, v.voucher_type, v.voucher_id))).toBe(3);
    expect(await t.service.withServices(SYSTEM_USER, (ctx) => reverseVoucher(ctx, v.voucher_type, v.voucher_id))).toBe(0);
    const rows = (
      await t.db.query(
        `select g.account, g.debit::text, g.credit::text, g.party_type, g.party, g.is_reversal, o.debit::text as o_debit, o.credit::text as o_credit, o.account as o_account
         from accounting_gl_entry g left join accounting_gl_entry o on o.id = g.reverses where g.voucher_id = $1 order by g.id`,
        [v.voucher_id],
      )
    ).rows;
    expect(rows).toHaveLength(6);
    for (const r of rows.filter((x: any) => x.is_reversal)) expect([r.debit, r.credit, r.account]).toEqual([r.o_credit, r.o_debit, r.o_account]);
    expect(rows.find((r: any) => r.is_reversal && r.party_type === 'customer')).toMatchObject({ party: 7, debit: '23.45' });
    const net = (await t.db.query(`select sum(debit - credit)::text as n from accounting_gl_entry where voucher_id = $1 group by account`, [v.voucher_id]))
      .rows;
    expect(net.every((r: any) => Number(r.n) === 0)).toBe(true);
  });

  it('the append-only trigger refuses UPDATE and DELETE of entries', async () => {
    await expect(t.db.query(`update accounting_gl_entry set debit = debit + 1`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(t.db.query(`delete from accounting_gl_entry`)).rejects.toThrow(/append-only: DELETE/);
    expect((await t.req('DELETE', '/api/accounting/gl_entry/1')).status).toBeGreaterThanOrEqual(400);
  });

  it('daily balances equal the entries after 50 parallel postings on the same accounts and day (no deadlock)', async () => {
    const accounts = [acc['271']!, acc['272']!, acc['3010']!, acc['5000']!, acc['6290']!];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        // Each voucher touches the accounts in a different order: the upsert still locks in account order.
        const order = i % 2 ? [...accounts].reverse() : accounts;
        return post(
          voucher(
            [
              { account: order[0]!, debit: '1.10' },
              { account: order[1]!, debit: '2.20' },
              { account: order[2]!, credit: '0.30' },
              { account: order[3]!, credit: '1.00' },
              { account: order[4]!, credit: '2.00' },
            ],
            '2026-02-14',
          ),
        );
      }),
    );
    const mismatch = (
      await t.db.query(
        `select coalesce(b.account, g.account) as account from accounting_account_balance b
         full join (select account, posting_date, sum(debit) d, sum(credit) c from accounting_gl_entry group by 1, 2) g
           on g.account = b.account and g.posting_date = b.posting_date
        where b.account is null or g.account is null or b.debit <> g.d or b.credit <> g.c`,
      )
    ).rows;
    expect(mismatch).toEqual([]);
    const day = (
      await t.db.query(`select sum(debit)::text d, sum(credit)::text c, count(*)::int n from accounting_account_balance where posting_date = '2026-02-14'`)
    ).rows[0];
    expect(day).toEqual({ d: '165.00', c: '165.00', n: 5 });
  });
});

describe('fiscal years', () => {
  it('follow company.fiscalYearStart', () => {
    expect(fiscalYearBounds('01-01', '2026-03-05')).toEqual({ start: '2026-01-01', end: '2026-12-31', name: '2026' });
    expect(fiscalYearBounds('07-01', '2026-03-05')).toEqual({ start: '2025-07-01', end: '2026-06-30', name: '2025-2026' });
    expect(fiscalYearBounds('07-01', '2026-07-01')).toEqual({ start: '2026-07-01', end: '2027-06-30', name: '2026-2027' });
  });

  it('a posting into a year nobody created creates it with its twelve open periods', async () => {
    await post(
      voucher(
        [
          { account: acc['271']!, debit: '1.00' },
          { account: acc['3010']!, credit: '1.00' },
        ],
        '2031-08-09',
      ),
    );
    const fy = (
      await t.db.query(
        `select fy.name, count(p.id)::int as periods, bool_and(p.status = 'open') as open from accounting_fiscal_year fy join accounting_accounting_period p on p.fiscal_year = fy.id where fy.name = '2031' group by fy.name`,
      )
    ).rows;
    expect(fy).toEqual([{ name: '2031', periods: 12, open: true }]);
    expect(
      (
        await t.db.query(
          `select fy.name from accounting_gl_entry g join accounting_fiscal_year fy on fy.id = g.fiscal_year where g.posting_date = '2031-08-09' limit 1`,
        )
      ).rows[0].name,
    ).toBe('2031');
  });
});

describe('accountFor', () => {
  it('uses the warehouse (or its parent group) mapping, the item group (or parent) mapping, then the default', async () => {
    const g = await t.req('POST', '/api/inventory/warehouse', { name: 'All stores', is_group: true });
    const w = await t.req('POST', '/api/inventory/warehouse', { name: 'Vilnius', parent: g.body.id });
    const other = await t.req('POST', '/api/inventory/warehouse', { name: 'Kaunas' });
    expect((await t.req('POST', '/api/accounting/warehouse_account', { warehouse: g.body.id, account: acc['2050'] })).status).toBe(201);
    const ig = await t.req('POST', '/api/inventory/item_group', { name: 'Tools' });
    const sub = await t.req('POST', '/api/inventory/item_group', { name: 'Hand tools', parent: ig.body.id });
    const wrong = await t.req('POST', '/api/accounting/item_group_account', {
      item_group: ig.body.id,
      income_account: acc['6000'],
      expense_account: acc['62'],
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.map((d: any) => d.path)).toEqual(['income_account', 'expense_account']);
    expect((await t.req('POST', '/api/accounting/item_group_account', { item_group: ig.body.id, income_account: acc['5010'] })).status).toBe(201);
    const got = await t.service.withServices(SYSTEM_USER, async (ctx) => [
      await accountFor(ctx, 'stock', { warehouse: w.body.id }),
      await accountFor(ctx, 'stock', { warehouse: other.body.id }),
      await accountFor(ctx, 'income', { itemGroup: sub.body.id }),
      await accountFor(ctx, 'expense', { itemGroup: sub.body.id }),
      await accountFor(ctx, 'receivable'),
    ]);
    expect(got).toEqual([acc['2050'], acc['2040'], acc['5010'], acc['6290'], acc['2410']]);
  });
});

describe('without sales and purchasing', () => {
  it('credit and debit notes load with their invoice references as plain ids (no foreign key to a plugin that is off)', async () => {
    const meta = (await t.req('GET', '/api/meta')).body.entities;
    const note = meta.find((e: any) => e.key === 'accounting.credit_note');
    const invoice = note.fields.find((f: any) => f.name === 'invoice');
    expect(invoice.ref).toBeUndefined();
    expect(invoice.kind).toBe('integer');
    expect(note.fields.find((c: any) => c.name === 'lines').children.fields.find((f: any) => f.name === 'invoice_line').ref).toBeUndefined();
    const fks = await t.db.query(
      `select 1 from pg_constraint where contype = 'f' and conrelid = 'accounting_credit_note'::regclass and confrelid <> 'inventory_warehouse'::regclass`,
    );
    expect(fks.rows).toEqual([]);
  });
});

describe('the error catalogue', () => {
  it('lists every ledger code in docs/accounting.md with its English and Lithuanian text', () => {
    const doc = readFileSync(`${ROOT_DIR}/docs/accounting.md`, 'utf8');
    for (const [code, e] of Object.entries(LEDGER_ERRORS)) expect(doc, code).toContain(`| \`${code}\` | ${e.status} | ${e.en} | ${e.lt} |`);
  });
});
