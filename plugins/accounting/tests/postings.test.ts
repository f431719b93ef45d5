/**
 * The posting rules, one describe per document type, through the documents' own API (never
 * direct GL writes): each posts its entries to the cent on submit (or, for work orders, on
 * each action), and cancel posts the exact reversal; after every test the trial balance is
 * zero, the daily balances equal the entries, and each stock account equals the stock value
 * of its warehouses. Generic chart: 1300 stock, 1310 WIP, 2120 SRNB, 2110 payables,
 * 1200 receivables, 4100 income, 5100 COGS, 5110 stock adjustment, 5120 price difference,
 * 5290 other expenses, 1400 input VAT, 2200 output VAT, 3900 temporary opening.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;
let nos: number;
let stores: number;
let wip: number;
let fg: number;
let supplier: number;
let customer: number;
const items: Record<string, number> = {};
const acc: Record<string, number> = {};
const DAY = '2026-11-02';

const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const create = (path: string, body: unknown) => post(path, body, 201);

type Entry = [number: string, side: 'Dr' | 'Cr', amount: string, party?: string];

/** Live entries of a voucher as [account number, Dr|Cr, amount, party], sorted. */
async function entries(type: string, id: number, which: 'live' | 'reversal' = 'live'): Promise<Entry[]> {
  const rows = (
    await t.db.query(
      `select a.number, g.debit::text as debit, g.credit::text as credit, g.party_type, g.party
         from accounting_gl_entry g join accounting_account a on a.id = g.account
        where g.voucher_type = $1 and g.voucher_id = $2 and g.is_reversal = $3
          and ($3 or not exists (select 1 from accounting_gl_entry r where r.reverses = g.id))
        order by g.id`,
      [type, id, which === 'reversal'],
    )
  ).rows;
  return rows
    .map((r: any): Entry => {
      const e: Entry = Number(r.debit) > 0 ? [r.number, 'Dr', r.debit] : [r.number, 'Cr', r.credit];
      if (r.party_type) e.push(`${r.party_type}:${r.party}`);
      return e;
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const sorted = (e: Entry[]) => [...e].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const flip = (e: Entry[]) => sorted(e.map(([n, s, a, p]) => (p ? [n, s === 'Dr' ? 'Cr' : 'Dr', a, p] : [n, s === 'Dr' ? 'Cr' : 'Dr', a]) as Entry));

/** Every entry the voucher ever had, reversed exactly once, and nothing live left. */
async function expectReversed(type: string, id: number, posted: Entry[]): Promise<void> {
  expect(await entries(type, id)).toEqual([]);
  expect(await entries(type, id, 'reversal')).toEqual(flip(posted));
  const net = (
    await t.db.query(
      `select account, sum(debit - credit)::text as net from accounting_gl_entry where voucher_type = $1 and voucher_id = $2 group by account having sum(debit - credit) <> 0`,
      [type, id],
    )
  ).rows;
  expect(net).toEqual([]);
}

async function ledgerInvariants(): Promise<void> {
  const [tb] = (await t.db.query(`select coalesce(sum(debit), 0)::text as dr, coalesce(sum(credit), 0)::text as cr from accounting_gl_entry`)).rows;
  expect(tb.dr).toBe(tb.cr);
  const daily = (
    await t.db.query(
      `select coalesce(g.account, b.account) as account, coalesce(g.day, b.posting_date) as day, g.dr, g.cr, b.debit, b.credit
         from (select account, posting_date as day, sum(debit) as dr, sum(credit) as cr from accounting_gl_entry group by 1, 2) g
         full join accounting_account_balance b on b.account = g.account and b.posting_date = g.day
        where g.dr is distinct from b.debit or g.cr is distinct from b.credit`,
    )
  ).rows;
  expect(daily).toEqual([]);
  // each stock account = the stock value of its warehouses (Stores and FG on 1300, WIP mapped to 1310)
  const stock = async (whs: number[]) =>
    (await t.db.query(`select coalesce(sum(stock_value), 0)::numeric(21,2)::text as v from inventory_bin where warehouse = any($1)`, [whs])).rows[0].v;
  const balance = async (n: string) =>
    (await t.db.query(`select coalesce(sum(debit - credit), 0)::numeric(21,2)::text as v from accounting_gl_entry where account = $1`, [acc[n]])).rows[0].v;
  expect(await balance('1300')).toBe(await stock([stores, fg]));
  expect(await balance('1310')).toBe(await stock([wip]));
}

async function item(code: string, extra: Record<string, unknown> = {}) {
  items[code] = (await create('/api/inventory/item', { code, name: `Item ${code}`, stock_uom: nos, ...extra })).id;
  return items[code]!;
}

const stockEntry = async (body: Record<string, unknown>) => {
  const e = await create('/api/inventory/stock_entry', { posting_date: DAY, ...body });
  return post(`/api/inventory/stock_entry/${e.id}/submit`);
};

beforeAll(async () => {
  t = await startApp({
    plugins: ['inventory', 'purchasing', 'crm', 'sales', 'production', 'accounting'],
    settings: { purchasing: { over_billing_allowance: 10 } },
  } as any);
  for (const r of (await t.db.query(`select id, number from accounting_account`)).rows) acc[r.number] = Number(r.id);
  nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  const root = (await create('/api/inventory/warehouse', { name: 'All', is_group: true })).id;
  stores = (await create('/api/inventory/warehouse', { name: 'Stores', parent: root })).id;
  wip = (await create('/api/inventory/warehouse', { name: 'WIP', parent: root })).id;
  fg = (await create('/api/inventory/warehouse', { name: 'Finished goods', parent: root })).id;
  await create('/api/accounting/warehouse_account', { warehouse: wip, account: acc['1310'] });
  supplier = (await create('/api/purchasing/supplier', { name: 'Baltic Fasteners', code: 'BF' })).id;
  customer = (await create('/api/sales/customer', { name: 'Žuko Statyba', tax_rate: '21', default_warehouse: stores })).id;
  for (const code of ['NUT', 'BOLT', 'LEG', 'TOP', 'TABLE']) await item(code, { default_warehouse: stores });
  await item('CONSULT', { is_stock_item: false });
});

afterEach(async () => {
  if (t) await ledgerInvariants();
});

afterAll(async () => {
  await t?.close();
});

describe('goods receipt: Stock Dr / SRNB Cr at the stock value received', () => {
  it('posts on submit and reverses exactly on cancel', async () => {
    const po = await create('/api/purchasing/purchase_order', {
      supplier,
      order_date: DAY,
      set_warehouse: stores,
      lines: [{ item: items.NUT, qty: '3', rate: '7.00' }],
    });
    await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    const gr = await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: DAY });
    await post(`/api/purchasing/goods_receipt/${gr.id}/submit`);
    const posted: Entry[] = [
      ['1300', 'Dr', '21.00'],
      ['2120', 'Cr', '21.00'],
    ];
    expect(await entries('purchasing.goods_receipt', gr.id)).toEqual(sorted(posted));
    await post(`/api/purchasing/goods_receipt/${gr.id}/cancel`);
    await expectReversed('purchasing.goods_receipt', gr.id, posted);
  });
});

describe('supplier invoice: SRNB Dr at the receipt value, price difference, expense for non-stock lines, input VAT Dr / Payables Cr', () => {
  let po: any;
  let gr: any;

  it('the receipt of 10 NUT @ 10.00 posts 100.00', async () => {
    po = await create('/api/purchasing/purchase_order', {
      supplier,
      order_date: DAY,
      set_warehouse: stores,
      lines: [
        { item: items.NUT, qty: '10', rate: '10.00' },
        { item: items.CONSULT, qty: '1', rate: '50.00' },
      ],
    });
    po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    gr = await create('/api/purchasing/goods_receipt', {
      purchase_order: po.id,
      posting_date: DAY,
      lines: [{ purchase_order_line: po.lines[0].id, qty: '10' }],
    });
    await post(`/api/purchasing/goods_receipt/${gr.id}/submit`);
    expect(await entries('purchasing.goods_receipt', gr.id)).toEqual(
      sorted([
        ['1300', 'Dr', '100.00'],
        ['2120', 'Cr', '100.00'],
      ]),
    );
  });

  it('an invoice at 10.50 with VAT 21 %: SRNB 100.00 + price difference 5.00, expense 50.00, VAT 32.55, payables 187.55; cancel reverses', async () => {
    const vat21 = (await t.db.query(`select id from accounting_tax_template where kind = 'purchase' and code = 'VAT21'`)).rows[0].id;
    const inv = await create('/api/purchasing/supplier_invoice', {
      supplier,
      purchase_order: po.id,
      posting_date: DAY,
      bill_no: 'BF-77',
      tax_template: vat21,
      lines: [
        { purchase_order_line: po.lines[0].id, qty: '10', rate: '10.50' },
        { purchase_order_line: po.lines[1].id, qty: '1' },
      ],
    });
    expect(inv).toMatchObject({ total: '155.00', tax_total: '32.55', grand_total: '187.55' });
    expect(inv.lines.map((l: any) => [l.tax_rate, l.tax_amount])).toEqual([
      ['21.00', '22.05'],
      ['21.00', '10.50'],
    ]);
    await post(`/api/purchasing/supplier_invoice/${inv.id}/submit`);
    const posted: Entry[] = [
      ['2120', 'Dr', '100.00'],
      ['5120', 'Dr', '5.00'],
      ['5290', 'Dr', '50.00'],
      ['1400', 'Dr', '32.55'],
      ['2110', 'Cr', '187.55', `supplier:${supplier}`],
    ];
    expect(await entries('purchasing.supplier_invoice', inv.id)).toEqual(sorted(posted));
    await post(`/api/purchasing/supplier_invoice/${inv.id}/cancel`);
    await expectReversed('purchasing.supplier_invoice', inv.id, posted);
  });

  it('an invoice without a template and at the order rate clears SRNB exactly (no VAT, no difference)', async () => {
    const inv = await create('/api/purchasing/supplier_invoice', {
      supplier,
      purchase_order: po.id,
      posting_date: DAY,
      lines: [{ purchase_order_line: po.lines[0].id, qty: '10' }],
    });
    expect(inv).toMatchObject({ total: '100.00', tax_total: '0.00', grand_total: '100.00' });
    await post(`/api/purchasing/supplier_invoice/${inv.id}/submit`);
    expect(await entries('purchasing.supplier_invoice', inv.id)).toEqual(
      sorted([
        ['2120', 'Dr', '100.00'],
        ['2110', 'Cr', '100.00', `supplier:${supplier}`],
      ]),
    );
    const srnb = (await t.db.query(`select sum(debit - credit)::text as v from accounting_gl_entry where account = $1`, [acc['2120']])).rows[0].v;
    expect(srnb).toBe('0.00');
  });
});

describe('a purchase in another currency', () => {
  it("posts at the order's exchange rate; the payable keeps the invoice currency amount and the rate", async () => {
    const vat21 = (await t.db.query(`select id from accounting_tax_template where kind = 'purchase' and code = 'VAT21'`)).rows[0].id;
    const washer = await item('WASHER', { default_warehouse: stores });
    let po = await create('/api/purchasing/purchase_order', {
      supplier,
      order_date: DAY,
      set_warehouse: stores,
      currency: 'USD',
      exchange_rate: '0.9',
      tax_template: vat21,
      lines: [{ item: washer, qty: '10', rate: '10.00' }],
    });
    po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    const gr = await post(`/api/purchasing/purchase_order/${po.id}/actions/receive`, { posting_date: DAY });
    await post(`/api/purchasing/goods_receipt/${gr.id}/submit`);
    expect(await entries('purchasing.goods_receipt', gr.id)).toEqual(
      sorted([
        ['1300', 'Dr', '90.00'],
        ['2120', 'Cr', '90.00'],
      ]),
    );
    const inv = await post(`/api/purchasing/purchase_order/${po.id}/actions/bill`, { posting_date: DAY, submit: true });
    expect(inv).toMatchObject({ currency: 'USD', total: '100.00', tax_total: '21.00', grand_total: '121.00' });
    expect(await entries('purchasing.supplier_invoice', inv.id)).toEqual(
      sorted([
        ['2120', 'Dr', '90.00'],
        ['1400', 'Dr', '18.90'],
        ['2110', 'Cr', '108.90', `supplier:${supplier}`],
      ]),
    );
    const [payable] = (
      await t.db.query(
        `select currency, exchange_rate::text as rate, credit_in_currency::text as fc from accounting_gl_entry where voucher_type = 'purchasing.supplier_invoice' and voucher_id = $1 and account = $2`,
        [inv.id, acc['2110']],
      )
    ).rows;
    expect(payable).toEqual({ currency: 'USD', rate: expect.stringMatching(/^0\.90*$/), fc: '121.00' });
    await post(`/api/purchasing/supplier_invoice/${inv.id}/cancel`);
    await expectReversed('purchasing.supplier_invoice', inv.id, [
      ['2120', 'Dr', '90.00'],
      ['1400', 'Dr', '18.90'],
      ['2110', 'Cr', '108.90', `supplier:${supplier}`],
    ]);
    const [reversed] = (
      await t.db.query(
        `select debit_in_currency::text as fc from accounting_gl_entry where voucher_type = 'purchasing.supplier_invoice' and voucher_id = $1 and account = $2 and is_reversal`,
        [inv.id, acc['2110']],
      )
    ).rows;
    expect(reversed.fc).toBe('121.00');
  });
});

describe('delivery: COGS Dr / Stock Cr at the valuation value; sales invoice: Receivables Dr / Income Cr / output VAT Cr', () => {
  let order: any;

  it('delivering 4 NUT valued at 10.00 posts 40.00; cancel reverses', async () => {
    order = await create('/api/sales/sales_order', { customer, order_date: DAY, lines: [{ item: items.NUT, qty: '4', rate: '25.00', warehouse: stores }] });
    order = await post(`/api/sales/sales_order/${order.id}/submit`);
    const first = await post(`/api/sales/sales_order/${order.id}/actions/make_delivery`, { posting_date: DAY, submit: true });
    const posted: Entry[] = [
      ['5100', 'Dr', '40.00'],
      ['1300', 'Cr', '40.00'],
    ];
    expect(await entries('sales.delivery', first.id)).toEqual(sorted(posted));
    await post(`/api/sales/delivery/${first.id}/cancel`);
    await expectReversed('sales.delivery', first.id, posted);
    const again = await post(`/api/sales/sales_order/${order.id}/actions/make_delivery`, { posting_date: DAY, submit: true });
    expect(await entries('sales.delivery', again.id)).toEqual(sorted(posted));
  });

  it("invoicing 4 @ 25.00 with the customer's bare 21 %: receivables 121.00 (party), income 100.00, output VAT 21.00 on the 21 % template's account; cancel reverses", async () => {
    const inv = await post(`/api/sales/sales_order/${order.id}/actions/make_invoice`, { posting_date: DAY, submit: true });
    expect(inv).toMatchObject({ net_total: '100.00', tax_total: '21.00', grand_total: '121.00' });
    const posted: Entry[] = [
      ['1200', 'Dr', '121.00', `customer:${customer}`],
      ['4100', 'Cr', '100.00'],
      ['2200', 'Cr', '21.00'],
    ];
    expect(await entries('sales.sales_invoice', inv.id)).toEqual(sorted(posted));
    await post(`/api/sales/sales_invoice/${inv.id}/cancel`);
    await expectReversed('sales.sales_invoice', inv.id, posted);
  });
});

describe('stock entries and counts', () => {
  it('receipt: Stock Dr / stock adjustment Cr; cancel reverses', async () => {
    const e = await stockEntry({ purpose: 'receipt', to_warehouse: stores, lines: [{ item: items.BOLT, qty: '10', rate: '2.00' }] });
    const posted: Entry[] = [
      ['1300', 'Dr', '20.00'],
      ['5110', 'Cr', '20.00'],
    ];
    expect(await entries('inventory.stock_entry', e.id)).toEqual(sorted(posted));
    await post(`/api/inventory/stock_entry/${e.id}/cancel`);
    await expectReversed('inventory.stock_entry', e.id, posted);
  });

  it('opening stock: Stock Dr / the temporary opening account Cr', async () => {
    const e = await stockEntry({ purpose: 'opening_stock', to_warehouse: stores, lines: [{ item: items.BOLT, qty: '10', rate: '2.00' }] });
    expect(await entries('inventory.stock_entry', e.id)).toEqual(
      sorted([
        ['1300', 'Dr', '20.00'],
        ['3900', 'Cr', '20.00'],
      ]),
    );
  });

  it('issue: expense Dr (the default, or the named difference account) / Stock Cr; cancel reverses', async () => {
    const e = await stockEntry({ purpose: 'issue', from_warehouse: stores, lines: [{ item: items.BOLT, qty: '1' }] });
    expect(await entries('inventory.stock_entry', e.id)).toEqual(
      sorted([
        ['5290', 'Dr', '2.00'],
        ['1300', 'Cr', '2.00'],
      ]),
    );
    const named = await stockEntry({ purpose: 'issue', from_warehouse: stores, difference_account: acc['5220'], lines: [{ item: items.BOLT, qty: '2' }] });
    const posted: Entry[] = [
      ['5220', 'Dr', '4.00'],
      ['1300', 'Cr', '4.00'],
    ];
    expect(await entries('inventory.stock_entry', named.id)).toEqual(sorted(posted));
    await post(`/api/inventory/stock_entry/${named.id}/cancel`);
    await expectReversed('inventory.stock_entry', named.id, posted);
  });

  it('a difference account that cannot take postings is refused naming difference_account; nothing is written', async () => {
    const before = (await t.db.query(`select count(*)::int as n from inventory_stock_entry`)).rows[0].n;
    const group = await t.req('POST', '/api/inventory/stock_entry', {
      purpose: 'issue',
      posting_date: DAY,
      from_warehouse: stores,
      difference_account: acc['5200'],
      lines: [{ item: items.BOLT, qty: '1' }],
    });
    expect(group.status).toBe(422);
    expect(group.body.error.code).toBe('ACCOUNT_IS_GROUP');
    expect(group.body.error.details).toEqual([
      {
        path: 'difference_account',
        message: 'account 5200 Operating expenses is a group account: choose one of its ledger accounts',
        key: 'accounting.group_account_choose_one_ledger',
        params: { label: 'account 5200 Operating expenses' },
      },
    ]);
    const transfer = await t.req('POST', '/api/inventory/stock_entry', {
      purpose: 'transfer',
      posting_date: DAY,
      from_warehouse: stores,
      to_warehouse: fg,
      difference_account: acc['5220'],
      lines: [{ item: items.BOLT, qty: '1' }],
    });
    expect(transfer.status).toBe(422);
    expect(transfer.body.error.details[0].path).toBe('difference_account');
    expect((await t.db.query(`select count(*)::int as n from inventory_stock_entry`)).rows[0].n).toBe(before);
  });

  it('transfer: nothing between warehouses on one stock account; WIP Dr / Stock Cr when the target has its own', async () => {
    const same = await stockEntry({ purpose: 'transfer', from_warehouse: stores, to_warehouse: fg, lines: [{ item: items.BOLT, qty: '1' }] });
    expect(await entries('inventory.stock_entry', same.id)).toEqual([]);
    const own = await stockEntry({ purpose: 'transfer', from_warehouse: stores, to_warehouse: wip, lines: [{ item: items.BOLT, qty: '3' }] });
    const posted: Entry[] = [
      ['1310', 'Dr', '6.00'],
      ['1300', 'Cr', '6.00'],
    ];
    expect(await entries('inventory.stock_entry', own.id)).toEqual(sorted(posted));
    await post(`/api/inventory/stock_entry/${own.id}/cancel`);
    await expectReversed('inventory.stock_entry', own.id, posted);
  });

  it('reconciliation: the value change against stock adjustment (a loss Dr, a gain Cr); cancel reverses', async () => {
    // BOLT in Stores: 10 - 1 - 1 (to FG) = 8 @ 2.00 = 16.00; counted 6 @ 2.00 -> loss 4.00
    const loss = await create('/api/inventory/stock_reconciliation', { posting_date: DAY, lines: [{ item: items.BOLT, warehouse: stores, qty: '6' }] });
    await post(`/api/inventory/stock_reconciliation/${loss.id}/submit`);
    const posted: Entry[] = [
      ['5110', 'Dr', '4.00'],
      ['1300', 'Cr', '4.00'],
    ];
    expect(await entries('inventory.stock_reconciliation', loss.id)).toEqual(sorted(posted));
    await post(`/api/inventory/stock_reconciliation/${loss.id}/cancel`);
    await expectReversed('inventory.stock_reconciliation', loss.id, posted);
    // counted 8 at a new rate 2.50: 20.00 against 16.00 -> gain 4.00
    const gain = await create('/api/inventory/stock_reconciliation', {
      posting_date: DAY,
      lines: [{ item: items.BOLT, warehouse: stores, qty: '8', valuation_rate: '2.50' }],
    });
    await post(`/api/inventory/stock_reconciliation/${gain.id}/submit`);
    expect(await entries('inventory.stock_reconciliation', gain.id)).toEqual(
      sorted([
        ['1300', 'Dr', '4.00'],
        ['5110', 'Cr', '4.00'],
      ]),
    );
  });
});

describe('manufacturing: components to WIP, finished goods at the consumed value', () => {
  it('transfer posts WIP Dr / Stock Cr, each manufacture Finished goods Dr / WIP Cr on its own date; cancel reverses all', async () => {
    await stockEntry({
      purpose: 'receipt',
      to_warehouse: stores,
      lines: [
        { item: items.LEG, qty: '8', rate: '5.00' },
        { item: items.TOP, qty: '2', rate: '30.00' },
      ],
    });
    await create('/api/production/bom', {
      item: items.TABLE,
      quantity: '1',
      items: [
        { item: items.LEG, qty: '4' },
        { item: items.TOP, qty: '1' },
      ],
    });
    let wo = await create('/api/production/work_order', {
      item: items.TABLE,
      qty: '2',
      source_warehouse: stores,
      wip_warehouse: wip,
      fg_warehouse: fg,
      planned_start_date: DAY,
    });
    wo = await post(`/api/production/work_order/${wo.id}/submit`);
    expect(await entries('production.work_order', wo.id)).toEqual([]);
    await post(`/api/production/work_order/${wo.id}/actions/transfer`, { posting_date: '2026-11-03' });
    expect(await entries('production.work_order', wo.id)).toEqual(
      sorted([
        ['1310', 'Dr', '100.00'],
        ['1300', 'Cr', '100.00'],
      ]),
    );
    await post(`/api/production/work_order/${wo.id}/actions/manufacture`, { qty: '1', posting_date: '2026-11-04' });
    await post(`/api/production/work_order/${wo.id}/actions/manufacture`, { qty: '1', posting_date: '2026-11-05' });
    const dated = (
      await t.db.query(
        `select to_char(posting_date, 'YYYY-MM-DD') as d, sum(debit)::text as dr from accounting_gl_entry where voucher_type = 'production.work_order' and voucher_id = $1 group by 1 order by 1`,
        [wo.id],
      )
    ).rows;
    expect(dated).toEqual([
      { d: '2026-11-03', dr: '100.00' },
      { d: '2026-11-04', dr: '50.00' },
      { d: '2026-11-05', dr: '50.00' },
    ]);
    const posted: Entry[] = [
      ['1310', 'Dr', '100.00'],
      ['1300', 'Cr', '100.00'],
      ['1300', 'Dr', '50.00'],
      ['1310', 'Cr', '50.00'],
      ['1300', 'Dr', '50.00'],
      ['1310', 'Cr', '50.00'],
    ];
    expect(await entries('production.work_order', wo.id)).toEqual(sorted(posted));
    await post(`/api/production/work_order/${wo.id}/cancel`);
    await expectReversed('production.work_order', wo.id, posted);
  });
});

describe('a document dated in a closed period', () => {
  it('is refused on submit with PERIOD_CLOSED naming the period; it stays a draft and neither stock nor ledger moves', async () => {
    const jan = (await t.db.query(`select id from accounting_accounting_period where name = '2026-01'`)).rows[0].id;
    ok(await t.req('PATCH', `/api/accounting/accounting_period/${jan}`, { status: 'closed' }));
    const stockRows = (await t.db.query(`select count(*)::int as n from inventory_stock_ledger_entry`)).rows[0].n;
    const glRows = (await t.db.query(`select count(*)::int as n from accounting_gl_entry`)).rows[0].n;
    const e = await create('/api/inventory/stock_entry', {
      purpose: 'receipt',
      posting_date: '2026-01-15',
      to_warehouse: stores,
      lines: [{ item: items.BOLT, qty: '1', rate: '2.00' }],
    });
    const r = await t.req('POST', `/api/inventory/stock_entry/${e.id}/submit`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('PERIOD_CLOSED');
    expect(r.body.error.message).toContain('2026-01');
    expect((await t.req('GET', `/api/inventory/stock_entry/${e.id}`)).body.docstatus).toBe('draft');
    expect((await t.db.query(`select count(*)::int as n from inventory_stock_ledger_entry`)).rows[0].n).toBe(stockRows);
    expect((await t.db.query(`select count(*)::int as n from accounting_gl_entry`)).rows[0].n).toBe(glRows);
    ok(await t.req('PATCH', `/api/accounting/accounting_period/${jan}`, { status: 'open' }));
  });
});
