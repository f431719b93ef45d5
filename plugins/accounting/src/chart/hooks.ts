/**
 * Chart of accounts rules: the parent is a group of the same root type (and not the account
 * or one of its descendants); an account with entries keeps its root type, cannot become a
 * group and cannot be deleted; a group with accounts under it cannot become a ledger account.
 */
import { choiceText, Errors, type EntityHooks, type Hook, type HookArgs } from '@tessera/core';
import { ledgerError } from '../ledger/errors.js';
import { errors } from '../ledger/errors.js';

async function hasEntries(args: HookArgs, account: number): Promise<boolean> {
  return (await args.sql(`select 1 from accounting_gl_entry where account = $1 limit 1`, [account])).length > 0;
}

const checkAccount: Hook = async (args) => {
  const { doc, old } = args;
  if (doc.parent != null) {
    const [parent] = await args.sql<{ is_group: boolean; number: string; name: string; root_type: string }>(
      `select is_group, number, name, root_type from accounting_account where id = $1`,
      [doc.parent],
    );
    if (parent && !parent.is_group)
      throw ledgerError('INVALID_ACCOUNT_PARENT', errors.t('parent_account_not_group_group', { number: String(parent.number), name: String(parent.name) }), [
        { path: 'parent', ...errors.t('not_group_account', { number: String(parent.number) }), code: 'parent_not_group' },
      ]);
    if (parent && parent.root_type !== doc.root_type)
      throw ledgerError(
        'INVALID_ACCOUNT_PARENT',
        errors.t('parent_account_root_type_account', {
          number: String(parent.number),
          name: String(parent.name),
          root_type: choiceText(args.model, 'root_type', parent.root_type),
          root_type2: choiceText(args.model, 'root_type', doc.root_type),
        }),
        [
          {
            path: 'parent',
            ...errors.t('root_type_differs_from', {
              root_type: choiceText(args.model, 'root_type', parent.root_type),
              root_type2: choiceText(args.model, 'root_type', doc.root_type),
            }),
            code: 'parent_root_type',
          },
        ],
      );
    if (doc.id != null) {
      const cycle = await args.sql(
        `with recursive up(id, parent, depth) as (
           select id, parent, 0 from accounting_account where id = $1
           union all select a.id, a.parent, up.depth + 1 from accounting_account a join up on a.id = up.parent where up.depth < 100
         ) select 1 from up where id = $2 limit 1`,
        [doc.parent, doc.id],
      );
      if (cycle.length) throw Errors.validation([{ path: 'parent', ...errors.t('cannot_account_one_descendants') }]);
    }
  }
  if (!old) return;
  if (doc.root_type !== old.root_type && (await hasEntries(args, old.id)))
    throw ledgerError(
      'ACCOUNT_HAS_ENTRIES',
      errors.t('root_type_account_ledger_entries', { number: String(old.number), root_type: choiceText(args.model, 'root_type', old.root_type) }),
      [{ path: 'root_type', ...errors.t('cannot_change_account_ledger_entries', { number: String(old.number) }), code: 'account_has_entries' }],
    );
  if (doc.is_group && !old.is_group && (await hasEntries(args, old.id)))
    throw ledgerError('ACCOUNT_HAS_ENTRIES', errors.t('group_account_ledger_entries_cannot', { number: String(old.number) }), [
      { path: 'is_group', ...errors.t('cannot_change_account_ledger_entries', { number: String(old.number) }), code: 'account_has_entries' },
    ]);
  if (!doc.is_group && old.is_group) {
    const kids = await args.sql(`select 1 from accounting_account where parent = $1 limit 1`, [old.id]);
    if (kids.length) throw Errors.validation([{ path: 'is_group', ...errors.t('account_contains_accounts_move_them', { number: String(old.number) }) }]);
  }
  if (doc.root_type !== old.root_type) {
    const kids = await args.sql(`select 1 from accounting_account where parent = $1 and root_type <> $2 limit 1`, [old.id, doc.root_type]);
    if (kids.length)
      throw Errors.validation([
        {
          path: 'root_type',
          ...errors.t('account_contains_accounts_root_type', { number: String(old.number), root_type: choiceText(args.model, 'root_type', old.root_type) }),
        },
      ]);
  }
};

const refuseDeleteWithEntries: Hook = async (args) => {
  const { old } = args;
  if (old && (await hasEntries(args, old.id)))
    throw ledgerError('ACCOUNT_HAS_ENTRIES', errors.t('account_ledger_entries_cannot_deleted', { number: String(old.number), name: String(old.name) }));
};

/** A mapping names ledger accounts of the right root type: stock accounts are assets, income is income... */
function checkMapping(fields: Record<string, string>): Hook {
  return async (args) => {
    const problems: { path: string; message: string }[] = [];
    for (const [field, root] of Object.entries(fields)) {
      const id = args.doc[field];
      if (id == null) continue;
      const [a] = await args.sql<{ number: string; name: string; is_group: boolean; root_type: string }>(
        `select number, name, is_group, root_type from accounting_account where id = $1`,
        [id],
      );
      if (!a) continue; // the reference check reports it
      if (a.is_group) problems.push({ path: field, ...errors.t('account_group_choose_one_ledger', { number: String(a.number), name: String(a.name) }) });
      else if (a.root_type !== root)
        problems.push({
          path: field,
          ...errors.t('account_root_type_account_needed', {
            number: String(a.number),
            name: String(a.name),
            root_type: choiceText(args.model, 'root_type', a.root_type),
            root: String(root),
          }),
        });
    }
    if (problems.length) throw Errors.validation(problems);
  };
}

const warehouseMapping = checkMapping({ account: 'asset' });
const itemGroupMapping = checkMapping({ income_account: 'income', expense_account: 'expense', cogs_account: 'expense' });

export const chartHooks: Record<string, EntityHooks> = {
  account: { beforeCreate: checkAccount, beforeUpdate: checkAccount, beforeDelete: refuseDeleteWithEntries },
  warehouse_account: { beforeCreate: warehouseMapping, beforeUpdate: warehouseMapping },
  item_group_account: { beforeCreate: itemGroupMapping, beforeUpdate: itemGroupMapping },
};
