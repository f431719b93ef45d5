/**
 * The helpdesk's error catalogue: every refusal has a stable code, an HTTP status and a
 * message (EN, with its LT translation here) that names what to fix.
 */
import { TesseraError, message, registerMessages, type FieldProblem } from '@tessera/core';

export const HELPDESK_ERRORS = {
  TICKET_STATE: { status: 409, en: 'ticket {number} is {status}: {what}', lt: 'užklausa {number} yra būsenos „{status}“: {what}' },
  TICKET_CLOSED: {
    status: 409,
    en: 'ticket {number} is closed: reopen is not possible, open a new ticket',
    lt: 'užklausa {number} uždaryta: atnaujinti negalima, registruokite naują užklausą',
  },
  AGENT_NOT_IN_TEAM: { status: 422, en: 'agent: user {agent} is not an agent of team {team}', lt: 'agent: naudotojas {agent} nėra komandos {team} agentas' },
  CONTACT_NOT_OF_CUSTOMER: {
    status: 422,
    en: 'contact: {contact} does not work at customer {customer}',
    lt: 'contact: {contact} nėra kliento {customer} atstovas',
  },
  INVALID_TIME: { status: 422, en: '{path}: {reason}', lt: '{path}: {reason}' },
  INVALID_CALENDAR: { status: 422, en: '{path}: {reason}', lt: '{path}: {reason}' },
  DUPLICATE_TARGET: {
    status: 422,
    en: 'targets/{index}/priority: {priority} is listed twice; one target per priority',
    lt: 'targets/{index}/priority: {priority} nurodytas du kartus; vienas terminas vienam prioritetui',
  },
  POLICY_FOR_GROUP_EXISTS: {
    status: 409,
    en: 'customer_group: SLA policy "{other}" already serves {group}',
    lt: 'customer_group: SLA politika „{other}“ jau taikoma {group}',
  },
  CUSTOMER_IN_OTHER_GROUP: {
    status: 409,
    en: 'members/{index}/organization: {organization} already belongs to group "{other}"',
    lt: 'members/{index}/organization: {organization} jau priklauso grupei „{other}“',
  },
  RATING_NOT_RESOLVED: {
    status: 409,
    en: 'ticket {number} is {status}: a rating is taken after resolution',
    lt: 'užklausa {number} yra būsenos „{status}“: įvertinimas galimas tik išsprendus',
  },
} as const satisfies Record<string, { status: number; en: string; lt: string }>;

export type HelpdeskErrorCode = keyof typeof HELPDESK_ERRORS;

// The templates are the error handler's and the admin UI's too ("helpdesk.<CODE>", in the user's language);
// "<CODE>__field" is the message without its leading path, as it stands on the field.
const stripPath = (t: string) => t.replace(/^[\w/{}]+: /, '');
registerMessages('helpdesk', HELPDESK_ERRORS);
/** Field problems of the helpdesk that are not a code of their own. */
export const HELPDESK_MESSAGES = {
  body_required: { en: 'is required (or choose a canned reply)', lt: 'privaloma užpildyti (arba pasirinkite paruoštą atsakymą)' },
};
registerMessages('helpdesk', HELPDESK_MESSAGES);
registerMessages(
  'helpdesk',
  Object.fromEntries(Object.entries(HELPDESK_ERRORS).map(([c, e]) => [`${c}__field`, { en: stripPath(e.en), lt: stripPath(e.lt) }])),
);

/** A catalogue error with its English message; `path` puts it on the field in the admin UI. */
export function helpdeskError(code: HelpdeskErrorCode, values: Record<string, unknown> = {}, path?: string): TesseraError {
  const entry = HELPDESK_ERRORS[code];
  const params = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v ?? '')]));
  const m = message(`helpdesk.${code}`, params);
  const onField = path !== undefined && m.message.startsWith(`${path}: `);
  const details: FieldProblem[] | undefined = path
    ? [{ path, message: m.message.replace(new RegExp(`^${path}: `), ''), code, ...(onField ? { key: `helpdesk.${code}__field`, params } : {}) }]
    : undefined;
  return new TesseraError(code, entry.status, m, details);
}
