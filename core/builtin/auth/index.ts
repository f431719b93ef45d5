/**
 * The built-in "auth" plugin: users and roles as ordinary entities (so administrators edit
 * them through the generated screens), with the rules that keep them sound: role lines name
 * real entities, actions, row rules and fields; declared roles are kept in step with their
 * plugins; the last administrator cannot be removed; passwords are set by an action and
 * never stored on the user row.
 */
import { definePlugin, Errors, type FieldProblem, type HookArgs } from '../../src/index.js';
import { STANDARD_ACTIONS } from '../../src/auth/policy.js';

function validateRole({ doc, ctx }: { doc: any; ctx: HookArgs }): void {
  const registry = ctx.platform.model!;
  const problems: FieldProblem[] = [];
  (doc.permissions ?? []).forEach((p: any, i: number) => {
    const pattern = String(p.entity).trim();
    const entity = registry.entities.get(pattern);
    const isPattern = pattern === '*' || (pattern.endsWith('.*') && registry.plugins.has(pattern.slice(0, -2)));
    if (!entity && !isPattern)
      problems.push({ path: `permissions/${i}/entity`, message: `"${pattern}" is not an entity key, "<plugin>.*" of an enabled plugin, or "*"` });
    const actions = String(p.actions)
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (!actions.length) problems.push({ path: `permissions/${i}/actions`, message: 'must list at least one action' });
    const declared = entity ? [...(registry.actions.get(entity.key)?.keys() ?? [])] : [];
    for (const a of actions)
      if (a !== '*' && !(STANDARD_ACTIONS as readonly string[]).includes(a) && !declared.includes(a))
        problems.push({
          path: `permissions/${i}/actions`,
          message: `"${a}" is not an action of ${pattern} (${[...STANDARD_ACTIONS, ...declared].join(', ')}, or *)`,
        });
    if (p.row_rule && p.row_rule !== 'own' && !registry.rowRules.has(p.row_rule))
      problems.push({
        path: `permissions/${i}/row_rule`,
        message: `"${p.row_rule}" is not a row rule (own${[...registry.rowRules].map((r) => `, ${r}`).join('')})`,
      });
  });
  (doc.field_rules ?? []).forEach((f: any, i: number) => {
    const entity = registry.entities.get(f.entity);
    if (!entity) problems.push({ path: `field_rules/${i}/entity`, message: `"${f.entity}" is not an entity key` });
    else {
      const [head, tail] = String(f.field).split('.');
      const field = entity.fieldMap.get(head!);
      const ok = field && (!tail || field.child?.fieldMap.has(tail));
      if (!ok) problems.push({ path: `field_rules/${i}/field`, message: `"${f.field}" is not a field of ${f.entity}` });
    }
  });
  if (problems.length) throw Errors.validation(problems);
}

async function assertAnAdminRemains(args: HookArgs, removing: boolean): Promise<void> {
  const { doc, old, sql } = args;
  const wasAdmin = old?.is_admin && old?.active;
  const staysAdmin = !removing && doc.is_admin && doc.active;
  if (!wasAdmin || staysAdmin) return;
  const others = await sql('select count(*)::int as n from auth_user where is_admin and active and id <> $1', [old!.id]);
  if (others[0]!.n === 0)
    throw Errors.conflict('LAST_ADMIN', `${old!.username} is the last active administrator and cannot be ${removing ? 'deleted' : 'demoted or deactivated'}`);
}

export default definePlugin({
  name: 'auth',
  version: '1.0.0',
  label: 'Users and roles',
  labels: { lt: 'Naudotojai ir rolės' },
  icon: 'security',
  roles: {
    // The studio (/api/config/*) is open to administrators and this role (permission core.config).
    'core.consultant': {
      label: 'Consultant',
      labels: { lt: 'Konsultantas' },
      description: 'Configures the client in the studio (modules, fields, numbering, roles) and promotes it; reads every record to check the set-up.',
      permissions: { '*': ['read'] },
    },
  },
  hooks: {
    role: {
      beforeCreate: (args) => validateRole({ doc: args.doc, ctx: args }),
      beforeUpdate: (args) => {
        if (args.old!.source !== 'custom' && args.user.id !== 0)
          throw Errors.conflict(
            'ROLE_MANAGED',
            `role ${args.old!.name} is declared by ${args.old!.source === 'plugin' ? 'a plugin' : 'the client configuration'} and kept in step with it; use the "Copy" action to make a custom role you can change`,
          );
        validateRole({ doc: args.doc, ctx: args });
      },
      beforeDelete: (args) => {
        if (args.old!.source !== 'custom')
          throw Errors.conflict(
            'ROLE_MANAGED',
            `role ${args.old!.name} is declared by ${args.old!.source === 'plugin' ? 'a plugin' : 'the client configuration'} and cannot be deleted`,
          );
      },
      afterCreate: ({ platform, tx }) => tx.onCommit(() => platform.auth?.invalidate()),
      afterUpdate: ({ platform, tx }) => tx.onCommit(() => platform.auth?.invalidate()),
      afterDelete: ({ platform, tx }) => tx.onCommit(() => platform.auth?.invalidate()),
    },
    user: {
      beforeCreate: ({ doc }) => {
        doc.username = String(doc.username).toLowerCase();
      },
      beforeUpdate: async (args) => {
        if (args.doc.username) args.doc.username = String(args.doc.username).toLowerCase();
        await assertAnAdminRemains(args, false);
      },
      beforeDelete: (args) => assertAnAdminRemains(args, true),
      afterUpdate: async ({ platform, tx, doc, old }) => {
        if (old?.active && !doc.active) await platform.auth?.revokeSessions(doc.id, tx);
        tx.onCommit(() => platform.auth?.invalidate());
      },
      afterDelete: ({ platform, tx }) => tx.onCommit(() => platform.auth?.invalidate()),
    },
  },
  actions: {
    user: {
      set_password: {
        label: 'Set password',
        labels: { lt: 'Nustatyti slaptažodį' },
        icon: 'password',
        input: {
          type: 'object',
          required: ['password'],
          additionalProperties: false,
          properties: {
            password: {
              type: 'string',
              minLength: 8,
              maxLength: 256,
              title: 'New password',
              'x-labels': { lt: { title: 'Naujas slaptažodis' } },
              'x-secret': true,
              'x-ui': { widget: 'password' },
            },
          },
        },
        handler: async ({ doc, input, platform, tx }) => {
          await platform.auth!.setPassword(tx, doc.id, input.password);
          // Sessions and API tokens made with the old password stop working.
          await platform.auth!.revokeSessions(doc.id, tx);
          return { ok: true };
        },
      },
      revoke_credentials: {
        label: 'Revoke all sessions and API tokens',
        labels: { lt: 'Atšaukti visas sesijas ir API raktus' },
        icon: 'block',
        handler: async ({ doc, platform, tx }) => {
          await platform.auth!.revokeSessions(doc.id, tx);
          return { ok: true };
        },
      },
    },
    role: {
      copy: {
        label: 'Copy',
        labels: { lt: 'Kopijuoti' },
        input: {
          type: 'object',
          required: ['name', 'label'],
          additionalProperties: false,
          properties: { name: { type: 'string', pattern: '^[a-z][a-z0-9_.]*$', maxLength: 80 }, label: { type: 'string', minLength: 1, maxLength: 140 } },
        },
        handler: async ({ doc, input, entity }) =>
          entity('auth.role').create({
            name: input.name,
            label: input.label,
            description: doc.description,
            permissions: doc.permissions.map((p: any) => ({ entity: p.entity, actions: p.actions, row_rule: p.row_rule })),
            field_rules: doc.field_rules.map((f: any) => ({ entity: f.entity, field: f.field, access: f.access })),
          }),
      },
    },
  },
});
