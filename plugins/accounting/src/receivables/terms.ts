/**
 * Payment terms -> payment schedule. At submit, an invoice with payment terms (its own, else
 * the party's) gets its schedule: one installment per terms line, the portion of the grand
 * total (rounded to the cent, the last takes the remainder) due `due_days` after the invoice
 * date, the order date or the end of the invoice's month; the due date is the last
 * installment's. Without terms the plugins' own due date (payment_terms_days) stands.
 */
import { Decimal, type Doc, type EntityHooks, type FieldProblem, type Hook, type ServiceContext } from '@tessera/core';
import { ledgerError } from '../ledger/errors.js';
import { errors } from '../ledger/errors.js';

export interface Installment {
  due_date: string;
  portion: string;
  amount: string;
}

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const endOfMonth = (date: string) => {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
};

export function schedule(
  lines: { portion: string; due_days: number; basis?: string | null }[],
  total: Decimal,
  dates: { invoice: string; order?: string | null },
): Installment[] {
  let left = total;
  return lines.map((l, i) => {
    const last = i === lines.length - 1;
    const amount = last ? left : total.mul(l.portion).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    left = left.sub(amount);
    const from = l.basis === 'order_date' ? (dates.order ?? dates.invoice) : l.basis === 'end_of_month' ? endOfMonth(dates.invoice) : dates.invoice;
    return { due_date: addDays(from, Number(l.due_days)), portion: new Decimal(l.portion).toFixed(4), amount: amount.toFixed(2) };
  });
}

async function termsLines(ctx: Pick<ServiceContext, 'sql'>, terms: number) {
  return ctx.sql<{ portion: string; due_days: number; basis: string | null }>(
    `select portion::text, due_days, basis from accounting_payment_terms_line where parent_id = $1 order by idx, id`,
    [terms],
  );
}

const checkTerms: Hook = async (args) => {
  const lines: Doc[] = args.doc.lines ?? [];
  const sum = lines.reduce((a, l) => a.add(new Decimal(String(l.portion ?? 0))), new Decimal(0));
  if (!sum.eq(100)) {
    const p: FieldProblem[] = [{ path: 'lines', ...errors.t('portions_add_up_they_add', { value: String(sum.toFixed()) }) }];
    throw ledgerError('INVALID_PAYMENT', errors.t('lines_portions_add_up_they', { value: String(sum.toFixed()) }), p);
  }
};

/** beforeSubmit of invoices: the schedule and due date from the payment terms. */
export const scheduleFromTerms =
  (partyTable: string, partyColumn: string, orderTable: string | null, orderColumn: string | null): Hook =>
  async (args) => {
    const { doc } = args;
    let terms = doc.payment_terms;
    if (terms == null) terms = (await args.sql<{ t: number | null }>(`select payment_terms as t from ${partyTable} where id = $1`, [doc[partyColumn]]))[0]?.t;
    if (terms == null) return;
    const lines = await termsLines(args, Number(terms));
    if (!lines.length) return;
    const order =
      orderTable && orderColumn && doc[orderColumn] != null
        ? (await args.sql<{ d: string }>(`select to_char(order_date, 'YYYY-MM-DD') as d from ${orderTable} where id = $1`, [doc[orderColumn]]))[0]?.d
        : null;
    const total = new Decimal(String(doc.grand_total ?? doc.total ?? 0));
    const invoiceDate = String(doc.bill_date ?? doc.posting_date);
    const plan = schedule(lines, total, { invoice: invoiceDate, order });
    doc.payment_terms = Number(terms);
    doc.payment_schedule = plan;
    doc.due_date = plan.reduce((a, p) => (p.due_date > a ? p.due_date : a), plan[0]!.due_date);
  };

export const termsHooks: Record<string, EntityHooks> = { payment_terms: { beforeCreate: checkTerms, beforeUpdate: checkTerms } };

const termsRef = {
  type: 'integer',
  'x-ref': 'accounting.payment_terms',
  'x-on-delete': 'restrict',
  title: 'Payment terms',
  description: 'Installments and due dates; empty: the payment terms days.',
  'x-labels': { lt: { title: 'Mokėjimo sąlygos', description: 'Įmokos ir terminai; tuščia: mokėjimo termino dienos.' } },
};
const scheduleField = {
  type: 'array',
  readOnly: true,
  title: 'Payment schedule',
  'x-labels': { lt: { title: 'Mokėjimo grafikas' } },
  items: { type: 'object', properties: { due_date: { type: 'string', format: 'date' }, portion: { type: 'string' }, amount: { type: 'string' } } },
};

export const termsExtensions = {
  'sales.customer': { fields: { payment_terms: termsRef } },
  'purchasing.supplier': { fields: { payment_terms: termsRef } },
  'sales.sales_invoice': { fields: { payment_terms: termsRef, payment_schedule: scheduleField } },
  'purchasing.supplier_invoice': { fields: { payment_terms: termsRef, payment_schedule: scheduleField } },
};
