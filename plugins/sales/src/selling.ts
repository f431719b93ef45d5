/**
 * What quotations and sales orders share: header defaults from the customer (currency, tax
 * rate, warehouse) and exact pricing of the lines.
 */
import { type HookArgs } from '@tessera/core';
import { settleRate } from './exchange-rate.js';
import { errors } from '../errors.js';
import { priceLines } from './pricing.js';
import type { SalesSettings } from './settings.js';
import { fieldError, loadCustomer, today, type CustomerRow } from './util.js';

export async function sellingDefaults(args: HookArgs, dateField: string): Promise<CustomerRow> {
  const { doc, old } = args;
  const customer = await loadCustomer(args, doc.customer);
  if (customer.disabled && old?.customer !== doc.customer) throw fieldError('customer', errors.t('customer_disabled', { name: String(customer.name) }));
  if (!doc[dateField]) doc[dateField] = await today(args);
  if (!doc.currency) doc.currency = customer.currency ?? args.config.company.currency;
  await settleRate(args, doc, String(doc[dateField]));
  if (doc.tax_rate == null) doc.tax_rate = customer.tax_rate ?? args.settings<SalesSettings>('sales').default_tax_rate;
  priceLines(doc);
  return customer;
}
