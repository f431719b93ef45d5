/**
 * What leaves the building, assembled in one place: print formats (PDF), the outbox (e-mail and
 * webhook deliveries through a pg-boss queue), attachments, webhook subscriptions and in-app
 * notifications. app.ts creates it after the data service, registers its routes with the HTTP
 * server, starts it after the job queue and stops it on close.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from './db/database.js';
import type { DataService } from './data/service.js';
import type { JobQueue } from './jobs.js';
import type { CurrentUser, PluginDefinition } from './plugins/api.js';
import { collectPrintFormats, PrintService } from './print/service.js';
import { registerPrintRoutes } from './print/routes.js';
import { OUTBOUND_TABLES_SQL } from './outbox/tables.js';
import { Outbox } from './outbox/outbox.js';
import { emailHandler } from './mail/delivery.js';
import { registerMailRoutes } from './mail/routes.js';
import { Notifications } from './notifications/notify.js';
import { installNotificationHooks } from './notifications/producers.js';
import { registerNotificationRoutes } from './notifications/routes.js';
import { Webhooks } from './webhooks/subscriptions.js';
import { registerWebhookRoutes } from './webhooks/routes.js';
import { defaultFilesRoot, LocalFileStorage, type FileStorage } from './files/storage.js';
import { registerFileRoutes } from './files/routes.js';

export interface Outbound {
  print: PrintService;
  outbox: Outbox;
  notifications: Notifications;
  webhooks: Webhooks;
  files: FileStorage;
  register(app: FastifyInstance, userOf: (req: FastifyRequest) => CurrentUser): Promise<void>;
  start(): Promise<void>;
  stop(): void;
}

export async function createOutbound(db: Database, service: DataService, jobs: JobQueue, plugins: PluginDefinition[], opts: { filesRoot?: string } = {}): Promise<Outbound> {
  await db.query(OUTBOUND_TABLES_SQL);
  const { registry } = service;
  const config = registry.config;
  const print = new PrintService(service, collectPrintFormats(plugins, registry.entities));
  const outbox = new Outbox(db, jobs, { retryLimit: config.outbox?.retryLimit ?? 5, retryDelaySeconds: config.outbox?.retryDelaySeconds ?? 30 });
  const notifications = new Notifications(config, outbox);
  const webhooks = new Webhooks(db, service, outbox, notifications, { disableAfter: config.webhooks?.disableAfter ?? 10, timeoutMs: config.webhooks?.timeoutMs ?? 10_000 });
  outbox.handle('email', emailHandler(config, notifications));
  outbox.handle('webhook', webhooks.handler());
  installNotificationHooks(registry, notifications);
  // Entity events also feed the webhook subscriptions, in the writing transaction.
  const emit = registry.emit;
  const listens = registry.listens;
  registry.emit = async (tx, event, payload) => {
    await emit(tx, event, payload);
    await webhooks.onEvent(tx, event, payload);
  };
  registry.listens = (event) => (listens?.(event) ?? false) || webhooks.listens(event);
  registry.platform.print = print;
  registry.platform.webhooks = webhooks;
  const files = new LocalFileStorage(opts.filesRoot ?? defaultFilesRoot());
  return {
    print,
    outbox,
    notifications,
    webhooks,
    files,
    async register(app, userOf) {
      registerPrintRoutes(app, print, userOf);
      registerMailRoutes(app, service, print, outbox, userOf);
      registerWebhookRoutes(app, service, outbox, userOf);
      registerNotificationRoutes(app, db, userOf);
      await registerFileRoutes(app, service, files, userOf);
    },
    async start() {
      await webhooks.start();
      await outbox.sweep();
    },
    stop: () => webhooks.stop(),
  };
}
