/**
 * CRM reports (GET /api/crm/reports/...): all aggregation runs in SQL, over the rows the caller's
 * row rules admit (a sales rep's reports count their own deals, leads and activities, like their
 * lists; a manager's count all), stages included; each report declares the fields it reads
 * (403 FIELD_HIDDEN when one is hidden from the caller). User names that label owners are shown
 * as everywhere else in the application.
 *   pipeline             open deals by stage: count, amount, weighted amount (amount x probability)
 *   won-lost             deals closed per month/quarter/year: won and lost count and amount, win rate; lost reasons
 *   overdue-activities   open activities past their due date, per owner
 *   campaigns            leads, conversions, deals and won amount per campaign
 *   duplicates           groups of organizations/contacts/leads sharing an e-mail or a name
 */
import type { SetupContext } from '@tessera/core';
import { objectColumn, qs, registerReport, rowSchema, scopedParams, type RowFilter } from '@tessera/plugin-kit';
import { DUPLICATE_RULES, duplicateGroups } from './duplicates.js';
import { today } from './util.js';

interface PipelineQuery {
  currency?: string;
  owner?: string;
  expected_close_to?: string;
}
interface WonLostQuery {
  from?: string;
  to?: string;
  interval?: 'month' | 'quarter' | 'year';
  currency?: string;
}

type Sql = (text: string, params?: unknown[]) => Promise<any[]>;

/** What pipelineByStage reads (the report and the dashboard widgets declare it). */
export const PIPELINE_READS = {
  'crm.opportunity': ['stage', 'status', 'currency', 'owner', 'expected_close', 'amount', 'probability'],
  'crm.stage': ['name', 'probability', 'sort_order', 'is_won', 'is_lost', 'disabled'],
} as const;

/** Open deals (that the caller's row rule admits) by stage in one currency; the same SQL feeds the dashboard. */
export async function pipelineByStage(sql: Sql, rowFilter: RowFilter, currency: string, opts: { owner?: number; until?: string } = {}) {
  const values = [currency, opts.owner ?? null, opts.until ?? null];
  const byStage = scopedParams(rowFilter, values);
  const rows = await sql(
    `select s.id as stage, s.name, s.probability, s.sort_order,
            count(o.id)::int as count,
            coalesce(sum(o.amount), 0)::numeric(18,2)::text as amount,
            round(coalesce(sum(o.amount * o.probability / 100), 0), 2)::text as weighted_amount
       from crm_stage s
       left join crm_opportunity o on o.stage = s.id and o.status = 'open' and o.currency = $1
            and ($2::bigint is null or o.owner = $2) and ($3::date is null or o.expected_close <= $3)
            and ${byStage.rule('crm.opportunity', 'o')}
      where not s.is_won and not s.is_lost and (not s.disabled or o.id is not null) and ${byStage.rule('crm.stage', 's')}
      group by s.id order by s.sort_order, s.id`,
    byStage.params,
  );
  const all = scopedParams(rowFilter, values);
  const [total] = await sql(
    `select count(*)::int as count, coalesce(sum(o.amount), 0)::numeric(18,2)::text as amount,
            round(coalesce(sum(o.amount * o.probability / 100), 0), 2)::text as weighted_amount
       from crm_opportunity o where o.status = 'open' and o.currency = $1
        and ($2::bigint is null or o.owner = $2) and ($3::date is null or o.expected_close <= $3)
        and ${all.rule('crm.opportunity', 'o')}`,
    all.params,
  );
  return { currency, stages: rows, total };
}

export function registerCrmReports(setup: SetupContext): void {
  registerReport<PipelineQuery>(setup, 'crm', {
    url: '/api/crm/reports/pipeline',
    rows: 'stages',
    rowSchema: rowSchema({
      stage: 'id',
      name: 'text',
      probability: 'percent',
      sort_order: 'integer',
      count: 'integer',
      amount: 'money',
      weighted_amount: 'money',
    }),
    label: 'Pipeline',
    labels: { lt: 'Pardavimų piltuvas' },
    summary: 'Pipeline by stage: open deals, amount and weighted amount (amount x probability)',
    summaries: { lt: 'Piltuvas pagal etapus: atviri sandoriai, suma ir svertinė suma (suma × tikimybė)' },
    reads: PIPELINE_READS,
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        currency: qs.currency,
        owner: { ...qs.id, 'x-ref': 'auth.user' },
        expected_close_to: { ...qs.date, title: 'Expected close by', 'x-labels': { lt: { title: 'Numatoma užbaigti iki' } } },
      },
    },
    run: (ctx, q) =>
      pipelineByStage(ctx.sql, ctx.rowFilter, q.currency ?? ctx.config.company.currency, {
        owner: q.owner ? Number(q.owner) : undefined,
        until: q.expected_close_to,
      }),
  });

  registerReport<WonLostQuery>(setup, 'crm', {
    url: '/api/crm/reports/won-lost',
    aliases: ['/api/crm/reports/won_lost'],
    rows: 'periods',
    rowSchema: rowSchema({ period: 'text', won_count: 'integer', won_amount: 'money', lost_count: 'integer', lost_amount: 'money', win_rate: 'percent' }),
    label: 'Won and lost',
    labels: { lt: 'Laimėti ir pralaimėti' },
    summary: 'Won and lost deals over time (by close date), with win rate and lost reasons',
    summaries: { lt: 'Laimėti ir pralaimėti sandoriai per laiką (pagal uždarymo datą), su laimėjimų dalimi ir praradimo priežastimis' },
    reads: { 'crm.opportunity': ['status', 'closed_on', 'currency', 'amount', 'lost_reason'], 'crm.lost_reason': ['name'] },
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        from: qs.date,
        to: qs.date,
        interval: {
          type: 'string',
          enum: ['month', 'quarter', 'year'],
          title: 'Interval',
          'x-enum-labels': { month: 'Month', quarter: 'Quarter', year: 'Year' },
          'x-labels': { lt: { title: 'Intervalas', enum: { month: 'Mėnuo', quarter: 'Ketvirtis', year: 'Metai' } } },
        },
        currency: qs.currency,
      },
    },
    run: async (ctx, q) => {
      const interval = q.interval ?? 'month';
      const fmt = interval === 'month' ? `'YYYY-MM'` : interval === 'quarter' ? `'YYYY-"Q"Q'` : `'YYYY'`;
      const currency = q.currency ?? ctx.config.company.currency;
      const values = [q.from ?? null, q.to ?? null, currency];
      /** Closed deals of the period and currency that the caller may read, over alias o. */
      const closed = (rule: (entity: string, alias: string) => string) =>
        `o.status in ('won', 'converted', 'lost') and o.closed_on is not null and ($1::date is null or o.closed_on >= $1) and ($2::date is null or o.closed_on <= $2) and o.currency = $3
         and ${rule('crm.opportunity', 'o')}`;
      const p = scopedParams(ctx.rowFilter, values);
      const periods = await ctx.sql(
        `select to_char(date_trunc('${interval}', o.closed_on), ${fmt}) as period,
                count(*) filter (where o.status <> 'lost')::int as won_count,
                coalesce(sum(o.amount) filter (where o.status <> 'lost'), 0)::numeric(18,2)::text as won_amount,
                count(*) filter (where o.status = 'lost')::int as lost_count,
                coalesce(sum(o.amount) filter (where o.status = 'lost'), 0)::numeric(18,2)::text as lost_amount,
                round(100.0 * count(*) filter (where o.status <> 'lost') / count(*), 2)::text as win_rate
           from crm_opportunity o where ${closed(p.rule)}
          group by date_trunc('${interval}', o.closed_on) order by date_trunc('${interval}', o.closed_on)`,
        p.params,
      );
      const r = scopedParams(ctx.rowFilter, values);
      const lostReasons = await ctx.sql(
        `select l.id as lost_reason, l.name, count(*)::int as count, sum(o.amount)::numeric(18,2)::text as amount
           from crm_opportunity o join crm_lost_reason l on l.id = o.lost_reason
          where o.status = 'lost' and ${closed(r.rule)}
          group by l.id order by count(*) desc, l.name`,
        r.params,
      );
      return { interval, currency, periods, lost_reasons: lostReasons };
    },
  });

  registerReport<{ as_of?: string }>(setup, 'crm', {
    url: '/api/crm/reports/overdue-activities',
    aliases: ['/api/crm/reports/overdue_activities'],
    rows: 'owners',
    rowSchema: rowSchema({ owner: 'id', username: 'text', count: 'integer', oldest_due_date: 'date', high_priority: 'integer' }),
    label: 'Overdue activities',
    labels: { lt: 'Pavėluotos veiklos' },
    summary: 'Open activities past their due date, per owner',
    summaries: { lt: 'Atviros veiklos, kurių terminas praėjo, pagal atsakingą asmenį' },
    reads: { 'crm.activity': ['owner', 'done', 'due_date', 'priority'] },
    querystring: { type: 'object', additionalProperties: false, properties: { as_of: qs.date } },
    run: async (ctx, q) => {
      const asOf = q.as_of ?? (await today(ctx));
      const p = scopedParams(ctx.rowFilter, [asOf]);
      const owners = await ctx.sql(
        `select a.owner, min(u.username) as username, count(*)::int as count, min(a.due_date)::text as oldest_due_date,
                count(*) filter (where a.priority = 'high')::int as high_priority
           from crm_activity a left join auth_user u on u.id = a.owner
          where not a.done and a.due_date < $1 and ${p.rule('crm.activity', 'a')}
          group by a.owner order by count(*) desc, a.owner nulls last`,
        p.params,
      );
      return { as_of: asOf, owners, total: owners.reduce((n, r) => n + Number(r.count), 0) };
    },
  });

  registerReport<{ from?: string; to?: string }>(setup, 'crm', {
    url: '/api/crm/reports/campaigns',
    rowSchema: rowSchema({
      campaign: 'id',
      name: 'text',
      status: 'text',
      budget: 'decimal',
      leads: 'integer',
      converted_leads: 'integer',
      deals: 'integer',
      won_amount: 'money',
    }),
    label: 'Campaigns',
    labels: { lt: 'Kampanijos' },
    summary: 'Campaign results: leads brought, converted leads, deals and won amount',
    summaries: { lt: 'Kampanijų rezultatai: pritraukti ir konvertuoti potencialūs klientai, sandoriai ir laimėta suma' },
    reads: {
      'crm.campaign': ['name', 'status', 'budget', 'start_date', 'end_date'],
      'crm.lead': ['campaign', 'status'],
      'crm.opportunity': ['campaign', 'status', 'amount'],
    },
    querystring: { type: 'object', additionalProperties: false, properties: { from: qs.date, to: qs.date } },
    run: async (ctx, q) => {
      const p = scopedParams(ctx.rowFilter, [q.from ?? null, q.to ?? null]);
      const leads = p.rule('crm.lead', 'l');
      const deals = p.rule('crm.opportunity', 'o');
      return ctx.sql(
        `select c.id as campaign, c.name, c.status, c.budget::text as budget,
                (select count(*)::int from crm_lead l where l.campaign = c.id and ${leads}) as leads,
                (select count(*)::int from crm_lead l where l.campaign = c.id and l.status = 'converted' and ${leads}) as converted_leads,
                (select count(*)::int from crm_opportunity o where o.campaign = c.id and ${deals}) as deals,
                (select coalesce(sum(o.amount), 0)::numeric(18,2)::text from crm_opportunity o where o.campaign = c.id and o.status in ('won', 'converted') and ${deals}) as won_amount
           from crm_campaign c
          where ($1::date is null or coalesce(c.end_date, c.start_date) is null or coalesce(c.end_date, c.start_date) >= $1)
            and ($2::date is null or c.start_date is null or c.start_date <= $2)
            and ${p.rule('crm.campaign', 'c')}
          order by c.start_date desc nulls last, c.id`,
        p.params,
      );
    },
  });

  registerReport<{ entity: string; limit?: string }>(setup, 'crm', {
    url: '/api/crm/reports/duplicates',
    rows: 'groups',
    rowSchema: rowSchema({
      match: { type: 'string', enum: ['email', 'name'] },
      value: 'text',
      count: 'integer',
      records: { type: 'array', items: objectColumn({ id: 'integer', title: 'text' }), description: 'the records sharing the value' },
    }),
    label: 'Possible duplicates',
    labels: { lt: 'Galimi dublikatai' },
    summary: 'Possible duplicates: records sharing an e-mail or a name',
    summaries: { lt: 'Galimi dublikatai: įrašai su tuo pačiu el. pašto adresu arba pavadinimu' },
    reads: {}, // per entity, below
    querystring: {
      type: 'object',
      required: ['entity'],
      additionalProperties: false,
      properties: {
        entity: {
          type: 'string',
          enum: ['crm.organization', 'crm.contact', 'crm.lead'],
          title: 'Records',
          'x-enum-labels': { 'crm.organization': 'Organizations', 'crm.contact': 'Contacts', 'crm.lead': 'Leads' },
          'x-labels': {
            lt: { title: 'Įrašai', enum: { 'crm.organization': 'Organizacijos', 'crm.contact': 'Kontaktai', 'crm.lead': 'Potencialūs klientai' } },
          },
        },
        limit: qs.limit,
      },
    },
    run: async (ctx, q) => {
      ctx.assertReadable(q.entity, DUPLICATE_RULES[q.entity]!.fields);
      return { entity: q.entity, groups: await duplicateGroups(ctx, q.entity, Number(q.limit ?? 100)) };
    },
  });
}
