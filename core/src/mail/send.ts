/**
 * E-mailing a document to its party: the recipients (the party's e-mail unless the request
 * names them), subject and body from the entity's template (the one asked for, else its default
 * for the language, else a built-in one) with the placeholders filled, the PDF attached; written
 * to the outbox in the caller's transaction. Delivery, retries and the timeline: outbox.ts.
 */
import type { ServiceContext } from '../plugin-api/index.js';
import type { PrintService } from '../print/service.js';
import type { Outbox, OutboxRow } from '../outbox/outbox.js';
import { outboundError } from '../outbox/errors.js';
import { mailSettings } from './settings.js';
import { fillPlaceholders, placeholderProblems } from './placeholders.js';
import type { PrintLocale } from '../print/types.js';
import { Errors } from '../errors.js';

export interface EmailRequest {
  to?: string | string[];
  cc?: string[];
  template?: number;
  subject?: string;
  body?: string;
  locale?: PrintLocale;
  attach?: boolean;
  idempotencyKey?: string;
}

const DEFAULT_TEXT = {
  en: {
    subject: '{{title}} {{number}} from {{company_name}}',
    body: 'Hello {{party_name}},\n\nplease find attached {{title}} {{number}}.\n\nKind regards,\n{{sender_name}}\n{{company_name}}',
  },
  lt: {
    subject: '{{title}} {{number}} – {{company_name}}',
    body: 'Laba diena, {{party_name}},\n\nsiunčiame {{title}} {{number}} (prisegta).\n\nPagarbiai\n{{sender_name}}\n{{company_name}}',
  },
};

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

function recipients(value: string | string[] | undefined, path: string): string[] {
  const list = (Array.isArray(value) ? value : value ? value.split(/[,;]/) : []).map((s) => s.trim()).filter(Boolean);
  const bad = list.findIndex((a) => !EMAIL.test(a));
  if (bad >= 0)
    throw outboundError('BAD_RECIPIENT', `${path}/${bad}: "${list[bad]!.slice(0, 100)}"`, [{ path: `${path}/${bad}`, message: 'is not an e-mail address' }]);
  return list;
}

export async function emailDocument(ctx: ServiceContext, print: PrintService, outbox: Outbox, key: string, id: number, req: EmailRequest): Promise<OutboxRow> {
  mailSettings(ctx.config); // a clear 422 now, not a failed delivery later
  const format = print.format(key);
  const doc = await ctx.entity(key).get(id);
  const party = await format.def.party?.({ ctx, model: format.entity, doc });
  const to = recipients(req.to, 'to');
  if (!to.length && party?.email) to.push(party.email);
  if (!to.length) throw outboundError('NO_RECIPIENT', undefined, [{ path: 'to', message: 'is required: the party has no e-mail address' }]);
  const cc = recipients(req.cc, 'cc');
  const printed = await print.printIn(ctx, key, id, { locale: req.locale });
  const locale = printed.locale;

  let template: { subject: string; body: string } = DEFAULT_TEXT[locale];
  if (req.template !== undefined) {
    const [t] = await ctx.sql<{ subject: string; body: string }>(`select subject, body from messaging_email_template where id = $1 and entity = $2`, [
      req.template,
      key,
    ]);
    if (!t)
      throw outboundError('TEMPLATE_NOT_FOUND', `template ${req.template} for ${key}`, [{ path: 'template', message: `is not an e-mail template of ${key}` }]);
    template = t;
  } else {
    const [t] = await ctx.sql<{ subject: string; body: string }>(
      `select subject, body from messaging_email_template where entity = $1 and is_default and (locale = $2 or locale is null) order by locale nulls last, id limit 1`,
      [key, locale],
    );
    if (t) template = t;
  }
  const subjectText = req.subject ?? template.subject;
  const bodyText = req.body ?? template.body;
  const problems = placeholderProblems(format.entity, { subject: subjectText, body: bodyText });
  if (problems.length) throw Errors.validation(problems);

  const d = printed.document;
  const grand = d.totals?.find((t) => t.strong)?.value ?? '';
  const values: Record<string, string> = {
    number: d.number,
    title: d.title,
    party_name: d.party?.name ?? party?.name ?? '',
    company_name: ctx.config.company.name,
    grand_total: grand,
    currency: String(doc.currency ?? ctx.config.company.currency),
    due_date: doc.due_date ? String(doc.due_date) : '',
    date: d.meta[0]?.value ?? '',
    sender_name: String(ctx.user.fullName ?? ctx.user.username),
  };
  for (const f of format.entity.fields) if (!f.secret && f.kind !== 'children' && doc[f.name] != null) values[`doc.${f.name}`] = String(doc[f.name]);

  return outbox.enqueue(ctx.tx, {
    kind: 'email',
    idempotencyKey: req.idempotencyKey ? `email:${key}:${id}:${req.idempotencyKey}` : undefined,
    entity: key,
    recordId: id,
    partyEntity: party?.entity,
    partyId: party?.id,
    target: [...to, ...cc].join(', '),
    subject: fillPlaceholders(subjectText, values),
    payload: { to, cc, text: fillPlaceholders(bodyText, values), locale },
    attachment: req.attach === false ? undefined : printed.pdf,
    attachmentName: req.attach === false ? undefined : printed.fileName,
    createdBy: ctx.user.id || undefined,
  });
}
