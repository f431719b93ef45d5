/**
 * Supplier invoices: lines are filled from the purchase order lines they bill; submitting
 * refuses billing beyond a line's amount (plus the over_billing_allowance setting) and raises
 * the order lines' billed_amount; cancel lowers it again. Invoices do not move stock.
 */
import { Decimal, Errors, type Doc, type EntityHooks, type Hook, type HookArgs } from '@tessera/core';
import { throwProblems, type UomProblem } from '@tessera/plugin-inventory/api';
import { applySupplier, settingsOf, updateOrders } from './purchase-order.js';
import { linkOrderLines, loadOrderLines } from './goods-receipt.js';
import { D } from '@tessera/plugin-kit';
import { errors } from '../errors.js';

const money = (d: Decimal) => d.toFixed(2);

const prepareInvoice: Hook = async (args) => {
  const { doc } = args;
  // Invoice lines take item and rate from the order line; nothing else to fill.
  const problems: UomProblem[] = await linkOrderLines(args, doc, { fill: () => undefined });
  if (doc.supplier != null) problems.push(...(await applySupplier(args, doc)));
  throwProblems('INVALID_SUPPLIER_INVOICE', problems);
};

const checkInvoice: Hook = async (args) => {
  await prepareInvoice(args);
  const lines: Doc[] = args.doc.lines;
  const poLines = await loadOrderLines(
    args,
    lines.map((l) => l.purchase_order_line),
    true,
  );
  const allowance = D(settingsOf(args).over_billing_allowance ?? 0);
  const billed = new Map<number, Decimal>();
  const problems: UomProblem[] = [];
  lines.forEach((l, i) => {
    if (l.purchase_order_line == null) return;
    const po = poLines.get(Number(l.purchase_order_line))!;
    const total = (billed.get(po.id) ?? D(po.billed_amount)).add(D(l.amount));
    billed.set(po.id, total);
    const limit = D(po.amount).mul(allowance.div(100).add(1)).toDecimalPlaces(2);
    if (total.gt(limit))
      problems.push({
        path: `lines/${i}/amount`,
        ...errors.t('over_billing_line_ordered_billed', {
          po_number: String(po.po_number),
          value: String(po.idx + 1),
          item_code: String(po.item_code),
          value2: String(money(D(po.amount))),
          value3: String(money(D(po.billed_amount))),
          value4: String(money(D(l.amount))),
        }),
      });
  });
  if (problems.length) throw Errors.unprocessable('OVER_BILLING', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
};

/** Moves the order lines' billed amount by sign x line amount (never below zero). */
async function applyToOrders(args: HookArgs, sign: 1 | -1): Promise<void> {
  const lines: Doc[] = args.doc.lines;
  const ids = lines.map((l) => l.purchase_order_line).filter((x) => x != null);
  const poLines = await loadOrderLines(args, ids, true);
  const billed = new Map<number, Decimal>([...poLines.values()].map((p) => [p.id, D(p.billed_amount)]));
  for (const l of lines) {
    if (l.purchase_order_line == null) continue;
    const id = Number(l.purchase_order_line);
    billed.set(id, Decimal.max(billed.get(id)!.add(D(l.amount).mul(sign)), 0));
  }
  await updateOrders(
    args,
    [...billed].map(([id, amount]) => ({ orderId: poLines.get(id)!.parent_id, lineId: id, values: { billed_amount: money(amount) } })),
  );
}

export const supplierInvoiceHooks: EntityHooks = {
  beforeCreate: prepareInvoice,
  beforeUpdate: prepareInvoice,
  beforeSubmit: checkInvoice,
  afterSubmit: (args) => applyToOrders(args, 1),
  afterCancel: (args) => applyToOrders(args, -1),
};
