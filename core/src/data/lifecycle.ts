/** The document lifecycle: submit and cancel (state checks, approval workflow, required lines, submitted dependents). */
import type { EntityModel } from '../entities/model.js';
import { ident, Params, type Tx } from '../db/database.js';
import { Errors, coreMessage, coreProblem, labelText, statusText } from '../errors.js';
import { Decimal } from '@tessera/contract';
import { mapPgError } from './pg-errors.js';
import type { Doc, ServiceContext } from '../plugin-api/index.js';
import { SYSTEM_USER } from './registry.js';
import { toDb, sameFieldValue } from './values.js';
import type { DataCore } from './core.js';

export async function submit(s: DataCore, ctx: ServiceContext, e: EntityModel, id: number, opts: { ifVersion?: number[] } = {}): Promise<Doc> {
  // A plain submit is one statement (fast-submit.ts); when it changes nothing, the full
  // pipeline below runs and answers why (not found, not a draft, stale, missing lines).
  if (e.submittable && s.simpleSubmit(ctx.user, e)) {
    s.registry.policy.assert(ctx.user, e, 'submit');
    try {
      const done = await s.trySimpleSubmit(ctx, e, id, opts.ifVersion);
      if (done) return done;
    } catch (err) {
      throw mapPgError(err, s.writeContext(e));
    }
  }
  return s.transition(ctx, e, id, 'submit', 'draft', 'submitted', opts.ifVersion);
}

export async function cancel(s: DataCore, ctx: ServiceContext, e: EntityModel, id: number, opts: { ifVersion?: number[] } = {}): Promise<Doc> {
  return s.transition(ctx, e, id, 'cancel', 'submitted', 'cancelled', opts.ifVersion);
}

export async function transition(
  s: DataCore,
  ctx: ServiceContext,
  e: EntityModel,
  id: number,
  action: 'submit' | 'cancel',
  from: string,
  to: string,
  ifVersion?: number[],
): Promise<Doc> {
  const { tx, user } = ctx;
  if (!e.submittable) throw Errors.unprocessable('NOT_SUBMITTABLE', coreMessage('not_submittable', { entity: labelText(e) }));
  s.registry.policy.assert(user, e, action);
  // One locked read of the whole stored document, inside the user's row rule for the action
  // (outside it the document does not exist for them), then its lines.
  const params0 = new Params();
  const idp = params0.add(id);
  const scope = s.registry.policy.rowScope(user, e, action, params0, 't');
  const locked = await tx.query(
    `select ${s.selectList(SYSTEM_USER, e, undefined, 't')} from ${ident(e.table)} t where t."id" = ${idp}${scope ? ` and (${scope})` : ''} for update of t`,
    params0.values,
  );
  const full = locked.rows[0];
  if (!full) throw Errors.notFound(labelText(e), id);
  await s.attach(SYSTEM_USER, e, [full], [], tx, undefined, true);
  await s.assertVersion(e, id, full, ifVersion);
  const title = full[e.titleField] ?? id;
  if (full.docstatus !== from)
    throw Errors.conflict(
      'INVALID_TRANSITION',
      coreMessage(action === 'submit' ? 'cannot_submit' : 'cannot_cancel', {
        entity: labelText(e),
        title: String(title),
        status: statusText(full.docstatus),
        from: statusText(from),
      }),
    );
  const wctx = s.writeContext(e);
  try {
    if (action === 'submit') {
      const wf = e.submittable.workflow;
      if (wf && full[wf.field] != null && new Decimal(full[wf.field]).gt(wf.approvalAbove) && !user.isAdmin && !user.roles.includes(wf.role))
        throw Errors.forbidden(coreMessage('needs_approval', { entity: labelText(e), title: String(title), limit: String(wf.approvalAbove), role: wf.role }));
    }
    if (action === 'submit') {
      // Required line items are re-checked: a draft may predate the rule, or plugin code may have removed lines.
      const empty = e.children.filter(
        (c) => (c.required || (c.minItems ?? 0) > 0) && ((full[c.name] as Doc[] | undefined)?.length ?? 0) < Math.max(c.minItems ?? 0, 1),
      );
      if (empty.length)
        throw Errors.validation(
          empty.map((c) => coreProblem(c.name, 'needs_lines', { count: Math.max(c.minItems ?? 0, 1), entity: labelText(e), title: String(title) })),
        );
    }
    if (action === 'cancel') await s.assertNoDependents(tx, e, id, title);
    const working = structuredClone(full);
    await s.runHooks(action === 'submit' ? 'beforeSubmit' : 'beforeCancel', e, ctx, working, full);
    // Fields a before-hook set on the document are written with the state change.
    const params = new Params();
    const sets = [`docstatus = ${params.add(to)}`, 'updated_at = now()', '"version" = "version" + 1'];
    for (const f of e.fields)
      if (!sameFieldValue(e, f.name, full[f.name], working[f.name])) sets.push(`${ident(f.column)} = ${params.add(toDb(f, working[f.name]))}`);
    const res = await tx.query(
      `update ${ident(e.table)} t set ${sets.join(', ')} where t.id = ${params.add(id)} returning ${s.selectList(SYSTEM_USER, e, undefined, 't')}`,
      params.values,
    );
    const before = action === 'submit' ? 'beforeSubmit' : 'beforeCancel';
    const afterHook = action === 'submit' ? 'afterSubmit' : 'afterCancel';
    // The stored document after the change: the header as the update returned it, and the lines
    // read above (only a before-hook could have changed them: then they are read again).
    let after: Doc;
    if (s.hasHook(e, before)) after = await s.get(SYSTEM_USER, e, id, tx);
    else {
      after = res.rows[0]!;
      for (const c of e.children) after[c.name] = structuredClone(full[c.name]);
    }
    await s.runHooks(afterHook, e, ctx, after, full);
    await s.registry.policy.audit(tx, user, e, action, id, full, after);
    await s.registry.emit(tx, `${e.key}.${action === 'submit' ? 'submitted' : 'cancelled'}`, { id });
    return s.hasHook(e, afterHook) || !s.seesAll(user, e) ? s.get(user, e, id, tx) : after;
  } catch (err) {
    throw mapPgError(err, wctx);
  }
}

/** Cancel is refused while a submitted document refers to s one (declared dependents, or any submittable reference). */
export async function assertNoDependents(s: DataCore, tx: Tx, e: EntityModel, id: number, title: unknown): Promise<void> {
  for (const other of s.registry.entities.values()) {
    const owners: [EntityModel, EntityModel][] = [[other, other], ...other.children.map((c) => [c.child!, other] as [EntityModel, EntityModel])];
    for (const [table, doc] of owners) {
      if (!doc.submittable) continue;
      const refs = table.fields.filter((f) => f.ref && (f.ref.entity === e.key || e.children.some((c) => c.child!.key === f.ref!.entity)));
      for (const f of refs) {
        let sql: string;
        if (f.ref!.entity === e.key) {
          sql =
            table === doc
              ? `select d.id, d.${ident(doc.titleField)} as title from ${ident(doc.table)} d where d.docstatus = 'submitted' and d.${ident(f.column)} = $1 limit 1`
              : `select d.id, d.${ident(doc.titleField)} as title from ${ident(table.table)} l join ${ident(doc.table)} d on d.id = l.parent_id where d.docstatus = 'submitted' and l.${ident(f.column)} = $1 limit 1`;
        } else {
          const childModel = e.children.find((c) => c.child!.key === f.ref!.entity)!.child!;
          sql =
            table === doc
              ? `select d.id, d.${ident(doc.titleField)} as title from ${ident(doc.table)} d join ${ident(childModel.table)} x on x.id = d.${ident(f.column)} where d.docstatus = 'submitted' and x.parent_id = $1 limit 1`
              : `select d.id, d.${ident(doc.titleField)} as title from ${ident(table.table)} l join ${ident(doc.table)} d on d.id = l.parent_id join ${ident(childModel.table)} x on x.id = l.${ident(f.column)} where d.docstatus = 'submitted' and x.parent_id = $1 limit 1`;
        }
        if (doc === e) continue;
        const res = await tx.query(sql, [id]);
        if (res.rows[0])
          throw Errors.conflict(
            'HAS_SUBMITTED_DEPENDENTS',
            coreMessage('has_dependents', {
              entity: labelText(e),
              title: String(title),
              dependent: labelText(doc),
              number: String(res.rows[0].title ?? res.rows[0].id),
            }),
          );
      }
    }
  }
}
