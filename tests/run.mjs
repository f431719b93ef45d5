#!/usr/bin/env node
/**
 * Runs the whole vitest suite and ends with one plain summary line ("N passed, N failed,
 * N skipped") that any CI can read. A test file that fails to load (syntax error, failing import,
 * a throwing beforeAll) runs no tests, so vitest counts nothing for it: the summary counts it as
 * one failure and the exit code is non-zero.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// TESSERA_RESULTS_FILE: where vitest's JSON goes (the runner's own test points it elsewhere).
const out = process.env.TESSERA_RESULTS_FILE ?? join(root, 'tests', 'artifacts', 'vitest-results.json');
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const res = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  const { failed, broken } = summarize(r);
  for (const f of broken) console.log(`failed to load or run: ${f.name}${f.message ? `\n  ${f.message.split('\n')[0]}` : ''}`);
  console.log(`\n${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests + (r.numTodoTests ?? 0)} skipped`);
  process.exit(failed > 0 ? res.status || 1 : (res.status ?? 1));
} else {
  console.log('\n0 passed, 1 failed (vitest wrote no results)');
  process.exit(res.status || 1);
}

/** Failed tests plus the files that failed without a failing test of their own (they did not load). */
export function summarize(r) {
  const broken = (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'));
  return { failed: r.numFailedTests + broken.length, broken };
}
