/**
 * Goods receipt: Stock Dr (each warehouse's stock account) / Stock received but not billed Cr,
 * at the value the receipt posted to the stock ledger (accepted and stocked rejected qty).
 * The supplier invoice later clears SRNB at the same value.
 */
import type { PostingRule } from '../contract.js';
import { accounts, postStockValues, stockValues, voucherOf, VoucherLines } from './common.js';

export const GOODS_RECEIPT = 'purchasing.goods_receipt';

export const goodsReceiptRule: PostingRule = {
  voucherType: GOODS_RECEIPT,
  plugin: 'purchasing',
  async build(ctx, doc) {
    const account = accounts(ctx);
    const lines = new VoucherLines();
    const value = await postStockValues(lines, account, await stockValues(ctx, GOODS_RECEIPT, Number(doc.id)));
    lines.credit(await account('srnb'), value, { remarks: 'received, not billed' });
    return voucherOf(GOODS_RECEIPT, doc, lines, undefined, `Goods receipt ${doc.number}`);
  },
};
