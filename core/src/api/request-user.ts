/** The authenticated user of a request (req.user, typed in plugin-api/request.ts). */
import type { FastifyRequest } from 'fastify';
import { Errors } from '../errors.js';
import type { CurrentUser } from '../plugin-api/index.js';

/** The authenticated user of a request; 401 when there is none. */
export function requestUser(req: FastifyRequest): CurrentUser {
  const u = req.user;
  if (!u) throw Errors.unauthorized();
  return u;
}
