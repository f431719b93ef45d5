/** The customer block of sales documents, and the customer's document language. */
import type { PrintPartyRef, ServiceContext } from '@tessera/core';
import { printLines as lines } from '@tessera/core';

export interface PrintedCustomer {
  name: string;
  lines: string[];
  locale: string | null;
  email: string | null;
  paymentTermsDays: number | null;
}

export async function customerForPrint(
  ctx: ServiceContext,
  id: unknown,
  t: (x: { en: string; lt: string }) => string = (x) => x.en,
): Promise<PrintedCustomer | undefined> {
  if (id == null) return undefined;
  const [c] = await ctx.sql<Record<string, any>>(
    `select c.name, c.code, c.email, c.billing_address, c.locale, c.payment_terms_days,
            o.legal_name, o.code as org_code, o.vat_code, o.street, o.city, o.postal_code, o.country
       from sales_customer c left join crm_v_organization o on o.id = c.organization where c.id = $1`,
    [id],
  );
  if (!c) return undefined;
  const address = c.billing_address ? lines(c.billing_address) : lines(c.street, [c.postal_code, c.city].filter(Boolean).join(' '), c.country);
  return {
    name: c.legal_name || c.name,
    lines: [
      ...address,
      ...(c.org_code ? [`${t({ en: 'Company code', lt: 'Įmonės kodas' })}: ${c.org_code}`] : []),
      ...(c.vat_code ? [`${t({ en: 'VAT code', lt: 'PVM kodas' })}: ${c.vat_code}`] : []),
      ...(c.email ? [c.email] : []),
    ],
    locale: c.locale ?? null,
    email: c.email ?? null,
    paymentTermsDays: c.payment_terms_days ?? null,
  };
}

export async function customerLocale(ctx: ServiceContext, id: unknown): Promise<string | null> {
  return (await customerForPrint(ctx, id))?.locale ?? null;
}

/** The customer as the party of a sales document (e-mail recipient, timeline, language). */
export async function customerRef(ctx: ServiceContext, id: unknown): Promise<PrintPartyRef | undefined> {
  if (id == null) return undefined;
  const [c] = await ctx.sql<{ name: string; email: string | null; locale: string | null }>(`select name, email, locale from sales_customer where id = $1`, [
    id,
  ]);
  return c ? { entity: 'sales.customer', id: Number(id), name: c.name, email: c.email, locale: c.locale } : undefined;
}
