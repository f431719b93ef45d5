/** GET /api/health (no authentication): whether the server can reach its database right now. */
import type { FastifyInstance } from 'fastify';
import type { Database } from './database.js';
import { Errors } from '../errors.js';

export function registerHealthRoute(app: FastifyInstance, db: Database): void {
  app.get('/api/health', { schema: { hide: true } as any }, async (_req, reply) => {
    try {
      await db.query('select 1');
      return { status: 'ok', ok: true, database: 'ok' };
    } catch {
      // Both shapes: monitors read `status`, API clients the usual error object.
      const e = Errors.databaseUnavailable();
      return reply
        .status(503)
        .header('retry-after', '2')
        .send({ status: 'unavailable', ok: false, database: 'unavailable', ...e.toJSON() });
    }
  });
}
