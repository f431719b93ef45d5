/** GET /api/meta (what the admin UI builds its screens from) and GET /api/dashboard/:id (one widget's figure). */
import type { FastifyInstance } from 'fastify';
import { Errors } from '../errors.js';
import type { DataService } from '../data/service.js';
import type { DashboardWidget, PluginDefinition } from '../plugin-api/index.js';
import { assertWidgetReadable, collectWidgets, widgetContext, widgetReadable } from './dashboard.js';
import { buildMeta } from './meta.js';
import { requestUser } from './request-user.js';
import { collectReportRoutes } from './report-discovery.js';

export function registerPlatformRoutes(app: FastifyInstance, service: DataService, plugins: PluginDefinition[]): void {
  app.get('/api/openapi.json', { schema: { hide: true } as any }, async () => app.swagger());
  const dashboard: DashboardWidget[] = collectWidgets(service, plugins);
  const reportRoutes = collectReportRoutes(app); // the plugins' report routes, registered later by their setup
  // The login page's language before anyone signs in: the company's locale (public, no data).
  app.get('/api/public/locale', { schema: { tags: ['platform'], summary: "The company's language and the languages offered (public)" } }, async () => ({
    locale: service.registry.config.company.locale,
    locales: service.registry.config.locales,
    company: service.registry.config.company.name,
  }));
  app.get('/api/meta', { schema: { tags: ['platform'], summary: 'Metadata for the admin UI' } }, async (req) => {
    const user = requestUser(req);
    // Widgets over what the user may not see are not offered.
    const widgets = dashboard
      .filter((w) => widgetReadable(service, user, w))
      .map(({ query: _query, reads: _reads, ...w }) => ({ ...w, url: `/api/dashboard/${w.id}` }));
    return buildMeta(service.registry, plugins, user, widgets, reportRoutes);
  });
  app.get('/api/dashboard/:id', { schema: { tags: ['platform'], summary: 'One dashboard figure or chart' } }, async (req) => {
    const id = (req.params as { id: string }).id;
    const w = dashboard.find((x) => x.id === id);
    if (!w) throw Errors.notFound('dashboard widget', id);
    if (!service.registry.entities.has(w.entity)) throw Errors.notFound('dashboard widget', w.id);
    const user = requestUser(req);
    assertWidgetReadable(service, user, w);
    return w.query(widgetContext(service, user));
  });
}
