/**
 * Chart of accounts rules: the parent is a group of the same root type (and not the account
 * or one of its descendants); an account with entries keeps its root type, cannot become a
 * group and cannot be deleted; a group with accounts under it cannot become a ledger account.
 */
import { Errors, type EntityHooks, type Hook, type HookArgs } from '@tessera/core';
import { ledgerError } from '../ledger/errors.js';

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
      throw ledgerError('INVALID_ACCOUNT_PARENT', `parent: account ${parent.number} ${parent.name} is not a group: only group accounts contain accounts`, [
        { path: 'parent', message: `${parent.number} is not a group account`, code: 'parent_not_group' },
      ]);
    if (parent && parent.root_type !== doc.root_type)
      throw ledgerError(
        'INVALID_ACCOUNT_PARENT',
        `parent: account ${parent.number} ${parent.name} is of root type ${parent.root_type}, this account is ${doc.root_type}: the parent must be of the same root type`,
        [{ path: 'parent', message: `root type ${parent.root_type} differs from ${doc.root_type}`, code: 'parent_root_type' }],
      );
    if (doc.id != null) {
      const cycle = await args.sql(
        `with recursive up(id, parent, depth) as (
           select id, parent, 0 from accounting_account where id = $1
           union all select a.id, a.parent, up.depth + 1 from accounting_account a join up on a.id = up.parent where up.depth < 100
         ) select 1 from up where id = $2 limit 1`,
        [doc.parent, doc.id],
      );
      if (cycle.length) throw Errors.validation([{ path: 'parent', message: 'cannot be this account or one of its descendants' }]);
    }
  }
  if (!old) return;
  if (doc.root_type !== old.root_type && (await hasEntries(args, old.id)))
    throw ledgerError('ACCOUNT_HAS_ENTRIES', `root_type: account ${old.number} has ledger entries, its root type (${old.root_type}) cannot change`, [
      { path: 'root_type', message: `cannot change: account ${old.number} has ledger entries`, code: 'account_has_entries' },
    ]);
  if (doc.is_group && !old.is_group && (await hasEntries(args, old.id)))
    throw ledgerError('ACCOUNT_HAS_ENTRIES', `is_group: account ${old.number} has ledger entries and cannot become a group`, [
      { path: 'is_group', message: `cannot change: account ${old.number} has ledger entries`, code: 'account_has_entries' },
    ]);
  if (!doc.is_group && old.is_group) {
    const kids = await args.sql(`select 1 from accounting_account where parent = $1 limit 1`, [old.id]);
    if (kids.length) throw Errors.validation([{ path: 'is_group', message: `account ${old.number} contains accounts: move them first` }]);
  }
  if (doc.root_type !== old.root_type) {
    const kids = await args.sql(`select 1 from accounting_account where parent = $1 and root_type <> $2 limit 1`, [old.id, doc.root_type]);
    if (kids.length)
      throw Errors.validation([{ path: 'root_type', message: `account ${old.number} contains accounts of root type ${old.root_type}: change them first` }]);
  }
};

const refuseDeleteWithEntries: Hook = async (args) => {
  const { old } = args;
  if (old && (await hasEntries(args, old.id)))
    throw ledgerError('ACCOUNT_HAS_ENTRIES', `account ${old.number} ${old.name} has ledger entries and cannot be deleted (disable or freeze it instead)`);
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
      if (a.is_group) problems.push({ path: field, message: `account ${a.number} ${a.name} is a group: choose one of its ledger accounts` });
      else if (a.root_type !== root)
        problems.push({ path: field, message: `account ${a.number} ${a.name} is of root type ${a.root_type}: an ${root} account is needed here` });
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
