/** Demo-data helpers: find a record by its natural key, or create it (demo loaders run once, but stay re-runnable). */
import type { DataContext, Doc, ServiceContext } from '@tessera/core';

type Ctx = Pick<ServiceContext, 'entity'> | DataContext;

/** The id of the first record of an entity matching the filter (e.g. { code: 'W-MAIN' }), or undefined. */
export async function idBy(ctx: Ctx, entity: string, filter: Record<string, unknown>): Promise<number | undefined> {
  const r = await ctx.entity(entity).list({ filter, limit: 1, fields: ['id'] });
  return r.data[0]?.id as number | undefined;
}

/** The record matching `match`, else one created from match + data. */
export async function findOrCreate(ctx: Ctx, entity: string, match: Record<string, unknown>, data: Doc = {}): Promise<Doc> {
  const id = await idBy(ctx, entity, match);
  if (id !== undefined) return ctx.entity(entity).get(id);
  return ctx.entity(entity).create({ ...match, ...data });
}
