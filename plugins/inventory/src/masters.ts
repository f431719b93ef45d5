/**
 * Rules of the inventory master data: items (units, reorder levels, what may not change once
 * stock was posted), warehouse and item-group trees, and the read-only ledger and balances.
 */
import { Errors, TesseraError, type EntityHooks, type Hook, type HookArgs } from '@tessera/core';
import { throwProblems, type UomProblem } from './uom.js';
import { errors } from '../errors.js';

/**
 * The stock ledger and the balances are written only by the stock API (src/stock.ts), with
 * SQL in the posting transaction. Both are declared "x-read-only", so they have no REST write
 * routes; the service API (ctx.entity(...).create/update/delete) still reaches them, and these
 * hooks refuse that for every caller, admins included. The database additionally refuses
 * UPDATE and DELETE on the ledger (trigger, see seed).
 */
function readOnly(label: string): EntityHooks {
  const refuse: Hook = () => {
    throw new TesseraError(
      'READ_ONLY_ENTITY',
      403,
      `${label} cannot be written directly: it changes only when stock documents (stock entries, receipts, deliveries...) are submitted or cancelled`,
    );
  };
  return { beforeCreate: refuse, beforeUpdate: refuse, beforeDelete: refuse };
}

export const ledgerHooks = readOnly('The stock ledger');
export const binHooks = readOnly('A stock balance');

/** SQL that makes the ledger append-only at the database (run by the plugin's seed; idempotent). */
export const APPEND_ONLY_SQL = [
  `create or replace function inventory_ledger_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'the stock ledger is append-only: % of entry % refused (cancel the document to post reversing entries)', tg_op, old.id using errcode = '55000';
   end $$`,
  `create or replace trigger inventory_ledger_append_only before update or delete on inventory_stock_ledger_entry
     for each row execute function inventory_ledger_append_only()`,
];

async function hasLedger(args: HookArgs, column: 'item' | 'warehouse', id: number): Promise<boolean> {
  const rows = await args.sql(`select 1 from inventory_stock_ledger_entry where ${column} = $1 limit 1`, [id]);
  return rows.length > 0;
}

/** Refuses a parent that is the record itself or one of its descendants. */
async function assertNoCycle(args: HookArgs, table: string, label: string): Promise<void> {
  const { doc } = args;
  if (doc.parent == null || doc.id == null) return;
  const rows = await args.sql(
    `with recursive up(id, parent) as (
       select id, parent from "${table}" where id = $1
       union all select t.id, t.parent from "${table}" t join up on t.id = up.parent
     ) select 1 from up where id = $2 limit 1`,
    [doc.parent, doc.id],
  );
  if (rows.length)
    throw Errors.validation([
      {
        path: 'parent',
        ...errors.t('cannot_one_descendants', {
          label: { en: label, lt: ({ warehouse: 'sandėlis', 'item group': 'prekių grupė' } as Record<string, string>)[label] ?? label },
        }),
      },
    ]);
}

const checkWarehouse: Hook = async (args) => {
  const { doc, old } = args;
  if (doc.parent != null) {
    const [parent] = await args.sql<{ is_group: boolean; name: string }>(`select is_group, name from inventory_warehouse where id = $1`, [doc.parent]);
    if (parent && !parent.is_group) throw Errors.validation([{ path: 'parent', ...errors.t('not_group_warehouse_groups_can', { name: String(parent.name) }) }]);
  }
  await assertNoCycle(args, 'inventory_warehouse', 'warehouse');
  if (old && doc.is_group && !old.is_group && (await hasLedger(args, 'warehouse', old.id)))
    throw Errors.validation([{ path: 'is_group', ...errors.t('stock_transactions_cannot_become_group', { name: String(old.name) }) }]);
  if (old && !doc.is_group && old.is_group) {
    const kids = await args.sql(`select 1 from inventory_warehouse where parent = $1 limit 1`, [old.id]);
    if (kids.length) throw Errors.validation([{ path: 'is_group', ...errors.t('contains_warehouses_move_them_first', { name: String(old.name) }) }]);
  }
};

const checkItemGroup: Hook = async (args) => assertNoCycle(args, 'inventory_item_group', 'item group');

const checkItem: Hook = async (args) => {
  const { doc, old } = args;
  doc.valuation_method ??= args.settings<{ default_valuation_method?: string }>('inventory').default_valuation_method ?? 'moving_average';
  const problems: UomProblem[] = [];
  const seenUom = new Set<number>();
  (doc.uoms ?? []).forEach((u: Record<string, any>, i: number) => {
    if (seenUom.has(Number(u.uom))) problems.push({ path: `uoms/${i}/uom`, ...errors.t('listed_twice') });
    seenUom.add(Number(u.uom));
    if (Number(u.uom) === Number(doc.stock_uom) && Number(u.conversion_factor) !== 1)
      problems.push({ path: `uoms/${i}/conversion_factor`, ...errors.t('stock_unit') });
  });
  const seenWh = new Set<number>();
  const whIds = (doc.reorder_levels ?? []).map((r: Record<string, any>) => Number(r.warehouse));
  const groups = new Set(
    whIds.length
      ? (await args.sql<{ id: number }>(`select id from inventory_warehouse where id = any($1) and is_group`, [whIds])).map((r) => Number(r.id))
      : [],
  );
  (doc.reorder_levels ?? []).forEach((r: Record<string, any>, i: number) => {
    if (seenWh.has(Number(r.warehouse))) problems.push({ path: `reorder_levels/${i}/warehouse`, ...errors.t('reorder_level_already_one_per') });
    seenWh.add(Number(r.warehouse));
    if (groups.has(Number(r.warehouse))) problems.push({ path: `reorder_levels/${i}/warehouse`, ...errors.t('group_warehouse_reorder_levels_are') });
  });
  throwProblems('INVALID_ITEM', problems);
  if (old && (await hasLedger(args, 'item', old.id))) {
    for (const f of ['stock_uom', 'valuation_method', 'is_stock_item'] as const)
      if (doc[f] !== old[f]) throw Errors.validation([{ path: f, ...errors.t('cannot_change_item_already_stock', { code: String(old.code) }) }]);
  }
};

export const masterHooks: Record<string, EntityHooks> = {
  stock_ledger_entry: ledgerHooks,
  bin: binHooks,
  warehouse: { beforeCreate: checkWarehouse, beforeUpdate: checkWarehouse },
  item_group: { beforeCreate: checkItemGroup, beforeUpdate: checkItemGroup },
  item: { beforeCreate: checkItem, beforeUpdate: checkItem },
};
