import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, inject, it } from 'vitest';
import { ROOT_DIR } from '../../core/src/app.js';

const run = promisify(execFile);
const out = join(ROOT_DIR, 'tests', 'fixtures', 'scaffold-out');
const name = `gen_${process.pid}`;
afterAll(() => rmSync(join(out, name), { recursive: true, force: true }));

it('tessera plugin new creates a plugin whose own test passes', { timeout: 240_000 }, async () => {
  const cli = await run('npx', ['tsx', 'core/src/cli.ts', 'plugin', 'new', name, '--dir', out], { cwd: ROOT_DIR });
  expect(cli.stdout).toContain(`Created ${join(out, name)}`);
  const res = await run('npx', ['vitest', 'run', join(out, name)], {
    cwd: ROOT_DIR,
    env: { ...process.env, DATABASE_URL: inject('pgAdminUrl') },
  }).catch((e) => e);
  const text = `${res.stdout}\n${res.stderr}`;
  expect(text, text).toMatch(/Tests\s+.*2 passed/);
  expect(res.code ?? 0, text).toBe(0);
  const again = await run('npx', ['tsx', 'core/src/cli.ts', 'plugin', 'new', name, '--dir', out], { cwd: ROOT_DIR }).catch((e) => e);
  expect(again.code).toBe(1);
  expect(`${again.stderr}`).toContain('already exists');
});
