/**
 * Generations of a running server. A generation is everything built from one configuration
 * revision (plugins, models, DataService, job queue, Fastify instance); the HTTP server is made
 * once and hands every request to the current generation's Fastify (`routing`). A reload builds
 * the next generation on the same database and pool, swaps it in, then drains the old one
 * (requests in flight finish, at most 10 s) and closes it. A reload that fails keeps the old
 * generation serving. Other processes' applies arrive by LISTEN tessera_config, with a version
 * check every 2 s as the fallback (a dropped listener connection is reopened by it).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { CONFIG_CHANNEL } from './apply.js';
import { currentVersion } from './store.js';
import { headAsGet } from '../api/server.js';

export interface Generation {
  app: FastifyInstance;
  /** The configuration revision it was built from. */
  version: number;
  close(): Promise<void>;
}

const DRAIN_MS = 10_000;
const CHECK_MS = Number(process.env.TESSERA_CONFIG_CHECK_MS ?? 2000);

export class Generations<G extends Generation> {
  /** Requests in flight per generation, with the one listener that counts each down on 'close'. */
  private inflight = new Map<G, { n: number; done: () => void }>();
  private pending: Promise<unknown> = Promise.resolve();
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private closed = false;
  server?: Server;
  /** The last reload's failure (kept for GET /api/config). */
  lastError?: string;
  private failedVersion?: number;

  constructor(
    public current: G,
    private db: Database,
    /** Builds the generation of the database's latest revision. */
    private build: () => Promise<G>,
  ) {}

  /**
   * Reloads when the database holds another revision than the current generation's (serialized).
   * A revision that failed to load is not tried again by the periodic check, only when asked
   * (`retryFailed`: the apply that wrote it).
   */
  reload(retryFailed = false): Promise<{ ms: number }> {
    const run = async () => {
      const t0 = performance.now();
      if (this.closed) return { ms: 0 };
      const latest = await currentVersion(this.db);
      if (latest === this.current.version) return { ms: 0 };
      if (latest === this.failedVersion && !retryFailed) throw new Error(this.lastError ?? `revision ${latest} failed to load`);
      let next: G;
      try {
        next = await this.build();
      } catch (e) {
        this.failedVersion = latest;
        this.lastError = (e as Error).message;
        console.error(`[tessera] reloading the configuration failed; the previous one keeps serving: ${(e as Error).message}`);
        throw e;
      }
      const old = this.current;
      this.current = next;
      this.lastError = undefined;
      void this.retire(old);
      return { ms: Math.round(performance.now() - t0) };
    };
    const p = this.pending.then(run, run);
    this.pending = p.catch(() => undefined);
    return p;
  }

  /** Waits for the old generation's requests to finish, then closes it. */
  private async retire(old: G): Promise<void> {
    const until = Date.now() + DRAIN_MS;
    while ((this.inflight.get(old)?.n ?? 0) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    this.inflight.delete(old);
    await old.close().catch((e) => console.error(`[tessera] closing the previous generation failed: ${(e as Error).message}`));
  }

  /** The request listener of the one HTTP server: the current generation answers. */
  handle = (req: IncomingMessage, res: ServerResponse): void => {
    const g = this.current;
    let count = this.inflight.get(g);
    if (!count) {
      const c = { n: 0, done: () => void c.n-- };
      this.inflight.set(g, (count = c));
    }
    count.n++;
    // A response emits 'close' once: on() with a shared function, no closure or once-wrapper per request.
    // A streamed reply already has up to ten 'close' listeners of its own (Fastify's stream end
    // checks, one more each time an async handler returns the reply, the pipe; @fastify/static's
    // files), all gone with the response: this one is the eleventh, no leak, so no warning.
    res.setMaxListeners(20);
    res.on('close', count.done);
    headAsGet(req);
    g.app.routing(req, res);
  };

  /** The HTTP server (made once, listening on port/host). */
  async listen(port: number, host: string): Promise<Server> {
    const server = createServer(this.handle);
    // Fastify's own defaults and its handling of malformed requests (the current generation's).
    server.keepAliveTimeout = 72_000;
    server.on('clientError', (err, socket) => this.current.app.server.emit('clientError', err, socket));
    await new Promise<void>((res, rej) => {
      server.once('error', rej);
      server.listen({ port, host }, () => {
        server.removeListener('error', rej);
        res();
      });
    });
    this.server = server;
    return server;
  }

  /** Follows applies made by other processes: LISTEN, and a periodic version check. */
  async follow(url: string): Promise<void> {
    const check = () => {
      if (this.closed) return;
      void this.reload().catch(() => undefined);
      if (!this.listener) void this.openListener(url);
    };
    await this.openListener(url);
    this.timer = setInterval(check, CHECK_MS);
    this.timer.unref();
  }

  private async openListener(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url, application_name: 'tessera-config-listener' });
    client.on('error', () => {
      if (this.listener === client) this.listener = undefined;
    });
    client.on('end', () => {
      if (this.listener === client) this.listener = undefined;
    });
    client.on('notification', () => void this.reload().catch(() => undefined));
    try {
      await client.connect();
      await client.query(`listen ${CONFIG_CHANNEL}`);
      this.listener = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
    await this.pending;
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
    await this.current.close();
  }
}
