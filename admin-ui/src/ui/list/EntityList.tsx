/** The list screen of any entity: declared columns, search and filters, sort, pages, bulk delete, CSV export. */
import { BulkDeleteButton, CreateButton, Datagrid, FilterButton, List, Pagination, TopToolbar } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { listColumns, type Column } from '../../mapping/fields.js';
import { filterDefs } from '../../mapping/filters.js';
import { useEntity, useFieldLabel } from '../hooks.js';
import { AnyValue, alignOf } from '../values.js';
import { useFilterInputs } from './filterInputs.js';
import { ExportCsvButton } from './ExportCsvButton.js';

function ListActions({ entity, hasFilters }: { entity: MetaEntity; hasFilters: boolean }) {
  return (
    <TopToolbar>
      {hasFilters && <FilterButton />}
      {entity.permissions.create && <CreateButton />}
      {entity.permissions.export && <ExportCsvButton />}
    </TopToolbar>
  );
}

/** Dates and times stay on one line. */
const nowrapDates = (columns: Column[]) =>
  Object.fromEntries(columns.filter((c) => ['date', 'datetime', 'time', 'docstatus', 'money'].includes(c.display)).map((c) => [`& td.column-${c.source}`, { whiteSpace: 'nowrap' }]));

const sortOf = (s: string) => ({ field: s.replace(/^-/, ''), order: s.startsWith('-') ? ('DESC' as const) : ('ASC' as const) });

export default function EntityList() {
  const e = useEntity();
  const filters = useFilterInputs(e);
  const labelOf = useFieldLabel();
  if (!e) return null;
  const columns = listColumns(e);
  const firstSort = e.defaultSort.split(',')[0]!;
  return (
    <List
      filters={filters}
      sort={sortOf(firstSort)}
      perPage={25}
      exporter={false}
      actions={<ListActions entity={e} hasFilters={filterDefs(e).some((d) => !d.alwaysOn)} />}
      pagination={<Pagination rowsPerPageOptions={[10, 25, 50, 100]} />}
      sx={{ '& .RaList-content': { overflowX: 'auto' }, [`& td.column-${e.titleField}`]: { whiteSpace: 'nowrap' }, ...nowrapDates(columns) }}
    >
      <Datagrid rowClick="show" bulkActionButtons={e.permissions.delete ? <BulkDeleteButton mutationMode="pessimistic" /> : false} data-entity={e.key}>
        {columns.map((c) => (
          <AnyValue key={c.source} source={c.source} field={c.field} label={labelOf(c.field)} sortable={c.sortable} textAlign={alignOf(c.field)} compact />
        ))}
      </Datagrid>
    </List>
  );
}
