/**
 * Summarizes a V8 CPU profile (node --cpu-prof, as BENCH_PROFILE=1 writes them into
 * bench/results/profiles): where the server's time goes, by area and by function.
 *
 *   pnpm exec tsx bench/profile-summary.ts bench/results/profiles/tessera [--top 30] [--last 8]
 *
 * --last S counts only the profile's last S seconds (with BENCH_OPS=get: the warm-up and the
 * measured rounds, not the start-up and the pre-flight).
 *
 * A folder stands for its largest .cpuprofile (the main thread's; tsx's loader thread writes a
 * small one beside it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
const topN = flag('--top') ?? 30;
/** --last S: only the samples of the profile's last S seconds (the load, not the start-up). */
const lastSeconds = flag('--last');
const files = args
  .filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--top' && args[i - 1] !== '--last')
  .map((a) => {
    if (!statSync(a).isDirectory()) return a;
    const found = readdirSync(a)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(a, f));
    if (!found.length) throw new Error(`no .cpuprofile in ${a}`);
    return found.sort((x, y) => statSync(y).size - statSync(x).size)[0]!;
  });
if (!files.length) {
  console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top N]');
  process.exit(2);
}

/** A coarse area for a script URL: which package or part of the core the time is spent in. */
function area(url: string, fn: string): string {
  if (!url) return fn === '(garbage collector)' ? 'gc' : fn === '(idle)' || fn === '(program)' ? fn : 'native';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const core = /\/core\/src\/(.+?)\.ts/.exec(url);
  if (core) return `core/${core[1]}`;
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes('/bench/')) return 'bench';
  return url;
}

for (const file of files) {
  const p: Profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const from = lastSeconds === undefined ? -Infinity : p.endTime - lastSeconds * 1e6;
  let at = p.startTime;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    if (at >= from) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
  const busy = total - idle;

  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  const inclusiveCore = new Map<string, number>();
  const inclusiveAll = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') continue;
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + t);
    const key = `${functionName || '(anonymous)'}  ${a}${url ? `:${lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + t);
    // Inclusive time of core functions on the stack (each counted once per sample).
    const seen = new Set<string>();
    const seenAll = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      const all = `${f.functionName || '(anonymous)'}  ${area(f.url, f.functionName)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
      if (!seenAll.has(all)) {
        seenAll.add(all);
        inclusiveAll.set(all, (inclusiveAll.get(all) ?? 0) + t);
      }
      const m = /\/core\/src\/(.+?)\.ts/.exec(f.url);
      if (!m) continue;
      const k = `${f.functionName || '(anonymous)'}  core/${m[1]}:${f.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusiveCore.set(k, (inclusiveCore.get(k) ?? 0) + t);
    }
  }
  const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)}%`;
  const ms = (t: number) => `${(t / 1000).toFixed(0).padStart(7)} ms`;
  console.log(
    `\n${file}\n  wall ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s${lastSeconds === undefined ? '' : ` (the last ${lastSeconds} s counted)`}, busy (not idle) ${(busy / 1e6).toFixed(1)} s`,
  );
  console.log('\n  by area (self time, % of busy):');
  for (const [a, t] of [...byArea].sort((x, y) => y[1] - x[1]).slice(0, 20)) console.log(`  ${pct(t)} ${ms(t)}  ${a}`);
  console.log(`\n  top ${topN} functions (self time):`);
  for (const [f, t] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, topN)) console.log(`  ${pct(t)} ${ms(t)}  ${f}`);
  console.log(`\n  all functions (inclusive time, synchronous part only):`);
  for (const [f, t] of [...inclusiveAll].sort((x, y) => y[1] - x[1]).slice(0, topN)) console.log(`  ${pct(t)} ${ms(t)}  ${f}`);
  console.log(`\n  core functions (inclusive time, synchronous part only):`);
  for (const [f, t] of [...inclusiveCore].sort((x, y) => y[1] - x[1]).slice(0, topN)) console.log(`  ${pct(t)} ${ms(t)}  ${f}`);
}
