/**
 * What leaves the building, assembled in one place: print formats (PDF), the outbox (e-mail and
 * webhook deliveries through a pg-boss queue), attachments, webhook subscriptions and in-app
 * notifications. app.ts calls registerOutbound once, with the entity routes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from './db/database.js';
import type { DataService } from './data/service.js';
import type { JobQueue } from './jobs.js';
import type { CurrentUser, PluginDefinition } from './plugin-api/index.js';
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

/**
 * Creates the outbound services on the running system and registers their routes. The outbox
 * sweep runs once the job queue has started; the webhook cache stops with the server.
 */
export async function registerOutbound(
  app: FastifyInstance,
  service: DataService,
  jobs: JobQueue,
  plugins: PluginDefinition[],
  userOf: (req: FastifyRequest) => CurrentUser,
): Promise<void> {
  const db: Database = service.db;
  await db.query(OUTBOUND_TABLES_SQL);
  const { registry } = service;
  const config = registry.config;
  const print = new PrintService(service, collectPrintFormats(plugins, registry.entities));
  const outbox = new Outbox(db, jobs, { retryLimit: config.outbox?.retryLimit ?? 5, retryDelaySeconds: config.outbox?.retryDelaySeconds ?? 30 });
  const notifications = new Notifications(config, outbox);
  const webhooks = new Webhooks(db, service, outbox, notifications, {
    disableAfter: config.webhooks?.disableAfter ?? 10,
    timeoutMs: config.webhooks?.timeoutMs ?? 10_000,
  });
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
  const files: FileStorage = new LocalFileStorage(defaultFilesRoot());
  registerPrintRoutes(app, print, userOf);
  registerMailRoutes(app, service, print, outbox, userOf);
  registerWebhookRoutes(app, service, outbox, userOf);
  registerNotificationRoutes(app, db, userOf);
  await registerFileRoutes(app, service, files, userOf);
  await webhooks.start();
  jobs.onStarted(() => outbox.sweep().then(() => undefined));
  app.addHook('onClose', async () => webhooks.stop());
}
