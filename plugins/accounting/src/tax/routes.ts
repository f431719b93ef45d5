/**
 * GET /api/accounting/tax-template-rate?tax_template=ID: what a form fills in when the user picks
 * a tax template on a document or a line (the field declares it with x-ui.fill): the template's
 * total rate as the row's tax %, so the tax and the totals are live before saving. The caller must
 * be able to read the template (row rules apply): a 404 otherwise, as for the record itself.
 */
import type { SetupContext } from '@tessera/core';
import { TAX_TEMPLATE } from './templates.js';

export function registerTaxRoutes({ app, withServices, userOf }: SetupContext): void {
  app.get(
    '/api/accounting/tax-template-rate',
    {
      schema: {
        tags: ['accounting'],
        summary: 'The tax % a form fills in when a tax template is picked',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['tax_template'],
          properties: { tax_template: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            description: 'the fields a form fills in',
            properties: { tax_rate: { type: 'string', description: "exact decimal: the template's total rate" } },
          },
        },
      },
    },
    async (req) =>
      withServices(userOf(req), async (ctx) => {
        const { tax_template } = req.query as { tax_template: string };
        const t = await ctx.entity(TAX_TEMPLATE).get(Number(tax_template));
        return t.rate == null ? {} : { tax_rate: String(t.rate) };
      }),
  );
}
