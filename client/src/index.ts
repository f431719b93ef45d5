/**
 * @tessera/client: a typed client of the Tessera REST API. The types (paths, components) are
 * generated from the OpenAPI document (`pnpm client:generate`, into schema.d.ts); the calls go
 * through openapi-fetch, so a path, its parameters, its body and its answers (success and the
 * `{ error: { code, message, details } }` of each error status) are checked by TypeScript.
 *
 *   const api = createTesseraClient('https://erp.example.com', { token: 'tsr_...' });
 *   const { data, error } = await api.POST('/api/sales/customer', { body: { name: 'UAB Vilkas' } });
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };
/** The record of an entity, by its key ("sales.customer"). */
export type EntityRecord<K extends keyof components['schemas']> = components['schemas'][K];
/** The error body every error status answers. */
export type TesseraErrorBody = components['schemas']['TesseraError'];

export interface TesseraClientOptions {
  /** An API token (POST /api/auth/tokens), sent as Authorization: Bearer. */
  token?: string;
  /** Another fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch;
  headers?: Record<string, string>;
}

export type TesseraClient = Client<paths>;

export function createTesseraClient(baseUrl: string, opts: TesseraClientOptions = {}): TesseraClient {
  return createClient<paths>({
    baseUrl,
    headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.headers ?? {}) },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
}
