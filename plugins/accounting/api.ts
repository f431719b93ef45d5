/**
 * The accounting plugin's public API: posting vouchers to the general ledger and checking it.
 * Other plugins import only this file (`@tessera/plugin-accounting/api`); everything else in the package is internal.
 */
export type { Voucher, GlLine, PostingRule, DefaultAccount, PartyType } from './src/contract.js';
export { postVoucher, reverseVoucher, accountFor, hasLiveEntries } from './src/ledger/post.js';
export { verifyLedger, type LedgerVerifyResult, type LedgerProblem } from './src/ledger/verify.js';
export { backfillLedger } from './src/ledger/backfill.js';
