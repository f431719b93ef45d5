/**
 * pnpm client:generate: regenerates client/src/schema.d.ts from a running server's OpenAPI document.
 *   TESSERA_URL=http://localhost:3000 TESSERA_TOKEN=tsr_... pnpm client:generate
 *   TESSERA_USER=admin TESSERA_PASSWORD=... pnpm client:generate     (logs in for a session)
 *   pnpm client:generate --file openapi.json                        (a saved document)
 * Generate from a server with the configuration of tessera.config.json (`pnpm start`): the
 * committed client is checked against that configuration by tests/core/client.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateTypes } from './generate-types.js';

export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'schema.d.ts');

async function fetchDocument(base: string): Promise<object> {
  const headers: Record<string, string> = {};
  if (process.env.TESSERA_TOKEN) headers.authorization = `Bearer ${process.env.TESSERA_TOKEN}`;
  else if (process.env.TESSERA_USER) {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: process.env.TESSERA_USER, password: process.env.TESSERA_PASSWORD ?? '' }),
    });
    if (!login.ok) throw new Error(`login as ${process.env.TESSERA_USER} failed: ${login.status} ${await login.text()}`);
    headers.cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
  }
  const res = await fetch(`${base}/api/openapi.json`, { headers });
  if (!res.ok) throw new Error(`GET ${base}/api/openapi.json: ${res.status} ${await res.text()} (set TESSERA_TOKEN, or TESSERA_USER and TESSERA_PASSWORD)`);
  return (await res.json()) as object;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { file: { type: 'string' }, url: { type: 'string' } } });
  const doc = values.file
    ? JSON.parse(readFileSync(values.file, 'utf8'))
    : await fetchDocument((values.url ?? process.env.TESSERA_URL ?? 'http://localhost:3000').replace(/\/$/, ''));
  writeFileSync(SCHEMA_FILE, await generateTypes(doc));
  console.log(`client/src/schema.d.ts regenerated (${(doc as { paths?: object }).paths ? Object.keys((doc as { paths: object }).paths).length : 0} paths)`);
}
