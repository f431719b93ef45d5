/**
 * Stock entries (receipt, issue, transfer, opening stock) and stock reconciliations (counts):
 * line checks while drafting, ledger postings on submit, reversing entries on cancel.
 */
import { Decimal, type Doc, type EntityHooks, type Hook, type HookArgs } from '@tessera/core';
import { postStock, reconcileStock, reverseStock, RATE_SCALE, type StockMove } from './stock.js';
import { applyLineUnits, throwProblems, type UomProblem } from './uom.js';
import { stockWarehouseProblems } from './checks.js';
import { errors } from '../errors.js';

/** A stock entry's purpose in a message, in both languages ("for receipt" / "pajamavimui"). */
const PURPOSE_LT: Record<string, string> = { receipt: 'pajamavimui', issue: 'nurašymui', transfer: 'perkėlimui', opening_stock: 'pradiniams likučiams' };
const purposeText = (purpose: string) => ({ en: purpose.replace('_', ' '), lt: PURPOSE_LT[purpose] ?? purpose });

export const STOCK_ENTRY = 'inventory.stock_entry';
export const STOCK_RECONCILIATION = 'inventory.stock_reconciliation';

const needsSource = (purpose: string) => purpose === 'issue' || purpose === 'transfer';
const needsTarget = (purpose: string) => purpose !== 'issue';

/** Stock warehouses (see checks.ts); a missing one is the reference check's. */
const warehouseProblems = (args: HookArgs, refs: { path: string; id: number }[]) => stockWarehouseProblems(args, refs, { missing: false });

/** Fills line warehouses from the header and units from the item, and checks them against the purpose. */
const prepareStockEntry: Hook = async (args) => {
  const { doc } = args;
  const lines: Doc[] = doc.lines ?? [];
  const purpose: string = doc.purpose;
  const problems: UomProblem[] = [];
  const whRefs: { path: string; id: number }[] = [];
  lines.forEach((l, i) => {
    if (needsSource(purpose)) l.source_warehouse ??= doc.from_warehouse ?? null;
    else l.source_warehouse = null;
    if (needsTarget(purpose)) l.target_warehouse ??= doc.to_warehouse ?? null;
    else l.target_warehouse = null;
    if (needsSource(purpose) && l.source_warehouse == null)
      problems.push({
        path: `lines/${i}/source_warehouse`,
        ...errors.t('required_set_default_source_warehouse', {
          value: { en: purpose === 'issue' ? 'an issue' : 'a transfer', lt: purposeText(purpose).lt },
        }),
      });
    if (needsTarget(purpose) && l.target_warehouse == null)
      problems.push({
        path: `lines/${i}/target_warehouse`,
        ...errors.t('required_set_default_target_warehouse', {
          value: purposeText(purpose),
        }),
      });
    if (purpose === 'transfer' && l.source_warehouse != null && l.source_warehouse === l.target_warehouse)
      problems.push({ path: `lines/${i}/target_warehouse`, ...errors.t('differ_from_source_warehouse') });
    if (l.source_warehouse != null) whRefs.push({ path: `lines/${i}/source_warehouse`, id: Number(l.source_warehouse) });
    if (l.target_warehouse != null) whRefs.push({ path: `lines/${i}/target_warehouse`, id: Number(l.target_warehouse) });
    if (!needsSource(purpose) && l.rate == null)
      problems.push({
        path: `lines/${i}/rate`,
        ...errors.t('required_goods_come_rate', {
          value: purposeText(purpose),
        }),
      });
  });
  problems.push(...(await warehouseProblems(args, whRefs)));
  problems.push(...(await applyLineUnits(args, lines, 'lines')));
  const nonStock = await args.sql<{ id: number; code: string }>(`select id, code from inventory_item where id = any($1) and not is_stock_item`, [
    lines.map((l) => l.item),
  ]);
  const nonStockIds = new Map(nonStock.map((r) => [Number(r.id), r.code]));
  lines.forEach((l, i) => {
    if (nonStockIds.has(Number(l.item)))
      problems.push({ path: `lines/${i}/item`, ...errors.t('not_stock_item', { value: String(nonStockIds.get(Number(l.item))) }) });
  });
  throwProblems('INVALID_STOCK_ENTRY', problems);
};

/** Rate per stock unit from a rate per line unit. */
function perStockUnit(rate: string, conversionFactor: string): string {
  return new Decimal(rate).div(conversionFactor).toDecimalPlaces(RATE_SCALE).toFixed();
}

/** Posts the entry's lines to the stock ledger and records the valuation each line moved at. */
const postStockEntry: Hook = async (args) => {
  const { doc } = args;
  const base = {
    voucherType: STOCK_ENTRY,
    voucherId: doc.id as number,
    voucherNo: doc.number as string,
    postingDate: doc.posting_date as string,
    postingTime: doc.posting_time ?? undefined,
  };
  let total = new Decimal(0);
  const lineValues: { collection: string; id: number; values: Doc }[] = [];
  for (const [i, l] of (doc.lines as Doc[]).entries()) {
    const qty = String(l.stock_qty);
    let value: Decimal;
    let rate: Decimal;
    if (doc.purpose === 'issue') {
      const [out] = await postStock(args, [
        { ...base, item: l.item, warehouse: l.source_warehouse, qty: new Decimal(qty).negated().toFixed(), voucherLine: l.id, path: `lines/${i}/qty` },
      ]);
      value = out!.valueChange.negated();
      rate = out!.rate;
    } else if (doc.purpose === 'transfer') {
      const [out] = await postStock(args, [
        { ...base, item: l.item, warehouse: l.source_warehouse, qty: new Decimal(qty).negated().toFixed(), voucherLine: l.id, path: `lines/${i}/qty` },
      ]);
      const move: StockMove = {
        ...base,
        item: l.item,
        warehouse: l.target_warehouse,
        qty,
        incomingRate: out!.rate.toFixed(),
        voucherLine: l.id,
        path: `lines/${i}/qty`,
      };
      await postStock(args, [move]);
      value = out!.valueChange.negated();
      rate = out!.rate;
    } else {
      const [inn] = await postStock(args, [
        {
          ...base,
          item: l.item,
          warehouse: l.target_warehouse,
          qty,
          incomingRate: perStockUnit(l.rate, l.conversion_factor),
          voucherLine: l.id,
          path: `lines/${i}/qty`,
        },
      ]);
      value = inn!.valueChange;
      rate = inn!.rate;
    }
    total = total.add(value);
    lineValues.push({ collection: 'lines', id: Number(l.id), values: { valuation_rate: rate.toFixed(), value: value.toFixed() } });
  }
  await args.entity(STOCK_ENTRY).setServerFields(doc.id, { total_value: total.toFixed() }, lineValues);
};

const reverseStockEntry: Hook = async (args) => {
  await reverseStock(args, STOCK_ENTRY, args.doc.id);
};

const prepareReconciliation: Hook = async (args) => {
  const lines: Doc[] = args.doc.lines ?? [];
  const problems: UomProblem[] = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const key = `${l.item}:${l.warehouse}`;
    if (seen.has(key)) problems.push({ path: `lines/${i}/item`, ...errors.t('counted_twice_warehouse') });
    seen.add(key);
  });
  problems.push(
    ...(await warehouseProblems(
      args,
      lines.map((l, i) => ({ path: `lines/${i}/warehouse`, id: Number(l.warehouse) })),
    )),
  );
  const nonStock = await args.sql<{ id: number; code: string }>(`select id, code from inventory_item where id = any($1) and not is_stock_item`, [
    lines.map((l) => l.item),
  ]);
  const codes = new Map(nonStock.map((r) => [Number(r.id), r.code]));
  lines.forEach((l, i) => {
    if (codes.has(Number(l.item))) problems.push({ path: `lines/${i}/item`, ...errors.t('not_stock_item', { value: String(codes.get(Number(l.item))) }) });
  });
  throwProblems('INVALID_STOCK_RECONCILIATION', problems);
};

/** Posts each count's difference and records the balance it found and the difference posted. */
const postReconciliation: Hook = async (args) => {
  const { doc } = args;
  let total = new Decimal(0);
  const lineValues: { collection: string; id: number; values: Doc }[] = [];
  for (const [i, l] of (doc.lines as Doc[]).entries()) {
    const [before] = await args.sql<{ actual_qty: string; valuation_rate: string }>(
      `select actual_qty, valuation_rate from inventory_bin where item = $1 and warehouse = $2`,
      [l.item, l.warehouse],
    );
    const [p] = await reconcileStock(args, [
      {
        item: l.item,
        warehouse: l.warehouse,
        qty: l.qty,
        valuationRate: l.valuation_rate ?? undefined,
        voucherType: STOCK_RECONCILIATION,
        voucherId: doc.id,
        voucherNo: doc.number,
        voucherLine: l.id,
        postingDate: doc.posting_date,
        postingTime: doc.posting_time ?? undefined,
        path: `lines/${i}/qty`,
      },
    ]);
    total = total.add(p!.valueChange);
    lineValues.push({
      collection: 'lines',
      id: Number(l.id),
      values: {
        current_qty: before?.actual_qty ?? '0',
        current_valuation_rate: before?.valuation_rate ?? '0',
        qty_difference: p!.qty.toFixed(),
        value_difference: p!.valueChange.toFixed(),
      },
    });
  }
  await args.entity(STOCK_RECONCILIATION).setServerFields(doc.id, { value_difference: total.toFixed() }, lineValues);
};

const reverseReconciliation: Hook = async (args) => {
  await reverseStock(args, STOCK_RECONCILIATION, args.doc.id);
};

export const documentHooks: Record<string, EntityHooks> = {
  stock_entry: {
    beforeCreate: prepareStockEntry,
    beforeUpdate: prepareStockEntry,
    beforeSubmit: prepareStockEntry,
    afterSubmit: postStockEntry,
    afterCancel: reverseStockEntry,
  },
  stock_reconciliation: {
    beforeCreate: prepareReconciliation,
    beforeUpdate: prepareReconciliation,
    beforeSubmit: prepareReconciliation,
    afterSubmit: postReconciliation,
    afterCancel: reverseReconciliation,
  },
};
