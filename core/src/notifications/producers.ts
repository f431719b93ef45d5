/**
 * Where notifications come from, for every entity that has people on it:
 *  - assigned: a user field (owner, assignee, agent, assigned_to, lead, manager: x-ref auth.user)
 *    newly set to someone other than the person making the change;
 *  - approval: a submitted document whose `approver` is a user (or a record linked to a user,
 *    such as an employee) other than the submitter;
 *  - mention: "@username" newly written in a text field of such an entity.
 * Installed as after-hooks, so they run in the change's transaction and vanish with a rollback.
 */
import type { Registry } from '../data/service.js';
import type { EntityModel, FieldModel } from '../entities/model.js';
import type { EntityHooks, HookArgs } from '../plugin-api/index.js';
import type { Notifications } from './notify.js';

const ASSIGNEE_FIELDS = new Set(['owner', 'assignee', 'agent', 'assigned_to', 'lead', 'manager']);
const MENTION = /(?:^|[^\w@.])@([a-z0-9][a-z0-9._-]{1,59})/g;

const isUserRef = (f: FieldModel) => f.ref?.entity === 'auth.user';

function titleOf(e: EntityModel, doc: Record<string, any>): string {
  return `${e.label} ${String(doc[e.titleField] ?? doc.id)}`;
}

/** The user behind an approver field: the user itself, or the user field of the record it names. */
async function approverUser(registry: Registry, args: HookArgs, f: FieldModel, value: unknown): Promise<number | undefined> {
  if (value == null) return undefined;
  if (isUserRef(f)) return Number(value);
  const target = f.ref ? registry.entities.get(f.ref.entity) : undefined;
  const userField = target?.fields.find(isUserRef);
  if (!target || !userField) return undefined;
  const [row] = await args.sql<{ u: number | null }>(`select "${userField.column}" as u from ${target.table} where id = $1`, [value]);
  return row?.u ? Number(row.u) : undefined;
}

export function installNotificationHooks(registry: Registry, notifications: Notifications): void {
  for (const e of registry.entities.values()) {
    if (e.plugin === 'auth' || e.plugin === 'messaging') continue;
    const assignees = e.fields.filter((f) => isUserRef(f) && ASSIGNEE_FIELDS.has(f.name));
    const approver = e.submittable ? e.fields.find((f) => f.name === 'approver' && f.ref) : undefined;
    const texts = assignees.length || approver ? e.fields.filter((f) => f.kind === 'text' && !f.secret) : [];
    if (!assignees.length && !approver) continue;

    const changed = async (args: HookArgs) => {
      const { doc, old, user, tx } = args;
      for (const f of assignees) {
        const to = doc[f.name];
        if (to == null || Number(to) === user.id || (old && Number(old[f.name]) === Number(to))) continue;
        await notifications.notify(tx, {
          userId: Number(to),
          kind: 'assigned',
          title: {
            en: `${titleOf(e, doc)} was assigned to you (${f.label}) by ${user.username}`,
            lt: `${user.username} jums priskyrė: ${titleOf(e, doc)} (${f.label})`,
          },
          entity: e.key,
          recordId: Number(doc.id),
          dedupeKey: `assigned:${e.key}:${doc.id}:${f.name}:${to}:${doc.version ?? Date.now()}`,
        });
      }
      for (const f of texts) {
        const text = doc[f.name];
        if (typeof text !== 'string' || !text.includes('@') || (old && old[f.name] === text)) continue;
        const before = new Set(typeof old?.[f.name] === 'string' ? [...String(old[f.name]).matchAll(MENTION)].map((m) => m[1]!.toLowerCase()) : []);
        const names = [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))].filter((n) => !before.has(n) && n !== user.username);
        if (!names.length) continue;
        const users = await args.sql<{ id: number; username: string }>(`select id, username from auth_user where username = any($1) and active`, [names]);
        for (const u of users)
          await notifications.notify(tx, {
            userId: Number(u.id),
            kind: 'mention',
            title: { en: `${user.username} mentioned you in ${titleOf(e, doc)}`, lt: `${user.username} paminėjo jus: ${titleOf(e, doc)}` },
            body: text.slice(0, 500),
            entity: e.key,
            recordId: Number(doc.id),
            dedupeKey: `mention:${e.key}:${doc.id}:${f.name}:${u.id}:${doc.version ?? Date.now()}`,
          });
      }
    };
    const hooks: EntityHooks = { afterCreate: changed, afterUpdate: changed };
    if (approver)
      hooks.afterSubmit = async (args) => {
        const to = await approverUser(registry, args, approver, args.doc[approver.name]);
        if (!to || to === args.user.id) return;
        await notifications.notify(args.tx, {
          userId: to,
          kind: 'approval',
          title: { en: `${titleOf(e, args.doc)} awaits your approval`, lt: `${titleOf(e, args.doc)} laukia jūsų patvirtinimo` },
          entity: e.key,
          recordId: Number(args.doc.id),
          dedupeKey: `approval:${e.key}:${args.doc.id}:${to}:${args.doc.version ?? ''}`,
        });
      };
    if (!registry.hooks.has(e.key)) registry.hooks.set(e.key, []);
    registry.hooks.get(e.key)!.push(hooks);
  }
}
