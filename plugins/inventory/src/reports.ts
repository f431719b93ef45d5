/**
 * Inventory reports, computed in SQL: stock balance (now or as of a date, warehouse subtrees
 * included), stock ledger with running balance, reorder suggestions, and the ledger check.
 * Registered under /api/inventory/reports/... by the plugin's setup: each route asserts the
 * caller's read permission (ctx.assert) and passes the caller's row rules (ctx.rowFilter) into
 * the report's SQL; called without one (the CLI, jobs), a report sees every row.
 */
import type { FastifyRequest } from 'fastify';
import { Errors, type ServiceContext, type SetupContext } from '@tessera/core';
import { verifyStock, type SqlRunner } from './verify.js';
import { allRows, page, qs, rowSchema, userOf, type RowFilter } from '@tessera/plugin-kit';
import { errors } from '../errors.js';

/** The columns of a report row about an item in a warehouse (their ids and names). */
export const ITEM_AT_WAREHOUSE = { item: 'integer', item_code: 'text', item_name: 'text', warehouse: 'integer', warehouse_name: 'text' } as const;

const ID = qs.id;
const DATE = qs.date;
const PAGE = qs.page;

/** "warehouse = $n or below it" for a warehouse tree filter. */
const warehouseSubtree = (param: string, column: string) =>
  `${column} in (with recursive sub(id) as (select id from inventory_warehouse where id = ${param}
     union all select w.id from inventory_warehouse w join sub on w.parent = sub.id) select id from sub)`;
const itemGroupSubtree = (param: string, column: string) =>
  `${column} in (with recursive sub(id) as (select id from inventory_item_group where id = ${param}
     union all select g.id from inventory_item_group g join sub on g.parent = sub.id) select id from sub)`;

export interface StockBalanceQuery {
  as_of?: string;
  item?: string;
  warehouse?: string;
  item_group?: string;
  include_zero?: 'true' | 'false';
  limit?: string;
  offset?: string;
}

/** Balances per item and warehouse; only those whose balance row (inventory.bin) the row rule admits. */
export async function stockBalance(sql: SqlRunner, q: StockBalanceQuery, rowFilter: RowFilter = allRows) {
  const params: unknown[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (q.item) where.push(`x.item = ${add(Number(q.item))}`);
  if (q.warehouse) where.push(warehouseSubtree(add(Number(q.warehouse)), 'x.warehouse'));
  if (q.item_group) where.push(itemGroupSubtree(add(Number(q.item_group)), 'i.item_group'));
  if (q.include_zero !== 'true') where.push(`(x.qty <> 0 or x.value <> 0)`);
  const binRule = rowFilter('inventory.bin', 'rb', add);
  if (binRule !== 'true') where.push(`exists (select 1 from inventory_bin rb where rb.item = x.item and rb.warehouse = x.warehouse and (${binRule}))`);
  // As of a date the balances are summed from the ledger entries the caller may read.
  const source = q.as_of
    ? `select item, warehouse, sum(qty_change) as qty, sum(value_change) as value, null::numeric as reserved_qty, null::numeric as ordered_qty, null::numeric as projected_qty
         from inventory_stock_ledger_entry le where posting_date <= ${add(q.as_of)} and ${rowFilter('inventory.stock_ledger_entry', 'le', add)} group by item, warehouse`
    : `select item, warehouse, actual_qty as qty, stock_value as value, reserved_qty, ordered_qty, projected_qty from inventory_bin`;
  const { limit, offset } = page(q as unknown as Record<string, string | undefined>);
  const base = `from (${source}) x join inventory_item i on i.id = x.item join inventory_warehouse w on w.id = x.warehouse
                left join inventory_uom u on u.id = i.stock_uom ${where.length ? `where ${where.join(' and ')}` : ''}`;
  const rows = await sql(
    `select x.item, i.code as item_code, i.name as item_name, x.warehouse, w.name as warehouse_name, u.name as stock_uom,
            x.qty::text as qty, x.value::text as value,
            case when x.qty <> 0 then round(x.value / x.qty, 9)::text else null end as valuation_rate,
            x.reserved_qty::text as reserved_qty, x.ordered_qty::text as ordered_qty, x.projected_qty::text as projected_qty
       ${base} order by i.code, w.name limit ${add(limit)} offset ${add(offset)}`,
    params,
  );
  const [totals] = await sql<{ n: number; qty: string; value: string }>(
    `select count(*)::int as n, coalesce(sum(x.qty), 0)::text as qty, coalesce(sum(x.value), 0)::text as value ${base}`,
    params.slice(0, params.length - 2),
  );
  return { as_of: q.as_of ?? null, data: rows, total: totals!.n, totals: { qty: totals!.qty, value: totals!.value } };
}

export interface StockLedgerQuery {
  item: string;
  warehouse?: string;
  from?: string;
  to?: string;
  limit?: string;
  offset?: string;
}

/**
 * Entries of one item (optionally a warehouse subtree and a period) with the opening balance
 * and a running balance, over the entries the row rule admits.
 */
export async function stockLedger(sql: SqlRunner, q: StockLedgerQuery, rowFilter: RowFilter = allRows) {
  const params: unknown[] = [Number(q.item)];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const scope = [`e.item = $1`];
  if (q.warehouse) scope.push(warehouseSubtree(add(Number(q.warehouse)), 'e.warehouse'));
  const ledgerRule = rowFilter('inventory.stock_ledger_entry', 'e', add);
  if (ledgerRule !== 'true') scope.push(`(${ledgerRule})`);
  const scopeSql = scope.join(' and ');
  const scopeParams = [...params];
  const [opening] = q.from
    ? await sql<{ qty: string; value: string }>(
        `select coalesce(sum(qty_change), 0)::text as qty, coalesce(sum(value_change), 0)::text as value from inventory_stock_ledger_entry e where ${scopeSql} and e.posting_date < $${params.length + 1}`,
        [...scopeParams, q.from],
      )
    : [{ qty: '0', value: '0' }];
  const period: string[] = [];
  if (q.from) period.push(`e.posting_date >= ${add(q.from)}`);
  if (q.to) period.push(`e.posting_date <= ${add(q.to)}`);
  const { limit, offset } = page(q as unknown as Record<string, string | undefined>);
  const openQty = add(opening!.qty);
  const openValue = add(opening!.value);
  const rows = await sql(
    `select * from (
       select e.id, e.posting_date, e.posting_time::text as posting_time, e.warehouse, w.name as warehouse_name,
              e.voucher_type, e.voucher_id, e.voucher_no, e.is_reversal,
              e.qty_change::text as qty_change, e.incoming_rate::text as incoming_rate, e.valuation_rate::text as valuation_rate,
              e.value_change::text as value_change, e.qty_after::text as warehouse_qty_after, e.stock_value_after::text as warehouse_value_after,
              (${openQty}::numeric + sum(e.qty_change) over w)::text as balance_qty,
              (${openValue}::numeric + sum(e.value_change) over w)::text as balance_value
         from inventory_stock_ledger_entry e join inventory_warehouse w on w.id = e.warehouse
        where ${scopeSql}${period.length ? ` and ${period.join(' and ')}` : ''}
       window w as (order by e.posting_date, e.id rows between unbounded preceding and current row)
     ) r order by r.posting_date, r.id limit ${add(limit)} offset ${add(offset)}`,
    params,
  );
  const [item] = await sql(
    `select i.id, i.code, i.name, i.valuation_method, u.name as stock_uom from inventory_item i left join inventory_uom u on u.id = i.stock_uom where i.id = $1`,
    [Number(q.item)],
  );
  return { item: item ?? null, opening: opening!, data: rows };
}

export interface ReorderRow {
  item: number;
  item_code: string;
  item_name: string;
  warehouse: number;
  warehouse_name: string;
  reorder_level: string;
  reorder_qty: string;
  actual_qty: string;
  projected_qty: string;
  suggested_qty: string;
  stock_uom: number;
  standard_rate: string | null;
}

/**
 * Items whose projected qty is at or below the reorder level, with max(reorder qty, level -
 * projected); only items the row rule admits (reorder levels are lines of the item).
 */
export async function reorderSuggestions(
  sql: SqlRunner,
  q: { warehouse?: string | number; item?: string | number } = {},
  rowFilter: RowFilter = allRows,
): Promise<ReorderRow[]> {
  const params: unknown[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['i.is_stock_item', 'not i.disabled', 'coalesce(b.projected_qty, 0) <= r.reorder_level'];
  if (q.item) where.push(`r.parent_id = ${add(Number(q.item))}`);
  if (q.warehouse) where.push(warehouseSubtree(add(Number(q.warehouse)), 'r.warehouse'));
  const itemRule = rowFilter('inventory.item', 'i', add);
  if (itemRule !== 'true') where.push(`(${itemRule})`);
  return sql<ReorderRow>(
    `select r.parent_id as item, i.code as item_code, i.name as item_name, r.warehouse, w.name as warehouse_name,
            r.reorder_level::text as reorder_level, r.reorder_qty::text as reorder_qty,
            coalesce(b.actual_qty, 0)::text as actual_qty, coalesce(b.projected_qty, 0)::text as projected_qty,
            greatest(r.reorder_qty, r.reorder_level - coalesce(b.projected_qty, 0))::text as suggested_qty,
            i.stock_uom, i.standard_rate::text as standard_rate
       from inventory_item_reorder r
       join inventory_item i on i.id = r.parent_id
       join inventory_warehouse w on w.id = r.warehouse
       left join inventory_bin b on b.item = r.parent_id and b.warehouse = r.warehouse
      where ${where.join(' and ')}
      order by i.code, w.name`,
    params,
  );
}

export function registerReports({ app, withServices }: SetupContext): void {
  /**
   * Runs a report for the caller after asserting the read permission of every entity it is drawn
   * from and that the caller sees every field it uses (403 FIELD_HIDDEN otherwise).
   */
  const run = <T>(req: FastifyRequest, reads: Record<string, readonly string[]>, fn: (ctx: ServiceContext) => Promise<T>) =>
    withServices(userOf(req), async (ctx) => {
      for (const [key, fields] of Object.entries(reads)) ctx.assertReadable(key, fields);
      return fn(ctx);
    });
  const labels = { 'inventory.item': ['code', 'name', 'stock_uom'], 'inventory.warehouse': ['name'], 'inventory.uom': ['name'] };
  const tags = ['inventory'];
  app.get(
    '/api/inventory/reports/stock-balance',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({
          ...ITEM_AT_WAREHOUSE,
          stock_uom: 'text',
          qty: 'quantity',
          value: 'quantity',
          valuation_rate: 'rate?',
          reserved_qty: 'quantity?',
          ordered_qty: 'quantity?',
          projected_qty: 'quantity?',
        }),
        'x-label': 'Stock balance',
        'x-labels': { lt: 'Atsargų likučiai' },
        summary: 'Stock balance: qty and value per item and warehouse (now, or as of a date from the ledger)',
        'x-descriptions': { lt: 'Atsargų likutis: kiekis ir vertė pagal prekę ir sandėlį (dabar arba datai pagal atsargų žurnalą)' },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            as_of: DATE,
            item: ID,
            warehouse: ID,
            item_group: ID,
            include_zero: {
              type: 'string',
              enum: ['true', 'false'],
              title: 'Include zero balances',
              'x-labels': { lt: { title: 'Rodyti nulinius likučius' } },
            },
            ...PAGE,
          },
        },
      },
    },
    (req) => {
      const q = req.query as StockBalanceQuery;
      const reads = {
        ...labels,
        'inventory.item': [...labels['inventory.item'], 'item_group'],
        'inventory.bin': ['item', 'warehouse', 'actual_qty', 'stock_value', 'reserved_qty', 'ordered_qty', 'projected_qty'],
        ...(q.as_of ? { 'inventory.stock_ledger_entry': ['item', 'warehouse', 'posting_date', 'qty_change', 'value_change'] } : {}),
      };
      return run(req, reads, (ctx) => stockBalance(ctx.sql, q, ctx.rowFilter));
    },
  );
  app.get(
    '/api/inventory/reports/stock-ledger',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({
          id: 'integer',
          posting_date: 'date',
          posting_time: 'text',
          warehouse: 'integer',
          warehouse_name: 'text',
          voucher_type: 'text',
          voucher_id: 'integer',
          voucher_no: 'text',
          is_reversal: 'boolean',
          qty_change: 'quantity',
          incoming_rate: 'rate?',
          valuation_rate: 'rate',
          value_change: 'quantity',
          warehouse_qty_after: 'quantity',
          warehouse_value_after: 'quantity',
          balance_qty: 'quantity',
          balance_value: 'quantity',
        }),
        'x-label': 'Stock ledger',
        'x-labels': { lt: 'Atsargų žurnalas' },
        summary: 'Stock ledger of one item with opening and running balance',
        'x-descriptions': { lt: 'Vienos prekės atsargų žurnalas su pradiniu ir einamuoju likučiu' },
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['item'],
          properties: { item: ID, warehouse: ID, from: DATE, to: DATE, ...PAGE },
        },
      },
    },
    (req) =>
      run(
        req,
        {
          ...labels,
          'inventory.item': [...labels['inventory.item'], 'valuation_method'],
          'inventory.stock_ledger_entry': [
            'item',
            'warehouse',
            'posting_date',
            'posting_time',
            'voucher_type',
            'voucher_id',
            'voucher_no',
            'is_reversal',
            'qty_change',
            'incoming_rate',
            'valuation_rate',
            'value_change',
            'qty_after',
            'stock_value_after',
          ],
        },
        (ctx) => stockLedger(ctx.sql, req.query as StockLedgerQuery, ctx.rowFilter),
      ),
  );
  app.get(
    '/api/inventory/reports/reorder',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({
          ...ITEM_AT_WAREHOUSE,
          reorder_level: 'quantity',
          reorder_qty: 'quantity',
          actual_qty: 'quantity',
          projected_qty: 'quantity',
          suggested_qty: 'quantity',
          stock_uom: 'id',
          standard_rate: 'rate?',
        }),
        'x-label': 'Reorder suggestions',
        'x-labels': { lt: 'Papildymo pasiūlymai' },
        summary: 'Reorder suggestions: projected qty at or below the reorder level',
        'x-descriptions': { lt: 'Papildymo pasiūlymai: numatomas kiekis ties papildymo lygiu arba žemiau jo' },
        querystring: { type: 'object', additionalProperties: false, properties: { item: ID, warehouse: ID } },
      },
    },
    (req) =>
      run(
        req,
        {
          ...labels,
          'inventory.item': [
            ...labels['inventory.item'],
            'is_stock_item',
            'disabled',
            'standard_rate',
            'reorder_levels.warehouse',
            'reorder_levels.reorder_level',
            'reorder_levels.reorder_qty',
          ],
          'inventory.bin': ['item', 'warehouse', 'actual_qty', 'projected_qty'],
        },
        async (ctx) => ({ data: await reorderSuggestions(ctx.sql, req.query as { item?: string; warehouse?: string }, ctx.rowFilter) }),
      ),
  );
  // The ledger check compares whole balances with whole ledgers: it reads every row by design,
  // so it is only for callers whose row rules admit every entry and balance.
  app.get(
    '/api/inventory/reports/verify',
    {
      schema: {
        'x-rows': 'mismatches',
        tags,
        'x-row-schema': rowSchema(
          {
            item: 'integer',
            item_code: 'text',
            warehouse: 'integer',
            warehouse_name: 'text',
            problem: 'text',
            expected: 'decimal',
            actual: 'decimal',
            ledger_entry: 'id',
          },
          ['ledger_entry'],
        ),
        'x-label': 'Stock check',
        'x-labels': { lt: 'Atsargų patikra' },
        summary: 'Checks that every stock balance equals the sum of its ledger entries',
        'x-descriptions': { lt: 'Patikrina, ar kiekvienas atsargų likutis lygus jo žurnalo įrašų sumai' },
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    (req) =>
      run(
        req,
        {
          'inventory.stock_ledger_entry': ['item', 'warehouse', 'qty_change', 'value_change'],
          'inventory.bin': ['item', 'warehouse', 'actual_qty', 'stock_value'],
        },
        (ctx) => {
          if (ctx.rowFilter('inventory.stock_ledger_entry', 'e', () => '$1') !== 'true' || ctx.rowFilter('inventory.bin', 'b', () => '$1') !== 'true')
            throw Errors.forbidden(errors.t('stock_check_compares_every_balance'));
          return verifyStock(ctx.sql);
        },
      ),
  );
}
