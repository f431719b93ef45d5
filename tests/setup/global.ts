/**
 * One PostgreSQL for the whole test run: the server named by DATABASE_URL, or else an
 * embedded PostgreSQL (fsync off) under a temporary folder. Each test file then creates its
 * own database on it (tests/helpers.ts), so files run in parallel without sharing rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../core/src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('pgAdminUrl', process.env.DATABASE_URL);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
  const pg = await startEmbeddedPostgres(dir, { fast: true });
  project.provide('pgAdminUrl', pg.url('postgres'));
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
