/** The tree view of a self-referencing entity (parent + is_group): indented rows, groups fold and unfold. */
import { Alert, IconButton, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useMemo, useState } from 'react';
import { Loading, RecordContextProvider, useCreatePath, useGetList, useListContext, useTranslate, type RaRecord } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { MetaEntity } from '../../meta/types.js';
import { listColumns } from '../../mapping/fields.js';
import { buildTree, treeField } from '../../mapping/tree.js';
import { useFieldLabel } from '../hooks.js';
import { AnyValue, alignOf } from '../values.js';

/** A tree shows every node at once (the server's page limit); filters narrow it. */
const TREE_LIMIT = 1000;

export function TreeView({ entity }: { entity: MetaEntity }) {
  const { filterValues, sort } = useListContext();
  const translate = useTranslate();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const labelOf = useFieldLabel();
  const parent = treeField(entity)!;
  const [collapsed, setCollapsed] = useState<Set<string | number>>(new Set());
  const { data = [], total, isPending } = useGetList(entity.key, { pagination: { page: 1, perPage: TREE_LIMIT }, sort, filter: filterValues });
  const rows = useMemo(() => buildTree(data as (RaRecord & { id: string | number })[], parent.name, collapsed), [data, parent.name, collapsed]);
  const columns = listColumns(entity).filter((c) => c.source !== parent.name);
  const title = columns.find((c) => c.source === entity.titleField) ?? columns[0];
  const ordered = title ? [title, ...columns.filter((c) => c !== title)] : columns;
  if (isPending) return <Loading />;
  const toggle = (id: string | number) => {
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  return (
    <TableContainer sx={{ overflowX: 'auto' }} data-tree={entity.key}>
      {total !== undefined && total > TREE_LIMIT && <Alert severity="info">{translate('tessera.board.limited', { shown: TREE_LIMIT, total })}</Alert>}
      <Table size="small">
        <TableHead>
          <TableRow>
            {ordered.map((c) => (
              <TableCell key={c.source} align={alignOf(c.field)} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                {labelOf(c.field)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ record, depth, hasChildren }) => (
            <RecordContextProvider key={record.id} value={record}>
              <TableRow
                hover
                sx={{ cursor: 'pointer' }}
                data-tree-node={record.id}
                data-depth={depth}
                onClick={() => navigate(createPath({ resource: entity.key, id: record.id, type: 'show' }))}
              >
                {ordered.map((c, i) => (
                  <TableCell
                    key={c.source}
                    align={alignOf(c.field)}
                    sx={i === 0 ? { pl: 1 + depth * 3, whiteSpace: 'nowrap', fontWeight: record.is_group ? 600 : undefined } : undefined}
                  >
                    {i === 0 && (
                      <IconButton
                        size="small"
                        sx={{ visibility: hasChildren ? 'visible' : 'hidden', mr: 0.5 }}
                        aria-label={translate(collapsed.has(record.id) ? 'tessera.board.expand' : 'tessera.board.collapse')}
                        data-tree-toggle={record.id}
                        onClick={(ev) => {
                          ev.stopPropagation();
                          toggle(record.id);
                        }}
                      >
                        {collapsed.has(record.id) ? <ChevronRightIcon fontSize="small" /> : <ExpandMoreIcon fontSize="small" />}
                      </IconButton>
                    )}
                    <AnyValue source={c.source} field={c.field} entity={entity} compact />
                  </TableCell>
                ))}
              </TableRow>
            </RecordContextProvider>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
