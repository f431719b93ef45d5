/**
 * Delivery: Cost of goods sold Dr (per item group's COGS account, else the default) / Stock Cr
 * (each warehouse's stock account), at the valuation the delivery posted to the stock ledger.
 */
import type { PostingRule } from '../contract.js';
import { accounts, postStockValues, stockValues, voucherOf, VoucherLines } from './common.js';

export const DELIVERY = 'sales.delivery';

export const deliveryRule: PostingRule = {
  voucherType: DELIVERY,
  plugin: 'sales',
  async build(ctx, doc) {
    const account = accounts(ctx);
    const lines = new VoucherLines();
    const values = await stockValues(ctx, DELIVERY, Number(doc.id));
    await postStockValues(lines, account, values);
    for (const v of values) lines.debit(await account('cogs', v.itemGroup != null ? { itemGroup: v.itemGroup } : {}), v.value.negated());
    return voucherOf(DELIVERY, doc, lines, undefined, `Delivery ${doc.number}`);
  },
};
