#!/usr/bin/env node
/**
 * Builds the admin UI when admin-ui/dist is missing or older than its sources, so that
 * `pnpm start` on a fresh clone serves a current UI without rebuilding on every start.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'index.html');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(
    st.mtimeMs,
    ...readdirSync(path)
      .filter((f) => f !== 'node_modules' && f !== 'dist')
      .map((f) => newest(join(path, f))),
  );
}

const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((f) => join(root, f)).filter(existsSync);
const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
if (stale) {
  console.log('[tessera] building the admin UI (once; it is rebuilt only when its sources change)...');
  execFileSync('pnpm', ['--filter', '@tessera/admin-ui', 'build'], { stdio: 'inherit', cwd: join(root, '..') });
}
