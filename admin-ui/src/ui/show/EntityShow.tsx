/** A record's page: its fields, line items as tables, related records (referencedBy) and history in tabs. */
import { Box, Divider, Stack } from '@mui/material';
import {
  Datagrid,
  Labeled,
  Loading,
  Pagination,
  ReferenceManyField,
  Show,
  TabbedShowLayout,
  TabbedShowLayoutTabs,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { listColumns, showFields, systemField } from '../../mapping/fields.js';
import { entityPlural, fieldLabel } from '../../mapping/labels.js';
import { useMeta } from '../../providers/metaStore.js';
import { useEntity, useFieldLabel, useLocale } from '../hooks.js';
import { AnyValue, columnCells } from '../values.js';
import { RecordTitle } from './RecordTitle.js';
import { RecordActions } from './RecordActions.js';
import { LineItemsTable } from './LineItemsTable.js';
import { HistoryTable, useHistory } from './HistoryTab.js';
import { TimelineTab } from './TimelineTab.js';
import { hasFullRecord } from '../form/EntityEdit.js';
import { FilesTab } from '../outbound/FilesTab.js';
import { AllFieldsToggle, useAllFields } from '../form/AllFields.js';

function Details({ entity }: { entity: MetaEntity }) {
  const record = useRecordContext();
  const labelOf = useFieldLabel();
  const [all] = useAllFields();
  if (!record || !hasFullRecord(entity, record)) return <Loading />;
  const fields = showFields(entity, all);
  const scalars = fields.filter((f) => f.kind !== 'children' && !f.computed);
  const lines = fields.filter((f) => f.kind === 'children' && f.children);
  const computed = fields.filter((f) => f.computed);
  const wide = (k: string) => k === 'text' || k === 'json';
  const system = ['created_at', 'updated_at', ...(record.amended_from ? ['amended_from'] : [])].map((n) => systemField(n, entity)!);
  return (
    <Stack spacing={1} sx={{ maxWidth: 1200 }}>
      <AllFieldsToggle entity={entity} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' }, columnGap: 3, rowGap: 1 }}>
        {scalars.map((f) => (
          <Box key={f.name} sx={{ gridColumn: wide(f.kind) ? '1 / -1' : undefined }} data-field={f.name}>
            <Labeled label={labelOf(f)}>
              <AnyValue field={f} source={f.name} entity={entity} />
            </Labeled>
          </Box>
        ))}
      </Box>
      {lines.map((f) => (
        <LineItemsTable key={f.name} field={f} />
      ))}
      {computed.length > 0 && (
        <Stack direction="row" spacing={4} sx={{ justifyContent: 'flex-end', pt: 1 }}>
          {computed.map((f) => (
            <Box key={f.name} data-field={f.name} sx={{ textAlign: 'right', '& .MuiTypography-body2': { fontSize: '1.25rem', fontWeight: 500 } }}>
              <Labeled label={labelOf(f)}>
                <AnyValue field={f} source={f.name} />
              </Labeled>
            </Box>
          ))}
        </Stack>
      )}
      <Divider />
      <Stack direction="row" spacing={4}>
        {system.map((f) => (
          <Labeled key={f.name} label={labelOf(f)}>
            <AnyValue field={f} source={f.name} />
          </Labeled>
        ))}
      </Stack>
    </Stack>
  );
}

function RelatedList({ entity, field }: { entity: MetaEntity; field: string }) {
  const labelOf = useFieldLabel();
  const translate = useTranslate();
  const columns = listColumns(entity).filter((c) => c.source !== field);
  return (
    <ReferenceManyField
      reference={entity.key}
      target={field}
      perPage={10}
      pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
      sort={{ field: entity.defaultSort.replace(/^-/, '').split(',')[0]!, order: entity.defaultSort.startsWith('-') ? 'DESC' : 'ASC' }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} empty={<Box sx={{ p: 2, color: 'text.secondary' }}>{translate('tessera.related.none')}</Box>}>
        {columnCells(entity, columns, labelOf)}
      </Datagrid>
    </ReferenceManyField>
  );
}

function ShowTabs({ entity }: { entity: MetaEntity }) {
  const record = useRecordContext();
  const meta = useMeta();
  const locale = useLocale();
  const translate = useTranslate();
  const history = useHistory(entity.key, record?.id);
  const related = entity.referencedBy
    .map((r) => ({ ...r, target: meta?.entities.find((e) => e.key === r.entity) }))
    .filter((r): r is typeof r & { target: MetaEntity } => !!r.target);
  const sameTarget = (key: string) => related.filter((r) => r.entity === key).length > 1;
  return (
    <TabbedShowLayout tabs={<TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" />}>
      <TabbedShowLayout.Tab label={translate('tessera.tabs.details')}>
        <Details entity={entity} />
      </TabbedShowLayout.Tab>
      {related.map((r) => {
        const f = r.target.fields.find((x) => x.name === r.field);
        const label = `${entityPlural(r.target, locale)}${sameTarget(r.entity) && f ? ` (${fieldLabel(f, locale)})` : ''}`;
        return (
          <TabbedShowLayout.Tab key={`${r.entity}.${r.field}`} label={label} path={`${r.entity}.${r.field}`}>
            <RelatedList entity={r.target} field={r.field} />
          </TabbedShowLayout.Tab>
        );
      })}
      {(entity.timelines ?? [])
        .filter((tl) => meta?.entities.some((e) => e.key === tl.entity))
        .map((tl) => {
          const target = meta!.entities.find((e) => e.key === tl.entity)!;
          return (
            <TabbedShowLayout.Tab
              key={`timeline.${tl.entity}`}
              label={
                (entity.timelines ?? []).length > 1
                  ? `${translate('tessera.tabs.timeline')}: ${entityPlural(target, locale)}`
                  : translate('tessera.tabs.timeline')
              }
              path={`timeline.${tl.entity}`}
            >
              <TimelineTab owner={entity} timeline={tl} />
            </TabbedShowLayout.Tab>
          );
        })}
      <TabbedShowLayout.Tab label={translate('tessera.outbound.files')} path="files">
        <FilesTab entity={entity} />
      </TabbedShowLayout.Tab>
      {Array.isArray(history.data) && (
        <TabbedShowLayout.Tab label={translate('tessera.tabs.history')} path="history">
          <HistoryTable entity={entity} entries={history.data} />
        </TabbedShowLayout.Tab>
      )}
    </TabbedShowLayout>
  );
}

export default function EntityShow() {
  const e = useEntity();
  if (!e) return null;
  return (
    <Show title={<RecordTitle entity={e} />} actions={<RecordActions entity={e} view="show" />}>
      <ShowTabs entity={e} />
    </Show>
  );
}
