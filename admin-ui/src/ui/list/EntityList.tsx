/** The list screen of any entity: declared columns, search and filters, sort, pages, bulk delete, CSV export. */
import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import TableRowsIcon from '@mui/icons-material/TableRows';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import { BulkDeleteButton, CreateButton, Datagrid, FilterButton, List, Pagination, TopToolbar, useStore, useTranslate } from 'react-admin';
import { boardField } from '../../mapping/kanban.js';
import { KanbanBoard } from './KanbanBoard.js';
import type { MetaEntity } from '../../meta/types.js';
import { listColumns, type Column } from '../../mapping/fields.js';
import { filterDefs } from '../../mapping/filters.js';
import { useEntity, useFieldLabel } from '../hooks.js';
import { AnyValue, alignOf } from '../values.js';
import { useFilterInputs } from './filterInputs.js';
import { ExportCsvButton } from './ExportCsvButton.js';

export type ListView = 'table' | 'board';

function ViewToggle({ view, setView }: { view: ListView; setView: (v: ListView) => void }) {
  const translate = useTranslate();
  return (
    <ToggleButtonGroup size="small" exclusive value={view} onChange={(_, v: ListView | null) => v && setView(v)} sx={{ mr: 1 }}>
      <ToggleButton value="table" aria-label={translate('tessera.board.table')} title={translate('tessera.board.table')}>
        <TableRowsIcon fontSize="small" />
      </ToggleButton>
      <ToggleButton value="board" aria-label={translate('tessera.board.board')} title={translate('tessera.board.board')} data-view="board">
        <ViewKanbanIcon fontSize="small" />
      </ToggleButton>
    </ToggleButtonGroup>
  );
}

function ListActions({ entity, hasFilters, view, setView }: { entity: MetaEntity; hasFilters: boolean; view: ListView; setView?: (v: ListView) => void }) {
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      {setView && <ViewToggle view={view} setView={setView} />}
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
  const [stored, setView] = useStore<ListView>(`tessera.view.${e?.key}`, 'table');
  if (!e) return null;
  const hasBoard = !!boardField(e);
  const view: ListView = hasBoard ? stored : 'table';
  const columns = listColumns(e);
  const firstSort = e.defaultSort.split(',')[0]!;
  return (
    <List
      filters={filters}
      sort={sortOf(firstSort)}
      perPage={25}
      exporter={false}
      actions={<ListActions entity={e} hasFilters={filterDefs(e).some((d) => !d.alwaysOn)} view={view} setView={hasBoard ? setView : undefined} />}
      pagination={view === 'board' ? false : <Pagination rowsPerPageOptions={[10, 25, 50, 100]} />}
      sx={{ minWidth: 0, '& .RaList-main': { minWidth: 0 }, '& .RaList-content': { overflowX: 'auto', minWidth: 0 }, [`& td.column-${e.titleField}`]: { whiteSpace: 'nowrap' }, ...nowrapDates(columns) }}
    >
      {view === 'board' ? <KanbanBoard entity={e} /> : <Datagrid rowClick="show" bulkActionButtons={e.permissions.delete ? <BulkDeleteButton mutationMode="pessimistic" /> : false} data-entity={e.key}>
        {columns.map((c) => (
          <AnyValue key={c.source} source={c.source} field={c.field} label={labelOf(c.field)} sortable={c.sortable} textAlign={alignOf(c.field)} compact />
        ))}
      </Datagrid>}
    </List>
  );
}
