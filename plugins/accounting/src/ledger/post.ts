/**
 * The posting API: the only writer of general-ledger entries and daily balances.
 *
 *   postVoucher(ctx, voucher)      validates, balances (a residual of at most 0.05 goes to the
 *                                  round-off account), writes gl_entry rows and upserts
 *                                  account_balance, in the caller's transaction.
 *   reverseVoucher(ctx, type, id)  posts the exact opposite of every live entry of a voucher.
 *   accountFor(ctx, role, scope)   the account for a role: warehouse / item-group mapping
 *                                  first, then the company default (settings, by number).
 *
 * Rules: amounts are exact decimals rounded half-up to the cent per line; a voucher is
 * refused whole (nothing written) on any problem, with each problem's field path. Daily
 * balance rows are upserted in ascending (account, date) order in one statement, so parallel
 * postings on the same accounts queue on row locks instead of deadlocking.
 */
import { choiceText, Decimal, type FieldProblem, type ServiceContext } from '@tessera/core';
import type { DefaultAccount, GlLine, Voucher } from '../contract.js';
import { defaultAccountNumber } from '../settings.js';
import { ledgerError } from './errors.js';
import { assertOpen } from './periods.js';
import { errors } from './errors.js';

export const GL_TABLE = 'accounting_gl_entry';
export const BALANCE_TABLE = 'accounting_account_balance';
export const ACCOUNT_TABLE = 'accounting_account';

/** The largest residual the round-off account absorbs (per voucher). */
export const ROUND_OFF_LIMIT = new Decimal('0.05');

const PARTY_ACCOUNT_TYPES = new Set(['receivable', 'payable']);
const PARTY_TYPES = new Set<string>(['customer', 'supplier', 'employee']);

export interface AccountRow {
  id: number;
  number: string;
  name: string;
  is_group: boolean;
  frozen: boolean;
  disabled: boolean;
  root_type: string;
  account_type: string | null;
}

const cents = (v: unknown): Decimal => {
  if (v === undefined || v === null || v === '') return new Decimal(0);
  return new Decimal(String(v)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
};

export async function loadAccounts(ctx: Pick<ServiceContext, 'sql'>, ids: number[]): Promise<Map<number, AccountRow>> {
  const rows = ids.length
    ? await ctx.sql<AccountRow>(
        `select id, number, name, is_group, frozen, disabled, root_type, account_type from ${ACCOUNT_TABLE} where id = any($1::bigint[])`,
        [[...new Set(ids)]],
      )
    : [];
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
}

interface Row {
  /** Index in the voucher's lines (error paths name it even when zero lines are dropped). */
  index: number;
  account: number;
  debit: Decimal;
  credit: Decimal;
  line: GlLine;
}

/** Live entries of a voucher: not reversals, and not yet reversed. */
const LIVE = (alias: string) => `not ${alias}.is_reversal and not exists (select 1 from ${GL_TABLE} r where r.reverses = ${alias}.id)`;

export async function hasLiveEntries(ctx: Pick<ServiceContext, 'sql'>, voucherType: string, voucherId: number): Promise<boolean> {
  const rows = await ctx.sql(`select 1 from ${GL_TABLE} g where g.voucher_type = $1 and g.voucher_id = $2 and ${LIVE('g')} limit 1`, [voucherType, voucherId]);
  return rows.length > 0;
}

export async function postVoucher(ctx: ServiceContext, v: Voucher): Promise<void> {
  const head: FieldProblem[] = [];
  if (!v.voucher_type) head.push({ path: 'voucher_type', ...errors.t('required') });
  if (!Number.isInteger(Number(v.voucher_id))) head.push({ path: 'voucher_id', ...errors.t('integer') });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.posting_date ?? '')) head.push({ path: 'posting_date', ...errors.t('date_yyyy_mm_dd_2') });
  if (!Array.isArray(v.lines) || v.lines.length === 0) head.push({ path: 'lines', ...errors.t('have_least_one_line') });
  if (head.length) throw ledgerError('INVALID_VOUCHER', head.map((p) => `${p.path} ${p.message}`).join('; '), head);

  // Normalise: round each line to the cent; a negative side moves to the other side.
  const rows: Row[] = [];
  const shape: FieldProblem[] = [];
  v.lines.forEach((line, i) => {
    let d: Decimal, c: Decimal;
    try {
      d = cents(line.debit);
      c = cents(line.credit);
    } catch {
      shape.push({ path: `lines/${i}/debit`, ...errors.t('debit_credit_decimal_strings') });
      return;
    }
    if (d.isNeg()) [c, d] = [c.sub(d), new Decimal(0)];
    if (c.isNeg()) [d, c] = [d.sub(c), new Decimal(0)];
    if (d.isZero() && c.isZero()) return;
    if (!Number.isInteger(Number(line.account))) shape.push({ path: `lines/${i}/account`, ...errors.t('required') });
    if (line.party_type != null && !PARTY_TYPES.has(line.party_type))
      shape.push({ path: `lines/${i}/party_type`, ...errors.t('must_be_party_type', { value: String([...PARTY_TYPES].join(', ')) }) });
    rows.push({ index: i, account: Number(line.account), debit: d, credit: c, line });
  });
  if (shape.length) throw ledgerError('INVALID_VOUCHER', shape.map((p) => `${p.path} ${p.message}`).join('; '), shape);
  if (!rows.length) return; // nothing of value to post (e.g. a zero-value document)

  const totalDebit = rows.reduce((a, r) => a.add(r.debit), new Decimal(0));
  const totalCredit = rows.reduce((a, r) => a.add(r.credit), new Decimal(0));
  const diff = totalDebit.sub(totalCredit);
  if (diff.abs().gt(ROUND_OFF_LIMIT))
    throw ledgerError(
      'UNBALANCED_VOUCHER',
      errors.t('lines_debits_credits_differ_voucher', {
        value: String(totalDebit.toFixed(2)),
        value2: String(totalCredit.toFixed(2)),
        value3: String(diff.toFixed(2)),
        value4: String(ROUND_OFF_LIMIT.toFixed(2)),
      }),
      [
        {
          path: 'lines',
          ...errors.t('debits_credits', { value: String(totalDebit.toFixed(2)), value2: String(totalCredit.toFixed(2)), value3: String(diff.toFixed(2)) }),
          code: 'unbalanced',
        },
      ],
    );
  if (!diff.isZero()) {
    const roundOff = await accountFor(ctx, 'round_off');
    rows.push({
      index: v.lines.length,
      account: roundOff,
      debit: diff.isNeg() ? diff.neg() : new Decimal(0),
      credit: diff.isPos() ? diff : new Decimal(0),
      line: { account: roundOff, remarks: 'Rounding difference' },
    });
  }

  // One round trip for the accounts and whether the voucher already has live entries.
  const [facts] = await ctx.sql<{ accounts: AccountRow[]; live: boolean }>(
    `select coalesce((select json_agg(json_build_object('id', id, 'number', number, 'name', name, 'is_group', is_group, 'frozen', frozen,
                        'disabled', disabled, 'root_type', root_type, 'account_type', account_type))
                        from ${ACCOUNT_TABLE} where id = any($1::bigint[])), '[]'::json) as accounts,
            exists (select 1 from ${GL_TABLE} g where g.voucher_type = $2 and g.voucher_id = $3 and ${LIVE('g')}) as live`,
    [[...new Set(rows.map((r) => r.account))], v.voucher_type, Number(v.voucher_id)],
  );
  const accounts = new Map(facts!.accounts.map((a) => [Number(a.id), { ...a, id: Number(a.id) }]));
  const problems: (FieldProblem & {
    kind: 'ACCOUNT_NOT_FOUND' | 'ACCOUNT_IS_GROUP' | 'ACCOUNT_FROZEN' | 'ACCOUNT_DISABLED' | 'PARTY_REQUIRED' | 'INVALID_COST_CENTER';
  })[] = [];
  rows.forEach((r) => {
    const i = r.index;
    const path = `lines/${i}/account`;
    const a = accounts.get(r.account);
    if (!a)
      return problems.push({
        kind: 'ACCOUNT_NOT_FOUND',
        path,
        ...errors.t('account_does_not_exist', { account: String(r.account) }),
        code: 'account_not_found',
      });
    const label = `account ${a.number} ${a.name}`;
    if (a.is_group)
      problems.push({ kind: 'ACCOUNT_IS_GROUP', path, ...errors.t('group_account_post_one_ledger', { label: String(label) }), code: 'account_is_group' });
    else if (a.disabled) problems.push({ kind: 'ACCOUNT_DISABLED', path, ...errors.t('disabled', { label: String(label) }), code: 'account_disabled' });
    else if (a.frozen)
      problems.push({ kind: 'ACCOUNT_FROZEN', path, ...errors.t('frozen_takes_no_postings', { label: String(label) }), code: 'account_frozen' });
    else if (PARTY_ACCOUNT_TYPES.has(a.account_type ?? '') && (!r.line.party_type || r.line.party == null))
      problems.push({
        kind: 'PARTY_REQUIRED',
        path: `lines/${i}/party`,
        ...errors.t('account_party_type_party_are', {
          label: String(label),
          account_type: choiceText(ctx.entity('accounting.account').model, 'account_type', a.account_type),
        }),
        code: 'party_required',
      });
  });
  const centreIds = [
    ...new Set(
      rows
        .map((r) => r.line.cost_center)
        .filter((c): c is number => c != null)
        .map(Number),
    ),
  ];
  if (centreIds.length) {
    const centres = new Map(
      (
        await ctx.sql<{ id: number; name: string; is_group: boolean; disabled: boolean }>(
          `select id, name, is_group, disabled from accounting_cost_center where id = any($1::bigint[])`,
          [centreIds],
        )
      ).map((c) => [Number(c.id), c]),
    );
    rows.forEach((r) => {
      if (r.line.cost_center == null) return;
      const c = centres.get(Number(r.line.cost_center));
      const path = `lines/${r.index}/cost_center`;
      if (!c)
        problems.push({
          kind: 'INVALID_COST_CENTER',
          path,
          ...errors.t('cost_centre_does_not_exist', { cost_center: String(r.line.cost_center) }),
          code: 'cost_center',
        });
      else if (c.is_group)
        problems.push({
          kind: 'INVALID_COST_CENTER',
          path,
          ...errors.t('cost_centre_group_book_one', { name: String(c.name) }),
          code: 'cost_center',
        });
      else if (c.disabled)
        problems.push({ kind: 'INVALID_COST_CENTER', path, ...errors.t('cost_centre_disabled', { name: String(c.name) }), code: 'cost_center' });
    });
  }
  if (problems.length)
    throw ledgerError(
      problems[0]!.kind,
      problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      problems.map(({ kind: _k, ...p }) => p),
    );

  const period = await assertOpen(ctx, v.posting_date);
  if (!v.append && facts!.live)
    throw ledgerError(
      'ALREADY_POSTED',
      errors.t('already_live_ledger_entries_reverse', { voucher_type: String(v.voucher_type), value: String(v.voucher_no || v.voucher_id) }),
    );

  await insertEntries(ctx, {
    date: v.posting_date,
    fiscalYear: period.fiscalYear,
    voucherType: v.voucher_type,
    voucherId: Number(v.voucher_id),
    voucherNo: v.voucher_no ?? String(v.voucher_id),
    rows: rows.map((r) => ({
      account: r.account,
      debit: r.debit.toFixed(2),
      credit: r.credit.toFixed(2),
      party_type: r.line.party_type ?? null,
      party: r.line.party ?? null,
      cost_center: r.line.cost_center ?? null,
      remarks: r.line.remarks ?? v.remarks ?? null,
      reverses: null,
      currency: r.line.currency ?? null,
      exchange_rate: r.line.exchange_rate ?? null,
      debit_in_currency: r.line.debit_in_currency ?? null,
      credit_in_currency: r.line.credit_in_currency ?? null,
      ...againstOf(r.line, v, accounts.get(r.account)?.account_type),
    })),
    isReversal: false,
  });
}

/** The open item of a line: as given, else the voucher itself on receivable / payable lines. */
function againstOf(
  line: GlLine,
  v: Voucher,
  accountType: string | null | undefined,
): { against_voucher_type: string | null; against_voucher_id: number | null } {
  if (line.against_voucher_type && line.against_voucher_id != null)
    return { against_voucher_type: line.against_voucher_type, against_voucher_id: Number(line.against_voucher_id) };
  if (PARTY_ACCOUNT_TYPES.has(accountType ?? '')) return { against_voucher_type: v.voucher_type, against_voucher_id: Number(v.voucher_id) };
  return { against_voucher_type: null, against_voucher_id: null };
}

interface EntryRow {
  account: number;
  debit: string;
  credit: string;
  party_type: string | null;
  party: number | null;
  cost_center: number | null;
  remarks: string | null;
  reverses: number | null;
  currency: string | null;
  exchange_rate: string | null;
  debit_in_currency: string | null;
  credit_in_currency: string | null;
  against_voucher_type: string | null;
  against_voucher_id: number | null;
}

/** The entries and the day's balance upsert (rows locked in account order) in one statement. */
async function insertEntries(
  ctx: Pick<ServiceContext, 'sql'>,
  e: { date: string; fiscalYear: number; voucherType: string; voucherId: number; voucherNo: string; rows: EntryRow[]; isReversal: boolean },
): Promise<void> {
  const col = <K extends keyof EntryRow>(k: K) => e.rows.map((r) => r[k]);
  // One statement: the entries, then the day's balance rows from what was inserted.
  await ctx.sql(
    `with ins as (
       insert into ${GL_TABLE} (posting_date, account, debit, credit, party_type, party, voucher_type, voucher_id, voucher_no,
         cost_center, remarks, is_reversal, reverses, fiscal_year, currency, exchange_rate, debit_in_currency, credit_in_currency,
         against_voucher_type, against_voucher_id)
       select $1::date, a.account, a.debit, a.credit, a.party_type, a.party, $2, $3, $4, a.cost_center, a.remarks, $5, a.reverses, $6,
              a.currency, a.exchange_rate, a.debit_in_currency, a.credit_in_currency, a.against_voucher_type, a.against_voucher_id
         from unnest($7::bigint[], $8::numeric[], $9::numeric[], $10::text[], $11::bigint[], $12::bigint[], $13::text[], $14::bigint[],
                     $15::text[], $16::numeric[], $17::numeric[], $18::numeric[], $19::text[], $20::bigint[])
              with ordinality as a(account, debit, credit, party_type, party, cost_center, remarks, reverses,
                                   currency, exchange_rate, debit_in_currency, credit_in_currency, against_voucher_type, against_voucher_id, n)
        order by a.n
       returning account, debit, credit
     )
     insert into ${BALANCE_TABLE} (account, posting_date, debit, credit)
     select account, $1::date, sum(debit), sum(credit) from ins group by account order by account
     on conflict (account, posting_date) do update
       set debit = ${BALANCE_TABLE}.debit + excluded.debit, credit = ${BALANCE_TABLE}.credit + excluded.credit, updated_at = now()`,
    [
      e.date,
      e.voucherType,
      e.voucherId,
      e.voucherNo,
      e.isReversal,
      e.fiscalYear,
      col('account'),
      col('debit'),
      col('credit'),
      col('party_type'),
      col('party'),
      col('cost_center'),
      col('remarks'),
      col('reverses'),
      col('currency'),
      col('exchange_rate'),
      col('debit_in_currency'),
      col('credit_in_currency'),
      col('against_voucher_type'),
      col('against_voucher_id'),
    ],
  );
}

/**
 * Posts the exact opposite of every live entry of the voucher (debit <-> credit,
 * is_reversal, `reverses` pointing at the entry), dated `postingDate` or each entry's own
 * date. Entries are never deleted. Frozen or disabled accounts do not block a reversal (it
 * undoes a posting they once took); a closed period does. Returns the number of entries reversed.
 */
export async function reverseVoucher(ctx: ServiceContext, voucherType: string, voucherId: number, postingDate?: string): Promise<number> {
  const live = await ctx.sql<EntryRow & { id: number; posting_date: string; voucher_no: string }>(
    `select g.id, to_char(g.posting_date, 'YYYY-MM-DD') as posting_date, g.account, g.debit::text, g.credit::text, g.party_type, g.party,
            g.cost_center, g.remarks, g.voucher_no, g.currency, g.exchange_rate::text, g.debit_in_currency::text, g.credit_in_currency::text,
            g.against_voucher_type, g.against_voucher_id
       from ${GL_TABLE} g where g.voucher_type = $1 and g.voucher_id = $2 and ${LIVE('g')}
      order by g.id for update`,
    [voucherType, voucherId],
  );
  if (!live.length) return 0;
  const byDate = new Map<string, typeof live>();
  for (const r of live) {
    const d = postingDate ?? r.posting_date;
    if (!byDate.has(d)) byDate.set(d, []);
    byDate.get(d)!.push(r);
  }
  for (const [date, rows] of [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const period = await assertOpen(ctx, date);
    await insertEntries(ctx, {
      date,
      fiscalYear: period.fiscalYear,
      voucherType,
      voucherId,
      voucherNo: rows[0]!.voucher_no,
      isReversal: true,
      rows: rows.map((r) => ({
        ...r,
        account: Number(r.account),
        debit: r.credit,
        credit: r.debit,
        debit_in_currency: r.credit_in_currency,
        credit_in_currency: r.debit_in_currency,
        remarks: `Reversal: ${r.remarks ?? r.voucher_no}`.slice(0, 10_000),
        reverses: Number(r.id),
      })),
    });
  }
  return live.length;
}

const ITEM_GROUP_COLUMN: Partial<Record<DefaultAccount, string>> = { income: 'income_account', expense: 'expense_account', cogs: 'cogs_account' };

/**
 * The account id for a role. Scope first: `stock` and `wip` use the warehouse's own account
 * (or its nearest parent's) from accounting.warehouse_account; `income`, `expense` and `cogs`
 * use the item's group (or its nearest parent group) from accounting.item_group_account.
 * Then the company default by number. Missing -> 422 ACCOUNT_NOT_CONFIGURED naming the
 * setting (and mapping entity) to fill in.
 */
export async function accountFor(
  ctx: ServiceContext,
  role: DefaultAccount,
  scope: { warehouse?: number; itemGroup?: number; item?: number } = {},
): Promise<number> {
  if ((role === 'stock' || role === 'wip') && scope.warehouse != null) {
    const [hit] = await ctx.sql<{ account: number }>(
      `with recursive up(id, parent, depth) as (
         select id, parent, 0 from inventory_v_warehouse where id = $1
         union all select w.id, w.parent, up.depth + 1 from inventory_v_warehouse w join up on w.id = up.parent where up.depth < 50
       ) select m.account from up join accounting_warehouse_account m on m.warehouse = up.id order by up.depth limit 1`,
      [scope.warehouse],
    );
    if (hit) return Number(hit.account);
  }
  const column = ITEM_GROUP_COLUMN[role];
  if (column && (scope.itemGroup != null || scope.item != null)) {
    let group = scope.itemGroup;
    if (group == null) {
      const [it] = await ctx.sql<{ item_group: number | null }>(`select item_group from inventory_v_item where id = $1`, [scope.item]);
      group = it?.item_group ?? undefined;
    }
    if (group != null) {
      const [hit] = await ctx.sql<{ account: number }>(
        `with recursive up(id, parent, depth) as (
           select id, parent, 0 from inventory_v_item_group where id = $1
           union all select g.id, g.parent, up.depth + 1 from inventory_v_item_group g join up on g.id = up.parent where up.depth < 50
         ) select m.${column} as account from up join accounting_item_group_account m on m.item_group = up.id
            where m.${column} is not null order by up.depth limit 1`,
        [group],
      );
      if (hit) return Number(hit.account);
    }
  }
  const { number, from } = defaultAccountNumber(ctx, role);
  const where =
    `set settings.accounting.defaults.${role} to an account number in the client configuration` +
    (role === 'stock' || role === 'wip' ? ', or map the warehouse in accounting.warehouse_account' : '') +
    (column ? ', or set it on the item group in accounting.item_group_account' : '');
  if (!number)
    throw ledgerError('ACCOUNT_NOT_CONFIGURED', errors.t('no_account_configured', { role: String(role), where: String(where) }), [
      { path: `settings.accounting.defaults.${role}`, ...errors.t('no_account_configured_2'), code: 'account_not_configured' },
    ]);
  const [acc] = await ctx.sql<{ id: number }>(`select id from ${ACCOUNT_TABLE} where number = $1`, [number]);
  if (!acc)
    throw ledgerError(
      'ACCOUNT_NOT_CONFIGURED',
      errors.t('account_from_does_not_exist', { role: String(role), number: String(number), from: String(from), where: String(where) }),
      [{ path: `settings.accounting.defaults.${role}`, ...errors.t('account_does_not_exist_2', { number: String(number) }), code: 'account_not_configured' }],
    );
  return Number(acc.id);
}

// The verify route (src/reports) imports verifyLedger from here.
export { verifyLedger } from './verify.js';
