/**
 * Bank statements and reconciliation.
 *   - import_statement (action on accounting.bank_account): CSV or camt.053 text -> bank
 *     transactions; a camt statement of another IBAN is refused; lines already imported (same
 *     import key) are skipped, so importing a statement twice adds nothing. All or nothing.
 *   - suggestions: per unreconciled transaction, the payments on the bank's ledger account not
 *     yet matched, scored by amount (required), reference (payment number, its reference, an
 *     invoice number in the statement text), party (name or IBAN) and date; and the open
 *     invoices a new payment could settle (number in the reference, or party and amount).
 *   - reconcile (action on a transaction): links it to a payment of the same account, direction
 *     and amount; create_payment: submits a payment for it (allocated to an invoice, or as an
 *     advance) and links it; unreconcile undoes the link.
 */
import { choiceText, type Message, statusText, Decimal, type ActionDefinition, type Doc, type ServiceContext } from '@tessera/core';
import { ledgerError } from '../ledger/errors.js';
import { D } from '../postings/common.js';
import { PAYMENT } from '../payments/payment.js';
import { normalizeIban } from './iban.js';
import { errors } from '../ledger/errors.js';
import { problemOf } from '@tessera/plugin-kit';

const TX = 'accounting.bank_transaction';

async function importStatement(ctx: ServiceContext & { doc: Doc; input: { format: 'csv' | 'camt053'; content: string } }) {
  const bank = ctx.doc;
  // The statement parsers (and fast-xml-parser) load with the first statement imported, not at start-up.
  const { parseCamt053, parseCsvStatement } = await import('./statement.js');
  const parsed = ctx.input.format === 'camt053' ? parseCamt053(ctx.input.content) : parseCsvStatement(ctx.input.content);
  if (parsed.iban && normalizeIban(parsed.iban) !== normalizeIban(String(bank.iban)))
    parsed.problems.unshift({
      path: 'content',
      ...errors.t('statement_not', { iban: String(parsed.iban), name: String(bank.name), iban2: String(bank.iban) }),
    });
  const currency = bank.currency ?? ctx.config.company.currency;
  parsed.lines.forEach((l, i) => {
    if (l.currency && l.currency !== currency)
      parsed.problems.push({ path: `content/${i + 1}`, ...errors.t('line_bank_account', { currency: String(l.currency), currency2: String(currency) }) });
  });
  if (parsed.problems.length)
    throw ledgerError(
      'INVALID_STATEMENT',
      parsed.problems
        .slice(0, 20)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; '),
      parsed.problems,
    );
  const known = new Set(
    (
      await ctx.sql<{ import_key: string }>(`select import_key from accounting_bank_transaction where bank_account = $1 and import_key = any($2::text[])`, [
        bank.id,
        parsed.lines.map((l) => l.import_key),
      ])
    ).map((r) => r.import_key),
  );
  let imported = 0;
  for (const l of parsed.lines) {
    if (known.has(l.import_key)) continue;
    const row = await ctx.entity(TX).create({
      bank_account: bank.id,
      booking_date: l.booking_date,
      amount: l.amount,
      currency,
      counterparty_name: l.counterparty_name?.slice(0, 200),
      counterparty_iban: l.counterparty_iban?.slice(0, 42),
      reference: l.reference?.slice(0, 200),
      description: l.description?.slice(0, 500),
    });
    await ctx.entity(TX).setServerFields(Number(row.id), { import_key: l.import_key });
    imported++;
  }
  let check: Record<string, string> | undefined;
  if (parsed.closing != null) {
    const last = parsed.lines.reduce((a, l) => (l.booking_date > a ? l.booking_date : a), '0000-00-00');
    const book = await statementBalance(ctx, Number(bank.id), last);
    check = { statement_closing: parsed.closing, imported_balance: book.toFixed(2), difference: D(parsed.closing).sub(book).toFixed(2) };
  }
  return {
    imported,
    duplicates: parsed.lines.length - imported,
    lines: parsed.lines.length,
    opening: parsed.opening,
    closing: parsed.closing,
    ...(check ? { balance_check: check } : {}),
  };
}

/** Statement balance at a date: the bank account's opening figure + the transactions booked by then. */
export async function statementBalance(ctx: Pick<ServiceContext, 'sql'>, bankAccount: number, asOf: string): Promise<Decimal> {
  const [r] = await ctx.sql<{ v: string }>(
    `select (coalesce(b.statement_opening_balance, 0) + coalesce((select sum(amount) from accounting_bank_transaction t where t.bank_account = b.id and t.booking_date <= $2::date), 0))::text as v
       from accounting_bank_account b where b.id = $1`,
    [bankAccount, asOf],
  );
  return D(r?.v);
}

interface PaymentRow {
  id: number;
  number: string;
  payment_type: string;
  party_type: string;
  party: number;
  posting_date: string;
  amount: string;
  reference_no: string | null;
  party_name: string | null;
  invoices: string[] | null;
}

const words = (s: string | null | undefined) => (s ?? '').toUpperCase();
const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

/** Scored match candidates for the unreconciled transactions of a bank account. */
export async function reconciliationSuggestions(ctx: ServiceContext, bankAccount: number) {
  const [bank] = await ctx.sql<{ account: number }>(`select account from accounting_bank_account where id = $1`, [bankAccount]);
  if (!bank)
    throw ledgerError('INVALID_RECONCILIATION', errors.t('bank_account_bank_account_does', { bankAccount: String(bankAccount) }), [
      { path: 'bank_account', ...errors.t('does_not_exist') },
    ]);
  const txs = await ctx.sql<{
    id: number;
    booking_date: string;
    amount: string;
    counterparty_name: string | null;
    counterparty_iban: string | null;
    reference: string | null;
    description: string | null;
  }>(
    `select id, to_char(booking_date, 'YYYY-MM-DD') as booking_date, amount::text, counterparty_name, counterparty_iban, reference, description
       from accounting_bank_transaction where bank_account = $1 and status = 'unreconciled' order by booking_date, id`,
    [bankAccount],
  );
  const plugins = new Set(ctx.config.plugins);
  const names = [
    plugins.has('sales') ? `select 'customer' as t, id, name from sales_v_customer` : null,
    plugins.has('purchasing') ? `select 'supplier', id, name from purchasing_v_supplier` : null,
  ]
    .filter(Boolean)
    .join(' union all ');
  const payments = await ctx.sql<PaymentRow>(
    `select p.id, p.number, p.payment_type, p.party_type, p.party, to_char(p.posting_date, 'YYYY-MM-DD') as posting_date, p.amount::text, p.reference_no,
            ${names ? `(select n.name from (${names}) n where n.t = p.party_type and n.id = p.party)` : 'null'} as party_name,
            (select array_agg(distinct a.invoice_type || ':' || a.invoice) from accounting_payment_allocation a where a.parent_id = p.id) as invoices
       from accounting_payment p
      where p.docstatus = 'submitted' and p.account = $1 and not exists (select 1 from accounting_bank_transaction t where t.payment = p.id)`,
    [bank.account],
  );
  const invoices = [
    ...(plugins.has('sales')
      ? await ctx.sql<{ t: string; id: number; number: string; party: number; party_name: string; outstanding: string; due: string | null }>(
          `select 'sales.sales_invoice' as t, i.id, i.number, i.customer as party, c.name as party_name, i.outstanding_amount::text as outstanding, to_char(i.due_date, 'YYYY-MM-DD') as due
         from sales_v_invoice i join sales_v_customer c on c.id = i.customer where i.docstatus = 'submitted' and i.outstanding_amount > 0`,
        )
      : []),
    ...(plugins.has('purchasing')
      ? await ctx.sql<{ t: string; id: number; number: string; party: number; party_name: string; outstanding: string; due: string | null }>(
          `select 'purchasing.supplier_invoice' as t, i.id, i.number, i.supplier as party, s.name as party_name, i.outstanding_amount::text as outstanding, to_char(i.due_date, 'YYYY-MM-DD') as due
         from purchasing_v_supplier_invoice i join purchasing_v_supplier s on s.id = i.supplier where i.docstatus = 'submitted' and i.outstanding_amount > 0`,
        )
      : []),
  ];
  const numberOf = new Map(invoices.map((i) => [`${i.t}:${i.id}`, i.number]));
  return txs.map((t) => {
    const amount = D(t.amount);
    const direction = amount.gt(0) ? 'receive' : 'pay';
    const text = `${words(t.reference)} ${words(t.description)}`;
    const who = words(t.counterparty_name);
    const matches = payments
      .filter((p) => p.payment_type === direction && D(p.amount).eq(amount.abs()))
      .map((p) => {
        const reasons = ['amount'];
        let score = 50;
        const refs = [p.number, p.reference_no, ...(p.invoices ?? []).map((k) => numberOf.get(k) ?? '')].filter((x): x is string => !!x && x.length >= 4);
        if (refs.some((r) => text.includes(r.toUpperCase()))) (score += 30), reasons.push('reference');
        if (p.party_name && who && (who.includes(p.party_name.toUpperCase()) || p.party_name.toUpperCase().includes(who))) (score += 15), reasons.push('party');
        const apart = daysApart(p.posting_date, t.booking_date);
        if (apart <= 3) (score += 5), reasons.push('date');
        return {
          kind: 'payment' as const,
          payment: Number(p.id),
          number: p.number,
          party_type: p.party_type,
          party: Number(p.party),
          party_name: p.party_name,
          posting_date: p.posting_date,
          amount: p.amount,
          score,
          reasons,
        };
      })
      .sort((a, b) => b.score - a.score);
    const wantType = direction === 'receive' ? 'sales.sales_invoice' : 'purchasing.supplier_invoice';
    const open = invoices
      .filter((i) => i.t === wantType)
      .map((i) => {
        const reasons: string[] = [];
        let score = 0;
        if (text.includes(i.number.toUpperCase())) (score += 50), reasons.push('reference');
        if (D(i.outstanding).eq(amount.abs())) (score += 30), reasons.push('amount');
        if (who && (who.includes(i.party_name.toUpperCase()) || i.party_name.toUpperCase().includes(who))) (score += 20), reasons.push('party');
        return {
          kind: 'invoice' as const,
          invoice_type: i.t,
          invoice: Number(i.id),
          number: i.number,
          party_type: i.t === 'sales.sales_invoice' ? 'customer' : 'supplier',
          party: Number(i.party),
          party_name: i.party_name,
          outstanding: i.outstanding,
          allocate: Decimal.min(D(i.outstanding), amount.abs()).toFixed(2),
          score,
          reasons,
        };
      })
      .filter((i) => i.score >= 50)
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    return { transaction: { ...t, id: Number(t.id) }, payments: matches.slice(0, 5), invoices: open };
  });
}

async function lockTx(ctx: ServiceContext, id: number) {
  const [t] = await ctx.sql<{
    id: number;
    bank_account: number;
    amount: string;
    status: string;
    booking_date: string;
    reference: string | null;
    counterparty_name: string | null;
    account: number;
    currency: string | null;
  }>(
    `select t.id, t.bank_account, t.amount::text, t.status, to_char(t.booking_date, 'YYYY-MM-DD') as booking_date, t.reference, t.counterparty_name, b.account, b.currency
       from accounting_bank_transaction t join accounting_bank_account b on b.id = t.bank_account where t.id = $1 for update of t`,
    [id],
  );
  return t!;
}

async function reconcile(ctx: ServiceContext, txId: number, paymentId: number) {
  const t = await lockTx(ctx, txId);
  const fail = (path: string, message: string | Message) => {
    const p = problemOf(path, message);
    return ledgerError('INVALID_RECONCILIATION', `${path}: ${p.message}`, [p]);
  };
  if (t.status === 'reconciled') throw fail('payment', errors.t('transaction_already_reconciled_unreconcile_first'));
  const [p] = await ctx.sql<{ number: string; docstatus: string; account: number; amount: string; payment_type: string }>(
    `select number, docstatus, account, amount::text, payment_type from accounting_payment where id = $1 for update`,
    [paymentId],
  );
  if (!p) throw fail('payment', errors.t('payment_does_not_exist', { paymentId: String(paymentId) }));
  if (p.docstatus !== 'submitted') throw fail('payment', errors.t('payment', { number: String(p.number), docstatus: statusText(p.docstatus) }));
  if (Number(p.account) !== Number(t.account)) throw fail('payment', errors.t('payment_booked_another_bank_cash', { number: String(p.number) }));
  const amount = D(t.amount);
  if (!D(p.amount).eq(amount.abs()) || (p.payment_type === 'receive') !== amount.gt(0))
    throw fail(
      'payment',
      errors.t('payment_does_not_equal_transaction', {
        number: String(p.number),
        payment_type: choiceText(ctx.entity('accounting.payment').model, 'payment_type', p.payment_type),
        amount: String(p.amount),
        amount2: String(t.amount),
      }),
    );
  const [other] = await ctx.sql<{ id: number }>(`select id from accounting_bank_transaction where payment = $1 and id <> $2`, [paymentId, txId]);
  if (other) throw fail('payment', errors.t('payment_already_matched_bank_transaction', { number: String(p.number), id: String(other.id) }));
  await ctx.entity(TX).setServerFields(txId, { status: 'reconciled', payment: paymentId });
  return ctx.entity(TX).get(txId);
}

const reconcileInput = {
  type: 'object',
  required: ['payment'],
  additionalProperties: false,
  properties: { payment: { type: 'integer', 'x-ref': 'accounting.payment', title: 'Payment', 'x-labels': { lt: { title: 'Mokėjimas' } } } },
};
const createInput = {
  type: 'object',
  required: ['party_type', 'party'],
  additionalProperties: false,
  properties: {
    party_type: { type: 'string', enum: ['customer', 'supplier', 'employee'], title: 'Party type', 'x-labels': { lt: { title: 'Šalies tipas' } } },
    party: { type: 'integer', title: 'Party', 'x-labels': { lt: { title: 'Šalis' } } },
    invoice_type: {
      type: 'string',
      enum: ['sales.sales_invoice', 'purchasing.supplier_invoice'],
      title: 'Invoice type',
      'x-labels': { lt: { title: 'Sąskaitos tipas' } },
    },
    invoice: { type: 'integer', title: 'Invoice', 'x-labels': { lt: { title: 'Sąskaita' } } },
  },
};

export const bankActions: Record<string, Record<string, ActionDefinition>> = {
  bank_account: {
    import_statement: {
      label: 'Import statement',
      labels: { lt: 'Importuoti išrašą' },
      icon: 'upload_file',
      permission: 'accounting.bank_transaction.create',
      input: {
        type: 'object',
        required: ['content'],
        additionalProperties: false,
        properties: {
          format: {
            type: 'string',
            enum: ['csv', 'camt053'],
            default: 'csv',
            title: 'Format',
            'x-enum-labels': { csv: 'CSV', camt053: 'ISO 20022 camt.053 XML' },
            'x-labels': { lt: { title: 'Formatas' } },
          },
          content: {
            type: 'string',
            maxLength: 5_000_000,
            title: 'Statement file content',
            'x-labels': { lt: { title: 'Išrašo failo turinys' } },
            'x-ui': { widget: 'textarea' },
          },
        },
      },
      handler: (ctx) => importStatement(ctx as any),
    },
  },
  bank_transaction: {
    reconcile: {
      label: 'Match payment',
      labels: { lt: 'Susieti su mokėjimu' },
      icon: 'link',
      permission: 'accounting.bank_transaction.update',
      when: { status: ['unreconciled'] },
      input: reconcileInput,
      handler: (ctx) => reconcile(ctx, Number(ctx.doc.id), Number((ctx.input as any).payment)),
    },
    create_payment: {
      label: 'Create payment',
      labels: { lt: 'Sukurti mokėjimą' },
      icon: 'add_card',
      permission: 'accounting.payment.submit',
      when: { status: ['unreconciled'] },
      input: createInput,
      handler: async (ctx) => {
        const input = ctx.input as any;
        const t = await lockTx(ctx, Number(ctx.doc.id));
        if (t.status === 'reconciled')
          throw ledgerError('INVALID_RECONCILIATION', errors.t('payment_transaction_already_reconciled'), [
            { path: 'payment', ...errors.t('already_reconciled') },
          ]);
        const amount = D(t.amount).abs();
        let allocations: Doc[] = [];
        if (input.invoice != null) {
          const table = input.invoice_type === 'purchasing.supplier_invoice' ? 'purchasing_v_supplier_invoice' : 'sales_v_invoice';
          const [inv] = await ctx.sql<{ outstanding: string }>(`select outstanding_amount::text as outstanding from ${table} where id = $1`, [input.invoice]);
          allocations = [
            {
              invoice_type: input.invoice_type ?? 'sales.sales_invoice',
              invoice: input.invoice,
              allocated_amount: Decimal.min(amount, D(inv?.outstanding)).toFixed(2),
            },
          ];
        }
        const allocated = allocations.reduce<Decimal>((a, x) => a.add(D(x.allocated_amount)), new Decimal(0));
        const p = await ctx.entity(PAYMENT).create({
          payment_type: D(t.amount).gt(0) ? 'receive' : 'pay',
          party_type: input.party_type,
          party: input.party,
          posting_date: t.booking_date,
          bank_account: t.bank_account,
          currency: t.currency ?? ctx.config.company.currency,
          amount: amount.toFixed(2),
          is_advance: allocated.lt(amount),
          reference_no: t.reference?.slice(0, 140) ?? undefined,
          remarks: `Bank: ${t.counterparty_name ?? ''} ${t.reference ?? ''}`.trim(),
          allocations,
        });
        await ctx.entity(PAYMENT).submit(Number(p.id));
        return reconcile(ctx, Number(ctx.doc.id), Number(p.id));
      },
    },
    unreconcile: {
      label: 'Unmatch',
      labels: { lt: 'Atsieti' },
      icon: 'link_off',
      permission: 'accounting.bank_transaction.update',
      when: { status: ['reconciled'] },
      handler: async (ctx) => {
        await lockTx(ctx, Number(ctx.doc.id));
        await ctx.entity(TX).setServerFields(Number(ctx.doc.id), { status: 'unreconciled', payment: null });
        return ctx.entity(TX).get(Number(ctx.doc.id));
      },
    },
  },
};
