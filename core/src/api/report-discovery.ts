/**
 * Report screens for every report route (issue 17, item 5): a plugin's GET
 * /api/<plugin>/reports/<id> route without path parameters is offered in /api/meta.reports
 * like a declared report, its filters from the route's querystring schema, its label from the
 * schema's `x-label` / `x-labels` (else the summary's first phrase). Declared reports
 * (PluginDefinition.reports) win over a discovered route with the same URL. The route checks
 * its own permissions; meta offers it to users who may read some entity of the plugin.
 */
import type { FastifyInstance } from 'fastify';
import type { ReportDeclaration } from '../plugin-api/index.js';

export interface DiscoveredReport extends Omit<ReportDeclaration, 'entity'> {
  plugin: string;
}

const REPORT_ROUTE = /^\/api\/([a-z][a-z0-9_]*)\/reports\/([a-z0-9][a-z0-9_-]*)$/;

/** The first phrase of a summary ("Stock balance: qty and value..." -> "Stock balance"). */
export function shortLabel(summary: string, id: string): string {
  const first = summary.split(/: | \(|; | — /)[0]!.trim();
  return first && first.length <= 60 ? first : id.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Collects report routes as they are registered (call before the plugins' setup). */
export function collectReportRoutes(app: FastifyInstance): DiscoveredReport[] {
  const out: DiscoveredReport[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const m = REPORT_ROUTE.exec(route.url);
    if (!m || !methods.includes('GET')) return;
    const schema = (route.schema ?? {}) as Record<string, any>;
    if (schema.hide) return;
    const [, plugin, id] = m;
    const label = typeof schema['x-label'] === 'string' ? schema['x-label'] : shortLabel(String(schema.summary ?? ''), id!);
    out.push({
      plugin: plugin!,
      id: id!,
      label,
      labels: schema['x-labels'] ?? {},
      ...(schema.summary ? { description: String(schema.summary) } : {}),
      ...(schema['x-descriptions'] ? { descriptions: schema['x-descriptions'] } : {}),
      url: route.url,
      params: schema.querystring ?? { type: 'object', properties: {} },
      order: 1000 + out.length,
    } as DiscoveredReport);
  });
  return out;
}
