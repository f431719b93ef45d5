/**
 * Stock entries, at the values they posted to the stock ledger:
 * - issue: Expense Dr (the entry's difference account, else the item group's expense
 *   account, else the default) / Stock Cr;
 * - receipt: Stock Dr / the difference account, else Stock adjustment Cr;
 * - opening stock: Stock Dr / the difference account, else the temporary opening account Cr;
 * - transfer: Stock Dr in the target warehouse's account / Stock Cr in the source's; nothing
 *   when both warehouses share one stock account (the lines net out).
 */
import type { Hook } from '@tessera/core';
import type { PostingRule } from '../contract.js';
import { ledgerError } from '../ledger/errors.js';
import { loadAccounts } from '../ledger/post.js';
import { accounts, postStockValues, stockValues, voucherOf, VoucherLines } from './common.js';
import { errors } from '../ledger/errors.js';

export const STOCK_ENTRY = 'inventory.stock_entry';

/** Accounting adds the counter account to stock entries (extendEntities). */
export const stockEntryExtension = {
  'inventory.stock_entry': {
    fields: {
      difference_account: {
        type: 'integer',
        'x-ref': 'accounting.account',
        'x-on-delete': 'restrict',
        title: 'Difference account',
        description:
          "The account against stock: expense for an issue, the source of a receipt. Empty: the item group's expense account or the default (stock adjustment; opening for opening stock).",
        'x-labels': {
          lt: {
            title: 'Koresponduojanti sąskaita',
            description:
              'Sąskaita prieš atsargas: sąnaudos nurašant, šaltinis pajamuojant. Tuščia: prekių grupės sąnaudų sąskaita arba numatytoji (atsargų koregavimo; pradinių likučių – pradinių likučių).',
          },
        },
      },
    },
  },
};

export const stockEntryRule: PostingRule = {
  voucherType: STOCK_ENTRY,
  plugin: 'inventory',
  async build(ctx, doc) {
    const account = accounts(ctx);
    const lines = new VoucherLines();
    const values = await stockValues(ctx, STOCK_ENTRY, Number(doc.id));
    await postStockValues(lines, account, values);
    const named = doc.difference_account != null ? Number(doc.difference_account) : undefined;
    if (doc.purpose === 'issue') {
      for (const v of values) lines.debit(named ?? (await account('expense', v.itemGroup != null ? { itemGroup: v.itemGroup } : {})), v.value.negated());
    } else if (doc.purpose === 'receipt' || doc.purpose === 'opening_stock') {
      const counter = named ?? (await account(doc.purpose === 'receipt' ? 'stock_adjustment' : 'opening'));
      for (const v of values) lines.credit(counter, v.value);
    }
    return voucherOf(STOCK_ENTRY, doc, lines, undefined, `Stock entry ${doc.number} (${doc.purpose})`);
  },
};

/**
 * The difference account must take postings: checked while drafting and on submit, so the
 * refusal names `difference_account` (not a voucher line). Frozen accounts are refused by
 * postVoucher at submit.
 */
export const checkDifferenceAccount: Hook = async (args) => {
  const id = args.doc.difference_account;
  if (id == null) return;
  if (args.doc.purpose === 'transfer')
    throw ledgerError('INVALID_VOUCHER', errors.t('difference_account_transfer_posts_between'), [
      { path: 'difference_account', ...errors.t('transfer_posts_between_stock_accounts') },
    ]);
  const a = (await loadAccounts(args, [Number(id)])).get(Number(id));
  if (!a) return; // the foreign key names a missing account
  const label = `account ${a.number} ${a.name}`;
  if (a.is_group)
    throw ledgerError('ACCOUNT_IS_GROUP', errors.t('difference_account_group_account_choose', { label: String(label) }), [
      { path: 'difference_account', ...errors.t('group_account_choose_one_ledger', { label: String(label) }) },
    ]);
  if (a.disabled)
    throw ledgerError('ACCOUNT_DISABLED', errors.t('difference_account_disabled', { label: String(label) }), [
      { path: 'difference_account', ...errors.t('disabled', { label: String(label) }) },
    ]);
};
