/**
 * The Fastify instance: request bounds, the validator and serializer, the error handler, input
 * checks, security headers and the OpenAPI document (Swagger UI at /docs).
 */
import type { IncomingMessage } from 'node:http';
import Fastify, { errorCodes, type FastifyInstance } from 'fastify';
import type { ValidateFunction } from 'ajv';
import { compile } from '../schema/validation.js';
import { serviceValidated } from '../schema/schemas.js';
import { LIMITS } from '../schema/limits.js';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './errors.js';
import { installInputChecks } from './input.js';
import { installReportEnvelope } from './report-envelope.js';
import { completeErrorResponses, installOpenApiContract, shareErrorResponses } from './openapi-contract.js';
import { applyExamples } from './openapi-examples.js';
import { docsCsp, registerSecurity, trustedProxies } from './security.js';
import type { PluginDefinition } from '../plugin-api/index.js';

export interface ServerOptions {
  logger?: boolean | object;
  /** The company name, in the OpenAPI title. */
  title: string;
  plugins: PluginDefinition[];
  /** The company's language: error messages use it when neither the user nor the request names one. */
  locale?: string;
}

/** A validator that compiles its schema when it first runs (Fastify reads `errors` after a false). */
export function lazyValidator(schema: object): ((data: unknown) => boolean) & { errors: ValidateFunction['errors'] } {
  let fn: ValidateFunction | undefined;
  const validate = (data: unknown): boolean => {
    fn ??= compile(schema);
    const ok = fn(data) as boolean;
    validate.errors = fn.errors;
    return ok;
  };
  validate.errors = null as ValidateFunction['errors'];
  return validate;
}

/**
 * Fastify's store of shared schemas (app.addSchema), whose getSchemas() copy is made once per
 * change: Fastify asks for it twice for every route once a schema was added (the records of the
 * entities are), and copying ~100 schemas for each of thousands of routes cost ~0.1 s of a start.
 * Same behaviour otherwise (a schema needs an $id, and an $id is taken once), except that a schema
 * is kept as given, not cloned (cloning the records took ~0.05 s): nothing changes a shared
 * schema once added, and the OpenAPI generator works on its own copies.
 */
export function sharedSchemaBucket(parent?: unknown) {
  const store: Record<string, unknown> = { ...(parent as Record<string, unknown> | undefined) };
  let copy: Record<string, unknown> | undefined;
  return {
    add(schema: unknown) {
      const s = schema as { $id?: string };
      if (!s.$id) throw new errorCodes.FST_ERR_SCH_MISSING_ID();
      if (store[s.$id]) throw new errorCodes.FST_ERR_SCH_ALREADY_PRESENT(s.$id);
      store[s.$id] = s;
      copy = undefined;
      return undefined as unknown as FastifyInstance;
    },
    getSchema: (id: string) => store[id],
    getSchemas: () => (copy ??= { ...store }),
  };
}

/**
 * Routes a HEAD request as a GET: Node made its response for HEAD, so the headers (content-length
 * included) are the GET's and no body is sent. Before Fastify routes the request (its server's
 * first 'request' listener; the studio's one server calls it too, core/src/studio/runtime.ts).
 */
export function headAsGet(req: IncomingMessage): void {
  if (req.method === 'HEAD') req.method = 'GET';
}

export async function createServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Request bounds and Fastify's own errors in our error shape: see api/errors.ts and schema/limits.ts.
    bodyLimit: LIMITS.bodyBytes,
    routerOptions: { maxParamLength: LIMITS.paramLength },
    frameworkErrors,
    clientErrorHandler,
    ajv: { customOptions: { strict: false } },
    schemaController: { bucket: sharedSchemaBucket },
    // A HEAD request is answered by the GET route (headAsGet below) rather than by a HEAD route
    // Fastify would add for each GET route: a third of the routes, ~0.25 s of a start.
    exposeHeadRoutes: false,
    trustProxy: trustedProxies(),
  });
  // Entity bodies and action inputs are validated by the data service (the same compiled schema
  // serves REST, actions and plugin code); the route validates everything else.
  // Compiled on a route's first request, not at start-up (hundreds of routes; most are never
  // called by a given process). The shared cache makes a schema compile once either way.
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' && serviceValidated.has(schema) ? () => true : (lazyValidator(schema) as any)));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.decorateRequest('user', null);
  app.server.prependListener('request', headAsGet);

  installErrorHandler(app, opts);
  installInputChecks(app);
  installReportEnvelope(app);
  installOpenApiContract(app, opts.plugins);
  await registerSecurity(app);
  const { default: swagger } = await import('@fastify/swagger');
  const { default: swaggerUi } = await import('@fastify/swagger-ui');
  await app.register(swagger, {
    // An example request per route (x-examples of the route schema onto its body and parameters).
    // And its error responses (openapi-contract.ts).
    transform: ({ schema, url }: { schema: any; url: string }) => ({ schema: applyExamples(completeErrorResponses(schema)) as any, url }),
    // Each distinct error response once, under components.responses.
    transformObject: (d: any) => shareErrorResponses(d.openapiObject) as any,
    // Shared schemas (app.addSchema) are components named by their $id: #/components/schemas/TesseraError.
    refResolver: { buildLocalReference: (json: { $id?: unknown }, _base: unknown, _fragment: unknown, i: number) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: '3.0.3',
      info: {
        title: `Tessera API — ${opts.title}`,
        version: '0.1.0',
        description: "Generated from the enabled plugins' entity declarations. Decimals are exact strings. Filters: see docs/api.md.",
      },
      tags: opts.plugins.map((p) => ({ name: p.name, description: p.label })),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: docsCsp });
  return app;
}
