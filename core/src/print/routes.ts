/**
 *   GET /api/<plugin>/<entity>/:id/pdf[?format=<id>&lang=en|lt&download=1]   the record as a PDF
 *   GET /api/print/formats                                                   which entities print (for the admin UI)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../plugin-api/index.js';
import type { PrintService } from './service.js';
import { parseId } from '../api/routes.js';

export function registerPrintRoutes(app: FastifyInstance, print: PrintService, userOf: (req: FastifyRequest) => CurrentUser): void {
  app.get('/api/print/formats', { schema: { tags: ['platform'], summary: 'The print formats of the enabled plugins, by entity' } }, async (req) => {
    userOf(req);
    const out: Record<string, { id: string; label: string; labels?: Record<string, string> }[]> = {};
    for (const [key, byId] of print.formats) out[key] = [...byId.values()].map((f) => ({ id: f.id, label: f.def.label, labels: f.def.labels }));
    return out;
  });
  for (const [key, byId] of print.formats) {
    const entity = [...byId.values()][0]!.entity;
    app.get(
      `${entity.path}/:id/pdf`,
      {
        schema: {
          tags: [entity.plugin],
          summary: `${entity.label} as PDF`,
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              format: { type: 'string', enum: [...byId.keys()] },
              lang: { type: 'string', enum: ['en', 'lt'] },
              download: { type: 'string', enum: ['0', '1', 'true', 'false'] },
            },
          },
        },
      },
      async (req, reply) => {
        const q = req.query as { format?: string; lang?: 'en' | 'lt'; download?: string };
        const id = parseId((req.params as { id: string }).id);
        const r = await print.print(userOf(req), key, id, { format: q.format, locale: q.lang });
        const disposition = q.download === '1' || q.download === 'true' ? 'attachment' : 'inline';
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `${disposition}; filename="${r.fileName}"`)
          .header('cache-control', 'private, no-store')
          .send(r.pdf);
      },
    );
  }
}
