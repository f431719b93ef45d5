/** What other plugins read of contacts and organizations (exported by api.ts). */
import type { ServiceContext } from '@tessera/core';

type Sql = Pick<ServiceContext, 'sql'>;

/** A contact's name and the organization they work for, or undefined when the id is unknown. */
export async function contactOf(ctx: Sql, id: number): Promise<{ full_name: string; organization: number | null } | undefined> {
  const [c] = await ctx.sql<{ full_name: string; organization: number | null }>(`select full_name, organization from crm_contact where id = $1`, [id]);
  return c && { full_name: c.full_name, organization: c.organization == null ? null : Number(c.organization) };
}

/** Organization names by id (unknown ids are absent). */
export async function organizationNames(ctx: Sql, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((x) => x != null).map(Number))];
  if (!unique.length) return new Map();
  const rows = await ctx.sql<{ id: number; name: string }>(`select id, name from crm_organization where id = any($1)`, [unique]);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
