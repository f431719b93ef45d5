/** PDF checks for tests: the text through poppler's pdftotext, page images through pdftoppm. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../core/src/app.js';

export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders the first page to tests/artifacts/<name>.png and returns its path. */
export function pdfToPng(pdf: Buffer, name: string): string {
  const out = join(ROOT_DIR, 'tests', 'artifacts');
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', join(dir, 'a.pdf'), join(dir, 'page')]);
    const target = join(out, `${name}.png`);
    renameSync(join(dir, 'page.png'), target);
    return target;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fetches a PDF through the API (Fastify inject) as the given bearer token. */
export async function getPdf(
  app: { inject: (o: any) => Promise<any> },
  path: string,
  token: string,
): Promise<{ status: number; pdf: Buffer; headers: Record<string, any>; json?: any }> {
  const res = await app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
  const pdf = res.rawPayload as Buffer;
  return { status: res.statusCode, pdf, headers: res.headers, json: res.statusCode >= 400 ? JSON.parse(res.payload) : undefined };
}
