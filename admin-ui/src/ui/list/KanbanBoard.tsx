/** The board view of an entity with x-ui kanban: columns per group value, cards dragged between them. */
import { Box, Card, CardActionArea, Chip, Paper, Stack, Typography } from '@mui/material';
import { useState, type DragEvent } from 'react';
import { Loading, RecordContextProvider, useCreatePath, useGetList, useListContext, useNotify, useTranslate, useUpdate, type RaRecord } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { MetaEntity } from '../../meta/types.js';
import { boardColumns, boardField, buildBoard } from '../../mapping/kanban.js';
import { useMeta } from '../../providers/metaStore.js';
import { useLocale } from '../hooks.js';
import { AnyValue, useFormatValue } from '../values.js';

const BOARD_LIMIT = 200;

function BoardCard({ entity, record }: { entity: MetaEntity; record: RaRecord }) {
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const format = useFormatValue();
  const k = entity.kanban!;
  const titleName = k.title ?? entity.titleField;
  const titleField = entity.fields.find((f) => f.name === titleName);
  const subtitle = k.subtitle ? entity.fields.find((f) => f.name === k.subtitle) : undefined;
  const amount = k.amount ? entity.fields.find((f) => f.name === k.amount) : undefined;
  return (
    <Card
      variant="outlined"
      draggable={entity.permissions.update}
      onDragStart={(ev: DragEvent) => ev.dataTransfer.setData('text/plain', String(record.id))}
      data-card={record.id}
      sx={{ cursor: entity.permissions.update ? 'grab' : 'pointer' }}
    >
      <CardActionArea onClick={() => navigate(createPath({ resource: entity.key, id: record.id, type: 'show' }))} sx={{ p: 1.5 }}>
        <Typography variant="subtitle2">{titleField ? format(titleField, record[titleName]) || `#${record.id}` : `#${record.id}`}</Typography>
        <RecordContextProvider value={record}>
          {subtitle && record[subtitle.name] != null && (
            <Box sx={{ color: 'text.secondary', fontSize: 13 }} onClick={(ev) => ev.stopPropagation()}>
              <AnyValue field={subtitle} source={subtitle.name} compact />
            </Box>
          )}
        </RecordContextProvider>
        {amount && record[amount.name] != null && (
          <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 500, fontVariantNumeric: 'tabular-nums' }}>
            {format(amount, record[amount.name])}
          </Typography>
        )}
      </CardActionArea>
    </Card>
  );
}

export function KanbanBoard({ entity }: { entity: MetaEntity }) {
  const { filterValues, sort } = useListContext();
  const locale = useLocale();
  const translate = useTranslate();
  const notify = useNotify();
  const meta = useMeta();
  const [update] = useUpdate();
  const [over, setOver] = useState<string | null>(null);
  const f = boardField(entity)!;
  const target = f.kind === 'reference' ? meta?.entities.find((e) => e.key === f.ref?.entity) : undefined;
  const { data = [], total, isPending } = useGetList(entity.key, { pagination: { page: 1, perPage: BOARD_LIMIT }, sort, filter: filterValues });
  const targets = useGetList(target?.key ?? entity.key, { pagination: { page: 1, perPage: 100 }, sort: { field: 'id', order: 'ASC' } }, { enabled: !!target });
  if (isPending || (target && targets.isPending)) return <Loading />;
  const targetTitle = (r: RaRecord) => String(r[target?.titleField ?? 'id'] ?? `#${r.id}`);
  const columns = boardColumns(f, locale, target ? (targets.data ?? []).map((r) => ({ id: r.id as number, title: targetTitle(r) })) : []);
  const board = buildBoard(entity, f, columns, data, translate('tessera.board.none'));

  const drop = (value: string | number | null) => (ev: DragEvent) => {
    ev.preventDefault();
    setOver(null);
    const id = ev.dataTransfer.getData('text/plain');
    const record = data.find((r) => String(r.id) === id);
    if (!record || record[f.name] === value) return;
    update(entity.key, { id: record.id, data: { ...record, [f.name]: value }, previousData: record }, { mutationMode: 'pessimistic', onError: (err) => notify((err as Error).message, { type: 'error' }) });
  };

  return (
    <Box sx={{ p: 1 }}>
      {total !== undefined && total > BOARD_LIMIT && (
        <Typography variant="caption" color="text.secondary">
          {translate('tessera.board.limited', { shown: BOARD_LIMIT, total })}
        </Typography>
      )}
      <Stack direction="row" spacing={1.5} sx={{ overflowX: 'auto', alignItems: 'flex-start', pb: 1 }} data-board={entity.key}>
        {board.columns.map((c) => (
          <Paper
            key={c.key}
            variant="outlined"
            onDragOver={(ev) => {
              if (!entity.permissions.update) return;
              ev.preventDefault();
              setOver(c.key);
            }}
            onDragLeave={() => setOver(null)}
            onDrop={drop(c.value)}
            data-column={c.key}
            sx={{ minWidth: 240, width: 260, flexShrink: 0, p: 1, bgcolor: over === c.key ? 'action.selected' : 'action.hover' }}
          >
            <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1, px: 0.5 }}>
              <Typography variant="subtitle2">{c.label}</Typography>
              <Chip size="small" label={c.cards.length} />
            </Stack>
            <Stack spacing={1}>
              {c.cards.map((r) => (
                <BoardCard key={r.id} entity={entity} record={r} />
              ))}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Box>
  );
}
