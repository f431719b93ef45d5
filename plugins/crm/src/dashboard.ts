/** Home-page figures and charts of the CRM (company currency), over the rows the viewer's row rules admit. */
import type { DashboardWidget } from '@tessera/core';
import { PIPELINE_READS, pipelineByStage } from './reports.js';
import { countWidget } from '@tessera/plugin-kit';

export const crmDashboard: DashboardWidget[] = [
  {
    id: 'open_pipeline_weighted',
    label: 'Open pipeline (weighted)',
    labels: { lt: 'Atviras piltuvas (svertinis)' },
    kind: 'money',
    entity: 'crm.opportunity',
    link: { entity: 'crm.opportunity', filter: { status: 'open' } },
    reads: PIPELINE_READS,
    query: async ({ sql, rowFilter, config }) => {
      const { total } = await pipelineByStage(sql, rowFilter, config.company.currency);
      return { value: total.weighted_amount, currency: config.company.currency, count: total.count, amount: total.amount };
    },
  },
  {
    id: 'pipeline_by_stage',
    label: 'Pipeline by stage (weighted)',
    labels: { lt: 'Piltuvas pagal etapus (svertinis)' },
    kind: 'bar',
    entity: 'crm.opportunity',
    link: { entity: 'crm.opportunity', filter: { status: 'open' }, pointField: 'stage' },
    reads: PIPELINE_READS,
    query: async ({ sql, rowFilter, config }) => {
      const { stages } = await pipelineByStage(sql, rowFilter, config.company.currency);
      return {
        series: stages.map((s: any) => ({ label: s.name, key: Number(s.stage), value: s.weighted_amount, count: s.count, amount: s.amount })),
        currency: config.company.currency,
      };
    },
  },
  countWidget({
    id: 'overdue_activities',
    label: 'Overdue activities',
    labels: { lt: 'Pavėluotos veiklos' },
    entity: 'crm.activity',
    link: { entity: 'crm.activity', filter: { done: false } },
    reads: ['done', 'due_date'],
    table: 'crm_activity',
    where: 'not t.done and t.due_date < current_date',
  }),
];
