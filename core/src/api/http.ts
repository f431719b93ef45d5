/** The HTTP layer assembled: the server, then auth, health, platform, entity, report routes and the admin UI, in that order. */
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { DataService } from '../data/service.js';
import type { AuthService } from '../auth/service.js';
import { registerAuth } from './auth-routes.js';
import { registerHealthRoute } from '../db/health.js';
import type { PluginDefinition } from '../plugin-api/index.js';
import { createServer } from './server.js';
import { registerPlatformRoutes } from './platform-routes.js';
import { registerEntityRoutes } from './routes.js';
import { registerReportRoutes } from './report-routes.js';
import { registerAdminUi } from './admin-ui.js';
import { requestUser } from './request-user.js';
import { registerFindingRoutes } from './finding-routes.js';
import type { JobQueue } from '../jobs.js';
import { registerOutbound } from '../outbound.js';
import { registerExplainRoutes, registerViewAs } from './explain-routes.js';
import { createDataIo } from './data-io.js';

export interface HttpOptions {
  logger?: boolean | object;
  /** Where the built admin UI lives (admin-ui/dist). */
  uiDist: string;
}

export async function buildHttp(
  service: DataService,
  plugins: PluginDefinition[],
  auth: AuthService,
  jobs: JobQueue,
  opts: HttpOptions,
): Promise<FastifyInstance> {
  const t0 = performance.now();
  const mark = (name: string) => process.env.TESSERA_TIMING && console.log(`[tessera timing]   http.${name}: ${Math.round(performance.now() - t0)} ms`);
  const app = await createServer({ logger: opts.logger, title: service.registry.config.company.name, plugins, locale: service.registry.config.company.locale });
  mark('swagger');
  // Every route below needs an authenticated user (except health and login).
  registerAuth(app, auth, service);
  registerViewAs(app, auth); // "view as a role": narrows the user resolved above
  mark('auth');
  registerHealthRoute(app, service.db);
  registerPlatformRoutes(app, service, plugins);
  registerExplainRoutes(app, service, auth);
  registerFindingRoutes(app, service, requestUser); // global search, saved views, groups
  const dataIo = createDataIo(service, jobs, auth); // files store and pg-boss queues of background imports and exports
  for (const e of service.registry.entities.values()) registerEntityRoutes(app, service, e, requestUser, dataIo);
  registerReportRoutes(app, service, plugins);
  await registerOutbound(app, service, jobs, plugins, requestUser); // PDF, e-mail, files, webhooks, notifications
  mark('routes');
  await registerAdminUi(app, opts.uiDist);
  return app;
}
