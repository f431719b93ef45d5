/**
 * ActionDefinition.permission is honoured: "Update cost" on a bill of materials declares
 * `permission: 'production.bom.update'`, so a client role written as docs/plugin-guide.md says
 * (`production.bom: ['read', 'update']`) may run it, the admin UI is told it may, and a role
 * with read only may not. (Before, the core checked the action's name and answered 403.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let bom: number;

beforeAll(async () => {
  t = await startApp({
    plugins: ['inventory', 'production'],
    roles: {
      'client.bom_editor': { label: 'BOM editor', permissions: { 'production.bom': ['read', 'update'], 'inventory.item': ['read'] } },
      'client.bom_reader': { label: 'BOM reader', permissions: { 'production.bom': ['read'], 'inventory.item': ['read'] } },
    },
  });
  const uom = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  const item = async (code: string) => ok(await t.req('POST', '/api/inventory/item', { code, name: code, stock_uom: uom, standard_rate: '2.50' }), 201).id;
  const [leg, table] = [await item('LEG'), await item('TABLE')];
  bom = ok(await t.req('POST', '/api/production/bom', { item: table, quantity: '1', items: [{ item: leg, qty: '4' }] }), 201).id;
});
afterAll(async () => {
  await t?.close();
});

describe('an action with a declared permission', () => {
  it('runs for a role that grants the declared permission, not the action name', async () => {
    const editor = await t.createUser('editor', ['client.bom_editor']);
    const updated = ok(await editor.req('POST', `/api/production/bom/${bom}/actions/update_cost`, {}));
    expect(updated).toMatchObject({ id: bom });
    const meta = ok(await editor.req('GET', '/api/meta'));
    const actions = meta.entities.find((e: any) => e.key === 'production.bom').actions;
    expect(actions.find((a: any) => a.name === 'update_cost')).toMatchObject({ allowed: true });
  });

  it('is refused (403, nothing written) for a role without it, and meta says so', async () => {
    const reader = await t.createUser('reader', ['client.bom_reader']);
    const before = (await t.db.query(`select version, cost_updated_at from production_bom where id = $1`, [bom])).rows[0];
    const refused = await reader.req('POST', `/api/production/bom/${bom}/actions/update_cost`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await t.db.query(`select version, cost_updated_at from production_bom where id = $1`, [bom])).rows[0]).toEqual(before);
    const meta = ok(await reader.req('GET', '/api/meta'));
    const actions = meta.entities.find((e: any) => e.key === 'production.bom').actions;
    expect(actions.find((a: any) => a.name === 'update_cost')).toMatchObject({ allowed: false });
  });

  it('a permission naming no enabled entity stops start-up with a clear message', async () => {
    const { actionPermission } = await import('../../../core/src/data/action-permission.js');
    const e = t.registry.entities.get('production.bom')!;
    expect(actionPermission(t.registry, e, 'x', 'update')).toMatchObject({ entity: e, action: 'update' });
    expect(() => actionPermission(t.registry, e, 'x', 'nowhere.thing.update')).toThrow(/no enabled entity is "nowhere.thing"/);
  });
});
