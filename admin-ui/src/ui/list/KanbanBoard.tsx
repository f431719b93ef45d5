/**
 * The board view of an entity with x-ui kanban: columns per group value, cards dragged between
 * them. Columns collapse to a narrow strip (click the header; empty columns of a wide board start
 * so) and still take drops; each column shows its count and the exact total of the amount field;
 * dragging near the board's edge scrolls it, so every column can be reached.
 */
import { Box, Card, CardActionArea, Chip, Paper, Stack, Typography } from '@mui/material';
import { useRef, useState, type DragEvent } from 'react';
import {
  Loading,
  RecordContextProvider,
  useCreatePath,
  useGetList,
  useListContext,
  useNotify,
  useStore,
  useTranslate,
  useUpdate,
  type RaRecord,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { MetaEntity } from '../../meta/types.js';
import { boardColumns, boardField, buildBoard, columnTotal, startsCollapsed } from '../../mapping/kanban.js';
import { formatDecimal } from '../../mapping/format.js';
import { useMeta } from '../../providers/metaStore.js';
import { useLocale } from '../hooks.js';
import { AnyValue, useFormatValue, useRecordTitle } from '../values.js';

const BOARD_LIMIT = 200;

function BoardCard({ entity, record }: { entity: MetaEntity; record: RaRecord }) {
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const format = useFormatValue();
  const titleOf = useRecordTitle();
  const k = entity.kanban!;
  // a board may title its cards by another field than the entity's title
  const cardTitle = titleOf({ ...entity, titleField: k.title ?? entity.titleField }, record);
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
        <Typography variant="subtitle2" data-card-title>
          {cardTitle}
        </Typography>
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
  const recordTitle = useRecordTitle();
  const [update] = useUpdate();
  const [over, setOver] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useStore<Record<string, boolean>>(`tessera.board.collapsed.${entity.key}`, {});
  const scroller = useRef<HTMLDivElement>(null);
  // near the left or right edge while dragging, the board scrolls towards that side
  const edgeScroll = (ev: DragEvent) => {
    const el = scroller.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    if (ev.clientX > r.right - 60) el.scrollLeft += 20;
    else if (ev.clientX < r.left + 60) el.scrollLeft -= 20;
  };
  const f = boardField(entity)!;
  const target = f.kind === 'reference' ? meta?.entities.find((e) => e.key === f.ref?.entity) : undefined;
  const { data = [], total, isPending } = useGetList(entity.key, { pagination: { page: 1, perPage: BOARD_LIMIT }, sort, filter: filterValues });
  // Columns in the target's own order (pipeline stages by sort_order), not by id: a stage added later sits where it belongs.
  const targetSort = target?.defaultSort
    ? { field: target.defaultSort.replace(/^-/, ''), order: target.defaultSort.startsWith('-') ? ('DESC' as const) : ('ASC' as const) }
    : { field: 'id', order: 'ASC' as const };
  const targets = useGetList(target?.key ?? entity.key, { pagination: { page: 1, perPage: 100 }, sort: targetSort }, { enabled: !!target });
  if (isPending || (target && targets.isPending)) return <Loading />;
  const targetTitle = (r: RaRecord) => (target ? recordTitle(target, r) : `#${r.id}`);
  const columns = boardColumns(f, locale, target ? (targets.data ?? []).map((r) => ({ id: r.id as number, title: targetTitle(r) })) : []);
  const board = buildBoard(entity, f, columns, data, translate('tessera.board.none'));
  const amountField = entity.kanban?.amount ? entity.fields.find((x) => x.name === entity.kanban!.amount) : undefined;
  const isCollapsed = (key: string, cards: number) => collapsed[key] ?? startsCollapsed(board.columns.length, cards);

  const drop = (value: string | number | null) => (ev: DragEvent) => {
    ev.preventDefault();
    setOver(null);
    const id = ev.dataTransfer.getData('text/plain');
    const record = data.find((r) => String(r.id) === id);
    if (!record || record[f.name] === value) return;
    update(
      entity.key,
      { id: record.id, data: { ...record, [f.name]: value }, previousData: record },
      { mutationMode: 'pessimistic', onError: (err) => notify((err as Error).message, { type: 'error' }) },
    );
  };

  return (
    <Box sx={{ p: 1 }}>
      {total !== undefined && total > BOARD_LIMIT && (
        <Typography variant="caption" color="text.secondary">
          {translate('tessera.board.limited', { shown: BOARD_LIMIT, total })}
        </Typography>
      )}
      <Stack
        ref={scroller}
        onDragOver={edgeScroll}
        direction="row"
        spacing={1.5}
        sx={{ overflowX: 'auto', alignItems: 'flex-start', pb: 1 }}
        data-board={entity.key}
      >
        {board.columns.map((c) => {
          const folded = isCollapsed(c.key, c.cards.length);
          const total = columnTotal(c.cards, amountField?.name);
          const totalText = total !== undefined ? formatDecimal(total, locale, amountField?.scale ?? 2) : undefined;
          return (
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
              data-collapsed={folded}
              sx={{
                minWidth: folded ? 44 : 240,
                width: folded ? 44 : 260,
                minHeight: folded ? 240 : undefined,
                flexShrink: 0,
                p: 1,
                bgcolor: over === c.key ? 'action.selected' : 'action.hover',
                ...(c.color ? { borderTop: `4px solid ${c.color}` } : {}),
              }}
              data-column-color={c.color}
            >
              {folded ? (
                <Stack
                  onClick={() => setCollapsed({ ...collapsed, [c.key]: false })}
                  sx={{ alignItems: 'center', cursor: 'pointer', gap: 1 }}
                  title={c.label}
                  data-column-expand={c.key}
                >
                  <Chip size="small" label={c.cards.length} />
                  <Typography variant="subtitle2" sx={{ writingMode: 'vertical-rl', whiteSpace: 'nowrap' }}>
                    {c.label}
                  </Typography>
                </Stack>
              ) : (
                <>
                  <Stack
                    direction="row"
                    onClick={() => setCollapsed({ ...collapsed, [c.key]: true })}
                    sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1, px: 0.5, cursor: 'pointer', gap: 1 }}
                    title={translate('tessera.board.collapse')}
                    data-column-collapse={c.key}
                  >
                    <Typography variant="subtitle2" sx={{ overflowWrap: 'anywhere' }}>
                      {c.label}
                    </Typography>
                    <Chip size="small" label={c.cards.length} />
                  </Stack>
                  {totalText !== undefined && (
                    <Typography
                      variant="caption"
                      color="text.secondary"
                      sx={{ display: 'block', px: 0.5, mb: 1, fontVariantNumeric: 'tabular-nums' }}
                      data-column-total={c.key}
                    >
                      {totalText}
                    </Typography>
                  )}
                  <Stack spacing={1}>
                    {c.cards.map((r) => (
                      <BoardCard key={r.id} entity={entity} record={r} />
                    ))}
                  </Stack>
                </>
              )}
            </Paper>
          );
        })}
      </Stack>
    </Box>
  );
}
