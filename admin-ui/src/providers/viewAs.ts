/**
 * "View as a role" (the studio): the role an administrator or consultant is viewing as, kept
 * for the browser tab (sessionStorage). Every API request of the tab carries it as the
 * X-Tessera-View-As header; the server answers as that role and refuses writes.
 */
const KEY = 'tessera.viewAs';
const store = (): Storage | undefined => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);
const listeners = new Set<() => void>();

export const viewAs = {
  get: (): string | undefined => store()?.getItem(KEY) ?? undefined,
  set(role: string | undefined): void {
    if (role) store()?.setItem(KEY, role);
    else store()?.removeItem(KEY);
    listeners.forEach((l) => l());
  },
  /** The header to send, when viewing as a role. */
  headers: (): Record<string, string> => {
    const role = viewAs.get();
    return role ? { 'x-tessera-view-as': role } : {};
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
