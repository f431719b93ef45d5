/**
 * Payment actions: "Record payment" on a submitted sales or supplier invoice (a payment
 * prefilled with the party, the outstanding amount and the allocation; submitted at once when
 * asked), and "Allocate" on a submitted payment with an advance left (posts the allocation
 * against the payment's own open item, at the invoice's rate, with the exchange difference).
 */
import { choiceText, Decimal, type ActionDefinition, type Doc, type ServiceContext } from '@tessera/core';
import { ledgerError } from '../ledger/errors.js';
import { postVoucher } from '../ledger/post.js';
import { cents, D } from '../postings/common.js';
import { ALLOCATABLE, kindOf, readInvoice, refreshInvoice } from '../receivables/invoices.js';
import { allocationLines } from './lines.js';
import { statementOfAccount } from '../receivables/statement.js';
import { lockAllocations, PAYMENT, paymentFacts } from './payment.js';
import { errors } from '../ledger/errors.js';

const recordInput = {
  type: 'object',
  additionalProperties: false,
  properties: {
    amount: {
      type: 'string',
      format: 'decimal',
      title: 'Amount',
      description: 'Empty: the outstanding amount.',
      'x-labels': { lt: { title: 'Suma', description: 'Tuščia: neapmokėta suma.' } },
    },
    posting_date: { type: 'string', format: 'date', title: 'Payment date', 'x-labels': { lt: { title: 'Mokėjimo data' } } },
    bank_account: { type: 'integer', 'x-ref': 'accounting.bank_account', title: 'Bank account', 'x-labels': { lt: { title: 'Banko sąskaita' } } },
    account: { type: 'integer', 'x-ref': 'accounting.account', title: 'Bank or cash account', 'x-labels': { lt: { title: 'Banko ar kasos sąskaita' } } },
    exchange_rate: { type: 'string', format: 'decimal', title: 'Exchange rate', 'x-labels': { lt: { title: 'Valiutos kursas' } } },
    reference_no: { type: 'string', maxLength: 140, title: 'Reference', 'x-labels': { lt: { title: 'Nuoroda' } } },
    submit: { type: 'boolean', title: 'Submit now', 'x-labels': { lt: { title: 'Iškart pateikti' } } },
  },
};

function recordPayment(type: string): ActionDefinition {
  const kind = kindOf(type)!;
  return {
    label: type.startsWith('accounting.') ? 'Record refund' : 'Record payment',
    labels: { lt: type.startsWith('accounting.') ? 'Registruoti grąžinimą' : 'Registruoti mokėjimą' },
    icon: 'payments',
    permission: 'accounting.payment.create',
    when: { docstatus: ['submitted'], payment_status: ['unpaid', 'partly_paid', 'overdue'] },
    input: recordInput,
    handler: async (ctx) => {
      const input = (ctx.input ?? {}) as Doc;
      const inv = await readInvoice(ctx, kind, Number(ctx.doc.id));
      const outstanding = D(inv?.outstanding_amount ?? 0);
      const amount = input.amount ? D(input.amount) : outstanding;
      const payment = await ctx.entity(PAYMENT).create({
        payment_type: kind.sign > 0 ? 'receive' : 'pay',
        party_type: kind.partyType,
        party: inv!.party,
        posting_date: input.posting_date ?? (await ctx.sql<{ d: string }>(`select current_date::text as d`))[0]!.d,
        currency: inv!.currency ?? ctx.config.company.currency,
        amount: amount.toFixed(2),
        is_advance: amount.gt(outstanding),
        ...(input.bank_account != null ? { bank_account: input.bank_account } : {}),
        ...(input.account != null ? { account: input.account } : {}),
        ...(input.exchange_rate ? { exchange_rate: input.exchange_rate } : {}),
        ...(input.reference_no ? { reference_no: input.reference_no } : {}),
        allocations: [{ invoice_type: type, invoice: inv!.id, allocated_amount: Decimal.min(amount, outstanding).toFixed(2) }],
      });
      return input.submit ? ctx.entity(PAYMENT).submit(Number(payment.id)) : payment;
    },
  };
}

const allocateInput = {
  type: 'object',
  required: ['allocations'],
  additionalProperties: false,
  properties: {
    posting_date: {
      type: 'string',
      format: 'date',
      title: 'Allocation date',
      description: 'Empty: today.',
      'x-labels': { lt: { title: 'Paskirstymo data', description: 'Tuščia: šiandien.' } },
    },
    allocations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['invoice_type', 'invoice', 'allocated_amount'],
        additionalProperties: false,
        properties: {
          invoice_type: { type: 'string', enum: ['sales.sales_invoice', 'purchasing.supplier_invoice', 'accounting.credit_note', 'accounting.debit_note'] },
          invoice: { type: 'integer' },
          allocated_amount: { type: 'string', format: 'decimal' },
        },
      },
    },
  },
};

/** Allocates (part of) a submitted payment's advance to open invoices of its party. */
async function allocateAdvance(ctx: ServiceContext & { doc: Doc; input: any }): Promise<unknown> {
  const [pay] = await ctx.sql<{ unallocated_amount: string }>(`select unallocated_amount::text from accounting_payment where id = $1 for update`, [ctx.doc.id]);
  const doc = ctx.doc;
  const wanted: Doc[] = ctx.input.allocations;
  const total = wanted.reduce<Decimal>((a, w) => a.add(D(w.allocated_amount)), new Decimal(0));
  const left = D(pay?.unallocated_amount);
  const expected = ALLOCATABLE[`${doc.party_type}:${doc.payment_type}`];
  const problems = wanted.flatMap((w, i) => [
    ...(D(w.allocated_amount).lte(0) ? [{ path: `allocations/${i}/allocated_amount`, ...errors.t('more_than') }] : []),
    ...(w.invoice_type !== expected
      ? [
          {
            path: `allocations/${i}/invoice_type`,
            ...errors.t('payment_allocates', {
              party_type: choiceText(ctx.entity('accounting.payment').model, 'party_type', doc.party_type),
              expected: String(expected),
            }),
          },
        ]
      : []),
  ]);
  if (total.gt(left))
    problems.push({
      path: 'allocations',
      ...errors.t('more_than_left_unallocated_payment', { value: String(total.toFixed(2)), value2: String(left.toFixed(2)), number: String(doc.number) }),
    });
  for (const [i, w] of wanted.entries()) {
    const inv = await readInvoice(ctx, kindOf(w.invoice_type)!, Number(w.invoice));
    if (inv && inv.party !== Number(doc.party))
      problems.push({
        path: `allocations/${i}/invoice`,
        ...errors.t('invoice_belongs_another', {
          number: String(inv.number),
          party_type: choiceText(ctx.entity('accounting.payment').model, 'party_type', doc.party_type),
        }),
      });
    if (inv && (inv.currency ?? ctx.config.company.currency) !== (doc.currency ?? ctx.config.company.currency))
      problems.push({
        path: `allocations/${i}/invoice`,
        ...errors.t('invoice_payment', { number: String(inv.number), currency: String(inv.currency), currency2: String(doc.currency) }),
      });
  }
  if (problems.length) throw ledgerError('INVALID_PAYMENT', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  const facts = await lockAllocations(ctx, wanted, (i) => `allocations/${i}`);
  const rate = D(doc.exchange_rate ?? 1);
  const p = await paymentFacts(ctx, doc, rate);
  const date = ctx.input.posting_date ?? (await ctx.sql<{ d: string }>(`select current_date::text as d`))[0]!.d;
  // The advance item is cleared at the payment's rate; each invoice at its own.
  const s = p.direction === 'receive' ? 1 : -1;
  const lines = [];
  for (const a of facts) {
    const base = cents(a.amount.mul(rate));
    const c = p.currency ? (s > 0 ? { debit_in_currency: a.amount.toFixed(2) } : { credit_in_currency: a.amount.toFixed(2) }) : {};
    lines.push({
      account: p.partyAccount,
      ...(s > 0 ? { debit: base.toFixed(2) } : { credit: base.toFixed(2) }),
      party_type: p.partyType,
      party: p.party,
      against_voucher_type: PAYMENT,
      against_voucher_id: p.id,
      ...(p.currency ? { currency: p.currency, exchange_rate: rate.toFixed(9) } : {}),
      ...c,
      remarks: 'Advance allocated',
    });
  }
  lines.push(...(await allocationLines(p, facts, (a) => cents(a.amount.mul(rate)))));
  await postVoucher(ctx, {
    voucher_type: PAYMENT,
    voucher_id: p.id,
    voucher_no: doc.number,
    posting_date: date,
    remarks: `Payment ${doc.number}: advance allocated`,
    lines,
    append: true,
  });
  const [{ n }] = (await ctx.sql<{ n: number }>(`select coalesce(max(idx), 0) as n from accounting_payment_allocation where parent_id = $1`, [p.id])) as [
    { n: number },
  ];
  for (const [i, w] of wanted.entries())
    await ctx.sql(
      `insert into accounting_payment_allocation (parent_id, idx, invoice_type, invoice, allocated_amount, allocated_on) values ($1, $2, $3, $4, $5, $6)`,
      [p.id, Number(n) + i + 1, w.invoice_type, w.invoice, D(w.allocated_amount).toFixed(2), date],
    );
  await ctx
    .entity(PAYMENT)
    .setServerFields(p.id, { allocated_total: D(doc.allocated_total).add(total).toFixed(2), unallocated_amount: left.sub(total).toFixed(2) });
  for (const a of facts) await refreshInvoice(ctx, a.type, a.id);
  return ctx.entity(PAYMENT).get(p.id);
}

/** "Credit note" / "Debit note" on a submitted invoice: a draft note of every line not yet credited (edit the qty, then submit). */
function makeNote(invoiceType: string, note: 'accounting.credit_note' | 'accounting.debit_note'): ActionDefinition {
  const lineTable = invoiceType === 'sales.sales_invoice' ? 'sales_v_invoice_line' : 'purchasing_v_supplier_invoice_line';
  const noteTable = note.replace('.', '_');
  return {
    label: note === 'accounting.credit_note' ? 'Credit note' : 'Debit note',
    labels: { lt: note === 'accounting.credit_note' ? 'Kreditinė sąskaita' : 'Debetinė sąskaita' },
    icon: 'assignment_return',
    permission: `${note}.create`,
    when: { docstatus: ['submitted'] },
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        posting_date: { type: 'string', format: 'date', title: 'Date', 'x-labels': { lt: { title: 'Data' } } },
        return_stock: { type: 'boolean', title: 'Goods returned', 'x-labels': { lt: { title: 'Prekės grąžintos' } } },
      },
    },
    handler: async (ctx) => {
      const input = (ctx.input ?? {}) as Doc;
      const lines = await ctx.sql<{ id: number; left: string }>(
        `select l.id, (l.qty - coalesce((select sum(nl.qty) from ${noteTable}_line nl join ${noteTable} n on n.id = nl.parent_id where nl.invoice_line = l.id and n.docstatus = 'submitted'), 0))::text as left
           from ${lineTable} l where l.parent_id = $1 order by l.idx, l.id`,
        [ctx.doc.id],
      );
      const open = lines.filter((l) => D(l.left).gt(0));
      if (!open.length)
        throw ledgerError('INVALID_CREDIT_NOTE', errors.t('lines_every_line_invoice_credited'), [{ path: 'lines', ...errors.t('nothing_left_credit') }]);
      return ctx.entity(note).create({
        invoice: ctx.doc.id,
        posting_date: input.posting_date ?? (await ctx.sql<{ d: string }>(`select greatest(current_date, $1::date)::text as d`, [ctx.doc.posting_date]))[0]!.d,
        return_stock: !!input.return_stock,
        lines: open.map((l) => ({ invoice_line: Number(l.id), qty: l.left })),
      });
    },
  };
}

/** "Statement of account" on a customer or supplier: the statement report of the party (this fiscal year unless dates are given). */
function statementAction(partyType: 'customer' | 'supplier'): ActionDefinition {
  return {
    label: 'Statement of account',
    labels: { lt: 'Atsiskaitymų suderinimo aktas' },
    icon: 'contact_page',
    permission: 'accounting.gl_entry.read',
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        from: { type: 'string', format: 'date', title: 'From', 'x-labels': { lt: { title: 'Nuo' } } },
        to: { type: 'string', format: 'date', title: 'To', 'x-labels': { lt: { title: 'Iki' } } },
      },
    },
    handler: (ctx) => {
      const input = (ctx.input ?? {}) as { from?: string; to?: string };
      return statementOfAccount(ctx, { party_type: partyType, party: String(ctx.doc.id), ...input });
    },
  };
}

export const paymentActions: Record<string, Record<string, ActionDefinition>> = {
  'sales.customer': { statement_of_account: statementAction('customer') },
  'purchasing.supplier': { statement_of_account: statementAction('supplier') },
  'sales.sales_invoice': { record_payment: recordPayment('sales.sales_invoice'), make_credit_note: makeNote('sales.sales_invoice', 'accounting.credit_note') },
  'purchasing.supplier_invoice': {
    record_payment: recordPayment('purchasing.supplier_invoice'),
    make_debit_note: makeNote('purchasing.supplier_invoice', 'accounting.debit_note'),
  },
  credit_note: { record_payment: recordPayment('accounting.credit_note') },
  debit_note: { record_payment: recordPayment('accounting.debit_note') },
  payment: {
    allocate: {
      label: 'Allocate advance',
      labels: { lt: 'Paskirstyti avansą' },
      icon: 'call_split',
      permission: 'accounting.payment.submit',
      when: { docstatus: ['submitted'] },
      input: allocateInput,
      handler: (ctx) => allocateAdvance(ctx as any),
    },
  },
};
