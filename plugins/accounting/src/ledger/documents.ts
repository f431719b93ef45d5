/**
 * The documents posting rules apply to: submitted documents of every enabled rule without
 * live entries (or, for incremental rules, every submitted one), with the date they post on.
 * Shared by verify ("every submitted document has its entries") and backfill.
 */
import type { Doc, ServiceContext } from '@tessera/core';
import type { PostingRule } from '../contract.js';
import { postingRules } from '../postings/index.js';
import { GL_TABLE } from './post.js';

export interface Candidate {
  rule: PostingRule;
  doc: Doc;
  date: string;
}

const tableOf = (entityKey: string) => entityKey.replace('.', '_');

export function enabledRules(ctx: Pick<ServiceContext, 'config'>): PostingRule[] {
  const on = new Set(ctx.config.plugins);
  return postingRules.filter((r) => on.has(r.plugin) && on.has(r.voucherType.split('.')[0]!));
}

/** Submitted documents that may be missing entries, oldest first. */
export async function candidates(ctx: ServiceContext): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const rule of enabledRules(ctx)) {
    const t = tableOf(rule.voucherType);
    const rows = await ctx.sql<{ id: number }>(
      `select d.id from "${t}" d where d.docstatus = 'submitted'
         ${
           rule.incremental
             ? ''
             : `and not exists (select 1 from ${GL_TABLE} g where g.voucher_type = $1 and g.voucher_id = d.id
                and not g.is_reversal and not exists (select 1 from ${GL_TABLE} r where r.reverses = g.id))`
         }
        order by d.id`,
      rule.incremental ? [] : [rule.voucherType],
    );
    for (const { id } of rows) {
      const doc = await ctx.entity(rule.voucherType).get(Number(id));
      const date = String(doc.posting_date ?? doc.invoice_date ?? doc.date ?? doc.transaction_date ?? doc.created_at ?? '').slice(0, 10);
      out.push({ rule, doc, date });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || Number(a.doc.id) - Number(b.doc.id));
}
