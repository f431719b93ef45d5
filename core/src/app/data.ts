/** Seed and demo data at start-up, and the demo's users. */
import type { AuthService } from '../auth/service.js';
import { SYSTEM_USER, type DataService } from '../data/service.js';
import type { LoadedPlugin } from '../plugins/loader.js';
import type { PluginDefinition } from '../plugin-api/index.js';

/** Seed data always (idempotent), demo data once per database when asked. */
export async function loadData(t: { plugins: LoadedPlugin[]; service: DataService }, demo: boolean): Promise<void> {
  for (const p of t.plugins) {
    if (p.def.seed) await t.service.withServices(SYSTEM_USER, (ctx) => p.def.seed!({ ...ctx, demo: false }), p.def.name);
  }
  if (!demo) return;
  for (const p of t.plugins) {
    if (!p.def.demo) continue;
    const key = `demo:${p.def.name}`;
    await t.service.withServices(
      SYSTEM_USER,
      async (ctx) => {
        const done = await ctx.sql(`select 1 from tessera_state where key = $1 for update`, [key]);
        if (done.length) return;
        await p.def.demo!({ ...ctx, demo: true });
        await ctx.sql(`insert into tessera_state (key, value) values ($1, $2)`, [key, JSON.stringify({ loadedAt: new Date().toISOString() })]);
      },
      p.def.name,
    );
  }
}

/** The demo's administrator and one user per declared role (password in DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'tessera-demo';
export async function ensureDemoUsers(auth: AuthService, plugins: PluginDefinition[]): Promise<void> {
  const existing = await auth.db.query('select username from auth_user');
  const have = new Set(existing.rows.map((r) => r.username));
  if (!have.has('admin')) await auth.createUser({ username: 'admin', password: DEMO_PASSWORD, isAdmin: true, fullName: 'Demo Administrator' });
  for (const p of plugins)
    for (const [role, def] of Object.entries(p.roles ?? {})) {
      const username = role;
      if (!have.has(username) && /^[a-z0-9][a-z0-9._@-]*$/.test(username))
        await auth.createUser({ username, password: DEMO_PASSWORD, roles: [role], fullName: `Demo ${def.label}` }).catch(() => undefined);
    }
}
