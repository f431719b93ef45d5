/**
 * CPU and memory from /proc, for the servers and for PostgreSQL. The database's CPU per request
 * is the CPU of our postmaster and all its children (backends, WAL writer, checkpointer...)
 * during a server's round: rounds run one server at a time, so it is that server's. Exited
 * children count through the postmaster's cutime/cstime (the kernel adds them when reaped).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICK_US = 1e6 / 100; // USER_HZ = 100

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, in microseconds (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuUs(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) * TICK_US : 0;
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU of a postmaster and its children, in microseconds. */
export function postgresCpuUs(postmaster: number): number {
  const own = statFields(postmaster);
  if (!own) return 0;
  let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) * TICK_US;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const f = statFields(Number(d));
    if (f && Number(f[1]) === postmaster) total += (Number(f[11]) + Number(f[12])) * TICK_US;
  }
  return total;
}

/** The postmaster's pid from its data directory (needs a superuser, or pg_read_all_settings, to ask). */
export async function postmasterPid(query: (sql: string) => Promise<{ rows: any[] }>): Promise<number | undefined> {
  try {
    const dir = (await query('show data_directory')).rows[0]?.data_directory as string | undefined;
    if (!dir) return undefined;
    const pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return statFields(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
