/**
 * What leaves the building, registered with the HTTP server in one call: print formats (PDF).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataService } from './data/service.js';
import type { CurrentUser, PluginDefinition } from './plugins/api.js';
import { collectPrintFormats, PrintService } from './print/service.js';
import { registerPrintRoutes } from './print/routes.js';

export async function registerOutbound(app: FastifyInstance, service: DataService, plugins: PluginDefinition[], userOf: (req: FastifyRequest) => CurrentUser): Promise<void> {
  const print = new PrintService(service, collectPrintFormats(plugins, service.registry.entities));
  service.registry.platform.print = print;
  registerPrintRoutes(app, print, userOf);
}
