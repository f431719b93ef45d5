/**
 * After-commit side work (notifications, webhooks, scheduled checks) through pg-boss, the
 * PostgreSQL-backed job queue. An event is enqueued inside the writing transaction (pg-boss'
 * `db` option), so it exists exactly when the data does: a rollback drops it, a commit makes
 * it visible to the workers. Workers run each job in its own transaction with the service API.
 * pg-boss starts only when some plugin subscribes to an event or declares a schedule.
 */
import type PgBoss from 'pg-boss';
import type { Tx } from './db/database.js';
import type { Doc, PluginDefinition, ServiceContext } from './plugin-api/index.js';
import { SYSTEM_USER, type DataService } from './data/service.js';

type Subscriber = { plugin: string; handler: (payload: Doc, ctx: ServiceContext) => Promise<void> | void };

/** pg-boss queue names allow letters, digits, _ and - (dots are mapped). */
export const queueName = (event: string) => `tessera-${event.replace(/[^\w-]/g, '_')}`;

/**
 * pg-boss reports every failed poll: while the database is down that is one error a second. One
 * line per distinct message, repeated at most once a minute.
 */
const lastLogged = new Map<string, number>();
function logJobError(e: unknown): void {
  const err = e as { message?: string; code?: string };
  const line = `${err?.message ?? String(e)}${err?.code ? ` [${err.code}]` : ''}`;
  const now = Date.now();
  if (now - (lastLogged.get(line) ?? 0) < 60_000) return;
  if (lastLogged.size > 100) lastLogged.clear();
  lastLogged.set(line, now);
  console.error(`[tessera jobs] ${line}`);
}

/** A started pg-boss with Tessera's options. */
async function startBoss(databaseUrl: string): Promise<PgBoss> {
  const { default: PgBossClass } = await import('pg-boss');
  const boss = new PgBossClass({ connectionString: databaseUrl, schema: 'pgboss', max: 3, application_name: 'tessera-jobs' });
  boss.on('error', logJobError);
  await boss.start();
  return boss;
}

const STOP = { graceful: true, wait: true, timeout: 5000 } as const;

/**
 * One pg-boss for the life of a server process (issue #18): the studio's generations share it
 * (a reload used to start a pg-boss of its own, with its pool and maintenance, each time). Each
 * generation's JobQueue adds its workers to it and takes them off when the generation closes.
 */
export class SharedBoss {
  private boss?: Promise<PgBoss>;

  get(databaseUrl: string): Promise<PgBoss> {
    this.boss ??= startBoss(databaseUrl).catch((e: unknown) => {
      this.boss = undefined;
      throw e;
    });
    return this.boss;
  }

  async stop(): Promise<void> {
    const boss = await this.boss?.catch(() => undefined);
    this.boss = undefined;
    await boss?.stop(STOP).catch(() => undefined);
  }
}

export class JobQueue {
  private boss?: PgBoss;
  /** This queue's workers on a shared pg-boss (taken off at stop). */
  private workerIds: string[] = [];
  private stopped = false;
  private subscribers = new Map<string, Subscriber[]>();
  private schedules: { plugin: string; name: string; cron: string; handler: (ctx: ServiceContext) => Promise<void> | void }[] = [];
  /** The core's own queues (the outbox), registered before start. */
  private coreQueues = new Map<string, { handler: (data: Doc) => Promise<void>; retryLimit: number; retryDelay: number; expireInSeconds?: number }>();

  constructor(
    plugins: PluginDefinition[],
    private readonly shared?: SharedBoss,
  ) {
    for (const p of plugins) {
      for (const [event, handler] of Object.entries(p.subscribers ?? {})) {
        if (!this.subscribers.has(event)) this.subscribers.set(event, []);
        this.subscribers.get(event)!.push({ plugin: p.name, handler });
      }
      for (const s of p.schedules ?? []) this.schedules.push({ plugin: p.name, ...s, name: `${p.name}.${s.name}` });
    }
  }

  /** Whether some plugin subscribes to the event (then writes must enqueue it in their transaction). */
  listens(event: string): boolean {
    return this.subscribers.has(event);
  }

  get enabled(): boolean {
    return this.subscribers.size > 0 || this.schedules.length > 0 || this.coreQueues.size > 0;
  }

  private started: (() => Promise<void>)[] = [];

  /** Runs after the queue and its workers have started (the outbox's sweep). */
  onStarted(fn: () => Promise<void>): void {
    this.started.push(fn);
  }

  /** A core queue with its worker: retries with exponential backoff from retryDelay seconds; a job running longer than expireInSeconds is retried. */
  addCoreQueue(name: string, handler: (data: Doc) => Promise<void>, opts: { retryLimit: number; retryDelay: number; expireInSeconds?: number }): void {
    this.coreQueues.set(queueName(name), { handler, ...opts });
  }

  /** Sends a job to a core queue inside the writing transaction (it exists exactly when the data does). */
  async sendCore(tx: Tx, name: string, data: Doc, opts: { singletonKey?: string } = {}): Promise<boolean> {
    // Stopped (shutting down): the caller's row stays queued and the next start sweeps it up.
    const boss = await this.whenSendable();
    if (!boss) return false;
    await boss.send(queueName(name), data, { ...opts, db: { executeSql: (text: string, values: unknown[]) => tx.query(text, values) } } as any);
    return true;
  }

  /** Sends a job to a core queue outside any transaction (the outbox's start-up sweep). */
  async sendCoreNow(name: string, data: Doc): Promise<void> {
    await this.boss?.send(queueName(name), data);
  }

  /** Settles when the queue can take jobs (pg-boss started, queues created); see start(). */
  private sendable?: Promise<void>;

  /** Waits for a start in progress before a job is sent (the server may answer while pg-boss still starts). */
  private async whenSendable(): Promise<PgBoss | undefined> {
    this.kick();
    if (!this.boss && this.sendable) await this.sendable.catch(() => undefined);
    return this.boss;
  }

  /** Begins a deferred start (see start's `deferred`); no-op otherwise or once begun. */
  kick(): void {
    const go = this.go;
    this.go = undefined;
    go?.();
  }
  private go?: () => void;

  /**
   * Starts pg-boss, its queues and the workers. Work sent meanwhile (emit, sendCore, trigger)
   * waits until the queues exist, so the server may listen before this settles (cli/start.ts).
   * `deferred`: the start begins at kick() (the server listens: pg-boss is off the ready path) or
   * when work is sent before that (a seed's event), whichever comes first.
   */
  start(databaseUrl: string, service: DataService, opts: { workers?: boolean; deferred?: boolean } = {}): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    let sendable!: () => void;
    let failed!: (e: unknown) => void;
    this.sendable = new Promise<void>((res, rej) => {
      sendable = res;
      failed = rej;
    });
    this.sendable.catch(() => undefined);
    const begun = opts.deferred ? new Promise<void>((res) => (this.go = res)) : Promise.resolve();
    return begun
      .then(() => this.run(databaseUrl, service, opts, sendable))
      .catch((e: unknown) => {
        failed(e);
        throw e;
      });
  }

  private async run(databaseUrl: string, service: DataService, opts: { workers?: boolean }, sendable: () => void): Promise<void> {
    const boss = this.shared ? await this.shared.get(databaseUrl) : await startBoss(databaseUrl);
    const queues = [...this.subscribers.keys()].map(queueName).concat(this.schedules.map((s) => queueName(`schedule.${s.name}`)));
    for (const q of queues) {
      if (!(await boss.getQueue(q))) await boss.createQueue(q, { name: q, retryLimit: 5, retryDelay: 5, retryBackoff: true });
    }
    for (const [q, c] of this.coreQueues) {
      const options = {
        name: q,
        retryLimit: c.retryLimit,
        retryDelay: c.retryDelay,
        retryBackoff: true,
        ...(c.expireInSeconds ? { expireInSeconds: c.expireInSeconds } : {}),
      };
      if (!(await boss.getQueue(q))) await boss.createQueue(q, options);
      else await boss.updateQueue(q, options as any);
    }
    this.boss = boss;
    sendable();
    if (opts.workers === false) return;
    // A worker added after stop() began (a generation closed while its queue still started) goes at once.
    const work = async (id: Promise<string>) => {
      const w = await id;
      if (this.shared && this.stopped) await boss.offWork({ id: w });
      else this.workerIds.push(w);
    };
    for (const [q, c] of this.coreQueues) await work(boss.work<Doc>(q, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => c.handler(job!.data)));
    for (const fn of this.started) await fn();
    for (const [event, subs] of this.subscribers) {
      await work(
        boss.work<Doc>(queueName(event), { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
          for (const s of subs) await service.withServices(SYSTEM_USER, (ctx) => Promise.resolve(s.handler(job!.data, ctx)), s.plugin);
        }),
      );
    }
    for (const s of this.schedules) {
      const q = queueName(`schedule.${s.name}`);
      await boss.schedule(q, s.cron, {}, { tz: 'UTC' });
      await work(
        boss.work(q, { pollingIntervalSeconds: 2 }, async () => {
          await service.withServices(SYSTEM_USER, (ctx) => Promise.resolve(s.handler(ctx)), s.plugin);
        }),
      );
    }
  }

  /** Enqueues an event in the writing transaction (only events someone subscribes to). */
  async emit(tx: Tx, event: string, payload: Doc): Promise<void> {
    if (!this.subscribers.has(event)) return;
    const boss = await this.whenSendable();
    if (!boss) return;
    await boss.send(queueName(event), payload, { db: { executeSql: (text: string, values: unknown[]) => tx.query(text, values) } } as any);
  }

  /** Runs a schedule's job now (the on-demand counterpart of the cron). */
  async trigger(name: string): Promise<string | null> {
    const boss = await this.whenSendable();
    if (!boss) return null;
    return boss.send(queueName(`schedule.${name}`), {});
  }

  /** Stops this queue's workers (a shared pg-boss keeps running for the next generation), else pg-boss. */
  async stop(): Promise<void> {
    this.stopped = true;
    // A deferred start that never began has nothing to stop.
    if (this.go) {
      this.go = undefined;
      return;
    }
    await this.whenSendable();
    const boss = this.boss;
    this.boss = undefined;
    if (!this.shared) await boss?.stop(STOP).catch(() => undefined);
    else for (const id of this.workerIds.splice(0)) await boss?.offWork({ id }).catch(() => undefined);
  }
}
