/** The studio's calls: /api/config/* (the configuration, plans, apply, history) and /api/auth/explain. */
import { HttpClient } from '../providers/http.js';
import type { CurrentConfig, EntityConfig, Explanation, JsonPatchOp, Plan, PluginInfo, RevisionDetail, RevisionSummary, RoleRow } from './types.js';

const http = new HttpClient();
const q = (o: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(o).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])));

export const studioApi = {
  config: (): Promise<CurrentConfig> => http.json('GET', '/api/config'),
  plugins: async (): Promise<PluginInfo[]> => (await http.json<{ data: PluginInfo[] }>('GET', '/api/config/plugins')).data,
  entity: (key: string): Promise<EntityConfig> => http.json('GET', `/api/config/entities/${encodeURIComponent(key)}`),
  plan: (patch: JsonPatchOp[], answers: Record<string, unknown> = {}): Promise<Plan> => http.json('POST', '/api/config/plan', { body: { patch, answers } }),
  apply: (body: { hash: string; comment?: string; answers?: Record<string, unknown>; acceptLossy?: string[] }): Promise<{ version: number }> =>
    http.json('POST', '/api/config/apply', { body }),
  revert: (version: number): Promise<Plan> => http.json('POST', '/api/config/revert', { body: { version } }),
  revisions: async (limit = 50): Promise<{ data: RevisionSummary[]; total: number }> => http.json('GET', '/api/config/revisions', { query: q({ limit }) }),
  revision: (version: number): Promise<RevisionDetail> => http.json('GET', `/api/config/revisions/${version}`),
  numberingPreview: async (entity: string, pattern: string): Promise<string> =>
    (await http.json<{ next: string }>('GET', '/api/config/numbering-preview', { query: q({ entity, pattern }) })).next,
  explain: (user: string, entity: string, id: string): Promise<Explanation> => http.json('GET', '/api/auth/explain', { query: q({ user, entity, id }) }),
  roles: async (): Promise<RoleRow[]> => (await http.json<{ data: RoleRow[] }>('GET', '/api/auth/role', { query: q({ limit: 500, sort: 'name' }) })).data,
  users: async (search: string): Promise<{ id: number; username: string; full_name?: string | null }[]> =>
    (await http.json<{ data: { id: number; username: string; full_name?: string | null }[] }>('GET', '/api/auth/user', { query: q({ limit: 20, q: search }) }))
      .data,
};
