/**
 * accounting.payment: receive from a customer, pay a supplier or an employee, through a bank or
 * cash account, allocated to open invoices of the party. Drafts are checked as they are saved;
 * submit locks the allocated invoices (id order), re-reads their outstanding amounts from the
 * ledger and refuses any over-allocation (409 OVER_ALLOCATION) before posting, so parallel
 * payments queue on the invoice rows and never take more than is open. An amount beyond the
 * allocations needs `is_advance` (else 422 UNALLOCATED_AMOUNT) and stays open against the
 * payment, to be allocated later (action `allocate`). Cancel reverses every entry (allocations
 * included) and refreshes the invoices.
 */
import { choiceText, statusText, Decimal, type Doc, type EntityHooks, type FieldProblem, type Hook, type ServiceContext } from '@tessera/core';
import type { GlLine, PartyType } from '../contract.js';
import { rateOn } from '../currency/rates.js';
import { ledgerError } from '../ledger/errors.js';
import { accountFor, postVoucher, reverseVoucher } from '../ledger/post.js';
import { cents, D } from '../postings/common.js';
import { ALLOCATABLE, isForeign, itemBalance, kindOf, kindText, readInvoice, refreshInvoice } from '../receivables/invoices.js';
import { allocationLines, type AllocationFacts, type PaymentFacts } from './lines.js';
import { errors } from '../ledger/errors.js';

export const PAYMENT = 'accounting.payment';

const PARTY_TABLES: Record<string, { plugin: string; table: string }> = {
  customer: { plugin: 'sales', table: 'sales_v_customer' },
  supplier: { plugin: 'purchasing', table: 'purchasing_v_supplier' },
  employee: { plugin: 'hr', table: 'hr_v_employee' },
};

const fail = (code: 'INVALID_PAYMENT' | 'OVER_ALLOCATION' | 'UNALLOCATED_AMOUNT', problems: FieldProblem[]) =>
  ledgerError(code, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);

export function partyAccountRole(partyType: PartyType): 'receivable' | 'payable' {
  return partyType === 'customer' ? 'receivable' : 'payable';
}

/** Defaults (currency, account), totals, and every check that needs no lock. */
async function settle(ctx: ServiceContext, doc: Doc): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const where = PARTY_TABLES[doc.party_type];
  if (!where || !ctx.config.plugins.includes(where.plugin))
    problems.push({
      path: 'party_type',
      ...errors.t('parties_need_plugin_which_not_2', {
        party_type: choiceText(ctx.entity(PAYMENT).model, 'party_type', doc.party_type),
        value: String(where?.plugin ?? '?'),
      }),
    });
  else if (!(await ctx.sql(`select 1 from ${where.table} where id = $1`, [doc.party])).length)
    problems.push({
      path: 'party',
      ...errors.t('does_not_exist_2', { party_type: choiceText(ctx.entity(PAYMENT).model, 'party_type', doc.party_type), party: String(doc.party) }),
    });
  if (!doc.currency) doc.currency = ctx.config.company.currency;
  if (doc.bank_account != null) {
    const [b] = await ctx.sql<{ account: number; currency: string | null; disabled: boolean; name: string }>(
      `select account, currency, disabled, name from accounting_bank_account where id = $1`,
      [doc.bank_account],
    );
    if (!b) problems.push({ path: 'bank_account', ...errors.t('bank_account_does_not_exist', { bank_account: String(doc.bank_account) }) });
    else {
      if (b.disabled) problems.push({ path: 'bank_account', ...errors.t('bank_account_disabled', { name: String(b.name) }) });
      if (doc.account == null) doc.account = Number(b.account);
      if (b.currency && b.currency !== doc.currency)
        problems.push({
          path: 'currency',
          ...errors.t('bank_account_payment', { name: String(b.name), currency: String(b.currency), currency2: String(doc.currency) }),
        });
    }
  }
  if (doc.account != null) {
    const [a] = await ctx.sql<{ account_type: string | null; number: string }>(`select account_type, number from accounting_account where id = $1`, [
      doc.account,
    ]);
    if (!a) problems.push({ path: 'account', ...errors.t('account_does_not_exist', { account: String(doc.account) }) });
    else if (a.account_type !== 'bank' && a.account_type !== 'cash')
      problems.push({ path: 'account', ...errors.t('account_not_bank_cash_account', { number: String(a.number) }) });
  }
  const allocations: Doc[] = doc.allocations ?? [];
  const target = ALLOCATABLE[`${doc.party_type}:${doc.payment_type}`];
  let allocated = new Decimal(0);
  for (const [i, a] of allocations.entries()) {
    const path = `allocations/${i}`;
    allocated = allocated.add(D(a.allocated_amount));
    if (target !== a.invoice_type) {
      problems.push({
        path: `${path}/invoice_type`,
        ...errors.t('payment_allocates_not', {
          payment_type: choiceText(ctx.entity(PAYMENT).model, 'payment_type', doc.payment_type),
          party_type: choiceText(ctx.entity(PAYMENT).model, 'party_type', doc.party_type),
          target: target ?? { en: 'no documents', lt: 'jokius dokumentus' },
          invoice_type: String(a.invoice_type),
        }),
      });
      continue;
    }
    const kind = kindOf(a.invoice_type)!;
    const inv = await readInvoice(ctx, kind, Number(a.invoice));
    if (!inv) problems.push({ path: `${path}/invoice`, ...errors.t('does_not_exist_3', { value: kindText(kind), invoice: String(a.invoice) }) });
    else if (inv.docstatus !== 'submitted')
      problems.push({
        path: `${path}/invoice`,
        ...errors.t('allocate_submitted_invoices', {
          value: kindText(kind),
          number: String(inv.number),
          docstatus: statusText(inv.docstatus),
        }),
      });
    else if (inv.party !== Number(doc.party))
      problems.push({
        path: `${path}/invoice`,
        ...errors.t('belongs_another', {
          value: kindText(kind),
          number: String(inv.number),
          party_type: choiceText(ctx.entity(PAYMENT).model, 'party_type', doc.party_type),
        }),
      });
    else if ((inv.currency ?? ctx.config.company.currency) !== doc.currency)
      problems.push({
        path: `${path}/invoice`,
        ...errors.t('payment_pay_currency', {
          value: kindText(kind),
          number: String(inv.number),
          currency: String(inv.currency),
          currency2: String(doc.currency),
        }),
      });
  }
  const amount = D(doc.amount);
  doc.allocated_total = allocated.toFixed(2);
  doc.unallocated_amount = amount.sub(allocated).toFixed(2);
  if (allocated.gt(amount))
    problems.push({
      path: 'allocations',
      ...errors.t('allocations_are_more_than_amount', { value: String(allocated.toFixed(2)), value2: String(amount.toFixed(2)) }),
    });
  return problems;
}

const checkDraft: Hook = async (args) => {
  if (args.old && args.old.docstatus !== 'draft') return;
  const problems = await settle(args, args.doc);
  if (problems.length) throw fail('INVALID_PAYMENT', problems);
};

/** Locks the invoices (id order) and returns each allocation's facts; refuses over-allocation naming the figures. */
export async function lockAllocations(ctx: ServiceContext, allocations: Doc[], pathOf: (i: number) => string): Promise<AllocationFacts[]> {
  const order = allocations.map((a, i) => ({ a, i })).sort((x, y) => Number(x.a.invoice) - Number(y.a.invoice));
  const taken = new Map<string, Decimal>();
  const takenBase = new Map<string, Decimal>();
  const out: AllocationFacts[] = new Array(allocations.length);
  const problems: FieldProblem[] = [];
  for (const { a, i } of order) {
    const kind = kindOf(a.invoice_type)!;
    const inv = await readInvoice(ctx, kind, Number(a.invoice), true);
    if (!inv || inv.docstatus !== 'submitted') {
      problems.push({
        path: `${pathOf(i)}/invoice`,
        ...errors.t('invoice_not_submitted', { invoice: String(a.invoice), value: kindText(kind) }),
      });
      continue;
    }
    const key = `${kind.type}:${inv.id}`;
    const b = await itemBalance(ctx, kind.type, inv.id, kind.sign);
    const open = isForeign(ctx, inv.currency) ? b.inCurrency : b.base;
    const before = taken.get(key) ?? new Decimal(0);
    const amount = D(a.allocated_amount);
    const left = open.sub(before);
    if (amount.gt(left))
      problems.push({
        path: `${pathOf(i)}/allocated_amount`,
        ...errors.t('more_than_outstanding', {
          amount: amount.toFixed(2),
          left: `${left.toFixed(2)}${inv.currency ? ` ${inv.currency}` : ''}`,
          kind: kindText(kind),
          number: String(inv.number),
        }),
      });
    taken.set(key, before.add(amount));
    const rate = D(inv.exchange_rate ?? 1);
    const baseBefore = takenBase.get(key) ?? new Decimal(0);
    takenBase.set(key, baseBefore.add(cents(amount.mul(rate))));
    out[i] = { type: kind.type, id: inv.id, amount, invoiceRate: rate, openInCurrency: left, openBase: b.base.sub(baseBefore) };
  }
  if (problems.length) throw fail('OVER_ALLOCATION', problems);
  return out;
}

export async function paymentFacts(ctx: ServiceContext, doc: Doc, rate: Decimal): Promise<PaymentFacts> {
  const partyType = doc.party_type as PartyType;
  let gl: number | undefined;
  return {
    id: Number(doc.id),
    direction: doc.payment_type,
    partyType,
    party: Number(doc.party),
    partyAccount: await accountFor(ctx, partyAccountRole(partyType)),
    currency: isForeign(ctx, doc.currency) ? String(doc.currency) : null,
    rate,
    gainLossAccount: async () => (gl ??= await accountFor(ctx, 'exchange_gain_loss')),
  };
}

const submitPayment: Hook = async (args) => {
  const { doc } = args;
  const problems = await settle(args, doc);
  if (problems.length) throw fail('INVALID_PAYMENT', problems);
  if (D(doc.unallocated_amount).gt(0) && !doc.is_advance)
    throw fail('UNALLOCATED_AMOUNT', [
      {
        path: 'amount',
        ...errors.t('more_than_allocations_allocate_lower', { value: String(D(doc.amount).toFixed(2)), unallocated_amount: String(doc.unallocated_amount) }),
      },
    ]);
  const allocations = await lockAllocations(args, doc.allocations ?? [], (i) => `allocations/${i}`);
  const rate = isForeign(args, doc.currency)
    ? doc.exchange_rate
      ? D(doc.exchange_rate)
      : await rateOn(args, String(doc.currency), String(doc.posting_date), 'exchange_rate')
    : new Decimal(1);
  doc.exchange_rate = rate.toFixed(9);
  const p = await paymentFacts(args, doc, rate);
  const bank = doc.account != null ? Number(doc.account) : await accountFor(args, 'bank');
  doc.account = bank;
  const s = p.direction === 'receive' ? 1 : -1; // sign of the bank line
  const amount = D(doc.amount);
  const foreign = p.currency ? { currency: p.currency, exchange_rate: rate.toFixed(9) } : {};
  const inCur = (v: Decimal) =>
    p.currency ? (cents(v).gte(0) ? { debit_in_currency: cents(v).toFixed(2) } : { credit_in_currency: cents(v).negated().toFixed(2) }) : {};
  const bankBase = cents(amount.mul(rate));
  const lines: GlLine[] = [
    { account: bank, ...(s > 0 ? { debit: bankBase.toFixed(2) } : { credit: bankBase.toFixed(2) }), ...foreign, ...inCur(amount.mul(s)) },
  ];
  lines.push(...(await allocationLines(p, allocations, (a) => cents(a.amount.mul(rate)))));
  const rest = D(doc.unallocated_amount);
  if (rest.gt(0)) {
    const base = cents(rest.mul(rate)).mul(-s);
    lines.push({
      account: p.partyAccount,
      ...(base.gte(0) ? { debit: base.toFixed(2) } : { credit: base.negated().toFixed(2) }),
      party_type: p.partyType,
      party: p.party,
      against_voucher_type: PAYMENT,
      against_voucher_id: p.id,
      ...foreign,
      ...inCur(rest.mul(-s)),
      remarks: 'Advance',
    });
  }
  await postVoucher(args, {
    voucher_type: PAYMENT,
    voucher_id: p.id,
    voucher_no: doc.number,
    posting_date: doc.posting_date,
    remarks: doc.remarks ?? `Payment ${doc.number}`,
    lines,
  });
};

async function refreshAllocated(ctx: ServiceContext, paymentId: number): Promise<void> {
  const rows = await ctx.sql<{ invoice_type: string; invoice: number }>(
    `select distinct invoice_type, invoice from accounting_payment_allocation where parent_id = $1 order by invoice`,
    [paymentId],
  );
  for (const r of rows) await refreshInvoice(ctx, r.invoice_type, Number(r.invoice));
}

const afterSubmit: Hook = async (args) => refreshAllocated(args, Number(args.doc.id));

const cancelPayment: Hook = async (args) => {
  const id = Number(args.doc.id);
  // Lock the invoices first (same order as submit), then reverse everything the payment posted.
  const rows = await args.sql<{ invoice_type: string; invoice: number }>(
    `select distinct invoice_type, invoice from accounting_payment_allocation where parent_id = $1 order by invoice`,
    [id],
  );
  for (const r of rows) await readInvoice(args, kindOf(r.invoice_type)!, Number(r.invoice), true);
  await reverseVoucher(args, PAYMENT, id);
  await args.sql(`update accounting_bank_transaction set status = 'unreconciled', payment = null where payment = $1`, [id]);
};

const afterCancel: Hook = async (args) => refreshAllocated(args, Number(args.doc.id));

export const paymentHooks: Record<string, EntityHooks> = {
  payment: { beforeCreate: checkDraft, beforeUpdate: checkDraft, beforeSubmit: submitPayment, afterSubmit, beforeCancel: cancelPayment, afterCancel },
};
