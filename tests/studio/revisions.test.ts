/**
 * The configuration as data (real PostgreSQL, servers started on one database in turn):
 *  - the first start seeds revision 1 from the file (author "file"); a changed file is taken over
 *    while only the file ever changed the configuration; once the studio changed it, the
 *    database's revision wins over the file;
 *  - the SMTP password and the database location never enter a revision, and still serve;
 *  - an option removed while rows use it is asked about (what the rows become) and is lossy:
 *    refused without acceptance, applied with both, the rows changed as answered.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startApp, type TestApp } from '../helpers.js';

let t: TestApp | undefined;
afterAll(async () => {
  await t?.close();
});

const base = { plugins: ['crm'], company: { name: 'Revisions UAB', currency: 'EUR' } };
const revisions = async (app: TestApp) =>
  (await app.db.query<any>('select version, created_by, comment, config from tessera_config_revision order by version')).rows;

describe('configuration revisions', () => {
  it('seeds from the file, follows the file while only the file changed it, then keeps the studio’s; secrets are never stored', async () => {
    const url = await createTestDatabase('studio_revisions');
    const secret = 'smtp-secret-never-stored';
    const file1 = { ...base, mail: { smtp: { host: 'smtp.example.com', port: 587, user: 'mailer', password: secret }, from: 'a@example.com' } };
    t = await startApp(file1, { url });
    let rows = await revisions(t);
    expect(rows.map((r) => [r.version, r.created_by])).toEqual([[1, 'file']]);
    expect(rows[0].comment).toMatch(/^seeded from/);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).not.toContain('postgres://');
    // The password still serves: it is laid over the revision from the file.
    expect(t.registry.config.mail?.smtp?.password).toBe(secret);
    expect(JSON.stringify((await t.req('GET', '/api/config')).body)).not.toContain(secret);
    await t.close();

    // The file changed, nobody else did: the file's change is taken over as a new revision.
    const file2 = { ...file1, company: { ...file1.company, name: 'Revisions UAB (renamed)' } };
    t = await startApp(file2, { url });
    rows = await revisions(t);
    expect(rows.map((r) => [r.version, r.created_by])).toEqual([
      [1, 'file'],
      [2, 'file'],
    ]);
    expect(t.registry.config.company.name).toBe('Revisions UAB (renamed)');

    // The studio changes it: from now on the database's revision is the configuration.
    const cur = (await t.req('GET', '/api/config')).body.config;
    const plan = await t.req('POST', '/api/config/plan', { config: { ...cur, company: { ...cur.company, name: 'Studio name UAB' } } });
    expect((await t.req('POST', '/api/config/apply', { hash: plan.body.hash, comment: 'company name' })).status).toBe(200);
    await t.close();
    const file3 = { ...file1, company: { ...file1.company, name: 'File name again UAB' } };
    t = await startApp(file3, { url });
    rows = await revisions(t);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ version: 3, comment: 'company name' });
    expect(rows[2].created_by).not.toBe('file');
    expect(t.registry.config.company.name).toBe('Studio name UAB');
    expect(t.registry.config.mail?.smtp?.password).toBe(secret);
  });

  it('asks what rows of a removed option become, refuses it as lossy without acceptance, and applies the answer', async () => {
    const app = t!;
    const cur = (await app.req('GET', '/api/config')).body.config;
    const withKind = (values: string[]) => ({
      ...cur,
      customizations: {
        'crm.organization': {
          addFields: { x_kind: { type: 'string', enum: values, title: 'Kind', 'x-labels': { lt: { title: 'Rūšis' } } } },
        },
      },
    });
    const add = await app.req('POST', '/api/config/plan', { config: withKind(['partner', 'vendor', 'other']) });
    expect((await app.req('POST', '/api/config/apply', { hash: add.body.hash })).status).toBe(200);
    for (const [name, kind] of [
      ['Vendor One UAB', 'vendor'],
      ['Vendor Two UAB', 'vendor'],
      ['Partner UAB', 'partner'],
    ])
      expect((await app.req('POST', '/api/crm/organization', { name, x_kind: kind })).status).toBe(201);

    const drop = await app.req('POST', '/api/config/plan', { config: withKind(['partner', 'other']) });
    expect(drop.status).toBe(200);
    const ch = drop.body.changes.find((c: any) => c.id === 'enum.remove:crm.organization.x_kind');
    expect(ch).toMatchObject({ lossy: true, rowsAffected: 2 });
    const q = drop.body.questions.find((x: any) => x.key === 'replace:crm.organization.x_kind');
    expect(q.message.en).toMatch(/^2 organizations use the removed option\(s\) vendor of "Kind"/);
    expect(q.message.lt).toMatch(/lauko „Rūšis“/);
    expect(q.schema).toEqual({ enum: ['partner', 'other', null] });
    const lossy = await app.req('POST', '/api/config/apply', { hash: drop.body.hash, answers: { 'replace:crm.organization.x_kind': 'other' } });
    expect(lossy.status).toBe(422);
    expect(lossy.body.error.code).toBe('CONFIG_LOSSY');
    expect(lossy.body.error.message).toMatch(/acceptLossy: \["enum\.remove:crm\.organization\.x_kind"\]/);
    const wrong = await app.req('POST', '/api/config/apply', {
      hash: drop.body.hash,
      answers: { 'replace:crm.organization.x_kind': 'vendor' },
      acceptLossy: [ch.id],
    });
    expect(wrong.status).toBe(422);
    expect((await app.db.query<any>(`select count(*)::int as n from crm_organization where x_kind = 'vendor'`)).rows[0].n).toBe(2);
    const ok = await app.req('POST', '/api/config/apply', {
      hash: drop.body.hash,
      answers: { 'replace:crm.organization.x_kind': 'other' },
      acceptLossy: [ch.id],
    });
    expect(ok.status).toBe(200);
    const kinds = (await app.db.query<any>(`select name, x_kind from crm_organization where x_kind is not null order by name`)).rows;
    expect(kinds).toEqual([
      { name: 'Partner UAB', x_kind: 'partner' },
      { name: 'Vendor One UAB', x_kind: 'other' },
      { name: 'Vendor Two UAB', x_kind: 'other' },
    ]);
  });
});
