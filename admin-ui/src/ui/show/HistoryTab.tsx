/** The record's change history, from GET <path>/:id/history when the server offers it. */
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { RecordContextProvider, useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import type { HistoryEntry, TesseraDataProvider } from '../../providers/dataProvider.js';
import { describeChanges, type ChangeLine } from '../../mapping/history.js';
import { formatDateTime } from '../../mapping/format.js';
import { humanize } from '../../mapping/actionForm.js';
import { useFieldLabel, useLocale } from '../hooks.js';
import { ReferenceValue, useFormatValue } from '../values.js';

/** undefined while loading, null when the server has no history endpoint. */
export function useHistory(resource: string, id: Identifier | undefined) {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  return useQuery({
    queryKey: [resource, 'history', String(id)],
    queryFn: () => dataProvider.history(resource, id!),
    enabled: id !== undefined,
    retry: false,
    staleTime: 10_000,
  });
}

/** A value of the change set: references show their target's title. */
function ChangeValue({ line, value }: { line: ChangeLine; value: unknown }) {
  const format = useFormatValue();
  if (value === null || value === undefined || value === '') return <>—</>;
  if (line.kind === 'field' && line.field?.kind === 'reference')
    return (
      <RecordContextProvider value={{ id: 0, [line.name]: value }}>
        <ReferenceValue field={line.field} source={line.name} />
      </RecordContextProvider>
    );
  if (line.kind === 'field' && line.field) return <>{format(line.field, value)}</>;
  return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
}

function Change({ line, created }: { line: ChangeLine; created: boolean }) {
  const translate = useTranslate();
  const labelOf = useFieldLabel();
  const label = 'field' in line && line.field ? labelOf(line.field) : humanize(line.name);
  return (
    <Typography variant="body2" component="div">
      <Box component="span" sx={{ color: 'text.secondary' }}>
        {label}:{' '}
      </Box>
      {line.kind === 'field' &&
        (created ? (
          <ChangeValue line={line} value={line.to} />
        ) : (
          <>
            <ChangeValue line={line} value={line.from} /> →{' '}
            <b>
              <ChangeValue line={line} value={line.to} />
            </b>
          </>
        ))}
      {line.kind === 'lines' && translate('tessera.history.lines', { added: line.added, removed: line.removed, changed: line.changed })}
      {line.kind === 'input' && <ChangeValue line={line} value={line.value} />}
    </Typography>
  );
}

export function HistoryTable({ entity, entries }: { entity: MetaEntity; entries: HistoryEntry[] }) {
  const translate = useTranslate();
  const locale = useLocale();
  if (!entries.length) return <Typography color="text.secondary">{translate('tessera.history.empty')}</Typography>;
  const actionName = (a: string) => translate(`tessera.history.actions.${a}`, { _: entity.actions.find((x) => x.name === a)?.label ?? humanize(a) });
  return (
    <Table size="small" data-history>
      <TableHead>
        <TableRow>
          <TableCell>{translate('tessera.history.when')}</TableCell>
          <TableCell>{translate('tessera.history.who')}</TableCell>
          <TableCell>{translate('tessera.history.what')}</TableCell>
          <TableCell>{translate('tessera.history.changes')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map((e, i) => (
          <TableRow key={String(e.id ?? i)} sx={{ verticalAlign: 'top' }}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, locale)}</TableCell>
            <TableCell>{String(e.username ?? e.user_id ?? '')}</TableCell>
            <TableCell>{actionName(String(e.action ?? ''))}</TableCell>
            <TableCell>
              {describeChanges(entity, e.changes)
                .filter((line) => !(e.action === 'create' && line.kind === 'field' && (line.to === null || line.to === '')))
                .map((line) => (
                  <Change key={`${line.kind}.${line.name}`} line={line} created={e.action === 'create' || e.action === 'amend'} />
                ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
