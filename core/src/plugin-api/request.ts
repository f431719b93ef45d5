/** Typed `req.user` on every Fastify request (set by the auth layer; null before sign-in). */
import type { CurrentUser } from './user.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
  }
}
