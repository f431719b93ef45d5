/**
 * The generated TypeScript client (@tessera/client, issue 16 item 4) against a real server over
 * real HTTP, with the configuration of tessera.config.json (the one the committed client is
 * generated from): the committed client/src/schema.d.ts must be what the server's OpenAPI
 * document generates now, and typed calls create a customer, list with a filter, run an action,
 * read a report and get a typed error. This file is typechecked by `pnpm typecheck`, so a path,
 * body or answer field the document does not have fails the build.
 *
 * Regenerate the committed client: `pnpm client:generate` against a running server, or
 * TESSERA_UPDATE_CLIENT=1 pnpm exec vitest run tests/core/client.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTesseraClient, type EntityRecord, type TesseraClient } from '../../client/src/index.js';
import { generateTypes } from '../../client/scripts/generate-types.js';
import { SCHEMA_FILE } from '../../client/scripts/generate.js';
import { ROOT_DIR } from '../../core/src/paths.js';
import type { ClientConfig } from '../../core/src/config.js';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;
let base: string;
let api: TesseraClient;

beforeAll(async () => {
  const { $schema: _s, $comment: _c, ...config } = JSON.parse(readFileSync(join(ROOT_DIR, 'tessera.config.json'), 'utf8'));
  t = await startApp(config as ClientConfig);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  api = createTesseraClient(base, { token: t.adminToken });
  // every plugin starts: slow on a loaded machine
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('the generated client', () => {
  it("is up to date with the server's OpenAPI document", async () => {
    const res = await fetch(`${base}/api/openapi.json`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.status).toBe(200);
    const generated = await generateTypes((await res.json()) as object);
    if (process.env.TESSERA_UPDATE_CLIENT === '1') writeFileSync(SCHEMA_FILE, generated);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== generated) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      expect.fail(
        `client/src/schema.d.ts is out of date with the OpenAPI document (first difference at line ${line + 1}: ${JSON.stringify(a[line])} <> ${JSON.stringify(b[line])}); run pnpm client:generate`,
      );
    }
  }, 600_000);

  it('creates a customer, lists with a filter, runs an action and reads a report, fully typed', async () => {
    const created = await api.POST('/api/sales/customer', { body: { name: 'UAB Vilkas klientas', currency: 'EUR' } });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    const customer: EntityRecord<'sales.customer'> = created.data!;
    expect(customer.name).toBe('UAB Vilkas klientas');
    expect(customer.version).toBe(1);

    const list = await api.GET('/api/sales/customer', {
      params: { query: { filter: JSON.stringify({ name: { contains: 'vilkas klient' } }), total: 'exact' } },
    });
    expect(list.data!.data.map((c) => c.id)).toEqual([customer.id]);
    expect(list.data!.total).toBe(1);

    const lead = await api.POST('/api/crm/lead', { body: { name: 'Rūta Vilkienė', company_name: 'UAB Vilkas' } });
    expect(lead.response.status, JSON.stringify(lead.error)).toBe(201);
    const call = await api.POST('/api/crm/lead/{id}/actions/log_call', {
      params: { path: { id: String(lead.data!.id) } },
      body: { subject: 'First call', outcome: 'Interested' },
    });
    expect(call.response.status, JSON.stringify(call.error)).toBe(200);
    const activity: EntityRecord<'crm.activity'> = call.data!;
    expect([activity.subject, activity.reference_type, activity.reference_id, activity.done]).toEqual(['First call', 'crm.lead', lead.data!.id, true]);

    const overdue = await api.GET('/api/crm/reports/overdue-activities', { params: { query: { as_of: '2026-01-01' } } });
    expect(overdue.response.status).toBe(200);
    expect(Array.isArray(overdue.data!.data)).toBe(true);
    expect(overdue.data!.total).toBe(overdue.data!.data.length);

    // The old snake_case path still answers the same (deprecated, not in the document).
    const old = await fetch(`${base}/api/crm/reports/overdue_activities?as_of=2026-01-01`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(await old.json()).toEqual(overdue.data);

    const bad = await api.POST('/api/sales/customer', { body: { name: 'UAB Vilkas klientas', currency: 'EURO' } });
    expect(bad.response.status).toBe(422);
    expect(bad.error!.error.code).toBe('VALIDATION_FAILED');
    expect(bad.error!.error.details?.[0]?.path).toBe('currency');
    // The error's code is typed as the union of the codes the operation lists (an enum in the document).
    type CreateErrorCode = NonNullable<typeof bad.error>['error']['code'];
    const listed: CreateErrorCode = 'REFERENCE_NOT_FOUND';
    // @ts-expect-error a code no error response of the operation lists
    const unlisted: CreateErrorCode = 'NO_SUCH_CODE';
    expect([listed, unlisted]).toHaveLength(2);
  });
});
