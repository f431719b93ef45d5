/**
 * Posting rules of every document type with accounting effect (owned by the postings part),
 * one file per document, and the hooks that run them in the document's own transaction:
 * afterSubmit posts the rule's voucher, afterCancel reverses every live entry of the document;
 * work orders post after each action instead (incremental rule). Tax template hooks on sales
 * and purchasing documents (src/tax/documents.ts) are merged in here as well.
 *
 * For the ledger part (backfill, verify): use postDocument(ctx, rule, doc) to post a submitted
 * document's missing entries -- it loops an incremental rule until it is in step.
 */
import type { Doc, EntityHooks, Hook, ServiceContext } from '@tessera/core';
import type { PostingRule } from '../contract.js';
import { postVoucher, reverseVoucher } from '../ledger/post.js';
import { taxHooks } from '../tax/documents.js';
import { receivableHooks } from '../receivables/hooks.js';
import { deliveryRule } from './delivery.js';
import { goodsReceiptRule } from './goods-receipt.js';
import { salesInvoiceRule } from './sales-invoice.js';
import { checkDifferenceAccount, stockEntryRule } from './stock-entry.js';
import { stockReconciliationRule } from './stock-reconciliation.js';
import { supplierInvoiceRule } from './supplier-invoice.js';
import { workOrderRule } from './work-order.js';

export const postingRules: PostingRule[] = [
  goodsReceiptRule,
  supplierInvoiceRule,
  deliveryRule,
  salesInvoiceRule,
  stockEntryRule,
  stockReconciliationRule,
  workOrderRule,
];

/** An incremental rule never needs more than one voucher per posting date; this bounds a runaway loop. */
const MAX_INCREMENTAL_VOUCHERS = 1000;

/** Posts what a submitted document is missing in the ledger; returns the number of vouchers posted. */
export async function postDocument(ctx: ServiceContext, rule: PostingRule, doc: Doc): Promise<number> {
  if (!rule.incremental) {
    const v = await rule.build(ctx, doc);
    if (v) await postVoucher(ctx, v);
    return v ? 1 : 0;
  }
  let n = 0;
  for (let v = await rule.build(ctx, doc); v; v = await rule.build(ctx, doc)) {
    if (++n > MAX_INCREMENTAL_VOUCHERS) throw new Error(`${rule.voucherType} ${doc.number ?? doc.id}: the posting rule does not converge`);
    await postVoucher(ctx, v);
  }
  return n;
}

function hooksFor(rule: PostingRule): EntityHooks {
  const post: Hook = async (args) => {
    await postDocument(args, rule, args.doc);
  };
  const reverse: Hook = async (args) => {
    await reverseVoucher(args, rule.voucherType, Number(args.doc.id));
  };
  return rule.incremental ? { afterAction: post, afterCancel: reverse } : { afterSubmit: post, afterCancel: reverse };
}

/** Both sets of hooks; where both have one, a's runs first. */
export function mergeHooks(a: EntityHooks, b: EntityHooks): EntityHooks {
  const out: EntityHooks = { ...a, ...b };
  for (const name of Object.keys(a) as (keyof EntityHooks)[]) {
    const first = a[name];
    const second = b[name];
    if (first && second)
      out[name] = async (args) => {
        await first(args);
        await second(args);
      };
  }
  return out;
}

/** Hooks on other plugins' documents (entity key -> hooks): posting rules and tax templates. */
export const postingHooks: Record<string, EntityHooks> = (() => {
  const out: Record<string, EntityHooks> = {};
  for (const rule of postingRules) out[rule.voucherType] = hooksFor(rule);
  for (const [key, hooks] of Object.entries(taxHooks)) out[key] = { ...out[key], ...hooks };
  out[stockEntryRule.voucherType] = {
    ...out[stockEntryRule.voucherType],
    beforeCreate: checkDifferenceAccount,
    beforeUpdate: checkDifferenceAccount,
    beforeSubmit: checkDifferenceAccount,
  };
  // Receivables: the rate is fixed before the tax hooks' submit work; outstanding is refreshed after the posting.
  for (const [key, { before, after }] of Object.entries(receivableHooks)) out[key] = mergeHooks(mergeHooks(before, out[key] ?? {}), after);
  return out;
})();

/** Fields accounting adds to other plugins' documents (manifest extendEntities): tax templates, the stock entry's difference account. */
export { taxExtensions } from '../tax/documents.js';
export { stockEntryExtension } from './stock-entry.js';
export { seedTaxTemplates } from '../tax/seed.js';
