/** Declared document actions: permission (the action's declared permission, else its name), input validation, `when` conditions, the handler (elevated), audit. */
import { isSecretSchema, REDACTED, type EntityModel } from '../entities/model.js';
import { Errors, TesseraError } from '../errors.js';
import { compile, toProblems } from '../schema/validation.js';
import { isDatabaseError, mapPgError } from './pg-errors.js';
import type { Doc, ServiceContext } from '../plugin-api/index.js';
import { SYSTEM_USER } from './registry.js';
import { actionPermission } from './action-permission.js';
import { resolveInputReferences } from './references.js';
import type { DataCore } from './core.js';

/** An action input as the audit trail keeps it: only declared properties, secrets replaced by "[redacted]". */
export function auditableInput(schema: Record<string, any> | undefined, input: unknown): unknown {
  if (!schema || input === null || typeof input !== 'object') return schema && isSecretSchema(schema) ? REDACTED : input;
  if (isSecretSchema(schema)) return REDACTED;
  if (Array.isArray(input)) return schema.items ? input.map((v) => auditableInput(schema.items, v)) : input;
  const props = schema.properties as Record<string, any> | undefined;
  if (!props) return input;
  const out: Doc = {};
  for (const [k, v] of Object.entries(input as Doc)) {
    if (props[k]) out[k] = auditableInput(props[k], v);
    else if (schema.additionalProperties !== false)
      out[k] = typeof schema.additionalProperties === 'object' ? auditableInput(schema.additionalProperties, v) : v;
  }
  return out;
}

export async function action(
  s: DataCore,
  ctx: ServiceContext,
  e: EntityModel,
  id: number,
  name: string,
  input: unknown,
  opts: { ifVersion?: number[] } = {},
): Promise<unknown> {
  const def = s.registry.actions.get(e.key)?.get(name);
  if (!def) throw Errors.notFound(`action of ${e.label}`, name);
  // The declared permission, else the action's name (see action-permission.ts).
  const perm = actionPermission(s.registry, e, name, def.permission);
  s.registry.policy.assert(ctx.user, perm.entity, perm.action);
  if (def.input) {
    await resolveInputReferences(ctx.tx, s.registry, ctx.user, def.input, input);
    const fn = compile(def.input);
    if (!fn(input ?? {})) throw Errors.validation(toProblems(fn.errors));
  }
  await s.get(ctx.user, e, id, ctx.tx, { forUpdate: true, fields: ['id'] }); // read permission and row rule
  // The handler and the `when` conditions see the whole document (hidden fields included).
  const doc = await s.get(SYSTEM_USER, e, id, ctx.tx);
  await s.assertVersion(e, id, doc, opts.ifVersion);
  for (const [field, allowed] of Object.entries(def.when ?? {})) {
    if (!allowed || (field === 'docstatus' && !e.submittable)) continue;
    if (!allowed.includes(doc[field])) {
      // The document was read unrestricted: name no value the caller may not see.
      const visible = field === 'docstatus' || s.registry.policy.canSeeField(ctx.user, e, field);
      const title = s.registry.policy.canSeeField(ctx.user, e, e.titleField) ? (doc[e.titleField] ?? id) : id;
      throw Errors.conflict(
        'ACTION_NOT_ALLOWED',
        `${def.label} is not possible on ${e.label} ${title}: ${visible ? `its ${field === 'docstatus' ? 'state' : field} is ${String(doc[field])} (needs ${allowed.join(' or ')})` : 'its current state does not allow it'}`,
      );
    }
  }
  const wctx = s.writeContext(e);
  try {
    const actx = s.context(ctx.tx, ctx.user, e.plugin, { elevated: true });
    const result = await def.handler({ ...actx, model: e, doc, input: input ?? {} });
    if (s.hasHook(e, 'afterAction'))
      await s.runHooks('afterAction', e, ctx, await s.get(SYSTEM_USER, e, id, ctx.tx), doc, undefined, { action: name, input: input ?? {} });
    // The input is audited as declared (no undeclared keys) and with its secrets redacted.
    await s.registry.policy.audit(ctx.tx, ctx.user, e, name, id, undefined, { action: name, input: auditableInput(def.input, input ?? {}) });
    await s.registry.emit(ctx.tx, `${e.key}.action`, { id, action: name });
    // The handler worked with elevated rights: records it returns are cut to what the caller may see.
    return s.visibleResult(ctx.user, result);
  } catch (err) {
    if (err instanceof TesseraError) throw err;
    const mapped = mapPgError(err, wctx);
    if (mapped !== err) throw mapped;
    if (isDatabaseError(err)) throw err;
    throw Errors.unprocessable('ACTION_FAILED', (err as Error)?.message ?? String(err));
  }
}
