/** Running the plugins' document hooks (elevated, audited as the user) and mapping what they throw. */
import type { EntityModel } from '../entities/model.js';
import { Errors, TesseraError } from '../errors.js';
import type { Doc, HookName, ServiceContext } from '../plugin-api/index.js';
import { isDatabaseError } from './pg-errors.js';
import type { DataCore } from './core.js';

export async function runHooks(
  s: DataCore,
  name: HookName,
  e: EntityModel,
  ctx: ServiceContext,
  doc: Doc,
  old?: Doc,
  patch?: Doc,
  extra: { action?: string; input?: unknown } = {},
): Promise<void> {
  const list = s.registry.hooks.get(e.key);
  if (!list) return;
  // Hooks are trusted plugin code: the user's permission was checked where the request entered;
  // their own reads and writes run elevated (and are audited as the user).
  const hctx = s.context(ctx.tx, ctx.user, e.plugin, { elevated: true });
  for (const h of list) {
    const fn = h[name];
    if (!fn) continue;
    try {
      await fn({ ...hctx, model: e, doc, old, patch, ...extra });
    } catch (err) {
      if (err instanceof TesseraError) throw err;
      if (isDatabaseError(err)) throw err; // database error: mapped by the caller
      throw Errors.unprocessable('HOOK_REFUSED', (err as Error)?.message ?? String(err));
    }
  }
}

export function hasHook(s: DataCore, e: EntityModel, name: HookName): boolean {
  return !!s.registry.hooks.get(e.key)?.some((h) => h[name]);
}
