/** The record's change history, from GET <path>/:id/history when the server offers it. */
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { HistoryEntry, TesseraDataProvider } from '../../providers/dataProvider.js';
import { formatDateTime } from '../../mapping/format.js';
import { useLocale } from '../hooks.js';

/** null while unknown or when the server has no history endpoint. */
export function useHistory(resource: string, id: Identifier | undefined) {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  return useQuery({
    queryKey: [resource, 'history', String(id)],
    queryFn: () => dataProvider.history(resource, id!),
    enabled: id !== undefined,
    retry: false,
    staleTime: 30_000,
  });
}

const pick = (e: HistoryEntry, keys: string[]): unknown => keys.map((k) => e[k]).find((v) => v !== undefined && v !== null);

export function HistoryTable({ entries }: { entries: HistoryEntry[] }) {
  const translate = useTranslate();
  const locale = useLocale();
  if (!entries.length) return <Typography color="text.secondary">{translate('tessera.history.empty')}</Typography>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('tessera.history.when')}</TableCell>
          <TableCell>{translate('tessera.history.who')}</TableCell>
          <TableCell>{translate('tessera.history.what')}</TableCell>
          <TableCell>{translate('tessera.history.changes')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map((e, i) => {
          const user = pick(e, ['username', 'user', 'actor', 'user_id']);
          const changes = pick(e, ['changes', 'diff', 'after']);
          return (
            <TableRow key={String(e.id ?? i)}>
              <TableCell>{formatDateTime(pick(e, ['at', 'created_at', 'timestamp', 'time']), locale)}</TableCell>
              <TableCell>{typeof user === 'object' ? String((user as Record<string, unknown>).username ?? '') : String(user ?? '')}</TableCell>
              <TableCell>{String(pick(e, ['action', 'event', 'type']) ?? '')}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'pre-wrap' }}>{changes === undefined ? '' : JSON.stringify(changes, null, 1)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
