/**
 * The studio's draft: the edits made since the last apply, kept for the browser tab
 * (sessionStorage) so a reload keeps them. Nothing reaches the server until "Review changes"
 * plans the draft and the consultant applies the plan.
 */
import { useSyncExternalStore } from 'react';
import type { DraftEdit } from './patch.js';

const KEY = 'tessera.studio.draft';
const store = (): Storage | undefined => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);
const listeners = new Set<() => void>();
let cache: DraftEdit[] | undefined;

function read(): DraftEdit[] {
  if (cache) return cache;
  try {
    cache = JSON.parse(store()?.getItem(KEY) ?? '[]') as DraftEdit[];
  } catch {
    cache = [];
  }
  return cache;
}

function write(edits: DraftEdit[]): void {
  cache = edits;
  if (edits.length) store()?.setItem(KEY, JSON.stringify(edits));
  else store()?.removeItem(KEY);
  listeners.forEach((l) => l());
}

export const draft = {
  get: read,
  add: (edit: DraftEdit) => write([...read(), edit]),
  remove: (index: number) => write(read().filter((_, i) => i !== index)),
  clear: () => write([]),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useDraft(): DraftEdit[] {
  return useSyncExternalStore(draft.subscribe, draft.get, draft.get);
}
