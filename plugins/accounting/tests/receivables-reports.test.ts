/**
 * Ageing, statement of account and cash forecast from the ledger, and the control accounts
 * agreeing with the ageing at three dates; the bank: IBAN checks, a CSV and a camt.053
 * statement imported (twice: nothing doubles), suggestions, one-click match, a payment created
 * for an unmatched line, and the reconciliation report explaining book vs statement.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';

let t: TestApp;
let main: number;
let nut: number;
let alpha: number;
let beta: number;
let supplier: number;
const acc: Record<string, number> = {};

const ok = (r: { status: number; body: any }, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};
const post = async (path: string, body: unknown = {}, status = 200) => ok(await t.req('POST', path, body), status);
const get = async (path: string) => ok(await t.req('GET', path));

async function salesInvoice(who: number, amount: string, date: string, due?: string) {
  let so = await post('/api/sales/sales_order', { customer: who, order_date: date, lines: [{ item: nut, qty: '1', rate: amount }] }, 201);
  so = await post(`/api/sales/sales_order/${so.id}/submit`);
  const inv = await post(`/api/sales/sales_order/${so.id}/actions/make_invoice`, { posting_date: date, basis: 'ordered' });
  if (due) ok(await t.req('PATCH', `/api/sales/sales_invoice/${inv.id}`, { due_date: due }));
  return post(`/api/sales/sales_invoice/${inv.id}/submit`);
}

async function control(number: string, date: string): Promise<string> {
  return (
    await t.db.query(`select coalesce(sum(debit - credit), 0)::numeric(21,2)::text as v from accounting_gl_entry where account = $1 and posting_date <= $2`, [
      acc[number],
      date,
    ])
  ).rows[0].v;
}

beforeAll(async () => {
  t = await startApp({
    plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'],
    // reads only the entries it created (none: postings belong to no user)
    roles: {
      'recv.own': {
        label: 'Own entries',
        permissions: { 'accounting.gl_entry': ['read'], 'accounting.account': ['read'] },
        rows: { 'accounting.gl_entry': 'own' },
      },
    },
  } as any);
  for (const r of (await t.db.query(`select id, number from accounting_account`)).rows) acc[r.number] = Number(r.id);
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  main = (await post('/api/inventory/warehouse', { name: 'Main' }, 201)).id;
  nut = (await post('/api/inventory/item', { code: 'SVC', name: 'Service', stock_uom: nos, is_stock_item: false }, 201)).id;
  alpha = (await post('/api/sales/customer', { name: 'Alfa UAB', tax_rate: '0', default_warehouse: main }, 201)).id;
  beta = (await post('/api/sales/customer', { name: 'Beta MB', tax_rate: '0', default_warehouse: main }, 201)).id;
  supplier = (await post('/api/purchasing/supplier', { name: 'Tiekėjas UAB', code: 'TK' }, 201)).id;
  // Alfa: 100 due 09-10, 200 due 10-20, 300 due 12-15; Beta: 50 due 08-01 (long overdue), an advance of 20.
  await salesInvoice(alpha, '100.00', '2026-09-01', '2026-09-10');
  const a2 = await salesInvoice(alpha, '200.00', '2026-10-01', '2026-10-20');
  await salesInvoice(alpha, '300.00', '2026-11-15', '2026-12-15');
  await salesInvoice(beta, '50.00', '2026-07-01', '2026-08-01');
  await post(`/api/sales/sales_invoice/${a2.id}/actions/record_payment`, { amount: '80.00', posting_date: '2026-10-25', submit: true });
  const adv = await post(
    '/api/accounting/payment',
    { payment_type: 'receive', party_type: 'customer', party: beta, posting_date: '2026-10-05', amount: '20.00', is_advance: true },
    201,
  );
  await post(`/api/accounting/payment/${adv.id}/submit`);
});

afterEach(async () => {
  const v = await get('/api/accounting/reports/verify?as_of=2026-10-31');
  expect(v.ok, JSON.stringify(v.data)).toBe(true);
});

afterAll(async () => {
  await t?.close();
});

describe('receivables ageing', () => {
  it('buckets by days past due per party, and its total equals the receivables control account at three dates', async () => {
    const nov = await get('/api/accounting/reports/ageing?party_type=customer&as_of=2026-11-30');
    const row = (name: string) => nov.data.find((r: any) => r.label === name);
    // Alfa on 11-30: 100 is 81 days late, 120 left of 200 is 41 days late, 300 not yet due
    expect(row('Alfa UAB')).toMatchObject({ not_due: '300.00', d0_30: '0.00', d31_60: '120.00', d61_90: '100.00', d90_plus: '0.00', total: '520.00' });
    // Beta: 50 is 121 days late; the 20 advance (dated 10-05, its own due date) is netted in 31-60
    expect(row('Beta MB')).toMatchObject({ d90_plus: '50.00', d31_60: '-20.00', total: '30.00' });
    expect(nov.totals.total).toBe('550.00');
    for (const date of ['2026-09-15', '2026-10-31', '2026-11-30']) {
      const a = await get(`/api/accounting/reports/ageing?party_type=customer&as_of=${date}`);
      expect(a.totals.total, date).toBe(await control('1200', date));
      expect(a.summary.find((f: any) => f.key === 'difference').value, date).toBe('0.00');
    }
    const sep = await get('/api/accounting/reports/ageing?party_type=customer&as_of=2026-09-15');
    expect(sep.totals).toMatchObject({ total: '150.00', d0_30: '100.00', d31_60: '50.00' });
    const detail = await get(`/api/accounting/reports/ageing?party_type=customer&as_of=2026-11-30&detail=true&party=${alpha}`);
    expect(detail.data.filter((r: any) => r.level === 1).map((r: any) => [r.label, r.total, r.days_overdue])).toEqual([
      [expect.stringMatching(/^SINV-/), '100.00', '81'],
      [expect.stringMatching(/^SINV-/), '120.00', '41'],
      [expect.stringMatching(/^SINV-/), '300.00', '0'],
    ]);
    const bad = await t.req('GET', '/api/accounting/reports/ageing?party_type=nobody');
    expect(bad.status).toBe(400);
  });

  it('payables ageing equals the payables control account', async () => {
    let po = await post(
      '/api/purchasing/purchase_order',
      { supplier, order_date: '2026-10-01', set_warehouse: main, lines: [{ item: nut, qty: '2', rate: '40.00' }] },
      201,
    );
    po = await post(`/api/purchasing/purchase_order/${po.id}/submit`);
    let si = await post(`/api/purchasing/purchase_order/${po.id}/actions/bill`, { posting_date: '2026-10-02', bill_no: 'T-1' });
    ok(await t.req('PATCH', `/api/purchasing/supplier_invoice/${si.id}`, { due_date: '2026-10-12' }));
    si = await post(`/api/purchasing/supplier_invoice/${si.id}/submit`);
    const a = await get('/api/accounting/reports/ageing?party_type=supplier&as_of=2026-11-30');
    expect(a.data.find((r: any) => r.label === 'Tiekėjas UAB')).toMatchObject({ d31_60: '80.00', total: '80.00' });
    expect(a.totals.total).toBe((-Number(await control('2110', '2026-11-30'))).toFixed(2));
    expect(a.summary.find((f: any) => f.key === 'difference').value).toBe('0.00');
    expect(si.number).toMatch(/^PUR-INV-/);
  });
});

describe('row rules on the entries', () => {
  it('ageing, statement, forecast and widgets count only the entries the viewer may read, and show no control totals', async () => {
    const own = await t.createUser('recv_own', ['recv.own']);
    const a = ok(await own.req('GET', '/api/accounting/reports/ageing?party_type=customer&as_of=2026-11-30'));
    expect(a.totals.total).toBe('0.00');
    expect(a.summary.map((f: any) => f.key)).not.toContain('control');
    const s = ok(await own.req('GET', `/api/accounting/reports/statement-of-account?party_type=customer&party=${alpha}&from=2026-10-01&to=2026-11-30`));
    expect(s.totals).toEqual({ opening: '0.00', debit: '0.00', credit: '0.00', closing: '0.00' });
    const f = ok(await own.req('GET', '/api/accounting/reports/cash-forecast?as_of=2026-11-30'));
    expect(f.summary[0].value).toBe('0.00');
    expect(ok(await own.req('GET', '/api/dashboard/accounting.overdue_receivables')).value).toBe('0.00');
  });
});

describe('statement of account', () => {
  it('opening balance, documents, payments with running balance, closing, open items', async () => {
    const s = await get(`/api/accounting/reports/statement-of-account?party_type=customer&party=${alpha}&from=2026-10-01&to=2026-11-30`);
    expect(s.party).toMatchObject({ name: 'Alfa UAB' });
    expect(s.data.map((r: any) => [r.key.split(':')[0], r.debit ?? null, r.credit ?? null, r.balance])).toEqual([
      ['opening', null, null, '100.00'],
      ['sales.sales_invoice', '200.00', '0.00', '300.00'],
      ['accounting.payment', '0.00', '80.00', '220.00'],
      ['sales.sales_invoice', '300.00', '0.00', '520.00'],
      ['closing', null, null, '520.00'],
    ]);
    expect(s.totals).toEqual({ opening: '100.00', debit: '500.00', credit: '80.00', closing: '520.00' });
    expect(s.open_items.map((i: any) => i.amount)).toEqual(['100.00', '120.00', '300.00']);
    // the same from the customer's "Statement of account" action
    const viaAction = await post(`/api/sales/customer/${alpha}/actions/statement_of_account`, { from: '2026-10-01', to: '2026-11-30' });
    expect(viaAction.totals).toEqual(s.totals);
    const need = await t.req('GET', '/api/accounting/reports/statement-of-account?party_type=customer');
    expect(need.status).toBe(400);
    expect(need.body.error.details[0].path).toBe('party');
  });
});

describe('liquidity and widgets', () => {
  it('the liquidity report shows receivables (overdue) and payables; widgets give overdue receivables and payables due this week', async () => {
    const l = await get('/api/accounting/reports/liquidity?as_of=2026-11-30');
    expect(l.data.find((r: any) => r.key === 'receivables').value).toBe('550.00');
    expect(l.data.find((r: any) => r.key === 'overdue_receivables').value).toBe('250.00');
    const overdue = await get('/api/dashboard/accounting.overdue_receivables');
    // the widgets work at today's date: the fixture's open items past due by now (the advance is not a debt)
    const now = new Date().toISOString().slice(0, 10);
    const expected = (
      [
        ['2026-09-10', 100],
        ['2026-10-20', 120],
        ['2026-12-15', 300],
        ['2026-08-01', 50],
      ] as const
    )
      .filter(([d]) => d < now)
      .reduce((a, [, v]) => a + v, 0);
    expect(overdue.value).toBe(expected.toFixed(2));
    const due = await get('/api/dashboard/accounting.payables_due_this_week');
    expect(due).toMatchObject({ value: '80.00', overdue: '80.00', currency: 'EUR' });
  });
});

describe('cash position and forecast', () => {
  it('cash now plus receipts by due week (overdue in week 1) and open orders', async () => {
    const f = await get('/api/accounting/reports/cash-forecast?as_of=2026-11-30&weeks=12');
    expect(f.data).toHaveLength(12);
    expect(f.summary[0].value).toBe('100.00'); // 80 + 20 received
    // week 1: everything overdue (100 + 120 + 50 - 20 advance) and payables 80; week 3 (12-14 .. 12-20): Alfa's 300
    expect(f.data[0]).toMatchObject({ in_invoices: '250.00', out_invoices: '80.00' });
    expect(f.data[2]).toMatchObject({ in_invoices: '300.00' });
    expect(f.totals.closing).toBe('570.00');
  });
});

const CAMT = (iban: string, entries: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2026-11-30T18:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>1</Id>
      <Acct><Id><IBAN>${iban}</IBAN></Id></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-10-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">190.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-30</Dt></Dt></Bal>
      ${entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
const ENTRY = (ref: string, amount: string, dir: 'CRDT' | 'DBIT', date: string, name: string, text: string) => `
      <Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${dir}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${date}</Dt></BookgDt><AcctSvcrRef>${ref}</AcctSvcrRef>
        <NtryDtls><TxDtls><RltdPties><${dir === 'CRDT' ? 'Dbtr' : 'Cdtr'}><Nm>${name}</Nm></${dir === 'CRDT' ? 'Dbtr' : 'Cdtr'}><${dir === 'CRDT' ? 'DbtrAcct' : 'CdtrAcct'}><Id><IBAN>LT601010012345678901</IBAN></Id></${dir === 'CRDT' ? 'DbtrAcct' : 'CdtrAcct'}></RltdPties>
        <RmtInf><Ustrd>${text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;

describe('bank accounts, statements and reconciliation', () => {
  it('validates the IBAN (mod 97) and needs a bank or cash ledger account', async () => {
    const bad = await t.req('POST', '/api/accounting/bank_account', { name: 'Typo', iban: 'LT13 1000 0111 0100 1000', account: acc['1110'] });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_IBAN', details: [{ path: 'iban' }] });
    const short = await t.req('POST', '/api/accounting/bank_account', { name: 'Short', iban: 'LT12100001110100100', account: acc['1110'] });
    expect(short.body.error.details[0].message).toContain('20 characters');
    const wrong = await t.req('POST', '/api/accounting/bank_account', { name: 'Wrong account', iban: 'LT601010012345678901', account: acc['1200'] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details[0].path).toBe('account');
  });

  it('imports a camt.053 statement once, suggests matches, accepts one in a click, creates a payment for an unmatched line, and reconciles', async () => {
    const bank = await post('/api/accounting/bank_account', { name: 'Swedbank', iban: 'lt12 1000 0111 0100 1000', account: acc['1110'] }, 201);
    expect(bank.iban).toBe('LT121000011101001000');
    const payments = (await t.db.query(`select id, number from accounting_payment where docstatus = 'submitted' order by id`)).rows;
    const inv = (await t.db.query(`select number from sales_sales_invoice where customer = $1 and outstanding_amount = 300`, [alpha])).rows[0].number;
    const xml = CAMT(
      'LT121000011101001000',
      [
        ENTRY('E1', '80.00', 'CRDT', '2026-10-26', 'ALFA UAB', `Apmokejimas ${payments[0].number}`),
        ENTRY('E2', '20.00', 'CRDT', '2026-10-05', 'Beta MB', 'avansas'),
        ENTRY('E3', '300.00', 'CRDT', '2026-11-28', 'Alfa UAB', `Saskaita ${inv}`),
        ENTRY('E4', '210.00', 'DBIT', '2026-11-29', 'Nuoma UAB', 'Nuoma lapkritis'),
      ].join(''),
    );
    const other = await t.req('POST', `/api/accounting/bank_account/${bank.id}/actions/import_statement`, {
      format: 'camt053',
      content: xml.replace('LT121000011101001000', 'LT601010012345678901'),
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('INVALID_STATEMENT');
    const r = await post(`/api/accounting/bank_account/${bank.id}/actions/import_statement`, { format: 'camt053', content: xml });
    expect(r).toMatchObject({ imported: 4, duplicates: 0, closing: '190.00', balance_check: { difference: '0.00' } });
    expect(await post(`/api/accounting/bank_account/${bank.id}/actions/import_statement`, { format: 'camt053', content: xml })).toMatchObject({
      imported: 0,
      duplicates: 4,
    });
    const sug = (await get(`/api/accounting/bank-reconciliation/${bank.id}/suggestions`)).data;
    expect(sug).toHaveLength(4);
    const e1 = sug.find((s: any) => s.transaction.amount === '80.00');
    expect(e1.payments[0]).toMatchObject({ payment: Number(payments[0].id), reasons: expect.arrayContaining(['amount', 'reference', 'party']) });
    const e3 = sug.find((s: any) => s.transaction.amount === '300.00');
    expect(e3.payments).toEqual([]);
    expect(e3.invoices[0]).toMatchObject({ number: inv, party: alpha, allocate: '300.00' });
    // before: book 100 (80 + 20), statement 190
    const before = await get(`/api/accounting/reports/bank-reconciliation?bank_account=${bank.id}&as_of=2026-11-30`);
    expect(before.totals).toMatchObject({ book: '100.00', statement: '190.00', unexplained: '0.00' });
    // one click per suggestion
    for (const s of sug.filter((x: any) => x.payments.length))
      await post(`/api/accounting/bank_transaction/${s.transaction.id}/actions/reconcile`, { payment: s.payments[0].payment });
    const twice = await t.req('POST', `/api/accounting/bank_transaction/${e1.transaction.id}/actions/reconcile`, { payment: e1.payments[0].payment });
    expect(twice.status).toBe(409); // the action is offered on unreconciled transactions only
    const created = await post(`/api/accounting/bank_transaction/${e3.transaction.id}/actions/create_payment`, {
      party_type: 'customer',
      party: alpha,
      invoice_type: 'sales.sales_invoice',
      invoice: e3.invoices[0].invoice,
    });
    expect(created).toMatchObject({ status: 'reconciled' });
    expect((await get(`/api/sales/sales_invoice/${e3.invoices[0].invoice}`)).payment_status).toBe('paid');
    const rent = sug.find((s: any) => s.transaction.amount === '-210.00');
    const paid = await post(`/api/accounting/bank_transaction/${rent.transaction.id}/actions/create_payment`, { party_type: 'supplier', party: supplier });
    expect(paid.status).toBe('reconciled');
    const after = await get(`/api/accounting/reports/bank-reconciliation?bank_account=${bank.id}&as_of=2026-11-30`);
    expect(after.totals).toMatchObject({
      book: '190.00',
      statement: '190.00',
      unreconciled_transactions: '0.00',
      unreconciled_payments: '0.00',
      unexplained: '0.00',
    });
  });

  it('imports a CSV statement (semicolon, decimal comma, LT headers) and refuses bad lines naming them', async () => {
    const bank = await post('/api/accounting/bank_account', { name: 'SEB', iban: 'LT601010012345678901', account: acc['1110'] }, 201);
    const csv =
      'Data;Suma;Valiuta;Mokėtojas / gavėjas;Mokėjimo paskirtis\n2026-11-02;1 250,50;EUR;Alfa UAB;SINV-1\n02.11.2026;-12,30;EUR;Banko mokestis;Komisinis\n';
    expect(await post(`/api/accounting/bank_account/${bank.id}/actions/import_statement`, { format: 'csv', content: csv })).toMatchObject({ imported: 2 });
    const rows = (
      await t.db.query(`select amount::text, booking_date::text from accounting_bank_transaction where bank_account = $1 order by amount`, [bank.id])
    ).rows;
    expect(rows).toEqual([
      { amount: '-12.30', booking_date: '2026-11-02' },
      { amount: '1250.50', booking_date: '2026-11-02' },
    ]);
    const bad = await t.req('POST', `/api/accounting/bank_account/${bank.id}/actions/import_statement`, { format: 'csv', content: 'Data;Suma\n2026-13;x\n' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('content/1');
  });
});

describe('exchange rates', () => {
  it('imports rates from CSV (replacing same-day ones) and refuses bad lines', async () => {
    expect(await post('/api/accounting/exchange-rates/import', { csv: 'date,from,to,rate\n2026-11-02,USD,EUR,0.91\n2026-11-02,GBP,EUR,1.15\n' })).toEqual({
      created: 2,
      updated: 0,
    });
    expect(await post('/api/accounting/exchange-rates/import', { csv: 'date,from,to,rate\n2026-11-02,USD,EUR,0.92\n' })).toEqual({ created: 0, updated: 1 });
    const bad = await t.req('POST', '/api/accounting/exchange-rates/import', { csv: 'date,from,to,rate\n2026-11-02,USD,EUR,-1\n' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'csv/1' });
  });
});
