/**
 * What every report route needs: the current user of the request (as the generated routes
 * take it), a read-permission check on each entity the report reads, a validated query
 * string and one transaction with the service API. Shared with the sales plugin.
 *
 * The permission check is the core's ctx.assert(entity, 'read'): the same 403 as the entity's
 * own routes.
 */
import { Errors, type CurrentUser, type ServiceContext, type SetupContext } from '@tessera/core';

/** The authenticated user the auth layer put on the request; none is a 401, as for the generated routes. */
export function requestUser(req: object): CurrentUser {
  const user = (req as { user?: CurrentUser | null }).user;
  if (!user) throw Errors.unauthorized();
  return user;
}

/** Throws the policy's 403 unless the user may read every listed entity. */
export function assertCanRead(ctx: ServiceContext, entities: string[]): void {
  for (const key of entities) ctx.assert(key, 'read');
}

export interface ReportSpec<Q> {
  url: string;
  summary: string;
  description?: string;
  /** Entities whose read permission the caller needs. */
  reads: string[];
  /** JSON Schema of the query string (values arrive as strings). */
  querystring: Record<string, unknown>;
  run: (ctx: ServiceContext, query: Q) => Promise<unknown>;
}

export function registerReport<Q>(setup: Pick<SetupContext, 'app' | 'withServices'>, tag: string, spec: ReportSpec<Q>): void {
  setup.app.get(spec.url, { schema: { tags: [tag], summary: spec.summary, description: spec.description, querystring: spec.querystring } }, async (req) =>
    setup.withServices(requestUser(req), async (ctx) => {
      assertCanRead(ctx, spec.reads);
      return spec.run(ctx, req.query as Q);
    }),
  );
}

/** Query-string pieces. */
export const qs = {
  date: { type: 'string', format: 'date' },
  id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$', description: '1-1000' },
};

/** Decimal text rounded to cents, from SQL numeric text (null as zero). */
export const cents = (v: unknown): string => (v === null || v === undefined ? '0.00' : String(v));
