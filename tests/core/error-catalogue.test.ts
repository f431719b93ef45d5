/**
 * Error codes are catalogued per area (core/src/error-codes.ts; each plugin's manifest
 * `errors`), like Fastify's lib/errors.js: this test reads every throw site of the core and of
 * each plugin and fails on a code that neither the area's catalogue nor the core's lists, and
 * checks that docs/api.md carries the generated table.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// @ts-expect-error: a plain .mjs script
import { listFiles } from '../../scripts/import-graph.mjs';
import { ROOT_DIR } from '../../core/src/paths.js';
import { catalogues, documented, DOC } from '../../scripts/error-docs.js';

/** Calls whose first argument is an error code. */
const THROWERS =
  /(?:new\s+TesseraError|Errors\.(?:conflict|unprocessable)|\brefuse|\brefuseIfAny|\bproblemsError|\bthrowProblems|\bledgerError|\bhelpdeskError|\boutboundError|\bimportError|\.error|\bsuper)\(\s*/g;
const CODE = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})'/g;

/** The codes literally named in the first argument of every throwing call of a source text. */
export function thrownCodes(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(THROWERS)) {
    // The first argument: up to the first comma or closing parenthesis at depth 0 (a ternary names two codes).
    let depth = 0;
    let i = m.index! + m[0].length;
    const start = i;
    for (; i < source.length; i++) {
      const ch = source[i]!;
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) {
        if (depth === 0) break;
        depth--;
      } else if (ch === ',' && depth === 0) break;
    }
    for (const c of source.slice(start, i).matchAll(CODE)) out.push(c[1]!);
  }
  return out;
}

function sources(dirs: string[]): string[] {
  return dirs.flatMap((d) => listFiles(join(ROOT_DIR, d))).filter((f: string) => !/\.test\.tsx?$/.test(f) && !f.includes('/tests/'));
}

describe('error catalogues', async () => {
  const all = await catalogues();
  const CORE_AREAS = ['core', 'outbound', 'import'];
  const core = Object.assign({}, ...all.filter((c) => CORE_AREAS.includes(c.area)).map((c) => c.codes));

  it('finds the codes of a throw site, both sides of a ternary included', () => {
    expect(thrownCodes(`throw new TesseraError(n > max ? 'LIMIT_EXCEEDED' : 'INVALID_QUERY', 400, 'x')`)).toEqual(['LIMIT_EXCEEDED', 'INVALID_QUERY']);
    expect(thrownCodes(`refuse('INVALID_WORK_ORDER', [{ path: 'qty', message: 'NOT_A_CODE' }])`)).toEqual(['INVALID_WORK_ORDER']);
  });

  it('every entry has a 4xx/5xx status and a meaning in English and Lithuanian', () => {
    const bad = all.flatMap(({ area, codes }) =>
      Object.entries(codes)
        .filter(([, e]) => !(e.status >= 400 && e.status < 600) || !e.en?.trim() || !e.lt?.trim())
        .map(([c]) => `${area}.${c}`),
    );
    expect(bad).toEqual([]);
  });

  it('every code the core throws is in the core catalogue', () => {
    const missing: string[] = [];
    for (const f of sources(['core/src', 'core/builtin']))
      for (const c of thrownCodes(readFileSync(f, 'utf8'))) if (!core[c]) missing.push(`${relative(ROOT_DIR, f)}: ${c}`);
    expect(missing).toEqual([]);
  });

  it("every code a plugin throws is in the plugin's catalogue (or is a core code)", () => {
    const missing: string[] = [];
    for (const { area, codes } of all.filter((c) => !CORE_AREAS.includes(c.area)))
      for (const f of sources([`plugins/${area}`]))
        for (const c of thrownCodes(readFileSync(f, 'utf8'))) if (!codes[c] && !core[c]) missing.push(`${relative(ROOT_DIR, f)}: ${c}`);
    expect(missing).toEqual([]);
  });

  it('collects every catalogue of the core, the import one included', () => {
    expect(all.map((c) => c.area).slice(0, 3)).toEqual(['core', 'outbound', 'import']);
    expect(thrownCodes(readFileSync(join(ROOT_DIR, 'core/src/import/errors.ts'), 'utf8'))).toEqual(
      expect.arrayContaining(['IMPORT_TOO_LARGE', 'IMPORT_REJECTED']),
    );
  });

  it('the generated table changes when a catalogue does (so a stale docs/api.md fails below)', async () => {
    const text = readFileSync(DOC, 'utf8');
    const stale = text.replace(/^\| import \| `IMPORT_REJECTED` .*\n/m, '');
    expect(stale).not.toBe(text);
    expect(await documented(stale)).toBe(text);
  });

  it('docs/api.md lists every catalogued code (the generated table is up to date: pnpm errors:docs)', async () => {
    const text = readFileSync(DOC, 'utf8');
    expect(text === (await documented(text)), 'docs/api.md is out of date: run pnpm errors:docs').toBe(true);
    const listed = all.reduce((n, c) => n + Object.keys(c.codes).length, 0);
    expect(listed).toBeGreaterThan(150);
  });
});
