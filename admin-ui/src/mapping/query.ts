/** react-admin's list parameters -> the REST query string of the core's list endpoint. */
import type { MetaEntity } from '../meta/types.js';
import { toServerFilter } from './filters.js';

export interface ListParams {
  pagination?: { page: number; perPage: number };
  sort?: { field: string; order: 'ASC' | 'DESC' | string };
  filter?: Record<string, unknown>;
}

export const MAX_PAGE = 1000;

/** "-price" for DESC; react-admin's default "id" sort becomes the entity's declared default. */
export function sortParam(e: MetaEntity | undefined, sort: ListParams['sort']): string | undefined {
  if (!sort?.field) return e?.defaultSort;
  const field = sort.field;
  if (e && field !== 'id' && !e.fields.some((f) => f.name === field) && !['created_at', 'updated_at', 'docstatus'].includes(field)) return e.defaultSort;
  return `${sort.order === 'DESC' ? '-' : ''}${field}`;
}

export function listQuery(e: MetaEntity | undefined, params: ListParams, extra: Record<string, string> = {}): URLSearchParams {
  const qs = new URLSearchParams();
  const { filter, q } = toServerFilter(e, params.filter);
  if (filter) qs.set('filter', JSON.stringify(filter));
  if (q) qs.set('q', q);
  const sort = sortParam(e, params.sort);
  if (sort) qs.set('sort', sort);
  if (params.pagination) {
    const perPage = Math.min(Math.max(params.pagination.perPage, 1), MAX_PAGE);
    qs.set('limit', String(perPage));
    qs.set('offset', String(Math.max(params.pagination.page - 1, 0) * perPage));
  }
  for (const [k, v] of Object.entries(extra)) qs.set(k, v);
  return qs;
}

/** Ids for `?ids=` (getMany), deduplicated, in chunks the server accepts. */
export function idChunks(ids: readonly unknown[], size = MAX_PAGE): string[] {
  const unique = [...new Set(ids.map((i) => String(i)).filter((i) => /^[1-9]\d*$/.test(i)))];
  const out: string[] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size).join(','));
  return out;
}
