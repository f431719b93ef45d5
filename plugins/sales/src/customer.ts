/** Customers: linked to a CRM organization (name taken from it), which then counts as a customer. */
import { Errors, type ActionDefinition, type Doc, type Hook, type ServiceContext } from '@tessera/core';
import { organizationNames } from '@tessera/plugin-crm/api';
import { fieldError } from './util.js';
import { errors } from '../errors.js';

const nameFromOrganization: Hook = async (args) => {
  const { doc } = args;
  if (doc.name) return;
  if (doc.organization == null) throw fieldError('name', errors.t('customer_name_required'));
  const name = (await organizationNames(args, [doc.organization])).get(Number(doc.organization));
  if (name === undefined) throw fieldError('organization', errors.t('organization_missing', { id: String(doc.organization) }));
  doc.name = name;
};

/** The organization becomes a customer in CRM (prospects and "other" only). */
const markOrganizationCustomer: Hook = async ({ doc, old, entity }) => {
  if (doc.organization == null || doc.organization === old?.organization) return;
  const org = await entity('crm.organization').get(doc.organization);
  if (org.relationship === 'prospect' || org.relationship === 'other') await entity('crm.organization').update(org.id, { relationship: 'customer' });
};

export const customerHooks = {
  beforeCreate: nameFromOrganization,
  beforeUpdate: nameFromOrganization,
  afterCreate: markOrganizationCustomer,
  afterUpdate: markOrganizationCustomer,
};

/** The customer of an organization, created from it when there is none yet. */
export async function customerForOrganization(ctx: ServiceContext, organization: number): Promise<Doc> {
  const [row] = await ctx.sql<{ id: number }>(`select id from sales_customer where organization = $1`, [organization]);
  if (row) return ctx.entity('sales.customer').get(Number(row.id));
  return ctx.entity('sales.customer').create({ organization });
}

/** crm.organization action: make it a sales customer. */
export const organizationActions: Record<string, ActionDefinition> = {
  make_customer: {
    label: 'Make customer',
    labels: { lt: 'Sukurti klientą' },
    icon: 'storefront',
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        tax_rate: { type: 'string', pattern: '^[0-9]{1,3}(\\.[0-9]{1,2})?$' },
        payment_terms_days: { type: 'integer', minimum: 0, maximum: 365 },
        default_warehouse: { type: 'integer', minimum: 1 },
      },
    },
    handler: async ({ doc, input, sql, entity }) => {
      const [existing] = await sql<{ id: number; name: string }>(`select id, name from sales_customer where organization = $1`, [doc.id]);
      if (existing)
        throw Errors.conflict(
          'CUSTOMER_EXISTS',
          errors.t('customer_exists', { name: String(doc.name), id: String(existing.id), customer: String(existing.name) }),
        );
      return entity('sales.customer').create({ organization: doc.id, email: doc.email, phone: doc.phone, ...input });
    },
  },
};
