/**
 * VAT report for a period (GET /api/accounting/reports/vat?from=&to=): output VAT (credits
 * less debits on the tax accounts of sales templates and the default vat_output account),
 * input VAT (debits less credits on the accounts of purchase templates and vat_input), and
 * VAT payable = output - input (negative: to reclaim). Figures come from the daily balances
 * (the reports' balance source, so a row rule on the entries applies); the `bases` section
 * adds the taxable base and tax per template code from the submitted invoices of the period.
 */
import type { ServiceContext } from '@tessera/core';
import { accountFor } from '../ledger/post.js';
import { AccountTree, accountFigures, col, drillTo, fig, money, period, ZERO, type Dec, type ReportAnswer, type ReportRow } from '../reports/common.js';

export interface VatQuery {
  from?: string;
  to?: string;
}

async function taxAccounts(ctx: ServiceContext, kind: 'sales' | 'purchase'): Promise<Set<number>> {
  const rows = await ctx.sql<{ account: number }>(
    `select distinct l.account from accounting_tax_template_line l join accounting_tax_template t on t.id = l.parent_id where t.kind = $1`,
    [kind],
  );
  const out = new Set(rows.map((r) => Number(r.account)));
  try {
    out.add(await accountFor(ctx, kind === 'sales' ? 'vat_output' : 'vat_input'));
  } catch {
    // no default VAT account configured: the templates' accounts are the whole list
  }
  return out;
}

/** Taxable base and tax per template code (or bare rate) from the submitted invoices of the period. */
async function bases(ctx: ServiceContext, from: string, to: string): Promise<ReportRow[]> {
  const on = new Set(ctx.config.plugins);
  const parts: string[] = [];
  if (on.has('sales'))
    parts.push(`select 'output' as side, coalesce(t.code, 'RATE ' || coalesce(l.tax_rate, 0)::text || ' %') as code, l.amount, l.tax_amount
                  from sales_v_invoice_line l join sales_v_invoice d on d.id = l.parent_id left join accounting_tax_template t on t.id = l.tax_template
                 where d.docstatus = 'submitted' and d.posting_date between $1 and $2`);
  if (on.has('purchasing'))
    parts.push(`select 'input' as side, coalesce(t.code, 'RATE ' || coalesce(l.tax_rate, 0)::text || ' %') as code, l.amount, l.tax_amount
                  from purchasing_v_supplier_invoice_line l join purchasing_v_supplier_invoice d on d.id = l.parent_id
                  left join accounting_tax_template t on t.id = coalesce(l.tax_template, d.tax_template)
                 where d.docstatus = 'submitted' and d.posting_date between $1 and $2`);
  if (!parts.length) return [];
  const rows = await ctx.sql<{ side: string; code: string; base: string; tax: string }>(
    `select side, code, sum(amount)::text as base, sum(coalesce(tax_amount, 0))::text as tax from (${parts.join(' union all ')}) x group by side, code order by side desc, code`,
    [from, to],
  );
  return rows.map((r) => ({
    key: `base.${r.side}.${r.code}`,
    label: `${r.side === 'output' ? 'Sales' : 'Purchases'} ${r.code}`,
    labels: { lt: `${r.side === 'output' ? 'Pardavimai' : 'Pirkimai'} ${r.code}` },
    side: r.side,
    code: r.code,
    base: money(r.base),
    tax: money(r.tax),
  }));
}

export async function vatReport(ctx: ServiceContext, q: VatQuery): Promise<ReportAnswer> {
  const { from, to } = period(ctx, q);
  const tree = await AccountTree.load(ctx);
  const figures = await accountFigures(ctx, { periods: [{ from, to }] });
  const output = await taxAccounts(ctx, 'sales');
  const input = await taxAccounts(ctx, 'purchase');
  const rows: ReportRow[] = [];
  const section = (side: 'output' | 'input', accounts: Set<number>, label: string, lt: string): Dec => {
    rows.push({ key: side, label, labels: { lt }, style: 'section' });
    let total = ZERO;
    for (const id of [...accounts].sort((a, b) => (tree.byId.get(a)?.number ?? '').localeCompare(tree.byId.get(b)?.number ?? '', 'en', { numeric: true }))) {
      const a = tree.byId.get(id);
      if (!a) continue;
      const f = figures.get(id);
      const debit = f?.debit[0] ?? ZERO;
      const credit = f?.credit[0] ?? ZERO;
      const amount = side === 'output' ? credit.minus(debit) : debit.minus(credit);
      total = total.plus(amount);
      rows.push({
        key: `${side}.account.${id}`,
        label: `${a.number} ${a.name}`,
        level: 1,
        account: id,
        account_number: a.number,
        debit: money(debit),
        credit: money(credit),
        amount: money(amount),
        drill: drillTo(from, to)(a),
      });
    }
    rows.push({
      key: `${side}_total`,
      label: `Total ${label.toLowerCase()}`,
      labels: { lt: `Iš viso: ${lt.toLowerCase()}` },
      style: 'total',
      amount: money(total),
    });
    return total;
  };
  const out = section('output', output, 'Output VAT', 'Pardavimo PVM');
  const inp = section('input', input, 'Input VAT', 'Pirkimo PVM');
  const payable = out.minus(inp);
  rows.push({
    key: 'payable',
    label: 'VAT payable (negative: to reclaim)',
    labels: { lt: 'Mokėtinas PVM (neigiamas: grąžintinas)' },
    style: 'grand_total',
    amount: money(payable),
  });
  return {
    report: 'vat',
    currency: ctx.config.company.currency,
    params: { from, to },
    columns: [col('label', 'Account', 'Sąskaita', 'text'), col('debit', 'Debit', 'Debetas'), col('credit', 'Credit', 'Kreditas'), col('amount', 'VAT', 'PVM')],
    rows,
    totals: { output: money(out), input: money(inp), payable: money(payable) },
    summary: [
      fig('output', 'Output VAT', 'Pardavimo PVM', money(out)),
      fig('input', 'Input VAT', 'Pirkimo PVM', money(inp)),
      fig('payable', 'VAT payable', 'Mokėtinas PVM', money(payable), 'money', [
        'output VAT - input VAT; negative: to reclaim',
        'pardavimo PVM - pirkimo PVM; neigiamas: grąžintinas',
      ]),
    ],
    bases: await bases(ctx, from, to),
  };
}
