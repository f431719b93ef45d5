/**
 * Stock reconciliation (a count): the value change it posted, per warehouse's stock account,
 * against the stock adjustment account (a gain credits it, a loss debits it).
 */
import type { PostingRule } from '../contract.js';
import { accounts, postStockValues, stockValues, voucherOf, VoucherLines } from './common.js';

export const STOCK_RECONCILIATION = 'inventory.stock_reconciliation';

export const stockReconciliationRule: PostingRule = {
  voucherType: STOCK_RECONCILIATION,
  plugin: 'inventory',
  async build(ctx, doc) {
    const account = accounts(ctx);
    const lines = new VoucherLines();
    const values = await stockValues(ctx, STOCK_RECONCILIATION, Number(doc.id));
    const total = await postStockValues(lines, account, values);
    if (values.length) lines.credit(await account('stock_adjustment'), total);
    return voucherOf(STOCK_RECONCILIATION, doc, lines, undefined, `Stock reconciliation ${doc.number}`);
  },
};
