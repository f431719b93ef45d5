/**
 * GET /api/accounting/tax-template-rate?tax_template=ID: what a form fills in when the user picks
 * a tax template on a document or a line (the field declares it with x-ui.fill): the template's
 * total rate as the row's tax %, so the tax and the totals are live before saving. The caller must
 * be able to read the template (row rules apply): a 404 otherwise, as for the record itself.
 */
import type { SetupContext } from '@tessera/core';
import { registerFillRoute } from '@tessera/plugin-kit';
import { TAX_TEMPLATE } from './templates.js';

export function registerTaxRoutes(setup: SetupContext): void {
  registerFillRoute<{ tax_template: string }>(setup, {
    url: '/api/accounting/tax-template-rate',
    tags: ['accounting'],
    summary: 'The tax % a form fills in when a tax template is picked',
    query: { tax_template: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } },
    required: ['tax_template'],
    answers: { tax_rate: { type: 'string', description: "exact decimal: the template's total rate" } },
    answer: async (ctx, q) => {
      const t = await ctx.entity(TAX_TEMPLATE).get(Number(q.tax_template));
      return t.rate == null ? {} : { tax_rate: String(t.rate) };
    },
  });
}
