/**
 * Attachments on any record: upload (multipart), list, download, delete; the size limit (413),
 * the type allowlist and content check (415), safe names, the record's permissions and row
 * rules, the audit trail (name, size, hash; never the content), storage under the data folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;
let org: number;
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-files-'));
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);

function multipart(name: string, type: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----tessera-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(path: string, name: string, type: string, content: Buffer, token = t.adminToken) {
  const m = multipart(name, type, content);
  const res = await t.app.inject({ method: 'POST', url: path, payload: m.payload, headers: { ...m.headers, authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: JSON.parse(res.payload || 'null') };
}

beforeAll(async () => {
  process.env.TESSERA_DATA_DIR = dataDir;
  t = await startApp({ plugins: ['crm'], files: { maxBytes: 64 * 1024 } } as any);
  org = (await t.req('POST', '/api/crm/organization', { name: 'Files Org' })).body.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
  delete process.env.TESSERA_DATA_DIR;
});

describe('attachments', () => {
  let file: any;
  it('uploads a file to a record, stores it under TESSERA_DATA_DIR/files, audits name, size and hash', async () => {
    const r = await upload(`/api/crm/organization/${org}/files`, '../../etc/Sutartis ąčę <v2>|.pdf', 'application/pdf', PDF);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    file = r.body;
    expect(file).toMatchObject({
      name: 'Sutartis ąčę _v2__.pdf',
      content_type: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const dirs = readdirSync(join(dataDir, 'files'));
    expect(dirs.length).toBe(1);
    const audit = (
      await t.db.query(`select action, changes from tessera_audit where entity = 'crm.organization' and record_id = $1 and action = 'attach'`, [org])
    ).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0].changes.file).toEqual({ id: file.id, name: file.name, size: PDF.length, content_type: 'application/pdf', sha256: file.sha256 });
    expect(JSON.stringify(audit[0].changes)).not.toContain('AAAA');
  });

  it('lists and downloads it with a safe Content-Disposition', async () => {
    const list = await t.req('GET', `/api/crm/organization/${org}/files`);
    expect(list.body.data.map((f: any) => f.id)).toEqual([file.id]);
    const res = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Sutartis ace _v2__.pdf"; filename*=UTF-8''${encodeURIComponent('Sutartis ąčę _v2__.pdf')}`,
    );
  });

  it('refuses an oversized file with 413 and a disallowed or disguised one with 415, storing nothing', async () => {
    const n = (await t.db.query(`select count(*)::int as n from tessera_file`)).rows[0].n;
    const big = await upload(
      `/api/crm/organization/${org}/files`,
      'big.pdf',
      'application/pdf',
      Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(70 * 1024)]),
    );
    expect([big.status, big.body.error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    const exe = await upload(`/api/crm/organization/${org}/files`, 'setup.exe', 'application/octet-stream', Buffer.from('MZ'));
    expect([exe.status, exe.body.error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const script = await upload(`/api/crm/organization/${org}/files`, 'invoice.pdf.js', 'application/pdf', PDF);
    expect([script.status, script.body.error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const fake = await upload(`/api/crm/organization/${org}/files`, 'photo.png', 'image/png', Buffer.from('<html>not a png</html>'));
    expect([fake.status, fake.body.error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    // A multipart body without its boundary (found by the bad-input fuzz: it was a 500).
    const broken = await t.app.inject({
      method: 'POST',
      url: `/api/crm/organization/${org}/files`,
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'multipart/form-data' },
      payload: 'x',
    });
    expect([broken.statusCode, broken.json().error.code, broken.json().error.details[0].path]).toEqual([400, 'INVALID_MULTIPART', 'file']);
    expect((await t.db.query(`select count(*)::int as n from tessera_file`)).rows[0].n).toBe(n);
    expect(readdirSync(join(dataDir, 'files')).flatMap((d) => readdirSync(join(dataDir, 'files', d)))).toHaveLength(1);
  });

  it("follows the record's permissions: readers list and download, only writers upload and delete, others see nothing", async () => {
    const role = await t.req('POST', '/api/auth/role', {
      name: 'org_reader',
      label: 'Org reader',
      permissions: [{ entity: 'crm.organization', actions: 'read' }],
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const reader = await t.createUser('org_reader_1', ['org_reader']);
    const nobody = await t.createUser('nobody_1', []);
    expect((await reader.req('GET', `/api/crm/organization/${org}/files`)).status).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: { authorization: `Bearer ${reader.token}` } })).statusCode).toBe(200);
    expect((await upload(`/api/crm/organization/${org}/files`, 'a.txt', 'text/plain', Buffer.from('hi'), reader.token)).status).toBe(403);
    expect((await reader.req('DELETE', `/api/files/${file.id}`)).status).toBe(403);
    expect((await nobody.req('GET', `/api/crm/organization/${org}/files`)).status).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: { authorization: `Bearer ${nobody.token}` } })).statusCode).toBe(403);
    expect((await t.req('GET', `/api/crm/organization/999999/files`)).status).toBe(404);
  });

  it('deletes the file and its bytes, audited', async () => {
    const r = await t.req('DELETE', `/api/files/${file.id}`);
    expect(r.status).toBe(204);
    expect((await t.req('GET', `/api/crm/organization/${org}/files`)).body.data).toEqual([]);
    expect((await t.req('GET', `/api/files/${file.id}`)).status).toBe(404);
    expect(readdirSync(join(dataDir, 'files')).flatMap((d) => readdirSync(join(dataDir, 'files', d)))).toHaveLength(0);
    expect((await t.db.query(`select count(*)::int as n from tessera_audit where action = 'detach' and record_id = $1`, [org])).rows[0].n).toBe(1);
    expect(existsSync(join(dataDir, 'files'))).toBe(true);
  });
});
