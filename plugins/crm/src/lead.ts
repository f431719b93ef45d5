/**
 * Leads and their conversion. Convert turns a lead into an organization (from its company),
 * a contact (the person) and/or a deal, in one transaction; each new record links back to the
 * lead (organization.lead, contact.lead, opportunity.lead) and the lead links forward
 * (converted_organization, converted_contact, converted_opportunity) and becomes Converted.
 * The lead's earlier activities join the new organization's history.
 */
import { Errors, type ActionDefinition, type Doc, type Hook, type HookArgs } from '@tessera/core';
import { fieldError, userId } from './util.js';
import { errors } from '../errors.js';

async function settleLead(args: HookArgs): Promise<void> {
  const { doc, old } = args;
  if (!old && doc.owner == null) doc.owner = userId(args);
  if (doc.status === 'converted' && old?.status !== 'converted') {
    if (doc.converted_organization == null && doc.converted_contact == null && doc.converted_opportunity == null)
      throw fieldError('status', errors.t('lead_convert_by_action'));
    doc.converted_at = new Date().toISOString();
  }
  if (old?.status === 'converted' && doc.status !== 'converted') throw fieldError('status', errors.t('lead_stays_converted'));
}

export const leadHooks: { beforeCreate: Hook; beforeUpdate: Hook } = { beforeCreate: settleLead, beforeUpdate: settleLead };

function splitName(name: string): { first_name: string; last_name: string | null } {
  const parts = name.trim().split(/\s+/);
  return { first_name: parts[0]!, last_name: parts.length > 1 ? parts.slice(1).join(' ') : null };
}

export interface ConvertInput {
  create_organization?: boolean;
  organization?: number;
  create_contact?: boolean;
  create_opportunity?: boolean;
  opportunity_name?: string;
  amount?: string;
  currency?: string;
  expected_close?: string;
  stage?: number;
  allow_duplicate?: boolean;
}

export const leadActions: Record<string, ActionDefinition<ConvertInput>> = {
  convert: {
    label: 'Convert',
    labels: { lt: 'Konvertuoti' },
    icon: 'transform',
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        create_organization: {
          type: 'boolean',
          title: 'Create an organization',
          'x-labels': {
            lt: {
              title: 'Sukurti organizaciją',
              description: 'Sukurti organizaciją iš įmonės pavadinimo (numatytai: kai potencialus klientas jį turi ir organizacija nenurodyta).',
            },
          },
          description: 'Create an organization from the company name (default: when the lead has one and no organization is given).',
        },
        organization: {
          type: 'integer',
          minimum: 1,
          description: 'Link to this existing organization instead of creating one.',
          'x-labels': { lt: { description: 'Susieti su šia esama organizacija, užuot kūrus naują.' } },
        },
        create_contact: {
          type: 'boolean',
          title: 'Create a contact',
          'x-labels': { lt: { title: 'Sukurti kontaktą', description: 'Sukurti kontaktą šiam asmeniui.' } },
          default: true,
          description: 'Create a contact for the person.',
        },
        create_opportunity: {
          type: 'boolean',
          title: 'Create a deal',
          'x-labels': { lt: { title: 'Sukurti sandorį', description: 'Sukurti sandorį.' } },
          default: false,
          description: 'Create a deal.',
        },
        opportunity_name: { type: 'string', title: 'Deal name', 'x-labels': { lt: { title: 'Sandorio pavadinimas' } }, minLength: 1, maxLength: 140 },
        amount: {
          type: 'string',
          pattern: '^[0-9]{1,16}(\\.[0-9]{1,2})?$',
          description: 'Deal amount, e.g. "12000.00".',
          'x-labels': { lt: { description: 'Sandorio suma, pvz., „12000.00“.' } },
        },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        expected_close: { type: 'string', format: 'date' },
        stage: { type: 'integer', minimum: 1 },
        allow_duplicate: {
          type: 'boolean',
          description: 'Create the organization/contact even if a similar one exists.',
          'x-labels': { lt: { description: 'Sukurti organizaciją ar kontaktą, net jei panašus jau yra.' } },
        },
      },
    },
    handler: async ({ doc: lead, input, entity, sql }) => {
      // Checked here rather than as `when: { status: [...] }`: a client may replace the lead statuses
      // (customizations), and "any status but converted" is no fixed list.
      if (lead.status === 'converted') throw Errors.conflict('LEAD_ALREADY_CONVERTED', errors.t('lead_already_converted', { name: String(lead.name) }));
      const wantOrg = input.organization === undefined && (input.create_organization ?? !!lead.company_name);
      if (wantOrg && !lead.company_name) throw fieldError('create_organization', errors.t('lead_no_company', { name: String(lead.name) }));
      const wantContact = input.create_contact ?? true;
      const wantDeal = input.create_opportunity ?? false;
      if (!wantOrg && input.organization === undefined && !wantContact && !wantDeal) throw fieldError('create_contact', errors.t('nothing_to_convert'));
      const dup = input.allow_duplicate ? { allow_duplicate: true } : {};

      let organization: Doc | undefined;
      if (input.organization !== undefined) {
        organization = await entity('crm.organization').find(input.organization);
        if (!organization) throw fieldError('organization', errors.t('organization_missing', { id: String(input.organization) }));
      } else if (wantOrg) {
        organization = await entity('crm.organization').create({
          name: lead.company_name,
          website: lead.website,
          city: lead.city,
          country: lead.country,
          source: lead.source,
          owner: lead.owner,
          tags: lead.tags,
          lead: lead.id,
          ...dup,
        });
      }
      let contact: Doc | undefined;
      if (wantContact) {
        contact = await entity('crm.contact').create({
          ...splitName(lead.name),
          organization: organization?.id ?? null,
          job_title: lead.job_title,
          email: lead.email,
          phone: lead.phone,
          city: lead.city,
          country: lead.country,
          owner: lead.owner,
          tags: lead.tags,
          lead: lead.id,
          ...dup,
        });
      }
      let opportunity: Doc | undefined;
      if (wantDeal) {
        opportunity = await entity('crm.opportunity').create({
          name: input.opportunity_name ?? lead.company_name ?? lead.name,
          organization: organization?.id ?? null,
          lead: lead.id,
          contact: contact?.id ?? null,
          amount: input.amount ?? '0',
          ...(input.currency ? { currency: input.currency } : {}),
          expected_close: input.expected_close ?? null,
          ...(input.stage ? { stage: input.stage } : {}),
          source: lead.source,
          campaign: lead.campaign,
          owner: lead.owner,
          description: lead.needs,
        });
      }
      const updated = await entity('crm.lead').update(lead.id, {
        status: 'converted',
        converted_organization: organization?.id ?? null,
        converted_contact: contact?.id ?? null,
        converted_opportunity: opportunity?.id ?? null,
      });
      if (organization)
        await sql(
          `update crm_activity set organization = $1, updated_at = now() where reference_type = 'crm.lead' and reference_id = $2 and organization is null`,
          [organization.id, lead.id],
        );
      return { lead: updated, organization: organization ?? null, contact: contact ?? null, opportunity: opportunity ?? null };
    },
  },
};
