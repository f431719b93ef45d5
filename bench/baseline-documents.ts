/**
 * The baseline's document: an order with line items, created in one transaction (header with
 * its number and exact total, the lines with their amounts, all computed in numeric by
 * PostgreSQL) and submitted by one guarded UPDATE, answering Tessera's JSON shape. Hand-written
 * for exactly this document: no hooks, no audit, no generic validation beyond the body schema.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { ORDER_LINE_TABLE, ORDER_PATH, ORDER_TABLE } from './shared.js';

const decimal = (scale: number) => ({ type: 'string', pattern: `^\\d{1,9}(\\.\\d{1,${scale}})?$` });
const LINE_COLS = 'id, idx, item, qty, rate, amount';

export function registerDocumentRoutes(app: FastifyInstance, pool: pg.Pool): void {
  const ready = pool.query(`create sequence if not exists bench_order_seq`);

  app.post<{ Body: { customer_name: string; order_date: string; lines: { item: number; qty: string; rate: string }[] } }>(
    ORDER_PATH,
    {
      schema: {
        body: {
          type: 'object',
          required: ['customer_name', 'order_date', 'lines'],
          additionalProperties: false,
          properties: {
            customer_name: { type: 'string', maxLength: 140 },
            order_date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
            lines: {
              type: 'array',
              minItems: 1,
              maxItems: 200,
              items: {
                type: 'object',
                required: ['item', 'qty', 'rate'],
                additionalProperties: false,
                properties: { item: { type: 'integer', minimum: 1 }, qty: decimal(3), rate: decimal(2) },
              },
            },
          },
        },
      },
    },
    async (req, reply) => {
      await ready;
      const b = req.body;
      const items = b.lines.map((l) => l.item);
      const qtys = b.lines.map((l) => l.qty);
      const rates = b.lines.map((l) => l.rate);
      const c = await pool.connect();
      try {
        await c.query('begin');
        const head = await c.query(
          `insert into ${ORDER_TABLE} (number, customer_name, order_date, total, created_by)
         values ('BX-' || lpad(nextval('bench_order_seq')::text, 7, '0'), $1, $2, (select sum(round(u.q * u.r, 2)) from unnest($3::numeric[], $4::numeric[]) u(q, r)), 1) returning *`,
          [b.customer_name, b.order_date, qtys, rates],
        );
        const doc = head.rows[0];
        const lines = await c.query(
          `insert into ${ORDER_LINE_TABLE} (parent_id, idx, item, qty, rate, amount, created_by)
         select $1, u.o - 1, u.item, u.q, u.r, round(u.q * u.r, 2), 1 from unnest($2::bigint[], $3::numeric[], $4::numeric[]) with ordinality u(item, q, r, o) returning ${LINE_COLS}`,
          [doc.id, items, qtys, rates],
        );
        await c.query('commit');
        reply.status(201).header('location', `${ORDER_PATH}/${doc.id}`);
        return { ...doc, lines: lines.rows };
      } catch (e: any) {
        await c.query('rollback').catch(() => undefined);
        if (e?.code === '23503') return reply.status(422).send({ error: { code: 'INVALID_REFERENCE', status: 422, message: e.detail } });
        throw e;
      } finally {
        c.release();
      }
    },
  );

  app.post<{ Params: { id: string } }>(
    `${ORDER_PATH}/:id/submit`,
    {
      schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } } } },
    },
    async (req, reply) => {
      const id = Number(req.params.id);
      const head = await pool.query(
        `update ${ORDER_TABLE} set docstatus = 'submitted', version = version + 1, updated_at = now() where id = $1 and docstatus = 'draft' returning *`,
        [id],
      );
      if (!head.rows[0]) return reply.status(409).send({ error: { code: 'NOT_DRAFT', status: 409, message: `order ${id} is not a draft` } });
      const lines = await pool.query(`select ${LINE_COLS} from ${ORDER_LINE_TABLE} where parent_id = $1 order by idx, id`, [id]);
      return { ...head.rows[0], lines: lines.rows };
    },
  );
}
