/** JSON over fetch with the session cookie; failures become react-admin HttpErrors carrying the server's error body. */
import { HttpError } from 'ra-core';
import type { MetaEntity } from '../meta/types.js';
import { formErrors, type ServerErrorBody } from '../mapping/errors.js';
import { viewAs } from './viewAs.js';
import { renderServerMessage } from '../mapping/messages.js';
import { uiLocale } from './locale.js';
import { metaStore } from './metaStore.js';

export interface HttpClientOptions {
  /** Origin of the API ('' = same origin as the page). */
  apiUrl?: string;
  fetch?: typeof fetch;
}

export class HttpClient {
  readonly apiUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(opts: HttpClientOptions = {}) {
    this.apiUrl = opts.apiUrl ?? '';
    this.fetchImpl = opts.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  url(path: string, query?: URLSearchParams): string {
    const qs = query?.toString();
    return `${this.apiUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  async raw(
    method: string,
    path: string,
    opts: { query?: URLSearchParams; body?: unknown; entity?: MetaEntity; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const res = await this.fetchImpl(this.url(path, opts.query), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': uiLocale.get(),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...viewAs.headers(),
        ...(opts.headers ?? {}),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    if (!res.ok) throw await toHttpError(res, opts.entity);
    return res;
  }

  async json<T = any>(
    method: string,
    path: string,
    opts: { query?: URLSearchParams; body?: unknown; entity?: MetaEntity; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const res = await this.raw(method, path, opts);
    return (await res.json()) as T;
  }
}

export async function toHttpError(res: Response, e?: MetaEntity): Promise<HttpError> {
  let body: ServerErrorBody & Record<string, unknown> = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    body = { error: { status: res.status, message: res.statusText || `HTTP ${res.status}` } };
  }
  // The message in the UI's language, from its catalogue key and parameters when it has them.
  const rendered = renderServerMessage(metaStore.get()?.messages, body.error?.key, body.error?.params, uiLocale.get());
  const message = rendered || body.error?.message || res.statusText || `HTTP ${res.status}`;
  const errors = formErrors(e, body);
  return new HttpError(message, res.status, { ...body, ...(errors ? { errors } : {}) });
}
