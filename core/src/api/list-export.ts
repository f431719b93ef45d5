/** The list route's response shape, and CSV exports read through keyset pages. */
import type { EntityModel } from '../entities/model.js';
import type { DataService } from '../data/service.js';
import type { CurrentUser, Doc, ListQuery } from '../plugin-api/index.js';
import { TesseraError } from '../errors.js';
import { LIMITS } from '../schema/limits.js';

export function listResponseSchema(record: object): object {
  return {
    type: 'object',
    properties: {
      data: { type: 'array', items: record },
      total: { type: 'integer', description: 'absent with total=none' },
      totalIsEstimate: { type: 'boolean', description: 'true: total is the planner\'s estimate, not a count' },
      next: { type: ['string', 'null'], description: 'cursor of the next page (pass as after), null on the last page' },
    },
  };
}

/**
 * Every row of an export, page by page through the same SQL path as the list (filters and row
 * scope apply), each page after the last row of the one before (keyset: no page re-reads the
 * rows before it). The first page's exact total says whether the export fits before the rest
 * is read. `next` is the cursor after the last exported row when a `limit` stopped it early.
 */
export async function exportRows(service: DataService, user: CurrentUser, e: EntityModel, query: ListQuery): Promise<{ rows: Doc[]; next: string | null }> {
  const rows: Doc[] = [];
  const wanted = query.limit;
  let after = query.after;
  let first = true;
  while (true) {
    const size = Math.min(LIMITS.limit, wanted === undefined ? LIMITS.limit : wanted - rows.length);
    const countIt = first && wanted === undefined;
    const page = await service.list(user, e, { ...query, limit: size, offset: first ? query.offset : undefined, after, total: countIt ? 'exact' : 'none' }, undefined, 'export');
    if (countIt && page.total! - (query.offset ?? 0) > LIMITS.exportRows) {
      const n = page.total! - (query.offset ?? 0);
      throw new TesseraError('EXPORT_TOO_LARGE', 422, `the export has ${n} rows; at most ${LIMITS.exportRows} per request: narrow the filter, or export in parts with limit (up to ${LIMITS.exportRows}) and after=<the X-Next-Cursor header of the previous part>`, [{ path: 'limit', message: `at most ${LIMITS.exportRows} rows per export`, code: 'limit' }]);
    }
    first = false;
    rows.push(...page.data);
    if (!page.next || (wanted !== undefined && rows.length >= wanted)) return { rows, next: wanted !== undefined ? (page.next ?? null) : null };
    after = page.next;
  }
}
