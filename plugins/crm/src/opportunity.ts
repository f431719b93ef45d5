/**
 * Deals (opportunities) and the pipeline. The stage decides the status: a won stage makes
 * the deal won, a lost stage lost (a lost reason is then required), any other stage open.
 * Moving a deal to another stage (the board's drag and drop is a plain update of `stage`)
 * takes that stage's probability unless the same request sets its own; closed stages always
 * use theirs. weighted_amount = amount x probability / 100 (declared x-compute).
 * A deal becomes "converted" when a sales order is made from its quotation (the sales plugin
 * calls markOpportunityConverted).
 */
import { Errors, type ActionDefinition, type Doc, type Hook, type HookArgs, type ServiceContext } from '@tessera/core';
import { D, fieldError, today, userId } from './util.js';
import { errors } from '../errors.js';

export interface StageRow {
  id: number;
  name: string;
  probability: string;
  sort_order: number;
  is_won: boolean;
  is_lost: boolean;
  disabled: boolean;
}

const STAGE_COLS = 'id, name, probability, sort_order, is_won, is_lost, disabled';

export async function stageById(ctx: Pick<ServiceContext, 'sql'>, id: number): Promise<StageRow | undefined> {
  return (await ctx.sql<StageRow>(`select ${STAGE_COLS} from crm_stage where id = $1`, [id]))[0];
}

/** The first enabled stage of a kind, in board order. */
export async function firstStage(ctx: Pick<ServiceContext, 'sql'>, kind: 'open' | 'won' | 'lost'): Promise<StageRow | undefined> {
  const where = kind === 'won' ? 'is_won' : kind === 'lost' ? 'is_lost' : 'not is_won and not is_lost';
  return (await ctx.sql<StageRow>(`select ${STAGE_COLS} from crm_stage where ${where} and not disabled order by sort_order, id limit 1`))[0];
}

function statusOf(stage: StageRow, old: Doc | undefined): 'open' | 'won' | 'lost' | 'converted' {
  if (stage.is_won) return old?.status === 'converted' ? 'converted' : 'won';
  if (stage.is_lost) return 'lost';
  return 'open';
}

async function settleOpportunity(args: HookArgs): Promise<void> {
  const { doc, old } = args;
  if (doc.organization == null && doc.lead == null) throw fieldError('organization', errors.t('deal_needs_party'));
  doc.party_type = doc.organization != null ? 'organization' : 'lead';
  if (!doc.currency) doc.currency = args.config.company.currency;
  if (!old && doc.owner == null) doc.owner = userId(args);

  if (doc.stage == null) {
    const first = await firstStage(args, 'open');
    if (!first) throw fieldError('stage', errors.t('no_open_stage_add'));
    doc.stage = first.id;
  }
  const stage = await stageById(args, doc.stage);
  if (!stage) throw fieldError('stage', errors.t('stage_missing', { id: String(doc.stage) }));
  const stageChanged = !old || old.stage !== doc.stage;
  if (old?.status === 'converted' && stageChanged) throw Errors.conflict('DEAL_CONVERTED', errors.t('deal_converted', { name: String(old.name) }));
  if (stageChanged && stage.disabled) throw fieldError('stage', errors.t('stage_disabled', { name: String(stage.name) }));

  // A new stage brings its probability unless this request sets one (patch: what an update sent).
  const probabilitySent = (args.patch ?? doc).probability != null;
  if (stage.is_won || stage.is_lost || doc.probability == null || (stageChanged && !probabilitySent)) doc.probability = D(stage.probability).toFixed(2);

  doc.status = statusOf(stage, old);
  if (doc.status === 'lost') {
    if (doc.lost_reason == null) throw fieldError('lost_reason', errors.t('lost_reason_required', { name: String(stage.name) }));
  } else {
    doc.lost_reason = null;
    doc.lost_detail = null;
  }
  if (doc.status === 'open') doc.closed_on = null;
  else if (!old || old.status === 'open' || !doc.closed_on) doc.closed_on = await today(args);
}

export const opportunityHooks: { beforeCreate: Hook; beforeUpdate: Hook } = { beforeCreate: settleOpportunity, beforeUpdate: settleOpportunity };

/**
 * Which deals each action is offered on (the route refuses others with 409 ACTION_NOT_ALLOWED;
 * /api/meta carries the condition for the admin UI): a converted deal (ordered) never changes stage, a won deal is
 * not won again, a lost one not lost again, an open one not reopened. The status is kept by
 * settleOpportunity (and markOpportunityConverted), never by the client, so the lists are exact.
 */
export const opportunityActions: Record<string, ActionDefinition> = {
  mark_won: {
    label: 'Mark won',
    labels: { lt: 'Pažymėti laimėtu' },
    icon: 'emoji_events',
    when: { status: ['open', 'lost'] },
    input: { type: 'object', additionalProperties: false, properties: {} },
    handler: async ({ doc, entity, sql }) => {
      const won = await firstStage({ sql }, 'won');
      if (!won) throw Errors.unprocessable('NO_WON_STAGE', errors.t('no_won_stage'));
      return entity('crm.opportunity').update(doc.id, { stage: won.id });
    },
  },
  mark_lost: {
    label: 'Mark lost',
    labels: { lt: 'Pažymėti prarastu' },
    icon: 'thumb_down',
    when: { status: ['open', 'won'] },
    input: {
      type: 'object',
      required: ['lost_reason'],
      additionalProperties: false,
      properties: {
        lost_reason: { type: 'integer', minimum: 1, description: 'A lost reason (id).', 'x-labels': { lt: { description: 'Pralaimėjimo priežastis.' } } },
        lost_detail: { type: 'string', maxLength: 100000 },
      },
    },
    handler: async ({ doc, input, entity, sql }) => {
      const [reason] = await sql(`select id, disabled from crm_lost_reason where id = $1`, [input.lost_reason]);
      if (!reason) throw fieldError('lost_reason', errors.t('lost_reason_missing', { id: String(input.lost_reason) }));
      const lost = await firstStage({ sql }, 'lost');
      if (!lost) throw Errors.unprocessable('NO_LOST_STAGE', errors.t('no_lost_stage'));
      return entity('crm.opportunity').update(doc.id, { stage: lost.id, lost_reason: input.lost_reason, lost_detail: input.lost_detail ?? null });
    },
  },
  reopen: {
    label: 'Reopen',
    labels: { lt: 'Atnaujinti' },
    icon: 'restart_alt',
    when: { status: ['won', 'lost'] },
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        stage: {
          type: 'integer',
          minimum: 1,
          description: 'An open stage; default: the first.',
          'x-labels': { lt: { description: 'Atviras etapas; numatytai: pirmasis.' } },
        },
      },
    },
    handler: async ({ doc, input, entity, sql }) => {
      const stage = input.stage ? await stageById({ sql }, input.stage) : await firstStage({ sql }, 'open');
      if (!stage) throw fieldError('stage', input.stage ? errors.t('stage_missing', { id: String(input.stage) }) : errors.t('no_open_stage'));
      if (stage.is_won || stage.is_lost) throw fieldError('stage', errors.t('stage_closed', { name: String(stage.name) }));
      return entity('crm.opportunity').update(doc.id, { stage: stage.id });
    },
  },
};

/**
 * Marks a deal converted (won, with an order): it moves to the won stage through the service
 * (hooks, audit), then takes the status "converted" (a server field). Called by the
 * sales plugin, inside the transaction that submits a sales order made from the deal's
 * quotation (hooks run elevated, so the person ordering need not own the deal). Idempotent.
 */
export async function markOpportunityConverted(ctx: ServiceContext, id: number): Promise<void> {
  const deal = await ctx.entity('crm.opportunity').get(id, { forUpdate: true });
  if (deal.status === 'converted') return;
  if (deal.status !== 'won') {
    const won = await firstStage(ctx, 'won');
    if (!won) throw Errors.unprocessable('NO_WON_STAGE', errors.t('no_won_stage'));
    await ctx.entity('crm.opportunity').update(id, { stage: won.id });
  }
  await ctx.entity('crm.opportunity').setServerFields(id, { status: 'converted' });
  await ctx.emit('crm.opportunity.converted', { id });
}

/** Undoes markOpportunityConverted (the sales order was cancelled): the deal stays won. */
export async function unmarkOpportunityConverted(ctx: ServiceContext, id: number): Promise<void> {
  const deal = await ctx.entity('crm.opportunity').get(id, { forUpdate: true });
  if (deal.status === 'converted') await ctx.entity('crm.opportunity').setServerFields(id, { status: 'won' });
}
