/**
 * The ledger invariant, checked in SQL for every item and warehouse:
 *   balance.actual_qty = sum(qty_change), balance.stock_value = sum(value_change),
 *   projected_qty = actual - reserved + ordered, the last entry's qty/value after = the balance,
 *   and every entry's qty/value after = the previous entry's + its own change (the running chain).
 * Used by GET /api/inventory/reports/verify, `tessera inventory verify` and the tests.
 */
export type SqlRunner = <R extends Record<string, any> = Record<string, any>>(text: string, params?: unknown[]) => Promise<R[]>;

export interface Mismatch {
  item: number;
  item_code: string | null;
  warehouse: number;
  warehouse_name: string | null;
  problem: string;
  expected: string | null;
  actual: string | null;
  ledger_entry?: number;
}

export interface VerifyResult {
  ok: boolean;
  bins: number;
  entries: number;
  mismatches: Mismatch[];
}

const BALANCE_SQL = `
with sums as (
  select item, warehouse, sum(qty_change) as qty, sum(value_change) as value, max(id) as last_id
    from inventory_stock_ledger_entry group by item, warehouse
), pairs as (
  select coalesce(b.item, s.item) as item, coalesce(b.warehouse, s.warehouse) as warehouse,
         b.actual_qty, b.stock_value, b.reserved_qty, b.ordered_qty, b.projected_qty,
         coalesce(s.qty, 0) as ledger_qty, coalesce(s.value, 0) as ledger_value,
         l.qty_after as last_qty_after, l.stock_value_after as last_value_after
    from inventory_bin b
    full join sums s on s.item = b.item and s.warehouse = b.warehouse
    left join inventory_stock_ledger_entry l on l.id = s.last_id
)
select p.item, i.code as item_code, p.warehouse, w.name as warehouse_name, x.problem, x.expected, x.actual, null::bigint as ledger_entry
  from pairs p
  left join inventory_item i on i.id = p.item
  left join inventory_warehouse w on w.id = p.warehouse
  cross join lateral (values
    ('actual_qty differs from the sum of the ledger', p.ledger_qty::text, p.actual_qty::text, p.actual_qty is distinct from p.ledger_qty),
    ('stock_value differs from the sum of the ledger', p.ledger_value::text, p.stock_value::text, p.stock_value is distinct from p.ledger_value),
    ('actual_qty differs from the last entry''s qty after', p.last_qty_after::text, p.actual_qty::text, p.last_qty_after is not null and p.last_qty_after <> p.actual_qty),
    ('stock_value differs from the last entry''s value after', p.last_value_after::text, p.stock_value::text, p.last_value_after is not null and p.last_value_after <> p.stock_value),
    ('projected_qty is not actual - reserved + ordered', (p.actual_qty - p.reserved_qty + p.ordered_qty)::text, p.projected_qty::text,
      p.projected_qty is not null and p.projected_qty <> p.actual_qty - p.reserved_qty + p.ordered_qty)
  ) as x(problem, expected, actual, bad)
 where x.bad
 order by i.code, w.name`;

const CHAIN_SQL = `
with chain as (
  select id, item, warehouse, qty_after, stock_value_after,
         sum(qty_change) over w as running_qty, sum(value_change) over w as running_value
    from inventory_stock_ledger_entry
  window w as (partition by item, warehouse order by id rows between unbounded preceding and current row)
)
select c.item, i.code as item_code, c.warehouse, wh.name as warehouse_name, c.id as ledger_entry,
       case when c.qty_after <> c.running_qty then 'qty_after breaks the running sum of qty changes'
            else 'stock_value_after breaks the running sum of value changes' end as problem,
       case when c.qty_after <> c.running_qty then c.running_qty::text else c.running_value::text end as expected,
       case when c.qty_after <> c.running_qty then c.qty_after::text else c.stock_value_after::text end as actual
  from chain c
  left join inventory_item i on i.id = c.item
  left join inventory_warehouse wh on wh.id = c.warehouse
 where c.qty_after <> c.running_qty or c.stock_value_after <> c.running_value
 order by c.id
 limit 1000`;

export async function verifyStock(sql: SqlRunner): Promise<VerifyResult> {
  const [counts] = await sql<{ bins: number; entries: number }>(
    `select (select count(*)::int from inventory_bin) as bins, (select count(*)::int from inventory_stock_ledger_entry) as entries`,
  );
  const balance = await sql<Mismatch>(BALANCE_SQL);
  const chain = await sql<Mismatch>(CHAIN_SQL);
  const mismatches = [...balance, ...chain].map((m) => ({
    ...m,
    item: Number(m.item),
    warehouse: Number(m.warehouse),
    ...(m.ledger_entry != null ? { ledger_entry: Number(m.ledger_entry) } : { ledger_entry: undefined }),
  }));
  for (const m of mismatches) if (m.ledger_entry === undefined) delete m.ledger_entry;
  return { ok: mismatches.length === 0, bins: counts!.bins, entries: counts!.entries, mismatches };
}
