/**
 * Tax templates: a named set of (rate, tax account) lines per kind (sales: output VAT,
 * purchase: input VAT). Documents name a template on the header and/or a line; the line's
 * tax % is the template's total rate, its tax amount is split over the template's accounts in
 * proportion to their rates (the last line takes the remainder, so the parts add up to the
 * cent). A document line with a bare percentage and no template posts to the template of its
 * kind with that rate (or the default VAT account when there is none).
 */
import { Decimal, type LocalText, type ServiceContext } from '@tessera/core';
import { accountFor } from '../ledger/post.js';
import { ledgerError } from '../ledger/errors.js';
import { D } from '@tessera/plugin-kit';
import { errors } from '../ledger/errors.js';

export const TAX_TEMPLATE = 'accounting.tax_template';

export type TaxKind = 'sales' | 'purchase';

export interface TaxTemplate {
  id: number;
  name: string;
  kind: TaxKind;
  code: string | null;
  exempt: boolean;
  disabled: boolean;
  /** Sum of the lines' rates (percent). */
  rate: Decimal;
  lines: { rate: Decimal; account: number }[];
}

/** Templates matching a condition, with their lines in order (one statement). */
async function selectTemplates(ctx: Pick<ServiceContext, 'sql'>, where: string, params: unknown[]): Promise<TaxTemplate[]> {
  const rows = await ctx.sql<{
    id: number;
    name: string;
    kind: TaxKind;
    code: string | null;
    exempt: boolean;
    disabled: boolean;
    lines: { rate: string; account: number }[];
  }>(
    `select t.id, t.name, t.kind, t.code, t.exempt, t.disabled,
            coalesce((select json_agg(json_build_object('rate', l.rate::text, 'account', l.account) order by l.idx)
                        from accounting_tax_template_line l where l.parent_id = t.id), '[]'::json) as lines
       from accounting_tax_template t where ${where} order by t.id`,
    params,
  );
  return rows.map((r) => {
    const lines = r.lines.map((l) => ({ rate: D(l.rate), account: Number(l.account) }));
    return { ...r, id: Number(r.id), lines, rate: lines.reduce((a, l) => a.add(l.rate), new Decimal(0)) };
  });
}

/** Templates by id (with their lines, in order). */
export async function loadTemplates(ctx: Pick<ServiceContext, 'sql'>, ids: (number | null | undefined)[]): Promise<Map<number, TaxTemplate>> {
  const list = [...new Set(ids.filter((x): x is number => x != null).map(Number))];
  if (!list.length) return new Map();
  return new Map((await selectTemplates(ctx, 't.id = any($1::bigint[])', [list])).map((t) => [t.id, t]));
}

/**
 * Checks the templates a document names (they exist, are enabled and of the document's kind);
 * problems carry the field path.
 */
/** A template's kind in each language, as a message parameter. */
const KIND_TEXT: Record<TaxKind, LocalText> = { sales: { en: 'sales', lt: 'pardavimų' }, purchase: { en: 'purchase', lt: 'pirkimų' } };

export function templateProblems(
  refs: { path: string; id: number | null | undefined }[],
  templates: Map<number, TaxTemplate>,
  kind: TaxKind,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const r of refs) {
    if (r.id == null) continue;
    const t = templates.get(Number(r.id));
    if (!t) continue; // the foreign key names a template that does not exist
    if (t.kind !== kind)
      out.push({ path: r.path, ...errors.t('tax_template_choose_one', { name: String(t.name), kind: KIND_TEXT[t.kind], kind2: KIND_TEXT[kind] }) });
    else if (t.disabled) out.push({ path: r.path, ...errors.t('disabled_2', { name: String(t.name) }) });
  }
  return out;
}

/** Splits a tax amount over a template's accounts by their rates (to the cent; the parts add up exactly). */
export function splitTax(amount: Decimal, t: TaxTemplate): { account: number; amount: Decimal }[] {
  const positive = t.lines.filter((l) => l.rate.gt(0));
  if (!positive.length) return amount.isZero() ? [] : [{ account: t.lines[0]!.account, amount }];
  let left = amount;
  return positive.map((l, i) => {
    const part = i === positive.length - 1 ? left : amount.mul(l.rate).div(t.rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    left = left.sub(part);
    return { account: l.account, amount: part };
  });
}

/**
 * Where a line's tax goes: its template's accounts, else the enabled template of the kind
 * whose total rate equals the line's bare percentage, else the default VAT account
 * (settings.accounting.defaults.vat_output / vat_input).
 */
export async function taxPostings(
  ctx: ServiceContext,
  kind: TaxKind,
  lines: { template: number | null | undefined; rate: unknown; amount: Decimal }[],
): Promise<{ account: number; amount: Decimal }[]> {
  const templates = await loadTemplates(
    ctx,
    lines.map((l) => l.template),
  );
  const byRate = new Map<string, TaxTemplate | null>();
  const out: { account: number; amount: Decimal }[] = [];
  for (const l of lines) {
    if (l.amount.isZero()) continue;
    let t = l.template != null ? templates.get(Number(l.template)) : undefined;
    if (!t) {
      const key = D(l.rate).toFixed(2);
      if (!byRate.has(key)) {
        const [hit] = await selectTemplates(ctx, 't.kind = $1 and not t.disabled and t.rate = $2::numeric', [kind, key]);
        byRate.set(key, hit ?? null);
      }
      t = byRate.get(key) ?? undefined;
    }
    if (t) out.push(...splitTax(l.amount, t));
    else out.push({ account: await accountFor(ctx, kind === 'sales' ? 'vat_output' : 'vat_input'), amount: l.amount });
  }
  return out;
}

/** Refuses template references that are not usable, each with its path (for hooks). */
export function throwTemplateProblems(problems: { path: string; message: string }[]): void {
  if (problems.length) throw ledgerError('INVALID_TAX_TEMPLATE', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}
