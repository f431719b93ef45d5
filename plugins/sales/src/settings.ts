/** Sales settings (the client configuration's settings.sales). */
export interface SalesSettings {
  /** Tax rate (%) of documents whose customer names none. */
  default_tax_rate: string;
  /** Put quotations, orders and deliveries on the CRM timeline of their deal or organization. */
  log_activities: boolean;
}

export const settingsSchema = {
  properties: {
    default_tax_rate: { type: 'string', pattern: '^(100(\\.0{1,2})?|[0-9]{1,2}(\\.[0-9]{1,2})?)$', default: '0', description: 'percent, e.g. "21"' },
    log_activities: { type: 'boolean', default: true },
  },
};
