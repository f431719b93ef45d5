/**
 * Group by: pick a field, see the list's groups with their count and the sums of its number
 * columns (computed by the server over the same filter and search, GET /api/groups); a click on
 * a group filters the list to it.
 */
import { Box, ListItemText, Menu, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import WorkspacesIcon from '@mui/icons-material/Workspaces';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useGetMany, useListContext, useStore, useTranslate } from 'react-admin';
import type { MetaEntity, MetaField } from '../../meta/types.js';
import { fieldOf } from '../../mapping/fields.js';
import { toServerFilter } from '../../mapping/filters.js';
import { choiceLabel, recordTitle } from '../../mapping/labels.js';
import { formatDecimal } from '../../mapping/format.js';
import { listGroups, type GroupRow } from '../../providers/api.js';
import { useMeta } from '../../providers/metaStore.js';
import { useFieldLabel, useLocale } from '../hooks.js';

const GROUPABLE = new Set(['enum', 'reference', 'boolean', 'string', 'date', 'integer']);

export function useGroupBy(e: MetaEntity) {
  return useStore<string | undefined>(`tessera.groupBy.${e.key}`, undefined);
}

/** Fields a list can be grouped by: choices, references, yes/no, short texts, dates (and the document status). */
export function groupableFields(e: MetaEntity): MetaField[] {
  const fields = e.fields.filter((f) => !f.hidden && !f.secret && GROUPABLE.has(f.kind) && f.name !== 'id');
  const status = e.submittable ? fieldOf(e, 'docstatus') : undefined;
  return status ? [status, ...fields] : fields;
}

/** Number fields summed per group: the list's decimal columns. */
export function summedFields(e: MetaEntity, columns: string[]): MetaField[] {
  return columns.map((c) => e.fields.find((f) => f.name === c)).filter((f): f is MetaField => !!f && f.kind === 'decimal');
}

export function GroupByButton({ entity }: { entity: MetaEntity }) {
  const translate = useTranslate();
  const labelOf = useFieldLabel();
  const [by, setBy] = useGroupBy(entity);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const choose = (name: string | undefined) => {
    setAnchor(null);
    setBy(name);
  };
  const current = by ? fieldOf(entity, by) : undefined;
  return (
    <>
      <Button
        label={current ? `${translate('tessera.group.button')}: ${labelOf(current)}` : 'tessera.group.button'}
        onClick={(ev) => setAnchor(ev.currentTarget)}
        data-group-button
      >
        <WorkspacesIcon />
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)} slotProps={{ paper: { sx: { maxHeight: 420 } } }}>
        <MenuItem dense selected={!by} onClick={() => choose(undefined)}>
          {translate('tessera.group.none')}
        </MenuItem>
        {groupableFields(entity).map((f) => (
          <MenuItem key={f.name} dense selected={by === f.name} onClick={() => choose(f.name)} data-group-choice={f.name}>
            <ListItemText primary={labelOf(f)} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

function useGroupLabel(field: MetaField | undefined, groups: GroupRow[]) {
  const translate = useTranslate();
  const locale = useLocale();
  const meta = useMeta();
  const target = field?.ref ? meta?.entities.find((x) => x.key === field.ref!.entity) : undefined;
  const ids = field?.kind === 'reference' ? (groups.map((g) => g.key).filter((k) => k !== null) as number[]) : [];
  const { data: refs = [] } = useGetMany(target?.key ?? '', { ids }, { enabled: !!target && ids.length > 0 });
  return (key: GroupRow['key']): string => {
    if (key === null || key === '') return translate('tessera.group.empty');
    if (!field) return String(key);
    if (field.name === 'docstatus') return translate(`tessera.docstatus.${key}`);
    if (field.kind === 'boolean') return translate(key ? 'ra.boolean.true' : 'ra.boolean.false');
    if (field.kind === 'enum') {
      const c = field.choices?.find((x) => x.id === key);
      return c ? choiceLabel(c, locale) : String(key);
    }
    if (field.kind === 'reference') {
      const r = refs.find((x) => x.id === key);
      return r && target ? recordTitle(target, r, locale) : `#${key}`;
    }
    return String(key);
  };
}

/** The groups of the list above its rows, when a group-by field is chosen. */
export function GroupSummary({ entity, columns }: { entity: MetaEntity; columns: string[] }) {
  const translate = useTranslate();
  const locale = useLocale();
  const labelOf = useFieldLabel();
  const [by] = useGroupBy(entity);
  const { filterValues, setFilters } = useListContext();
  const field = by ? fieldOf(entity, by) : undefined;
  const sums = summedFields(entity, columns);
  const list = toServerFilter(entity, filterValues);
  const { data } = useQuery({
    queryKey: ['groups', entity.key, by, sums.map((s) => s.name).join(','), JSON.stringify(list)],
    queryFn: () =>
      listGroups(
        entity.key,
        by!,
        sums.map((s) => s.name),
        list,
      ),
    enabled: !!field,
  });
  const groups = data?.groups ?? [];
  const label = useGroupLabel(field, groups);
  if (!field || !data) return null;
  return (
    <Box sx={{ px: 2, pt: 1, pb: 2, overflowX: 'auto' }} data-group-summary={by}>
      <Table size="small" sx={{ width: 'auto', minWidth: 360 }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ fontWeight: 600 }}>{labelOf(field)}</TableCell>
            <TableCell align="right" sx={{ fontWeight: 600 }}>
              {translate('tessera.group.count')}
            </TableCell>
            {sums.map((s) => (
              <TableCell key={s.name} align="right" sx={{ fontWeight: 600 }}>
                {labelOf(s)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map((g) => (
            <TableRow
              key={String(g.key)}
              hover
              sx={{ cursor: 'pointer' }}
              onClick={() => setFilters({ ...filterValues, [field.name]: g.key === null ? { isNull: true } : g.key }, {})}
              data-group-key={String(g.key)}
            >
              <TableCell>{label(g.key)}</TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {g.count}
              </TableCell>
              {sums.map((s) => (
                <TableCell key={s.name} align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-group-sum={s.name}>
                  {formatDecimal(g.sums[s.name] ?? '0', locale, s.scale ?? 2)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!groups.length && <Typography color="text.secondary">{translate('ra.navigation.no_results')}</Typography>}
    </Box>
  );
}
