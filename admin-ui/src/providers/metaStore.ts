/**
 * The metadata of the running server, loaded once per session (after login when auth is
 * on) and shared by the providers and the screens.
 */
import { useSyncExternalStore } from 'react';
import type { Meta } from '../meta/types.js';
import type { HttpClient } from './http.js';

let current: Meta | undefined;
let pending: Promise<Meta> | undefined;
const listeners = new Set<() => void>();

export const metaStore = {
  get: (): Meta | undefined => current,
  set(meta: Meta | undefined): void {
    current = meta;
    pending = undefined;
    listeners.forEach((l) => l());
  },
  /** Fetches /api/meta unless it is already loaded (an error leaves the store empty). */
  load(http: HttpClient): Promise<Meta> {
    if (current) return Promise.resolve(current);
    pending ??= http.json<Meta>('GET', '/api/meta').then(
      (m) => {
        metaStore.set(m);
        return m;
      },
      (err) => {
        pending = undefined;
        throw err;
      },
    );
    return pending;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useMeta(): Meta | undefined {
  return useSyncExternalStore(metaStore.subscribe, metaStore.get, metaStore.get);
}
