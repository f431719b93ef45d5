/**
 * The exchange rate a form computes its company-currency totals with while the rate field is
 * empty (x-ui.rate on the field): the one the server will fill on save. 1 in the company
 * currency; in another currency the recorded rate of the document date, read from
 * GET /api/accounting/exchange-rate (when accounting is on and the user may read it; else none,
 * and the totals wait for the server). The currency is the form's, else the party's (the
 * customer's or supplier's), else the company's, as the server decides it.
 */
import { useQuery } from '@tanstack/react-query';
import { useGetOne } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { useMeta } from '../../providers/metaStore.js';
import { HttpClient } from '../../providers/http.js';

type Values = Record<string, unknown>;

const http = new HttpClient();
const empty = (v: unknown) => v === undefined || v === null || v === '';
const today = () => new Date().toISOString().slice(0, 10);

export function useLiveRate(entity: MetaEntity, values: Values): { field: string; rate: string } | undefined {
  const meta = useMeta();
  const field = entity.fields.find((f) => f.ui?.rate);
  const hint = field?.ui?.rate;
  const needed = !!field && empty(values[field.name]);
  const party = hint?.party ? entity.fields.find((f) => f.name === hint.party) : undefined;
  const partyId = party ? values[party.name] : undefined;
  const ownCurrency = values.currency;
  const { data: partyRecord } = useGetOne(
    party?.ref?.entity ?? '',
    { id: partyId as number },
    { enabled: needed && empty(ownCurrency) && !!party?.ref && !empty(partyId) },
  );
  const company = meta?.company.currency;
  const currency = String(!empty(ownCurrency) ? ownCurrency : (partyRecord?.currency ?? company ?? ''));
  const date = hint && !empty(values[hint.date]) ? String(values[hint.date]) : today();
  const foreign = needed && !!company && currency !== company && /^[A-Z]{3}$/.test(currency);
  const ratesOn = !!meta?.plugins.some((p) => p.name === 'accounting');
  const { data } = useQuery({
    queryKey: ['tessera.exchange-rate', currency, date],
    enabled: foreign && ratesOn && /^\d{4}-\d{2}-\d{2}$/.test(date),
    retry: false,
    staleTime: 60_000,
    queryFn: async () =>
      (await http.json<{ rate: string }>('GET', '/api/accounting/exchange-rate', { query: new URLSearchParams({ from: currency, date }) })).rate,
  });
  if (!field || !needed || !company) return undefined;
  if (currency === company) return { field: field.name, rate: '1' };
  return foreign && data ? { field: field.name, rate: data } : undefined;
}
