/** The platform endpoints the list and layout screens call beyond the data provider: global search and saved views. */
import type { SavedView, SearchGroup, ViewState } from '@tessera/contract';
import { HttpClient } from './http.js';

export type { SavedView, SearchGroup, ViewState } from '@tessera/contract';

const http = new HttpClient();

export const globalSearch = (q: string): Promise<{ q: string; groups: SearchGroup[] }> =>
  http.json('GET', '/api/search', { query: new URLSearchParams({ q }) });

export const savedViews = {
  list: async (entity: string): Promise<SavedView[]> =>
    (await http.json<{ data: SavedView[] }>('GET', '/api/views', { query: new URLSearchParams({ entity }) })).data,
  create: (body: { entity: string; name: string; shared: boolean; state: ViewState }): Promise<SavedView> => http.json('POST', '/api/views', { body }),
  update: (id: number, body: Partial<{ name: string; shared: boolean; state: ViewState }>): Promise<SavedView> =>
    http.json('PATCH', `/api/views/${id}`, { body }),
  remove: async (id: number): Promise<void> => {
    await http.raw('DELETE', `/api/views/${id}`);
  },
};

export interface GroupRow {
  key: string | number | boolean | null;
  count: number;
  sums: Record<string, string>;
}

/** A list grouped by a field: count and exact sums per group (the list's filter and search apply). */
export function listGroups(
  entity: string,
  by: string,
  sums: string[],
  list: { filter?: Record<string, unknown>; q?: string },
): Promise<{ groups: GroupRow[]; more: boolean }> {
  const query = new URLSearchParams({ entity, by });
  if (sums.length) query.set('sum', sums.join(','));
  if (list.filter) query.set('filter', JSON.stringify(list.filter));
  if (list.q) query.set('q', list.q);
  return http.json('GET', '/api/groups', { query });
}
