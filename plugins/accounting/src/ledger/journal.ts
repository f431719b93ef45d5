/**
 * Journal entries: drafts may be unbalanced (the form shows total_debit, total_credit and
 * difference live); submit requires debits = credits to the cent and posts through
 * postVoucher; cancel posts the reversal. Each line is a debit or a credit, not both; a party
 * comes with its type. Only an opening-balance journal may use the temporary opening account.
 */
import { choiceText, Decimal, type EntityHooks, type FieldProblem, type Hook } from '@tessera/core';
import type { GlLine } from '../contract.js';
import { ledgerError } from './errors.js';
import { loadAccounts, postVoucher, reverseVoucher } from './post.js';
import { D } from '@tessera/plugin-kit';
import { errors } from './errors.js';

export const JOURNAL = 'accounting.journal_entry';

function lineProblems(lines: Record<string, any>[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  lines.forEach((l, i) => {
    const d = D(l.debit);
    const c = D(l.credit);
    if (d.gt(0) && c.gt(0)) problems.push({ path: `lines/${i}/credit`, ...errors.t('line_either_debit_credit_split') });
    if (d.isZero() && c.isZero()) problems.push({ path: `lines/${i}/debit`, ...errors.t('enter_debit_credit_amount') });
    if ((l.party_type == null) !== (l.party == null))
      problems.push({ path: `lines/${i}/${l.party == null ? 'party' : 'party_type'}`, ...errors.t('party_type_party_go_together') });
  });
  return problems;
}

/** Where each party type lives (the plugin must be enabled for the type to be used). */
const PARTY_TABLES: Record<string, { plugin: string; table: string }> = {
  customer: { plugin: 'sales', table: 'sales_v_customer' },
  supplier: { plugin: 'purchasing', table: 'purchasing_v_supplier' },
  employee: { plugin: 'hr', table: 'hr_v_employee' },
};

async function partyProblems(args: Parameters<Hook>[0], lines: Record<string, any>[]): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const on = new Set(args.config.plugins);
  for (const [i, l] of lines.entries()) {
    if (l.party_type == null || l.party == null) continue;
    const where = PARTY_TABLES[l.party_type];
    if (!where) continue;
    if (!on.has(where.plugin)) {
      problems.push({
        path: `lines/${i}/party_type`,
        ...errors.t('parties_need_plugin_which_not', {
          party_type: choiceText(args.entity('accounting.payment').model, 'party_type', l.party_type),
          plugin: String(where.plugin),
        }),
      });
      continue;
    }
    const found = await args.sql(`select 1 from ${where.table} where id = $1`, [l.party]);
    if (!found.length)
      problems.push({
        path: `lines/${i}/party`,
        ...errors.t('does_not_exist_2', {
          party_type: choiceText(args.entity('accounting.payment').model, 'party_type', l.party_type),
          party: String(l.party),
        }),
      });
  }
  return problems;
}

const checkDraft: Hook = async (args) => {
  const lines: Record<string, any>[] = args.doc.lines ?? [];
  const problems = [...lineProblems(lines), ...(await partyProblems(args, lines))];
  if (problems.length) throw ledgerError('INVALID_JOURNAL', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
};

const postJournal: Hook = async (args) => {
  const { doc } = args;
  const lines: Record<string, any>[] = doc.lines ?? [];
  const problems = lineProblems(lines);
  if (problems.length) throw ledgerError('INVALID_JOURNAL', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  const debit = lines.reduce((a, l) => a.add(D(l.debit)), new Decimal(0));
  const credit = lines.reduce((a, l) => a.add(D(l.credit)), new Decimal(0));
  if (!debit.eq(credit))
    throw ledgerError(
      'UNBALANCED_VOUCHER',
      errors.t('lines_total_debit_total_credit', {
        value: String(debit.toFixed(2)),
        value2: String(credit.toFixed(2)),
        value3: String(debit.sub(credit).toFixed(2)),
      }),
      [
        {
          path: 'lines',
          ...errors.t('total_debit_total_credit', {
            value: String(debit.toFixed(2)),
            value2: String(credit.toFixed(2)),
            value3: String(debit.sub(credit).toFixed(2)),
          }),
          code: 'unbalanced',
        },
      ],
    );
  if (doc.entry_type !== 'opening') {
    const accounts = await loadAccounts(
      args,
      lines.map((l) => Number(l.account)),
    );
    const temp: FieldProblem[] = [];
    lines.forEach((l, i) => {
      const a = accounts.get(Number(l.account));
      if (a?.account_type === 'temporary')
        temp.push({
          path: `lines/${i}/account`,
          ...errors.t('account_temporary_opening_account_opening', { number: String(a.number) }),
        });
    });
    if (temp.length) throw ledgerError('INVALID_JOURNAL', temp.map((p) => `${p.path}: ${p.message}`).join('; '), temp);
  }
  await postVoucher(args, {
    voucher_type: JOURNAL,
    voucher_id: Number(doc.id),
    voucher_no: doc.number,
    posting_date: doc.posting_date,
    remarks: doc.remarks ?? undefined,
    lines: lines.map(
      (l): GlLine => ({
        account: Number(l.account),
        debit: String(l.debit ?? '0'),
        credit: String(l.credit ?? '0'),
        party_type: l.party_type ?? undefined,
        party: l.party == null ? undefined : Number(l.party),
        cost_center: l.cost_center == null ? undefined : Number(l.cost_center),
        remarks: l.remarks ?? doc.remarks ?? undefined,
      }),
    ),
  });
};

const reverseJournal: Hook = async (args) => {
  await reverseVoucher(args, JOURNAL, Number(args.doc.id ?? args.old?.id));
};

export const journalHooks: Record<string, EntityHooks> = {
  journal_entry: { beforeCreate: checkDraft, beforeUpdate: checkDraft, beforeSubmit: postJournal, beforeCancel: reverseJournal },
};
