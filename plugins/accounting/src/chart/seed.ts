/**
 * Seeds the chart of accounts from the template named by the `chart` setting, once: only
 * while the chart is empty, so a consultant's edits, renames and deletions are never undone
 * by a later start. Two statements (rows, then parents by number) keep it fast.
 */
import type { ServiceContext } from '@tessera/core';
import { accountingSettings } from '../settings.js';
import { CHART_TEMPLATES } from './templates.js';

/** Returns the number of accounts created (0 when a chart already exists). */
export async function seedChart(ctx: Pick<ServiceContext, 'sql' | 'settings'>): Promise<number> {
  const [{ n }] = (await ctx.sql<{ n: number }>(`select count(*)::int as n from accounting_account`)) as [{ n: number }];
  if (n > 0) return 0;
  const { chart } = accountingSettings(ctx);
  const t = CHART_TEMPLATES[chart];
  // The chart's own language is the name; both labels are kept for the other locale.
  const name = (a: (typeof t)[number]) => (chart === 'lt' ? a.lt : a.en);
  await ctx.sql(
    `insert into accounting_account (number, name, name_en, name_lt, is_group, root_type, account_type, is_current)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[], $8::boolean[])
     on conflict (number) do nothing`,
    [
      t.map((a) => a.number),
      t.map(name),
      t.map((a) => a.en),
      t.map((a) => a.lt),
      t.map((a) => a.group),
      t.map((a) => a.root),
      t.map((a) => a.type),
      t.map((a) => a.current),
    ],
  );
  const withParent = t.filter((a) => a.parent);
  await ctx.sql(
    `update accounting_account c set parent = p.id
       from unnest($1::text[], $2::text[]) as m(child, parent) join accounting_account p on p.number = m.parent
      where c.number = m.child`,
    [withParent.map((a) => a.number), withParent.map((a) => a.parent)],
  );
  return t.length;
}
