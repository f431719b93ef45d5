import { describe, expect, it } from 'vitest';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { messageArgs, messageCatalog, renderServerMessage } from './messages.js';
import { errorText, RA_ERROR_PREFIX } from './errors.js';

const templates = {
  'sales.order_missing': { en: 'sales order {id} does not exist', lt: 'pardavimo užsakymas {id} neegzistuoja' },
  'core.cannot_submit': { en: '{entity} {title} is {status}', lt: '{entity} {title} yra {status}' },
};
const params = { entity: { en: 'Quotation', lt: 'Komercinis pasiūlymas' }, title: 'QTN-1', status: { en: 'submitted', lt: 'pateiktas' } };

describe('server messages in the UI language', () => {
  it('renders a template with plain and per-language parameters', () => {
    expect(renderServerMessage(templates, 'core.cannot_submit', params, 'lt')).toBe('Komercinis pasiūlymas QTN-1 yra pateiktas');
    expect(renderServerMessage(templates, 'core.cannot_submit', params, 'en')).toBe('Quotation QTN-1 is submitted');
    expect(renderServerMessage(templates, 'nope', {}, 'lt')).toBeUndefined();
  });

  it('a field error carries the key and parameters; polyglot renders it in each language (a switch needs no reload)', () => {
    const text = errorText({ message: 'Quotation QTN-1 is submitted', key: 'core.cannot_submit', params });
    expect(text.startsWith(RA_ERROR_PREFIX)).toBe(true);
    const { message, args } = JSON.parse(text.slice(RA_ERROR_PREFIX.length));
    expect(args).toEqual({ ...messageArgs(params), _: 'Quotation QTN-1 is submitted' });
    const i18n = polyglotI18nProvider((l) => messageCatalog(templates, l) as any, 'lt', [], { allowMissing: true });
    expect(i18n.translate(message, args)).toBe('Komercinis pasiūlymas QTN-1 yra pateiktas');
    const en = polyglotI18nProvider((l) => messageCatalog(templates, l) as any, 'en', [], { allowMissing: true });
    expect(en.translate(message, args)).toBe('Quotation QTN-1 is submitted');
  });
});
