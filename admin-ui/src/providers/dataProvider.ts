/**
 * The react-admin data provider for the core's generated REST API: one resource per
 * entity key ("catalog.product"), requests built by the mapping modules, and the document
 * lifecycle, actions, CSV export, history and dashboard as extra methods.
 */
import type { DataProvider, Identifier, RaRecord } from 'ra-core';
import type { Meta, MetaEntity } from '../meta/types.js';
import { idChunks, listQuery, type ListParams } from '../mapping/query.js';
import { updateBody, writeBody } from '../mapping/payload.js';
import { normalizeWidget, type WidgetData } from '../mapping/dashboard.js';
import type { ReportAnswer } from '../mapping/reports.js';
import { HttpClient, type HttpClientOptions } from './http.js';

export type DocumentTransition = 'submit' | 'cancel' | 'amend';

export interface HistoryEntry {
  [key: string]: unknown;
}

export interface TesseraDataProvider extends DataProvider {
  transition(resource: string, id: Identifier, op: DocumentTransition): Promise<{ data: RaRecord }>;
  runAction(resource: string, id: Identifier, action: string, input: Record<string, unknown>): Promise<{ data: unknown }>;
  exportCsv(resource: string, params: Pick<ListParams, 'filter' | 'sort'>): Promise<{ blob: Blob; filename: string }>;
  /** The record's change history, or null when the server has no history endpoint. */
  history(resource: string, id: Identifier): Promise<HistoryEntry[] | null>;
  dashboard(url: string): Promise<WidgetData>;
  /** A declared report's answer (meta.reports[].url) for the given query. */
  report(url: string, query: URLSearchParams): Promise<ReportAnswer>;
  /** The same report as the server's CSV export. */
  reportCsv(url: string, query: URLSearchParams): Promise<{ blob: Blob; filename: string }>;
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

  const list = async (resource: string, params: ListParams) => {
    const e = entity(resource);
    const body = await http.json<{ data: RaRecord[]; total: number }>('GET', e.path, { query: listQuery(e, params) });
    return { data: body.data, total: body.total };
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
        idChunks(params.ids).map((ids) => http.json<{ data: RaRecord[] }>('GET', e.path, { query: new URLSearchParams({ ids, limit: String(ids.split(',').length) }) })),
      );
      return { data: pages.flatMap((p) => p.data) } as any;
    },

    getManyReference: (resource, params) =>
      list(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } }) as any,

    async create(resource, params) {
      const e = entity(resource);
      return { data: await http.json('POST', e.path, { body: writeBody(e, params.data as Record<string, unknown>), entity: e }) };
    },

    async update(resource, params) {
      const e = entity(resource);
      const body = updateBody(e, params.data as Record<string, unknown>, params.previousData as Record<string, unknown> | undefined);
      return { data: await http.json('PATCH', `${e.path}/${encodeURIComponent(String(params.id))}`, { body, entity: e }) };
    },

    async updateMany(resource, params) {
      const e = entity(resource);
      const out = await Promise.all(
        idChunks(params.ids).map((ids) => http.json<{ data: Identifier[] }>('PATCH', e.path, { query: new URLSearchParams({ ids }), body: writeBody(e, params.data, 'update'), entity: e })),
      );
      return { data: out.flatMap((o) => o.data) };
    },

    async delete(resource, params) {
      const e = entity(resource);
      return { data: await http.json('DELETE', `${e.path}/${encodeURIComponent(String(params.id))}`) };
    },

    async deleteMany(resource, params) {
      const e = entity(resource);
      const out = await Promise.all(idChunks(params.ids).map((ids) => http.json<{ data: Identifier[] }>('DELETE', e.path, { query: new URLSearchParams({ ids }) })));
      return { data: out.flatMap((o) => o.data) };
    },

    async transition(resource, id, op) {
      const e = entity(resource);
      return { data: await http.json('POST', `${e.path}/${encodeURIComponent(String(id))}/${op}`, { entity: e }) };
    },

    async runAction(resource, id, action, input) {
      const e = entity(resource);
      const schemaless = !e.actions.find((a) => a.name === action)?.input;
      return { data: await http.json('POST', `${e.path}/${encodeURIComponent(String(id))}/actions/${encodeURIComponent(action)}`, { body: schemaless ? {} : input, entity: e }) };
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

    report: (url, query) => http.json<ReportAnswer>('GET', url, { query }),

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
