/**
 * Routes of receivables, payables and banks (beyond the entity API and the reports):
 *   GET  /api/accounting/open-invoices?party_type=&party=   open invoices of a party, oldest due first (the allocation grid)
 *   GET  /api/accounting/bank-reconciliation/:id/suggestions   scored matches per unreconciled transaction
 *   POST /api/accounting/exchange-rates/import                 CSV of rates (date,from,to,rate), all or nothing
 *   POST /api/accounting/payment-status/refresh               marks invoices past due as overdue (also a daily job)
 */
import type { ServiceContext, SetupContext } from '@tessera/core';
import { elevated } from '../ledger/routes.js';
import { parseRatesCsv } from '../currency/rates.js';
import { ledgerError } from '../ledger/errors.js';
import { reconciliationSuggestions } from '../banks/reconcile.js';
import { INVOICE_KINDS, refreshInvoice } from './invoices.js';

export async function openInvoices(ctx: ServiceContext, partyType: string, party: number) {
  const kind = Object.values(INVOICE_KINDS).find((k) => k.partyType === partyType);
  if (!kind || !ctx.config.plugins.includes(kind.plugin)) return [];
  ctx.assertReadable(kind.type, ['number', 'due_date', 'outstanding_amount']);
  const p: unknown[] = [party];
  const rule = ctx.rowFilter(kind.type, 'i', (v) => `$${p.push(v)}`);
  const total = kind.type === 'sales.sales_invoice' ? 'grand_total' : 'coalesce(grand_total, total)';
  return ctx.sql(
    `select '${kind.type}' as invoice_type, i.id, i.number, to_char(i.posting_date, 'YYYY-MM-DD') as posting_date, to_char(i.due_date, 'YYYY-MM-DD') as due_date,
            i.currency, ${total}::text as grand_total, i.outstanding_amount::text as outstanding_amount, i.payment_status
       from ${kind.table} i where i.${kind.partyColumn} = $1 and i.docstatus = 'submitted' and i.outstanding_amount > 0 and ${rule}
      order by i.due_date nulls last, i.posting_date, i.id`,
    p,
  );
}

/** Sets payment_status to overdue on submitted invoices past due that are not marked so yet (and back when the due date moved). */
export async function refreshOverdue(ctx: ServiceContext): Promise<number> {
  let n = 0;
  for (const kind of Object.values(INVOICE_KINDS)) {
    if (!ctx.config.plugins.includes(kind.plugin)) continue;
    const rows = await ctx.sql<{ id: number }>(
      `select id from ${kind.table} where docstatus = 'submitted' and outstanding_amount > 0
          and ((due_date < current_date and payment_status is distinct from 'overdue') or (due_date >= current_date and payment_status = 'overdue')) order by id`,
    );
    for (const r of rows) await refreshInvoice(ctx, kind.type, Number(r.id));
    n += rows.length;
  }
  return n;
}

/** A `{ data: [...] }` answer whose items carry at least these properties. */
const dataOf = (item: Record<string, unknown>) => ({
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'array', items: { type: 'object', additionalProperties: true, properties: item } } },
});

export function registerReceivableRoutes({ app, withServices, userOf }: SetupContext): void {
  const tags = ['accounting'];
  app.get(
    '/api/accounting/open-invoices',
    {
      schema: {
        tags,
        summary: 'Open invoices of a party, oldest due first',
        querystring: {
          type: 'object',
          required: ['party_type', 'party'],
          additionalProperties: false,
          properties: { party_type: { type: 'string', enum: ['customer', 'supplier', 'employee'] }, party: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } },
        },
        response: {
          200: dataOf({
            voucher_type: { type: 'string' },
            voucher_id: { type: 'integer' },
            number: { type: 'string' },
            due_date: { type: 'string', format: 'date' },
            outstanding: { type: 'string' },
          }),
        },
      },
    },
    async (req) => {
      const q = req.query as { party_type: string; party: string };
      return withServices(userOf(req), async (ctx) => ({ data: await openInvoices(ctx, q.party_type, Number(q.party)) }));
    },
  );
  app.get(
    '/api/accounting/bank-reconciliation/:id/suggestions',
    {
      schema: {
        tags,
        summary: 'Suggested matches for the unreconciled transactions of a bank account',
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } } },
        response: { 200: dataOf({ transaction: { type: 'integer' }, score: { type: 'number' } }) },
      },
    },
    async (req) =>
      withServices(userOf(req), async (ctx) => {
        ctx.assert('accounting.bank_transaction', 'read');
        ctx.assert('accounting.payment', 'read');
        return { data: await reconciliationSuggestions(ctx, Number((req.params as { id: string }).id)) };
      }),
  );
  app.post(
    '/api/accounting/exchange-rates/import',
    {
      schema: {
        tags,
        summary: 'Imports exchange rates from CSV (date,from,to,rate); a rate of the same date and pair is replaced',
        body: { type: 'object', required: ['csv'], additionalProperties: false, properties: { csv: { type: 'string', maxLength: 2_000_000 } } },
        response: { 200: { type: 'object', required: ['created', 'updated'], properties: { created: { type: 'integer' }, updated: { type: 'integer' } } } },
      },
    },
    async (req) =>
      withServices(userOf(req), async (ctx) => {
        ctx.assert('accounting.exchange_rate', 'create');
        const { rows, problems } = parseRatesCsv((req.body as { csv: string }).csv);
        if (problems.length)
          throw ledgerError(
            'INVALID_STATEMENT',
            problems
              .slice(0, 20)
              .map((p) => `${p.path}: ${p.message}`)
              .join('; '),
            problems,
          );
        let created = 0;
        let updated = 0;
        const svc = ctx.entity('accounting.exchange_rate');
        for (const r of rows) {
          const to = r.to_currency || ctx.config.company.currency;
          const [hit] = await ctx.sql<{ id: number }>(
            `select id from accounting_exchange_rate where rate_date = $1 and from_currency = $2 and to_currency = $3`,
            [r.rate_date, r.from_currency, to],
          );
          if (hit) await svc.update(Number(hit.id), { rate: r.rate }), updated++;
          else await svc.create({ ...r, to_currency: to }), created++;
        }
        return { created, updated };
      }),
  );
  app.post(
    '/api/accounting/payment-status/refresh',
    {
      schema: {
        tags,
        summary: 'Marks invoices past due as overdue',
        response: { 200: { type: 'object', required: ['refreshed'], properties: { refreshed: { type: 'integer', description: 'invoices refreshed' } } } },
      },
    },
    async (req) =>
      withServices(userOf(req), async (ctx) => ctx.assert('accounting.payment', 'create')).then(() =>
        // Refreshing writes server fields of sales and purchasing invoices: elevated once the caller's right is checked.
        withServices(elevated(userOf(req)), async (ctx) => ({ refreshed: await refreshOverdue(ctx) })),
      ),
  );
}
