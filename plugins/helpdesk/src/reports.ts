/**
 * Helpdesk reports, over the tickets the caller's row rules admit (an agent's figures are
 * their teams' tickets):
 * - open tickets by age and agent (age = calendar time since opening, at `at`, default now);
 * - SLA compliance by month (of the first response / of the resolution, UTC months);
 * - first response and resolution times in working minutes: median and 90th percentile;
 * - ticket volume by type (tickets opened in the period).
 */
import type { DashboardWidget, ServiceContext, SetupContext } from '@tessera/core';
import { columnSchema, countWidget, objectColumn, qs, registerReport, rowSchema, scopedParams, type RowFilter } from '@tessera/plugin-kit';
import { runSlaCheck } from './escalation.js';

type Sql = Pick<ServiceContext, 'sql'>['sql'];
const TAG = 'helpdesk reports';
const period = { type: 'object', additionalProperties: false, properties: { from: qs.date, to: qs.date } };
const OPEN = `('open', 'replied', 'waiting_on_customer')`;

/** Percent with two decimals, null when nothing was counted. */
const pct = (part: number, whole: number): string | null => (whole ? ((part * 100) / whole).toFixed(2) : null);

export async function openByAge(sql: Sql, rowFilter: RowFilter, at: string | null) {
  const p = scopedParams(rowFilter, [at]);
  const rows = await sql<{ agent: number | null; agent_name: string | null; under_1d: number; d1_3: number; d3_7: number; over_7d: number; total: number }>(
    `with base as (select t.agent, coalesce($1::timestamptz, now()) - t.opened_at as age from helpdesk_ticket t where t.status in ${OPEN} and ${p.rule('helpdesk.ticket', 't')})
     select b.agent, coalesce(u.full_name, u.username) as agent_name,
            count(*) filter (where age < interval '1 day')::int as under_1d,
            count(*) filter (where age >= interval '1 day' and age < interval '3 days')::int as d1_3,
            count(*) filter (where age >= interval '3 days' and age < interval '7 days')::int as d3_7,
            count(*) filter (where age >= interval '7 days')::int as over_7d,
            count(*)::int as total
       from base b left join auth_user u on u.id = b.agent
      group by b.agent, u.full_name, u.username order by agent_name nulls last`,
    p.params,
  );
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((s, r) => s + Number(r[k]), 0);
  return {
    buckets: ['under_1d', 'd1_3', 'd3_7', 'over_7d'],
    agents: rows.map((r) => ({ ...r, agent: r.agent == null ? null : Number(r.agent), agent_name: r.agent_name ?? 'Unassigned' })),
    total: { under_1d: sum('under_1d'), d1_3: sum('d1_3'), d3_7: sum('d3_7'), over_7d: sum('over_7d'), total: sum('total') },
  };
}

export async function slaCompliance(sql: Sql, rowFilter: RowFilter, from: string | null, to: string | null) {
  const p = scopedParams(rowFilter, [from, to]);
  const rows = await sql<{ month: string; target: string; met: number; breached: number }>(
    `select to_char(date_trunc('month', e.at at time zone 'UTC'), 'YYYY-MM') as month, e.target,
            count(*) filter (where e.status = 'met')::int as met, count(*) filter (where e.status = 'breached')::int as breached
       from helpdesk_ticket t
       cross join lateral (values ('first_response', t.first_response_at, t.first_response_status), ('resolution', t.resolved_at, t.resolution_status)) as e(target, at, status)
      where e.at is not null and e.status in ('met', 'breached')
        and ($1::date is null or e.at >= $1::date) and ($2::date is null or e.at < $2::date + 1)
        and ${p.rule('helpdesk.ticket', 't')}
      group by 1, 2 order by 1, 2`,
    p.params,
  );
  const months = new Map<string, any>();
  for (const r of rows) {
    const m = months.get(r.month) ?? {
      month: r.month,
      first_response: { met: 0, breached: 0, percent_met: null },
      resolution: { met: 0, breached: 0, percent_met: null },
    };
    m[r.target] = { met: r.met, breached: r.breached, percent_met: pct(r.met, r.met + r.breached) };
    months.set(r.month, m);
  }
  return { months: [...months.values()] };
}

export async function responseTimes(sql: Sql, rowFilter: RowFilter, from: string | null, to: string | null) {
  const p = scopedParams(rowFilter, [from, to]);
  const [r] = await sql<Record<string, string | number | null>>(
    `select count(t.first_response_minutes)::int as first_response_count,
            (percentile_cont(0.5) within group (order by t.first_response_minutes))::numeric(12,2)::text as first_response_median,
            (percentile_cont(0.9) within group (order by t.first_response_minutes))::numeric(12,2)::text as first_response_p90,
            count(t.resolution_minutes)::int as resolution_count,
            (percentile_cont(0.5) within group (order by t.resolution_minutes))::numeric(12,2)::text as resolution_median,
            (percentile_cont(0.9) within group (order by t.resolution_minutes))::numeric(12,2)::text as resolution_p90
       from helpdesk_ticket t
      where ($1::date is null or t.opened_at >= $1::date) and ($2::date is null or t.opened_at < $2::date + 1) and ${p.rule('helpdesk.ticket', 't')}`,
    p.params,
  );
  const first_response = { count: r!.first_response_count, median: r!.first_response_median, p90: r!.first_response_p90 };
  const resolution = { count: r!.resolution_count, median: r!.resolution_median, p90: r!.resolution_p90 };
  // The same figures as rows (one per measure), for the report table and its row schema.
  return {
    unit: 'working minutes',
    first_response,
    resolution,
    data: [
      { measure: 'first_response', ...first_response },
      { measure: 'resolution', ...resolution },
    ],
  };
}

export async function volumeByType(sql: Sql, rowFilter: RowFilter, from: string | null, to: string | null) {
  const p = scopedParams(rowFilter, [from, to]);
  const rows = await sql<{ ticket_type: number | null; name: string | null; count: number; open: number }>(
    `select t.ticket_type, y.name, count(*)::int as count, count(*) filter (where t.status in ${OPEN})::int as open
       from helpdesk_ticket t left join helpdesk_ticket_type y on y.id = t.ticket_type
      where ($1::date is null or t.opened_at >= $1::date) and ($2::date is null or t.opened_at < $2::date + 1) and ${p.rule('helpdesk.ticket', 't')}
      group by t.ticket_type, y.name order by count(*) desc, y.name nulls last`,
    p.params,
  );
  return {
    types: rows.map((r) => ({ ticket_type: r.ticket_type == null ? null : Number(r.ticket_type), name: r.name ?? 'No type', count: r.count, open: r.open })),
    total: rows.reduce((s, r) => s + r.count, 0),
  };
}

/** A ticket the SLA check marked (breached or escalated). */
const SLA_HIT = {
  type: 'object',
  properties: { ticket: { type: 'integer' }, number: { type: 'string' }, target: { type: 'string', enum: ['first_response', 'resolution'] } },
};

/** One month's targets in the SLA compliance report. */
const SLA_MONTH = objectColumn({ met: 'integer', breached: 'integer', percent_met: 'percent' });

export function registerHelpdeskReports(setup: SetupContext): void {
  const reads = TICKET_READS;
  registerReport<{ at?: string }>(setup, TAG, {
    url: '/api/helpdesk/reports/open-by-age',
    rowSchema: rowSchema({ agent: 'id', agent_name: 'text', under_1d: 'integer', d1_3: 'integer', d3_7: 'integer', over_7d: 'integer', total: 'integer' }),
    rows: 'agents',
    label: 'Open tickets by age',
    labels: { lt: 'Atviri kreipiniai pagal amžių' },
    summary: 'Open tickets by age and agent',
    summaries: { lt: 'Atviri kreipiniai pagal amžių ir agentą' },
    reads,
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: { at: { type: 'string', format: 'date-time', description: 'Age measured at this time; default now.' } },
    },
    run: (ctx, q) => openByAge(ctx.sql, ctx.rowFilter, q.at ?? null),
  });
  registerReport<{ from?: string; to?: string }>(setup, TAG, {
    url: '/api/helpdesk/reports/sla-compliance',
    rowSchema: rowSchema({ month: 'text', first_response: SLA_MONTH, resolution: SLA_MONTH }),
    rows: 'months',
    label: 'SLA compliance',
    labels: { lt: 'SLA laikymasis' },
    summary: 'SLA compliance by month (first response and resolution met / breached)',
    summaries: { lt: 'SLA laikymasis pagal mėnesius (pirmasis atsakymas ir išsprendimas laiku / pavėluotai)' },
    reads,
    querystring: period,
    run: (ctx, q) => slaCompliance(ctx.sql, ctx.rowFilter, q.from ?? null, q.to ?? null),
  });
  registerReport<{ from?: string; to?: string }>(setup, TAG, {
    url: '/api/helpdesk/reports/response-times',
    rowSchema: rowSchema({
      measure: { type: 'string', enum: ['first_response', 'resolution'] },
      count: 'integer',
      median: { ...columnSchema('money'), nullable: true, description: 'working minutes, 2 places' },
      p90: { ...columnSchema('money'), nullable: true, description: 'working minutes, 2 places' },
    }),
    label: 'Response times',
    labels: { lt: 'Atsakymo laikas' },
    summary: 'First response and resolution times (working minutes): median and 90th percentile, tickets opened in the period',
    summaries: { lt: 'Pirmojo atsakymo ir išsprendimo laikas (darbo minutėmis): mediana ir 90-asis procentilis, laikotarpiu atidaryti kreipiniai' },
    reads,
    querystring: period,
    run: (ctx, q) => responseTimes(ctx.sql, ctx.rowFilter, q.from ?? null, q.to ?? null),
  });
  registerReport<{ from?: string; to?: string }>(setup, TAG, {
    url: '/api/helpdesk/reports/volume-by-type',
    rowSchema: rowSchema({ ticket_type: 'id', name: 'text', count: 'integer', open: 'integer' }),
    rows: 'types',
    label: 'Tickets by type',
    labels: { lt: 'Kreipiniai pagal tipą' },
    summary: 'Tickets opened in the period by type',
    summaries: { lt: 'Laikotarpiu atidaryti kreipiniai pagal tipą' },
    reads,
    querystring: period,
    run: (ctx, q) => volumeByType(ctx.sql, ctx.rowFilter, q.from ?? null, q.to ?? null),
  });
  setup.app.post(
    '/api/helpdesk/sla-check',
    {
      schema: {
        tags: [TAG],
        summary: 'Runs the SLA check now (breaches and 80 % escalations; the schedule runs it every 5 minutes)',
        response: {
          200: {
            type: 'object',
            required: ['checked', 'breached', 'escalated'],
            properties: {
              checked: { type: 'integer' },
              breached: { type: 'array', items: SLA_HIT },
              escalated: { type: 'array', items: { ...SLA_HIT, properties: { ...SLA_HIT.properties, lead: { type: 'integer', nullable: true } } } },
            },
          },
        },
      },
    },
    async (req) =>
      setup.withServices(setup.userOf(req), async (ctx) => {
        ctx.assert('helpdesk.ticket', 'update');
        return runSlaCheck(ctx);
      }),
  );
}

/** What the reports and widgets read: the viewer must be allowed to see each of these fields. */
const TICKET_READS = {
  'helpdesk.ticket': [
    'agent',
    'status',
    'opened_at',
    'first_response_at',
    'first_response_minutes',
    'first_response_status',
    'resolved_at',
    'resolution_minutes',
    'resolution_status',
    'ticket_type',
  ],
  'helpdesk.ticket_type': ['name'],
} as const;

export const helpdeskDashboard: DashboardWidget[] = [
  {
    id: 'open_tickets',
    label: 'Open tickets',
    labels: { lt: 'Atviros užklausos' },
    kind: 'number',
    entity: 'helpdesk.ticket',
    reads: TICKET_READS,
    query: async ({ sql, rowFilter }) => ({ value: (await openByAge(sql, rowFilter, null)).total.total }),
  },
  {
    ...countWidget({
      id: 'sla_breached_open',
      label: 'Open tickets past their SLA',
      labels: { lt: 'Atviros užklausos, viršijusios SLA' },
      entity: 'helpdesk.ticket',
      table: 'helpdesk_ticket',
      where: `t.status in ${OPEN} and (t.first_response_status = 'breached' or t.resolution_status = 'breached')`,
    }),
    reads: TICKET_READS,
  },
  {
    id: 'open_tickets_by_agent',
    label: 'Open tickets by agent',
    labels: { lt: 'Atviros užklausos pagal agentą' },
    kind: 'bar',
    entity: 'helpdesk.ticket',
    reads: TICKET_READS,
    query: async ({ sql, rowFilter }) => ({ series: (await openByAge(sql, rowFilter, null)).agents.map((a) => ({ label: a.agent_name, value: a.total })) }),
  },
  {
    id: 'ticket_volume_by_type',
    label: 'Tickets by type (30 days)',
    labels: { lt: 'Užklausos pagal tipą (30 d.)' },
    kind: 'pie',
    entity: 'helpdesk.ticket',
    reads: TICKET_READS,
    query: async ({ sql, rowFilter }) => {
      const [d] = await sql<{ d: string }>(`select (current_date - 30)::text as d`);
      return { series: (await volumeByType(sql, rowFilter, d!.d, null)).types.map((t) => ({ label: t.name, value: t.count })) };
    },
  },
];
