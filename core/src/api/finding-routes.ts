/** The routes that find records across the lists: global search, saved views, grouped counts and sums. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataService } from '../data/service.js';
import type { CurrentUser } from '../plugin-api/index.js';
import { registerGlobalSearch } from './search.js';
import { registerSavedViews } from './views.js';
import { registerGroups } from './groups.js';

export function registerFindingRoutes(app: FastifyInstance, service: DataService, userOf: (req: FastifyRequest) => CurrentUser): void {
  registerGlobalSearch(app, service, userOf);
  registerSavedViews(app, service, userOf);
  registerGroups(app, service, userOf);
}
