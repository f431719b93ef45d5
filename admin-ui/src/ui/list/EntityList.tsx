/** The list screen of any entity: declared columns, search and filters, sort, pages, bulk delete, CSV export; a tree or board view where the entity has one. */
import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import TableRowsIcon from '@mui/icons-material/TableRows';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { BulkDeleteButton, CreateButton, Datagrid, FilterButton, List, TopToolbar, useStore, useTranslate } from 'react-admin';
import { ListPagination } from './ListPagination.js';
import { boardField } from '../../mapping/kanban.js';
import { KanbanBoard } from './KanbanBoard.js';
import { TreeView } from './TreeView.js';
import { treeField } from '../../mapping/tree.js';
import type { MetaEntity } from '../../meta/types.js';
import type { Column } from '../../mapping/fields.js';
import { filterDefs } from '../../mapping/filters.js';
import { useEntity, useFieldLabel } from '../hooks.js';
import { columnCells } from '../values.js';
import { useFilterInputs } from './filterInputs.js';
import { ExportButton } from './ExportButton.js';
import { ImportButton } from './ImportButton.js';
import { chosenColumns } from '../../mapping/columns.js';
import { ColumnsButton, useChosenColumns } from './ColumnsButton.js';
import { SavedViewsButton } from './SavedViews.js';
import { GroupByButton, GroupSummary } from './GroupBy.js';
import { BulkEditButton } from './BulkEditButton.js';

export type ListView = 'table' | 'board' | 'tree';

function ViewToggle({ view, setView, views }: { view: ListView; setView: (v: ListView) => void; views: ListView[] }) {
  const translate = useTranslate();
  return (
    <ToggleButtonGroup size="small" exclusive value={view} onChange={(_, v: ListView | null) => v && setView(v)} sx={{ mr: 1 }}>
      <ToggleButton value="table" aria-label={translate('tessera.board.table')} title={translate('tessera.board.table')}>
        <TableRowsIcon fontSize="small" />
      </ToggleButton>
      {views.includes('tree') && (
        <ToggleButton value="tree" aria-label={translate('tessera.board.tree')} title={translate('tessera.board.tree')} data-view="tree">
          <AccountTreeIcon fontSize="small" />
        </ToggleButton>
      )}
      {views.includes('board') && (
        <ToggleButton value="board" aria-label={translate('tessera.board.board')} title={translate('tessera.board.board')} data-view="board">
          <ViewKanbanIcon fontSize="small" />
        </ToggleButton>
      )}
    </ToggleButtonGroup>
  );
}

function ListActions({
  entity,
  hasFilters,
  view,
  setView,
  views,
}: {
  entity: MetaEntity;
  hasFilters: boolean;
  view: ListView;
  setView?: (v: ListView) => void;
  views: ListView[];
}) {
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      {setView && views.length > 1 && <ViewToggle view={view} setView={setView} views={views} />}
      <SavedViewsButton entity={entity} />
      {hasFilters && <FilterButton />}
      {view === 'table' && <ColumnsButton entity={entity} />}
      {view === 'table' && <GroupByButton entity={entity} />}
      {entity.permissions.create && <CreateButton />}
      {entity.permissions.create && !entity.readOnly && <ImportButton entity={entity} />}
      {entity.permissions.export && <ExportButton entity={entity} />}
    </TopToolbar>
  );
}

/** Dates and times stay on one line. */
const nowrapDates = (columns: Column[]) =>
  Object.fromEntries(
    columns
      .filter((c) => ['date', 'datetime', 'time', 'docstatus', 'money'].includes(c.display))
      .map((c) => [`& td.column-${c.source}`, { whiteSpace: 'nowrap' }]),
  );

const sortOf = (s: string) => ({ field: s.replace(/^-/, ''), order: s.startsWith('-') ? ('DESC' as const) : ('ASC' as const) });

export default function EntityList() {
  const e = useEntity();
  const filters = useFilterInputs(e);
  const labelOf = useFieldLabel();
  const [stored, setView] = useStore<ListView>(`tessera.view.${e?.key}`, 'table');
  const [chosen] = useChosenColumns(e ?? ({ key: '' } as MetaEntity));
  if (!e) return null;
  const views: ListView[] = ['table', ...(treeField(e) ? ['tree' as const] : []), ...(boardField(e) ? ['board' as const] : [])];
  const view: ListView = views.includes(stored) ? stored : 'table';
  const columns = chosenColumns(e, chosen);
  const firstSort = e.defaultSort.split(',')[0]!;
  return (
    <List
      filters={filters}
      sort={sortOf(firstSort)}
      perPage={25}
      exporter={false}
      actions={<ListActions entity={e} hasFilters={filterDefs(e).some((d) => !d.alwaysOn)} view={view} setView={setView} views={views} />}
      pagination={view !== 'table' ? false : <ListPagination rowsPerPageOptions={[10, 25, 50, 100]} />}
      sx={{
        minWidth: 0,
        '& .RaList-main': { minWidth: 0 },
        '& .RaList-content': { minWidth: 0 },
        // the table scrolls sideways inside its wrapper, not the list's card: the bulk actions
        // toolbar stands above the table (outside the wrapper) and a scrolling card would clip it
        '& .RaDatagrid-root': { minWidth: 0 },
        '& .RaDatagrid-tableWrapper': { overflowX: 'auto' },
        [`& td.column-${e.titleField}`]: { whiteSpace: 'nowrap' },
        ...nowrapDates(columns),
      }}
    >
      {view === 'board' ? (
        <KanbanBoard entity={e} />
      ) : view === 'tree' ? (
        <TreeView entity={e} />
      ) : (
        <>
          <GroupSummary entity={e} columns={columns.map((c) => c.source)} />
          <Datagrid
            rowClick="show"
            bulkActionButtons={
              e.permissions.delete || e.permissions.update ? (
                <>
                  {e.permissions.update && !e.submittable && <BulkEditButton entity={e} />}
                  {e.permissions.delete && <BulkDeleteButton mutationMode="pessimistic" />}
                </>
              ) : (
                false
              )
            }
            data-entity={e.key}
          >
            {columnCells(e, columns, labelOf)}
          </Datagrid>
        </>
      )}
    </List>
  );
}
