/** Small helpers shared by the sales modules. */
import { Decimal, type Doc, type ServiceContext } from '@tessera/core';
import { D, addDays, fieldError, problemsError, show, today } from '@tessera/plugin-kit';
import { errors } from '../errors.js';

export { D, addDays, fieldError, problemsError, show, today };

export const round2 = (d: Decimal): Decimal => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export type Sql = Pick<ServiceContext, 'sql'>;

export interface CustomerRow {
  id: number;
  name: string;
  organization: number | null;
  currency: string | null;
  tax_rate: string | null;
  payment_terms_days: number | null;
  default_warehouse: number | null;
  disabled: boolean;
}

export async function loadCustomer(ctx: Sql, id: number, path = 'customer'): Promise<CustomerRow> {
  const [c] = await ctx.sql<CustomerRow>(
    `select id, name, organization, currency, tax_rate, payment_terms_days, default_warehouse, disabled from sales_customer where id = $1`,
    [id],
  );
  if (!c) throw fieldError(path, errors.t('customer_missing', { id: String(id) }));
  return c;
}

/** The stored document is no longer a draft: only editable-after-submit fields change, computed values stay. */
export const isDraftEdit = (old: Doc | undefined): boolean => !old || old.docstatus === 'draft';
