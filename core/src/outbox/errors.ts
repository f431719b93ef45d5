/**
 * The error catalogue of what leaves the building (e-mail, attachments, webhooks,
 * notifications): one stable code per refusal, its HTTP status and message templates in English
 * (sent) and Lithuanian (for the admin UI and the docs). Throw sites name a code and pass the
 * facts; field problems carry their path.
 */
import { TesseraError, type FieldProblem } from '../errors.js';
import { message, registerMessages } from '../plugin-api/errors.js';

interface Entry {
  status: number;
  en: string;
  lt: string;
}

export const OUTBOUND_ERRORS = {
  MAIL_NOT_CONFIGURED: {
    status: 422,
    en: 'e-mail is not set up: the client configuration has no {setting}',
    lt: 'el. paštas nenustatytas: kliento konfigūracijoje nėra {setting}',
  },
  NO_RECIPIENT: {
    status: 422,
    en: 'the e-mail has no recipient: the party has no e-mail address, send "to"',
    lt: 'laiškas neturi gavėjo: šalis neturi el. pašto adreso, nurodykite „to“',
  },
  BAD_RECIPIENT: { status: 422, en: 'is not an e-mail address', lt: 'nėra el. pašto adresas' },
  UNKNOWN_PLACEHOLDER: { status: 422, en: 'uses an unknown placeholder', lt: 'naudoja nežinomą žymą' },
  TEMPLATE_NOT_FOUND: {
    status: 422,
    en: 'the e-mail template does not exist or is for another document',
    lt: 'laiško šablonas neegzistuoja arba skirtas kitam dokumentui',
  },
  NOT_PRINTABLE: {
    status: 404,
    en: 'the entity has no print format, so it cannot be e-mailed as a document',
    lt: 'objektas neturi spausdinimo formos, todėl jo negalima siųsti kaip dokumento',
  },
  INVALID_MULTIPART: { status: 400, en: 'the multipart body cannot be read', lt: 'nepavyksta perskaityti multipart turinio' },
  FILE_TOO_LARGE: { status: 413, en: 'the file is larger than the limit', lt: 'failas didesnis nei leidžiama' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, en: 'files of this type are not accepted', lt: 'tokio tipo failai nepriimami' },
  NO_FILE: {
    status: 422,
    en: 'the request has no file: send multipart/form-data with a "file" part',
    lt: 'užklausoje nėra failo: siųskite multipart/form-data su „file“ dalimi',
  },
  FILE_NOT_FOUND: { status: 404, en: 'the file does not exist', lt: 'failas neegzistuoja' },
  WEBHOOK_INVALID: { status: 422, en: 'the webhook subscription is not valid', lt: 'webhook prenumerata netinkama' },
  DELIVERY_NOT_FOUND: { status: 404, en: 'the delivery does not exist', lt: 'pristatymas neegzistuoja' },
  DELIVERY_NOT_REPLAYABLE: { status: 409, en: 'only a failed delivery can be replayed', lt: 'pakartoti galima tik nepavykusį pristatymą' },
  NOTIFICATION_NOT_FOUND: { status: 404, en: 'the notification does not exist', lt: 'pranešimas neegzistuoja' },
} satisfies Record<string, Entry>;

export type OutboundErrorCode = keyof typeof OUTBOUND_ERRORS;

// The templates are the admin UI's and the error handler's too ("outbound.<CODE>", rendered in the user's language).
registerMessages('outbound', OUTBOUND_ERRORS);

/** A 4xx of the catalogue; `facts` fill the {placeholders} of the template, `extra` is appended. */
export function outboundError(code: OutboundErrorCode, extra = '', details?: FieldProblem[], facts: Record<string, string> = {}): TesseraError {
  const text = OUTBOUND_ERRORS[code].en.replace(/\{(\w+)\}/g, (_m, k: string) => facts[k] ?? k);
  return new TesseraError(
    code,
    OUTBOUND_ERRORS[code].status,
    extra ? `${text}${extra.startsWith(';') || extra.startsWith(':') ? '' : ': '}${extra}` : message(`outbound.${code}`, facts),
    details,
  );
}
