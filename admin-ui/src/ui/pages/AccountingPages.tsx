/**
 * The accounting plugin's own screens (issue 14): payment entry with an allocation grid (the
 * party's open invoices, oldest due first, filled from the amount), and bank reconciliation
 * (statement lines on the left, the suggested payments or invoices of the selected line on the
 * right, one click to accept, book vs statement balance above). Amounts stay decimal strings
 * from the server; the sums here are in cents (BigInt), never floats.
 */
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  FormControlLabel,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { PluginPage, http, today, usePageText } from './scaffold.js';
import { ACCOUNTING_TEXTS as T } from './accounting-texts.js';
import { fromCents, suggestAllocation, toCents } from './allocation.js';

const useText = () => usePageText(T);

export function PaymentEntryPage() {
  const t = useText();
  const [partyType, setPartyType] = useState<'customer' | 'supplier'>('customer');
  const [party, setParty] = useState('');
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today());
  const [bank, setBank] = useState('');
  const [reference, setReference] = useState('');
  const [advance, setAdvance] = useState(false);
  const [alloc, setAlloc] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const client = useQueryClient();
  const parties = useQuery({
    queryKey: ['acc-parties', partyType],
    queryFn: () =>
      http
        .json<{ data: any[] }>('GET', partyType === 'customer' ? '/api/sales/customer' : '/api/purchasing/supplier', {
          query: new URLSearchParams({ limit: '500', sort: 'name' }),
        })
        .then((r) => r.data),
  });
  const banks = useQuery({
    queryKey: ['acc-banks'],
    queryFn: () => http.json<{ data: any[] }>('GET', '/api/accounting/bank_account', { query: new URLSearchParams({ limit: '100' }) }).then((r) => r.data),
  });
  const open = useQuery({
    enabled: !!party,
    queryKey: ['acc-open', partyType, party],
    queryFn: () =>
      http.json<{ data: any[] }>('GET', '/api/accounting/open-invoices', { query: new URLSearchParams({ party_type: partyType, party }) }).then((r) => r.data),
  });
  const invoices = open.data ?? [];
  useEffect(() => setAlloc(suggestAllocation(amount, invoices)), [amount, open.data]);
  const allocated = useMemo(() => Object.values(alloc).reduce((a, v) => a + toCents(v), 0n), [alloc]);
  const rest = toCents(amount) - allocated;
  const submit = async () => {
    setError(null);
    setDone(null);
    try {
      const allocations = invoices
        .filter((i) => toCents(alloc[i.id]) > 0n)
        .map((i) => ({ invoice_type: i.invoice_type, invoice: Number(i.id), allocated_amount: alloc[i.id] }));
      const p = await http.json('POST', '/api/accounting/payment', {
        body: {
          payment_type: partyType === 'customer' ? 'receive' : 'pay',
          party_type: partyType,
          party: Number(party),
          posting_date: date,
          amount,
          is_advance: advance,
          ...(bank ? { bank_account: Number(bank) } : {}),
          ...(reference ? { reference_no: reference } : {}),
          allocations,
        },
      });
      const s = await http.json('POST', `/api/accounting/payment/${p.id}/submit`);
      setDone(`${t.done}: ${s.number}`);
      setAmount('');
      await client.invalidateQueries({ queryKey: ['acc-open'] });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <PluginPage page="accounting-payment-entry" title={t.payment}>
      <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap', rowGap: 2 }}>
        <TextField
          select
          size="small"
          label={t.partyType}
          value={partyType}
          onChange={(e) => (setPartyType(e.target.value as any), setParty(''))}
          sx={{ minWidth: 160 }}
          slotProps={{ htmlInput: { 'data-party-type': true } }}
        >
          <MenuItem value="customer">
            {t.customer} ({t.receive})
          </MenuItem>
          <MenuItem value="supplier">
            {t.supplier} ({t.pay})
          </MenuItem>
        </TextField>
        <TextField
          select
          size="small"
          label={t.party}
          value={party}
          onChange={(e) => setParty(e.target.value)}
          sx={{ minWidth: 220 }}
          slotProps={{ htmlInput: { 'data-party': true } }}
        >
          {(parties.data ?? []).map((p) => (
            <MenuItem key={p.id} value={String(p.id)}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label={t.amount}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          slotProps={{ htmlInput: { inputMode: 'decimal', 'data-amount': true } }}
        />
        <TextField
          type="date"
          size="small"
          label={t.date}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField select size="small" label={t.bank} value={bank} onChange={(e) => setBank(e.target.value)} sx={{ minWidth: 200 }}>
          <MenuItem value="">—</MenuItem>
          {(banks.data ?? []).map((b) => (
            <MenuItem key={b.id} value={String(b.id)}>
              {b.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" label={t.reference} value={reference} onChange={(e) => setReference(e.target.value)} />
      </Stack>
      <Table size="small" data-allocation-grid>
        <TableHead>
          <TableRow>
            <TableCell>{t.invoice}</TableCell>
            <TableCell>{t.due}</TableCell>
            <TableCell align="right">{t.outstanding}</TableCell>
            <TableCell align="right">{t.allocate}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {invoices.map((i) => (
            <TableRow key={i.id} data-open-invoice={i.number}>
              <TableCell>
                {i.number}
                {i.payment_status === 'overdue' ? <Chip size="small" color="warning" label={t.overdue} sx={{ ml: 1 }} /> : null}
              </TableCell>
              <TableCell>{i.due_date}</TableCell>
              <TableCell align="right">
                {i.outstanding_amount} {i.currency}
              </TableCell>
              <TableCell align="right">
                <TextField
                  size="small"
                  value={alloc[i.id] ?? ''}
                  onChange={(e) => setAlloc({ ...alloc, [i.id]: e.target.value })}
                  slotProps={{ htmlInput: { inputMode: 'decimal', 'data-allocate': i.number, style: { textAlign: 'right', width: 96 } } }}
                />
              </TableCell>
            </TableRow>
          ))}
          {party && !invoices.length && !open.isLoading && (
            <TableRow>
              <TableCell colSpan={4}>{t.none}</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={3} sx={{ mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button onClick={() => setAlloc(suggestAllocation(amount, invoices))}>{t.suggest}</Button>
        <Typography data-allocated>
          {t.allocated}: {fromCents(allocated)}
        </Typography>
        <Typography data-unallocated color={rest > 0n ? 'warning.main' : undefined}>
          {t.unallocated}: {fromCents(rest)}
        </Typography>
        <FormControlLabel control={<Checkbox checked={advance} onChange={(e) => setAdvance(e.target.checked)} />} label={t.advance} />
        <Button variant="contained" onClick={submit} disabled={!party || toCents(amount) <= 0n} data-payment-submit>
          {t.submit}
        </Button>
      </Stack>
      {done && (
        <Alert severity="success" sx={{ mt: 2 }} data-payment-done>
          {done}
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }} data-payment-error>
          {error}
        </Alert>
      )}
    </PluginPage>
  );
}

export function ReconciliationPage() {
  const t = useText();
  const client = useQueryClient();
  const banks = useQuery({
    queryKey: ['acc-banks'],
    queryFn: () => http.json<{ data: any[] }>('GET', '/api/accounting/bank_account', { query: new URLSearchParams({ limit: '100' }) }).then((r) => r.data),
  });
  const [bank, setBank] = useState('');
  const chosen = bank || (banks.data?.[0] ? String(banks.data[0].id) : '');
  const sug = useQuery({
    enabled: !!chosen,
    queryKey: ['acc-suggestions', chosen],
    queryFn: () => http.json<{ data: any[] }>('GET', `/api/accounting/bank-reconciliation/${chosen}/suggestions`).then((r) => r.data),
  });
  const report = useQuery({
    enabled: !!chosen,
    queryKey: ['acc-recon-report', chosen],
    queryFn: () => http.json('GET', '/api/accounting/reports/bank-reconciliation', { query: new URLSearchParams({ bank_account: chosen }) }),
  });
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lines = sug.data ?? [];
  const current = lines.find((l) => l.transaction.id === selected) ?? lines[0];
  const refresh = () =>
    Promise.all([client.invalidateQueries({ queryKey: ['acc-suggestions'] }), client.invalidateQueries({ queryKey: ['acc-recon-report'] })]);
  const run = async (path: string, body: unknown) => {
    setError(null);
    try {
      await http.json('POST', path, { body });
      setSelected(null);
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <PluginPage page="accounting-reconciliation" title={t.reconciliation}>
      <Stack direction="row" spacing={3} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField select size="small" label={t.bank} value={chosen} onChange={(e) => setBank(e.target.value)} sx={{ minWidth: 220 }}>
          {(banks.data ?? []).map((b) => (
            <MenuItem key={b.id} value={String(b.id)}>
              {b.name} · {b.iban}
            </MenuItem>
          ))}
        </TextField>
        {report.data && (
          <>
            <Typography data-book-balance>
              {t.book}: {report.data.totals.book}
            </Typography>
            <Typography data-statement-balance>
              {t.stmt}: {report.data.totals.statement}
            </Typography>
            <Typography data-unexplained color={report.data.totals.unexplained === '0.00' ? 'success.main' : 'error.main'}>
              {t.diff}: {report.data.totals.unexplained}
            </Typography>
          </>
        )}
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} data-recon-error>
          {error}
        </Alert>
      )}
      {!lines.length && !sug.isLoading && (
        <Alert severity="success" data-recon-done>
          {t.all}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { md: '1fr 1fr' }, gap: 2 }}>
        <Box>
          <Typography variant="subtitle1">{t.statement}</Typography>
          <Table size="small">
            <TableBody>
              {lines.map((l) => (
                <TableRow
                  key={l.transaction.id}
                  hover
                  selected={current?.transaction.id === l.transaction.id}
                  onClick={() => setSelected(l.transaction.id)}
                  sx={{ cursor: 'pointer' }}
                  data-statement-line={l.transaction.id}
                >
                  <TableCell>{l.transaction.booking_date}</TableCell>
                  <TableCell>
                    {l.transaction.counterparty_name}
                    <Typography variant="body2" color="text.secondary">
                      {l.transaction.reference}
                    </Typography>
                  </TableCell>
                  <TableCell align="right" sx={{ color: l.transaction.amount.startsWith('-') ? 'error.main' : 'success.main' }}>
                    {l.transaction.amount}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
        <Box data-suggestions>
          <Typography variant="subtitle1">{t.suggestions}</Typography>
          {!current && <Typography color="text.secondary">{t.pick}</Typography>}
          {current && !current.payments.length && !current.invoices.length && <Typography color="text.secondary">{t.nothing}</Typography>}
          {current?.payments.map((p: any) => (
            <Stack key={`p${p.payment}`} direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }} data-suggested-payment={p.number}>
              <Typography sx={{ flex: 1 }}>
                {p.number} · {p.party_name} · {p.posting_date} · {p.amount}
              </Typography>
              <Chip size="small" label={`${t.score} ${p.score}: ${p.reasons.join(', ')}`} />
              <Button
                size="small"
                variant="contained"
                onClick={() => run(`/api/accounting/bank_transaction/${current.transaction.id}/actions/reconcile`, { payment: p.payment })}
                data-accept
              >
                {t.accept}
              </Button>
            </Stack>
          ))}
          {current?.invoices.map((i: any) => (
            <Stack key={`i${i.invoice}`} direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }} data-suggested-invoice={i.number}>
              <Typography sx={{ flex: 1 }}>
                {i.number} · {i.party_name} · {t.outstanding} {i.outstanding}
              </Typography>
              <Chip size="small" label={`${t.score} ${i.score}: ${i.reasons.join(', ')}`} />
              <Button
                size="small"
                variant="outlined"
                onClick={() =>
                  run(`/api/accounting/bank_transaction/${current.transaction.id}/actions/create_payment`, {
                    party_type: i.party_type,
                    party: i.party,
                    invoice_type: i.invoice_type,
                    invoice: i.invoice,
                  })
                }
                data-create-payment
              >
                {t.create}
              </Button>
            </Stack>
          ))}
        </Box>
      </Box>
    </PluginPage>
  );
}
