/**
 * The runner's side channel to a server process, over its stdin/stdout:
 *   "stats" -> the server prints `STATS {"queries": n}` (SQL statements sent so far, counted on
 *              pg.Client.prototype.query, which the pool and transactions all go through);
 *   "stop" or end of stdin -> the server closes cleanly (so --cpu-prof can write its profile).
 */
import pg from 'pg';

export const STATS_PREFIX = 'STATS ';

let queries = 0;

export function countQueries(): void {
  const proto = pg.Client.prototype as any;
  if (proto.__benchCounted) return;
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    queries++;
    return original.apply(this, args);
  };
  proto.__benchCounted = true;
}

export function listenForControl(stop: () => Promise<void>): void {
  let buffer = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const cmd = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (cmd === 'stats') process.stdout.write(`${STATS_PREFIX}${JSON.stringify({ queries })}\n`);
      else if (cmd === 'stop') void stop();
    }
  });
  process.stdin.on('end', () => void stop());
  process.on('SIGTERM', () => void stop());
}
