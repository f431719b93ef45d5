/**
 * Production reports (GET /api/production/reports/...): BOM cost roll-up, work order status,
 * component shortage for open work orders, production by item and month. Each validates its
 * query string, checks the caller may read the entities it reads, limits work orders to those
 * the caller's row rule admits (rowFilter) and aggregates in SQL.
 */
import type { DashboardWidget, SetupContext } from '@tessera/core';
import { countWidget, rowSchema, series, widgetParams } from '@tessera/plugin-kit';
import { assertCanRead, D, userOf } from './common.js';
import { rollUpCost } from './bom.js';
import { ITEM_AT_WAREHOUSE } from '@tessera/plugin-inventory/api';

const id = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' };
const date = { type: 'string', format: 'date' };
const month = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' };
const query = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(required.length ? { required } : {}),
});
const tags = ['production'];
const num = (v: string | undefined) => (v === undefined ? null : Number(v));

export async function registerReports({ app, withServices }: SetupContext): Promise<void> {
  app.get(
    '/api/production/reports/bom-cost',
    {
      schema: {
        'x-rows': 'items',
        tags,
        'x-row-schema': rowSchema(
          {
            idx: 'integer',
            item: 'integer',
            item_code: 'text',
            item_name: 'text',
            qty: 'decimal',
            rate: 'decimal',
            amount: 'money',
            rate_source: { type: 'string', enum: ['bom', 'valuation_rate', 'standard_rate', 'none'] },
            sub_bom: { type: 'object', additionalProperties: true, description: "the component's own bill, costed: the same figures as this report's answer" },
          },
          ['sub_bom'],
        ),
        'x-label': 'BOM cost',
        'x-labels': { lt: 'Komplektacijos savikaina' },
        summary: "BOM cost roll-up: components at valuation rate or their own bill's cost, operations, scrap",
        'x-descriptions': {
          lt: 'Komplektacijos savikainos suvestinė: komponentai vertinimo kaina arba jų pačių komplektacijos savikaina, operacijos, atliekos',
        },
        querystring: query(
          { bom: id, warehouse: { ...id, 'x-ref': 'inventory.warehouse', description: "value components at this warehouse's valuation rate" } },
          ['bom'],
        ),
      },
    },
    async (req) => {
      const q = req.query as { bom: string; warehouse?: string };
      return withServices(userOf(req), async (ctx) => {
        assertCanRead(ctx, {
          'production.bom': [
            'number',
            'item',
            'quantity',
            'is_default',
            'items.item',
            'items.stock_qty',
            'items.bom',
            'operations.operation',
            'operations.workstation',
            'operations.minutes',
            'scrap_items.item',
            'scrap_items.qty',
          ],
          'production.workstation': ['name', 'hour_rate'],
          'inventory.item': ['code', 'name', 'standard_rate'],
          'inventory.bin': ['item', 'warehouse', 'actual_qty', 'stock_value'],
        });
        await ctx.entity('production.bom').get(Number(q.bom));
        return rollUpCost(ctx, Number(q.bom), { warehouse: num(q.warehouse) ?? undefined });
      });
    },
  );

  app.get(
    '/api/production/reports/work-order-status',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({
          id: 'integer',
          number: 'text',
          status: 'text',
          item: 'integer',
          item_code: 'text',
          item_name: 'text',
          qty: 'quantity',
          material_transferred_qty: 'quantity',
          produced_qty: 'quantity',
          pending_qty: 'quantity',
          per_produced: 'percent',
          produced_value: 'quantity',
          produced_rate: 'rate?',
          planned_start_date: 'date',
          planned_end_date: 'date',
          actual_start_date: 'date',
          actual_end_date: 'date',
          overdue: 'boolean',
        }),
        'x-label': 'Work order status',
        'x-labels': { lt: 'Gamybos užsakymų būsena' },
        summary: 'Work orders with ordered, transferred and produced qty, value and status',
        'x-descriptions': { lt: 'Gamybos užsakymai su užsakytu, perkeltu ir pagamintu kiekiu, verte ir būsena' },
        querystring: query({
          status: { type: 'string', enum: ['draft', 'not_started', 'in_process', 'completed', 'stopped', 'cancelled'] },
          item: { ...id, 'x-ref': 'inventory.item' },
          from: { ...date, description: 'planned start on or after' },
          to: { ...date, description: 'planned start on or before' },
        }),
      },
    },
    async (req) => {
      const q = req.query as { status?: string; item?: string; from?: string; to?: string };
      return withServices(userOf(req), async (ctx) => {
        assertCanRead(ctx, {
          'production.work_order': [
            'number',
            'status',
            'item',
            'qty',
            'material_transferred_qty',
            'produced_qty',
            'per_produced',
            'produced_value',
            'planned_start_date',
            'planned_end_date',
            'actual_start_date',
            'actual_end_date',
          ],
          'inventory.item': ['code', 'name'],
        });
        const params: unknown[] = [q.status ?? null, num(q.item), q.from ?? null, q.to ?? null];
        const scope = ctx.rowFilter('production.work_order', 'w', (v) => `$${params.push(v)}`);
        const rows = await ctx.sql(
          `select w.id, w.number, w.status, w.item, i.code as item_code, i.name as item_name, w.qty::text as qty,
                w.material_transferred_qty::text as material_transferred_qty, w.produced_qty::text as produced_qty,
                greatest(w.qty - w.produced_qty, 0)::text as pending_qty, w.per_produced::text as per_produced,
                w.produced_value::text as produced_value,
                case when w.produced_qty > 0 then round(w.produced_value / w.produced_qty, 9)::text end as produced_rate,
                w.planned_start_date::text as planned_start_date, w.planned_end_date::text as planned_end_date,
                w.actual_start_date::text as actual_start_date, w.actual_end_date::text as actual_end_date,
                (w.status in ('not_started', 'in_process') and w.planned_end_date < current_date) as overdue
           from production_work_order w join inventory_v_item i on i.id = w.item
          where ($1::text is null or w.status = $1) and ($2::bigint is null or w.item = $2)
            and ($3::date is null or w.planned_start_date >= $3) and ($4::date is null or w.planned_start_date <= $4)
            and ${scope}
          order by w.planned_start_date nulls last, w.id`,
          params,
        );
        const countParams: unknown[] = [num(q.item), q.from ?? null, q.to ?? null];
        const countScope = ctx.rowFilter('production.work_order', 'w', (v) => `$${countParams.push(v)}`);
        const counts = await ctx.sql<{ status: string; n: number }>(
          `select w.status, count(*)::int as n from production_work_order w
          where ($1::bigint is null or w.item = $1) and ($2::date is null or w.planned_start_date >= $2) and ($3::date is null or w.planned_start_date <= $3)
            and ${countScope}
          group by w.status order by w.status`,
          countParams,
        );
        return { data: rows, by_status: Object.fromEntries(counts.map((c) => [c.status, c.n])) };
      });
    },
  );

  app.get(
    '/api/production/reports/component-shortage',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({
          ...ITEM_AT_WAREHOUSE,
          required_qty: 'quantity',
          actual_qty: 'quantity',
          ordered_qty: 'quantity',
          shortage_qty: 'quantity',
          work_orders: { type: 'array', items: { type: 'string' }, description: 'the numbers of the work orders that need the item' },
        }),
        'x-label': 'Component shortage',
        'x-labels': { lt: 'Trūkstami komponentai' },
        summary: 'Components still to transfer for open work orders against the stock in their source warehouses',
        'x-descriptions': { lt: 'Komponentai, kuriuos dar reikia perkelti atviriems gamybos užsakymams, palyginti su atsargomis jų šaltinio sandėliuose' },
        querystring: query({
          warehouse: { ...id, 'x-ref': 'inventory.warehouse' },
          only_short: { type: 'string', enum: ['true', 'false'], default: 'true', title: 'Only short', 'x-labels': { lt: { title: 'Tik trūkstami' } } },
        }),
      },
    },
    async (req) => {
      const q = req.query as { warehouse?: string; only_short?: string };
      return withServices(userOf(req), async (ctx) => {
        assertCanRead(ctx, {
          'production.work_order': [
            'number',
            'status',
            'source_warehouse',
            'required_items.item',
            'required_items.required_qty',
            'required_items.transferred_qty',
          ],
          'inventory.item': ['code', 'name', 'is_stock_item'],
          'inventory.warehouse': ['name'],
          'inventory.bin': ['item', 'warehouse', 'actual_qty', 'ordered_qty'],
        });
        const params: unknown[] = [num(q.warehouse), (q.only_short ?? 'true') === 'true'];
        const scope = ctx.rowFilter('production.work_order', 'w', (v) => `$${params.push(v)}`);
        const rows = await ctx.sql(
          `with need as (
           select l.item, w.source_warehouse as warehouse, sum(greatest(l.required_qty - l.transferred_qty, 0)) as qty,
                  array_agg(distinct w.number order by w.number) as work_orders
             from production_work_order w join production_work_order_item l on l.parent_id = w.id
            where w.docstatus = 'submitted' and w.status in ('not_started', 'in_process')
              and ($1::bigint is null or w.source_warehouse = $1) and ${scope}
            group by l.item, w.source_warehouse
           having sum(greatest(l.required_qty - l.transferred_qty, 0)) > 0
         )
         select n.item, i.code as item_code, i.name as item_name, n.warehouse, wh.name as warehouse_name,
                n.qty::text as required_qty, coalesce(b.actual_qty, 0)::text as actual_qty,
                coalesce(b.ordered_qty, 0)::text as ordered_qty,
                greatest(n.qty - greatest(coalesce(b.actual_qty, 0), 0), 0)::text as shortage_qty,
                n.work_orders
           from need n
           join inventory_v_item i on i.id = n.item
           join inventory_v_warehouse wh on wh.id = n.warehouse
           left join inventory_v_bin b on b.item = n.item and b.warehouse = n.warehouse
          where i.is_stock_item and ($2::boolean = false or n.qty > greatest(coalesce(b.actual_qty, 0), 0))
          order by i.code, wh.name`,
          params,
        );
        return { data: rows };
      });
    },
  );

  app.get(
    '/api/production/reports/production-by-month',
    {
      schema: {
        tags,
        'x-row-schema': rowSchema({
          item: 'integer',
          item_code: 'text',
          item_name: 'text',
          month: 'text',
          qty: 'quantity',
          value: 'quantity',
          work_orders: 'integer',
        }),
        'x-label': 'Production by month',
        'x-labels': { lt: 'Gamyba pagal mėnesius' },
        summary: 'Produced qty and value per item and month (submitted work orders)',
        'x-descriptions': { lt: 'Pagamintas kiekis ir vertė pagal prekę ir mėnesį (pateikti gamybos užsakymai)' },
        querystring: query({ from: month, to: month, item: { ...id, 'x-ref': 'inventory.item' } }),
      },
    },
    async (req) => {
      const q = req.query as { from?: string; to?: string; item?: string };
      return withServices(userOf(req), async (ctx) => {
        assertCanRead(ctx, {
          'production.work_order': ['item', 'log.kind', 'log.posting_date', 'log.qty', 'log.value'],
          'inventory.item': ['code', 'name'],
        });
        const params: unknown[] = [q.from ?? null, q.to ?? null, num(q.item)];
        const scope = ctx.rowFilter('production.work_order', 'w', (v) => `$${params.push(v)}`);
        const rows = await ctx.sql<{ item: number; item_code: string; item_name: string; month: string; qty: string; value: string; work_orders: number }>(
          `select w.item, i.code as item_code, i.name as item_name, to_char(g.posting_date, 'YYYY-MM') as month,
                sum(g.qty)::text as qty, sum(g.value)::text as value, count(distinct w.id)::int as work_orders
           from production_work_order w
           join production_work_order_log g on g.parent_id = w.id and g.kind = 'manufacture'
           join inventory_v_item i on i.id = w.item
          where w.docstatus = 'submitted'
            and ($1::text is null or to_char(g.posting_date, 'YYYY-MM') >= $1) and ($2::text is null or to_char(g.posting_date, 'YYYY-MM') <= $2)
            and ($3::bigint is null or w.item = $3) and ${scope}
          group by w.item, i.code, i.name, to_char(g.posting_date, 'YYYY-MM')
          order by month, i.code`,
          params,
        );
        const total = rows.reduce((a, r) => ({ qty: a.qty.add(r.qty), value: a.value.add(r.value) }), { qty: D(0), value: D(0) });
        return { data: rows, total: { qty: total.qty.toFixed(), value: total.value.toFixed() } };
      });
    },
  );
}

export const dashboard: DashboardWidget[] = [
  countWidget({
    id: 'open_work_orders',
    label: 'Open work orders',
    labels: { lt: 'Vykdomi gamybos užsakymai' },
    entity: 'production.work_order',
    reads: ['status'],
    table: 'production_work_order',
    where: `t.docstatus = 'submitted' and t.status in ('not_started', 'in_process')`,
  }),
  {
    id: 'work_orders_by_status',
    label: 'Work orders by status',
    labels: { lt: 'Gamybos užsakymai pagal būseną' },
    kind: 'pie',
    entity: 'production.work_order',
    reads: { 'production.work_order': ['status'] },
    query: async (ctx) => {
      const p = widgetParams(ctx);
      return series(
        ctx,
        `select w.status as label, count(*)::int as value from production_work_order w where w.docstatus = 'submitted' and ${p.rule('production.work_order', 'w')} group by w.status order by w.status`,
        p.params,
      );
    },
  },
  {
    id: 'produced_value_by_month',
    label: 'Production value by month',
    labels: { lt: 'Pagamintos produkcijos vertė pagal mėnesį' },
    kind: 'bar',
    entity: 'production.work_order',
    reads: { 'production.work_order': ['log.kind', 'log.posting_date', 'log.value'] },
    query: async (ctx) => {
      const p = widgetParams(ctx);
      return series(
        ctx,
        `select to_char(g.posting_date, 'YYYY-MM') as label, round(sum(g.value), 2)::text as value
           from production_work_order w join production_work_order_log g on g.parent_id = w.id and g.kind = 'manufacture'
          where w.docstatus = 'submitted' and g.posting_date >= date_trunc('month', current_date) - interval '11 months' and ${p.rule('production.work_order', 'w')}
          group by 1 order by 1`,
        p.params,
      );
    },
  },
];
