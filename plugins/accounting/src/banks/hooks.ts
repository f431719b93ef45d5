/** Bank account checks: the IBAN (normalized, mod-97) and a bank or cash ledger account. */
import { renderMessage, type EntityHooks, type FieldProblem, type Hook } from '@tessera/core';
import { ledgerError } from '../ledger/errors.js';
import { ibanProblem, normalizeIban } from './iban.js';
import { errors } from '../ledger/errors.js';

const checkBankAccount: Hook = async (args) => {
  const { doc } = args;
  if (doc.iban != null) {
    doc.iban = normalizeIban(String(doc.iban));
    const p = ibanProblem(doc.iban);
    if (p)
      throw ledgerError(
        'INVALID_IBAN',
        errors.t('iban_not_valid', { iban: String(doc.iban), reason: { en: p.message, lt: renderMessage(p.key, p.params, 'lt') ?? p.message } }),
        [{ path: 'iban', ...p, code: 'iban' }],
      );
  }
  if (doc.account != null) {
    const [a] = await args.sql<{ number: string; account_type: string | null; is_group: boolean }>(
      `select number, account_type, is_group from accounting_account where id = $1`,
      [doc.account],
    );
    const problems: FieldProblem[] = [];
    if (!a) problems.push({ path: 'account', ...errors.t('account_does_not_exist', { account: String(doc.account) }) });
    else if (a.is_group || (a.account_type !== 'bank' && a.account_type !== 'cash'))
      problems.push({ path: 'account', ...errors.t('account_not_bank_cash_ledger', { number: String(a.number) }) });
    if (problems.length) throw ledgerError('INVALID_PAYMENT', `account: ${problems[0]!.message}`, problems);
  }
};

export const bankHooks: Record<string, EntityHooks> = {
  bank_account: { beforeCreate: checkBankAccount, beforeUpdate: checkBankAccount },
};
