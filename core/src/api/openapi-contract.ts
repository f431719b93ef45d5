/**
 * The API contract in the OpenAPI document (issue 16, item 4), filled in as routes are
 * registered, whoever registers them (the core, a plugin's setup, the kit): every operation gets
 * its error responses with the codes it can answer (openapi-errors.ts) and, when it declares no
 * success response, the platform's (openapi-responses.ts). Shared schemas (the error body, the
 * records of entities, users, files, messages ...) are components, named by their `$id`.
 * tests/core/api-contract.test.ts fails on an operation whose success response is missing or a
 * bare object, so a plugin route without a response schema does not go unnoticed.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { PluginDefinition } from '../plugin-api/index.js';
import { errorBodySchema, errorIndex, errorResponses, routeErrorCodes } from './openapi-errors.js';
import { platformResponse, SHARED_SCHEMAS } from './openapi-responses.js';

type Doc = Record<string, unknown>;

/** The error responses of a route's schema, added when the document is generated (completeErrorResponses). */
const pendingErrors = new WeakMap<object, () => Doc>();

/** Call before any route is registered. */
export function installOpenApiContract(app: FastifyInstance, plugins: PluginDefinition[]): void {
  for (const s of [errorBodySchema, ...SHARED_SCHEMAS]) app.addSchema(s);
  let index: ReturnType<typeof errorIndex> | undefined;
  app.addHook('onRoute', (route: RouteOptions) => {
    const method = String(Array.isArray(route.method) ? route.method[0] : route.method).toUpperCase();
    if (method === 'HEAD' || method === 'OPTIONS') return;
    const schema = (route.schema ?? {}) as Doc & { response?: Doc };
    // The admin UI's pages are not part of the API.
    if (!route.url.startsWith('/api/')) schema.hide = true;
    route.schema = schema;
    if (schema.hide) return;
    const response: Doc = { ...(schema.response ?? {}) };
    if (!Object.keys(response).some((s) => s.startsWith('2'))) {
      const hit = platformResponse(method, route.url);
      if (hit) response[String(hit.status)] = hit.schema;
    }
    const declared = Array.isArray(schema['x-errors']) ? (schema['x-errors'] as string[]) : undefined;
    schema.response = response;
    // Error responses matter to the OpenAPI document only (the serializer does not read them):
    // worked out when the document is generated, not for each of the thousands of routes at start-up.
    pendingErrors.set(schema, () => {
      index ??= errorIndex(plugins);
      return errorResponses(
        routeErrorCodes({ method, url: route.url, body: method === 'POST' || method === 'PUT' || method === 'PATCH', declared }, index, plugins),
      );
    });
  });
}

/** A route's schema with its error responses (the OpenAPI document's transform calls it for every route). */
export function completeErrorResponses<T extends object | undefined>(schema: T): T {
  const errors = schema && pendingErrors.get(schema);
  if (errors) {
    pendingErrors.delete(schema);
    Object.assign((schema as { response: Doc }).response, errors());
  }
  return schema;
}

/**
 * The finished document with each distinct error response once, under components.responses
 * (`Error422_<hash>`), referenced by the operations: the same codes recur on hundreds of routes,
 * and the document (and the generated client) would repeat them each time.
 */
export function shareErrorResponses(doc: Doc): Doc {
  const shared: Record<string, unknown> = {};
  const names = new Map<string, string>();
  for (const ops of Object.values((doc.paths ?? {}) as Record<string, Record<string, { responses?: Record<string, unknown> }>>))
    for (const op of Object.values(ops)) {
      if (!op?.responses) continue;
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^4\d\d$/.test(status)) continue;
        const text = JSON.stringify(response);
        let name = names.get(text);
        if (!name) {
          name = `Error${status}_${createHash('sha1').update(text).digest('hex').slice(0, 8)}`;
          names.set(text, name);
          shared[name] = response;
        }
        op.responses[status] = { $ref: `#/components/responses/${name}` };
      }
    }
  const components = (doc.components ?? {}) as Doc;
  return { ...doc, components: { ...components, responses: { ...((components.responses as Doc) ?? {}), ...shared } } };
}
