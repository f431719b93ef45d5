/**
 * The react-admin data provider for the core's generated REST API: one resource per
 * entity key ("catalog.product"), requests built by the mapping modules, and the document
 * lifecycle, actions, CSV export, history and dashboard as extra methods.
 */
import type { DataProvider, Identifier, RaRecord } from 'ra-core';
import type { Meta, MetaEntity } from '../meta/types.js';
import { idChunks, listQuery, type ListParams } from '../mapping/query.js';
import { CursorBook, queryKey } from '../mapping/cursors.js';
import { updateBody, writeBody } from '../mapping/payload.js';
import { normalizeWidget, type WidgetData } from '../mapping/dashboard.js';
import { fromEnvelope, type ReportAnswer } from '../mapping/reports.js';
import { HttpClient, type HttpClientOptions } from './http.js';

export type DocumentTransition = 'submit' | 'cancel' | 'amend';

export interface HistoryEntry {
  [key: string]: unknown;
}

export interface TesseraDataProvider extends DataProvider {
  /** `version`: the one the screen shows; the server refuses (412) when the document changed since. */
  transition(resource: string, id: Identifier, op: DocumentTransition, version?: unknown): Promise<{ data: RaRecord }>;
  runAction(resource: string, id: Identifier, action: string, input: Record<string, unknown>, version?: unknown): Promise<{ data: unknown }>;
  exportCsv(resource: string, params: Pick<ListParams, 'filter' | 'sort'>): Promise<{ blob: Blob; filename: string }>;
  /** The exact number of rows of a list (total=exact), for a list whose total was estimated. */
  countExactly(resource: string, params: Pick<ListParams, 'filter'>): Promise<number>;
  /** The record's change history, or null when the server has no history endpoint. */
  history(resource: string, id: Identifier): Promise<HistoryEntry[] | null>;
  dashboard(url: string): Promise<WidgetData>;
  /** A declared report's answer (meta.reports[].url) for the given query. */
  report(url: string, query: URLSearchParams): Promise<ReportAnswer>;
  /** The same report as the server's CSV export. */
  reportCsv(url: string, query: URLSearchParams): Promise<{ blob: Blob; filename: string }>;
}

/**
 * If-Match with the version the screen loaded: the server refuses the write with 412 when
 * someone else saved the record in between, instead of silently overwriting their change.
 */
export function ifMatch(previous: unknown): Record<string, string> | undefined {
  const v = (previous as { version?: unknown } | undefined)?.version;
  return typeof v === 'number' ? { 'if-match': `"${v}"` } : undefined;
}

/** Whether an error is the server's 412: the record changed since it was loaded. */
export function isStale(err: unknown): boolean {
  const e = err as { status?: number; body?: { error?: { code?: string } } };
  return e?.status === 412 || e?.body?.error?.code === 'PRECONDITION_FAILED';
}

/** A 404 for the route itself (the server has no such endpoint), not for a record. */
export function isMissingRoute(err: unknown): boolean {
  const e = err as { status?: number; body?: { error?: { code?: string } } };
  return e?.status === 404 && e.body?.error?.code === 'ROUTE_NOT_FOUND';
}

export function createDataProvider(getMeta: () => Meta | undefined, opts: HttpClientOptions = {}): TesseraDataProvider {
  const http = new HttpClient(opts);

  const entity = (resource: string): MetaEntity => {
    const e = getMeta()?.entities.find((x) => x.key === resource);
    if (!e) throw new Error(`unknown resource "${resource}"`);
    return e;
  };

  const cursors = new CursorBook();
  const list = async (resource: string, params: ListParams) => {
    const e = entity(resource);
    const query = listQuery(e, params);
    // Keyset paging: a page after one already read starts at that page's `next` cursor.
    const key = queryKey(resource, query);
    const page = params.pagination?.page ?? 1;
    const after = cursors.cursorFor(key, page);
    if (after) {
      query.delete('offset');
      query.set('after', after);
    }
    const body = await http.json<{ data: RaRecord[]; total?: number; totalIsEstimate?: boolean; next?: string | null }>('GET', e.path, { query });
    cursors.remember(key, page, body.next);
    if (body.total === undefined) return { data: body.data, pageInfo: { hasNextPage: !!body.next, hasPreviousPage: page > 1 } };
    return { data: body.data, total: body.total, meta: { totalIsEstimate: body.totalIsEstimate === true } };
  };

  const provider: TesseraDataProvider = {
    getList: (resource, params) => list(resource, params) as any,

    async getOne(resource, params) {
      const e = entity(resource);
      return { data: await http.json('GET', `${e.path}/${encodeURIComponent(String(params.id))}`) };
    },

    async getMany(resource, params) {
      const e = entity(resource);
      const pages = await Promise.all(
        idChunks(params.ids).map((ids) =>
          http.json<{ data: RaRecord[] }>('GET', e.path, { query: new URLSearchParams({ ids, limit: String(ids.split(',').length) }) }),
        ),
      );
      return { data: pages.flatMap((p) => p.data) } as any;
    },

    getManyReference: (resource, params) => list(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } }) as any,

    async create(resource, params) {
      const e = entity(resource);
      return { data: await http.json('POST', e.path, { body: writeBody(e, params.data as Record<string, unknown>), entity: e }) };
    },

    async update(resource, params) {
      const e = entity(resource);
      const body = updateBody(e, params.data as Record<string, unknown>, params.previousData as Record<string, unknown> | undefined);
      return {
        data: await http.json('PATCH', `${e.path}/${encodeURIComponent(String(params.id))}`, { body, entity: e, headers: ifMatch(params.previousData) }),
      };
    },

    async updateMany(resource, params) {
      const e = entity(resource);
      // One request, so the change is all or nothing (the server refuses more ids than it takes).
      const [ids = ''] = idChunks(params.ids, Number.POSITIVE_INFINITY);
      if (!ids) return { data: [] };
      return {
        data: (
          await http.json<{ data: Identifier[] }>('PATCH', e.path, {
            query: new URLSearchParams({ ids }),
            body: writeBody(e, params.data, 'update'),
            entity: e,
          })
        ).data,
      };
    },

    async delete(resource, params) {
      const e = entity(resource);
      return { data: await http.json('DELETE', `${e.path}/${encodeURIComponent(String(params.id))}`, { headers: ifMatch(params.previousData) }) };
    },

    async deleteMany(resource, params) {
      const e = entity(resource);
      // One request: all or nothing, like updateMany.
      const [ids = ''] = idChunks(params.ids, Number.POSITIVE_INFINITY);
      if (!ids) return { data: [] };
      return { data: (await http.json<{ data: Identifier[] }>('DELETE', e.path, { query: new URLSearchParams({ ids }) })).data };
    },

    async transition(resource, id, op, version) {
      const e = entity(resource);
      // Amend copies a cancelled document into a new draft: nothing of the original is overwritten.
      const headers = op === 'amend' ? undefined : ifMatch({ version });
      return { data: await http.json('POST', `${e.path}/${encodeURIComponent(String(id))}/${op}`, { entity: e, headers }) };
    },

    async runAction(resource, id, action, input, version) {
      const e = entity(resource);
      const schemaless = !e.actions.find((a) => a.name === action)?.input;
      return {
        data: await http.json('POST', `${e.path}/${encodeURIComponent(String(id))}/actions/${encodeURIComponent(action)}`, {
          body: schemaless ? {} : input,
          entity: e,
          headers: ifMatch({ version }),
        }),
      };
    },

    async countExactly(resource, params) {
      const e = entity(resource);
      const query = listQuery(e, { filter: params.filter, pagination: { page: 1, perPage: 1 } }, { total: 'exact', fields: 'id' });
      return (await http.json<{ total: number }>('GET', e.path, { query })).total;
    },

    async exportCsv(resource, params) {
      const e = entity(resource);
      const query = listQuery(e, { filter: params.filter, sort: params.sort }, { format: 'csv' });
      const res = await http.raw('GET', e.path, { query });
      const disposition = res.headers.get('content-disposition') ?? '';
      const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `${e.name}.csv`;
      return { blob: await res.blob(), filename };
    },

    async history(resource, id) {
      const e = entity(resource);
      try {
        const body = await http.json<{ data?: HistoryEntry[] } | HistoryEntry[]>('GET', `${e.path}/${encodeURIComponent(String(id))}/history`);
        return Array.isArray(body) ? body : (body.data ?? []);
      } catch (err) {
        if (isMissingRoute(err)) return null;
        throw err;
      }
    },

    async dashboard(url) {
      return normalizeWidget(await http.json('GET', url));
    },

    report: async (url, query) => fromEnvelope(await http.json<Record<string, unknown>>('GET', url, { query })),

    async reportCsv(url, query) {
      const q = new URLSearchParams(query);
      q.set('format', 'csv');
      const res = await http.raw('GET', url, { query: q });
      const disposition = res.headers.get('content-disposition') ?? '';
      return { blob: await res.blob(), filename: /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'report.csv' };
    },
  };
  return provider;
}
