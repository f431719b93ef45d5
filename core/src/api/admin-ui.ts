/** The admin UI (built by admin-ui/), served at /admin with an SPA fallback; / redirects there; the JSON 404 for the rest. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Errors } from '../errors.js';

export async function registerAdminUi(app: FastifyInstance, uiDist: string): Promise<void> {
  if (existsSync(join(uiDist, 'index.html'))) {
    const { default: fastifyStatic } = await import('@fastify/static');
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart;
    // hashed assets are cached for good, index.html never.
    await app.register(fastifyStatic, {
      root: uiDist,
      prefix: '/admin/',
      index: 'index.html',
      wildcard: true,
      setHeaders: (reply, path) => reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    app.get('/admin', (_req, reply) => reply.redirect('/admin/'));
    // Client-side routes (/admin/crm.opportunity/3/show) get the app; a missing asset stays a 404.
    const asset = /^\/admin\/assets\/|\.(js|mjs|css|map|png|jpe?g|svg|ico|gif|webp|woff2?|ttf|txt|webmanifest)$/i;
    app.setNotFoundHandler((req, reply) => {
      const path = req.url.split('?')[0]!;
      if (req.method === 'GET' && path.startsWith('/admin/') && !asset.test(path)) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply.status(404).send(Errors.routeNotFound(req.method, path).toJSON());
    });
  } else {
    app.get('/admin/*', (_req, reply) => reply.type('text/plain').send('The admin UI is not built: run `pnpm --filter @tessera/admin-ui build`.'));
    app.setNotFoundHandler((req, reply) => reply.status(404).send(Errors.routeNotFound(req.method, req.url.split('?')[0]!).toJSON()));
  }
  app.get('/', { schema: { hide: true } as any }, (_req, reply) => reply.redirect('/admin/'));
}
