/**
 * The total of a list, on demand (`total=exact|estimate|none`). An exact `count(*)` reads every
 * matching row: over a table of millions that costs more than the page itself, so a list
 * chooses what it pays for:
 *
 *   exact     count(*) of every match, whatever it costs.
 *   estimate  the planner's row estimate for the list's WHERE (EXPLAIN, no rows read), flagged
 *             `totalIsEstimate: true`. Close for simple filters, rough for combined ones.
 *   none      no count at all (infinite scroll, exports, "is there a next page?" via `next`).
 *   (default) exact up to LIMITS.exactTotalUpTo matches, counted with a bounded scan (stops at
 *             threshold + 1 rows), and the planner's estimate above that, flagged. A small list
 *             costs one bounded count; a big one never counts past the threshold.
 */
import type { Queryable } from '../db/database.js';
import { ident } from '../db/database.js';
import { LIMITS } from '../schema/limits.js';

export const TOTAL_MODES = ['exact', 'estimate', 'none'] as const;
export type TotalMode = (typeof TOTAL_MODES)[number] | 'auto';

export interface Total {
  total?: number;
  totalIsEstimate?: boolean;
}

async function plannerRows(q: Queryable, from: string, where: string, params: unknown[]): Promise<number> {
  const r = await q.query(`explain (format json) select 1 from ${from} t where ${where}`, params);
  const plan = (r.rows[0] as Record<string, any>)?.['QUERY PLAN'];
  const rows = (Array.isArray(plan) ? plan : JSON.parse(String(plan)))[0]?.Plan?.['Plan Rows'];
  return Math.max(0, Math.round(Number(rows) || 0));
}

/** The planner's estimate of the rows of `table` matching `where` (EXPLAIN: no row is read). */
export const estimatedTotal = (q: Queryable, table: string, where: string, params: unknown[]): Promise<number> => plannerRows(q, ident(table), where, params);

/** Counts (or estimates) the rows of `table` matching `where`, as the mode says. */
export async function listTotal(q: Queryable, table: string, where: string, params: unknown[], mode: TotalMode): Promise<Total> {
  const from = ident(table);
  switch (mode) {
    case 'none':
      return {};
    case 'exact': {
      const r = await q.query(`select count(*)::bigint as total from ${from} t where ${where}`, params);
      return { total: Number(r.rows[0]!.total), totalIsEstimate: false };
    }
    case 'estimate':
      return { total: await plannerRows(q, from, where, params), totalIsEstimate: true };
    case 'auto': {
      const cap = LIMITS.exactTotalUpTo;
      const r = await q.query(`select count(*)::int as total from (select 1 from ${from} t where ${where} limit ${cap + 1}) s`, params);
      const counted = Number(r.rows[0]!.total);
      if (counted <= cap) return { total: counted, totalIsEstimate: false };
      // More than the threshold: the planner's figure, never below what was just counted.
      return { total: Math.max(cap + 1, await plannerRows(q, from, where, params)), totalIsEstimate: true };
    }
  }
}
