/**
 * The Fastify instance: request bounds, the validator and serializer, the error handler, input
 * checks, security headers and the OpenAPI document (Swagger UI at /docs).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { compile } from '../schema/validation.js';
import { serviceValidated } from '../schema/schemas.js';
import { LIMITS } from '../schema/limits.js';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './errors.js';
import { installInputChecks } from './input.js';
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

export async function createServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Request bounds and Fastify's own errors in our error shape: see api/errors.ts and schema/limits.ts.
    bodyLimit: LIMITS.bodyBytes,
    routerOptions: { maxParamLength: LIMITS.paramLength },
    frameworkErrors,
    clientErrorHandler,
    ajv: { customOptions: { strict: false } },
    trustProxy: trustedProxies(),
  });
  // Entity bodies and action inputs are validated by the data service (the same compiled schema
  // serves REST, actions and plugin code); the route validates everything else.
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' && serviceValidated.has(schema) ? () => true : (compile(schema) as any)));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.decorateRequest('user', null);

  installErrorHandler(app, opts);
  installInputChecks(app);
  await registerSecurity(app);
  const { default: swagger } = await import('@fastify/swagger');
  const { default: swaggerUi } = await import('@fastify/swagger-ui');
  await app.register(swagger, {
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
