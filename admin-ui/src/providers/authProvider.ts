/**
 * Sessions against the core's auth contract: POST /api/auth/login {username, password}
 * sets an httpOnly cookie, POST /api/auth/logout ends it, GET /api/auth/me answers the user
 * or 401. While the server has no auth module, /api/auth/me is a 404: the UI then runs as
 * the anonymous administrator the metadata describes. Permissions come from /api/meta.
 */
import type { AuthProvider, UserIdentity } from 'ra-core';
import type { Meta } from '../meta/types.js';
import { HttpClient } from './http.js';
import { isMissingRoute } from './dataProvider.js';
import { metaStore } from './metaStore.js';

export type AuthMode = 'unknown' | 'disabled' | 'session';

export interface MeUser {
  id: number;
  username: string;
  roles: string[];
  isAdmin: boolean;
}

/** react-admin action -> the permission name in MetaEntity.permissions. */
export function permissionFor(action: string): string {
  switch (action) {
    case 'list':
    case 'show':
    case 'read':
      return 'read';
    case 'edit':
      return 'update';
    default:
      return action;
  }
}

export function canAccessIn(meta: Meta | undefined, resource: string, action: string): boolean {
  if (!meta) return false;
  if (resource === 'dashboard') return true;
  const e = meta.entities.find((x) => x.key === resource);
  if (!e) return false;
  const name = permissionFor(action);
  if (name in e.permissions) return e.permissions[name] === true;
  const declared = e.actions.find((a) => a.name === name);
  return declared ? declared.allowed : false;
}

export function createAuthProvider(http: HttpClient = new HttpClient(), opts: { afterLogout?: () => void } = {}): AuthProvider & { mode(): AuthMode } {
  let mode: AuthMode = 'unknown';
  let me: MeUser | undefined;

  /** Asks the server who is logged in; undefined when nobody is. */
  const whoAmI = async (): Promise<MeUser | undefined> => {
    try {
      const body = await http.json<{ user: MeUser }>('GET', '/api/auth/me');
      mode = 'session';
      me = body.user;
      return me;
    } catch (err) {
      if (isMissingRoute(err)) {
        mode = 'disabled';
        return undefined;
      }
      if ((err as { status?: number }).status === 401) {
        mode = 'session';
        me = undefined;
        return undefined;
      }
      throw err;
    }
  };

  // Read through a function: TypeScript would otherwise keep the narrowing across the await.
  const currentMode = (): AuthMode => mode;

  return {
    mode: currentMode,

    async login({ username, password }: { username: string; password: string }) {
      const body = await http.json<{ user: MeUser }>('POST', '/api/auth/login', { body: { username, password } });
      mode = 'session';
      me = body.user;
      metaStore.set(undefined);
      await metaStore.load(http);
    },

    async logout() {
      // With auth disabled there is nobody to log out: stay on the app.
      if (mode === 'disabled') return false;
      const wasSession = mode === 'session' && me;
      me = undefined;
      if (wasSession) {
        try {
          await http.raw('POST', '/api/auth/logout', { body: {} });
        } catch {
          // The session is gone on our side either way; the login page follows.
        }
        metaStore.set(undefined);
        opts.afterLogout?.();
      }
      return undefined;
    },

    async checkAuth() {
      if (mode === 'disabled') return;
      if (mode === 'session' && me) return;
      const user = await whoAmI();
      if (user || currentMode() === 'disabled') return;
      throw new Error('ra.auth.auth_check_error');
    },

    async checkError(error: { status?: number }) {
      // The session ended: react-admin calls logout next, which starts afresh from the login
      // page (only when someone was signed in, so an anonymous first visit cannot loop).
      if (error?.status === 401) throw new Error('ra.notification.logged_out');
      // 403 and the rest are shown as notifications; the session stays.
    },

    async getIdentity(): Promise<UserIdentity> {
      if (mode === 'unknown') await whoAmI();
      const user = me ?? metaStore.get()?.user ?? (await metaStore.load(http)).user;
      return { id: user.id, fullName: user.username, username: user.username };
    },

    /** The permissions are the metadata itself: it lists what the user may do per entity. */
    async getPermissions() {
      return metaStore.load(http);
    },

    async canAccess({ resource, action }: { resource: string; action: string }) {
      const meta = metaStore.get() ?? (await metaStore.load(http));
      return canAccessIn(meta, resource, action);
    },
  };
}
