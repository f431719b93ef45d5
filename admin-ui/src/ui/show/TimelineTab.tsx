/** A timeline on a record: the records of another entity linked to it by type + id (activities on a lead), newest first. */
import { Box, List as MuiList, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { CreateButton, Loading, RecordContextProvider, useCreatePath, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { MetaEntity } from '../../meta/types.js';
import { listColumns } from '../../mapping/fields.js';
import { formatDate, formatDateTime } from '../../mapping/format.js';
import { useMeta } from '../../providers/metaStore.js';
import { useLocale } from '../hooks.js';
import { AnyValue, useFormatValue } from '../values.js';

type Timeline = NonNullable<MetaEntity['timelines']>[number];

export function TimelineTab({ owner, timeline }: { owner: MetaEntity; timeline: Timeline }) {
  const record = useRecordContext();
  const meta = useMeta();
  const locale = useLocale();
  const translate = useTranslate();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const format = useFormatValue();
  const target = meta?.entities.find((e) => e.key === timeline.entity);
  const dateField = target?.fields.find((f) => f.name === timeline.dateField);
  const { data = [], isPending } = useGetList(
    timeline.entity,
    {
      pagination: { page: 1, perPage: 50 },
      sort: { field: timeline.dateField ?? 'id', order: 'DESC' },
      filter: { [timeline.typeField]: owner.key, [timeline.idField]: record?.id },
    },
    { enabled: !!record && !!target },
  );
  if (!target || !record) return null;
  if (isPending) return <Loading />;
  const title = target.fields.find((f) => f.name === target.titleField);
  const details = listColumns(target)
    .filter((c) => ![target.titleField, timeline.typeField, timeline.idField, timeline.dateField].includes(c.source) && c.display !== 'reference')
    .slice(0, 3);
  const when = (v: unknown) => (dateField?.kind === 'date' ? formatDate(v, locale) : formatDateTime(v, locale));
  return (
    <Box data-timeline={timeline.entity}>
      {target.permissions.create && (
        <CreateButton resource={target.key} state={{ record: { [timeline.typeField]: owner.key, [timeline.idField]: record.id } }} />
      )}
      {!data.length && (
        <Typography color="text.secondary" sx={{ py: 2 }}>
          {translate('tessera.related.none')}
        </Typography>
      )}
      <MuiList dense sx={{ borderLeft: 2, borderColor: 'divider', ml: 1 }}>
        {data.map((r) => (
          <ListItemButton key={r.id} onClick={() => navigate(createPath({ resource: target.key, id: r.id, type: 'show' }))} alignItems="flex-start">
            <Box sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: 'primary.main', ml: -2.15, mt: 0.9, mr: 1.5, flexShrink: 0 }} />
            <ListItemText
              primary={title ? format(title, r[title.name]) || `#${r.id}` : `#${r.id}`}
              secondary={
                <Stack component="span" direction="row" spacing={2} sx={{ flexWrap: 'wrap' }}>
                  {dateField && <span>{when(r[dateField.name])}</span>}
                  <RecordContextProvider value={r}>
                    {details.map((c) =>
                      r[c.source] === null || r[c.source] === undefined ? null : (
                        <span key={c.source}>
                          <AnyValue field={c.field} source={c.source} compact />
                        </span>
                      ),
                    )}
                  </RecordContextProvider>
                </Stack>
              }
              slotProps={{ secondary: { component: 'span' } }}
            />
          </ListItemButton>
        ))}
      </MuiList>
    </Box>
  );
}
