/**
 * The route behind a picker's fill-in (a field's x-ui.fill): GET url with the query the form
 * sends (the picked id and the declared params), answering only the fields it found, which the
 * form then sets on the row. The answer is computed with the caller's services, so row rules apply.
 */
import type { ServiceContext, SetupContext } from '@tessera/core';

export interface FillRoute<Q> {
  url: string;
  tags: string[];
  summary: string;
  /** Query properties (JSON Schema), and which are required. */
  query: Record<string, unknown>;
  required?: string[];
  /** The fields the answer may carry (JSON Schema properties). */
  answers: Record<string, unknown>;
  answer: (ctx: ServiceContext, query: Q) => Promise<Record<string, unknown>>;
}

export function registerFillRoute<Q>(setup: Pick<SetupContext, 'app' | 'withServices' | 'userOf'>, route: FillRoute<Q>): void {
  setup.app.get(
    route.url,
    {
      schema: {
        tags: route.tags,
        summary: route.summary,
        querystring: { type: 'object', additionalProperties: false, ...(route.required ? { required: route.required } : {}), properties: route.query },
        response: {
          200: { type: 'object', additionalProperties: true, description: 'the fields a form fills in (only those found)', properties: route.answers },
        },
      },
    },
    async (req) => setup.withServices(setup.userOf(req), (ctx) => route.answer(ctx, req.query as Q)),
  );
}
