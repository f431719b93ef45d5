/** The service context handed to hooks, actions, jobs and plugin code: one transaction and user, with typed entity services. */
import type { Tx } from '../db/database.js';
import type { CurrentUser, Doc, EntityService, ListResult, ServiceContext } from '../plugin-api/index.js';
import { ELEVATED } from './registry.js';
import { tagRecord } from './values.js';
import type { DataCore } from './core.js';

/** The service context for one transaction and user: what hooks, actions and plugin code receive. */
export function context(s: DataCore, tx: Tx, realUser: CurrentUser, plugin?: string, opts: { elevated?: boolean } = {}): ServiceContext {
  const self = s;
  // Elevated contexts (hooks, actions, jobs) skip permission checks but keep the user's name for the audit.
  const user: CurrentUser = opts.elevated ? ({ ...realUser, isAdmin: true, [ELEVATED]: true } as CurrentUser) : realUser;
  const ctx: ServiceContext = {
    tx,
    user: realUser,
    config: s.registry.config,
    platform: s.registry.platform,
    entity<T extends Doc = Doc>(key: string): EntityService<T> {
      const e = self.entity(key, plugin);
      return {
        model: e,
        get: async (id, o) => tagRecord(e, await self.get(user, e, id, tx, { forUpdate: o?.forUpdate })) as T,
        find: async (id) => tagRecord(e, await self.find(user, e, id, tx)) as T | undefined,
        list: async (q = {}) => {
          const r = await self.list(user, e, q, tx);
          r.data.forEach((row) => tagRecord(e, row));
          return r as ListResult<T>;
        },
        create: async (data) => tagRecord(e, await self.create(opCtx, e, data)) as T,
        update: async (id, patch) => tagRecord(e, await self.update(opCtx, e, id, patch)) as T,
        delete: (id) => self.delete(opCtx, e, id),
        submit: async (id) => tagRecord(e, await self.submit(opCtx, e, id)) as T,
        cancel: async (id) => tagRecord(e, await self.cancel(opCtx, e, id)) as T,
        action: (id, name, input) => self.action(opCtx, e, id, name, input),
        setServerFields: async (id, values, lines) => tagRecord(e, await self.setServerFields(opCtx, e, id, values, lines)) as T,
      };
    },
    sql: async <R extends Doc = Doc>(text: string, params: unknown[] = []) => (await tx.query(text, params)).rows as R[],
    assert: (key, action) => self.registry.policy.assert(realUser, self.entity(key, plugin), action),
    rowFilter: (key, alias, param, action = 'read') => self.rowFilter(realUser, self.entity(key, plugin), alias, param, action),
    canSeeField: (key, field) => self.fieldVisible(realUser, self.entity(key, plugin), field),
    assertReadable: (key, fields) => self.assertReadable(realUser, self.entity(key, plugin), fields),
    can: (key, action) => {
      try {
        self.registry.policy.assert(realUser, self.entity(key, plugin), action);
        return true;
      } catch {
        return false;
      }
    },
    settings: <S>(p: string) => (self.registry.settings.get(p) ?? {}) as S,
    emit: (event, payload) => self.registry.emit(tx, event, payload),
  };
  const opCtx: ServiceContext = user === realUser ? ctx : { ...ctx, user };
  return ctx;
}

/** Runs fn in a transaction with the service API. */
export function withServices<T>(s: DataCore, user: CurrentUser, fn: (ctx: ServiceContext) => Promise<T>, plugin?: string): Promise<T> {
  return s.db.transaction((tx) => fn(s.context(tx, user, plugin)));
}
