/** What every start does (idempotent): the append-only trigger, the chart, this and last fiscal year. */
import type { DataContext } from '@tessera/core';
import { seedChart } from '../chart/seed.js';
import { GL_APPEND_ONLY_SQL } from './append-only.js';
import { ensureFiscalYear } from './periods.js';

export async function seedLedger(ctx: DataContext): Promise<void> {
  for (const statement of GL_APPEND_ONLY_SQL) await ctx.sql(statement);
  await seedChart(ctx);
  const today = new Date().toISOString().slice(0, 10);
  const lastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  await ensureFiscalYear(ctx, lastYear);
  await ensureFiscalYear(ctx, today);
}
