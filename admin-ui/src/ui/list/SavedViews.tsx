/**
 * Saved views of a list (stored server-side, /api/views): apply one (its filters, columns,
 * sort and grouping), save the current state under a name, personal or shared, delete your own.
 */
import {
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  FormControlLabel,
  IconButton,
  ListItemText,
  ListSubheader,
  Menu,
  MenuItem,
  TextField,
} from '@mui/material';
import BookmarksIcon from '@mui/icons-material/Bookmarks';
import DeleteIcon from '@mui/icons-material/Delete';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useListContext, useNotify, useStore, useTranslate } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { savedViews, type SavedView, type ViewState } from '../../providers/api.js';
import { useChosenColumns } from './ColumnsButton.js';
import { useGroupBy } from './GroupBy.js';

const errorText = (err: unknown) => {
  const body = (err as { body?: { error?: { message?: string } } }).body;
  return body?.error?.message ?? (err as Error).message;
};

function SaveDialog({ entity, onClose }: { entity: MetaEntity; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const { filterValues, sort } = useListContext();
  const [columns] = useChosenColumns(entity);
  const [groupBy] = useGroupBy(entity);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string>();
  const save = async () => {
    const state: ViewState = {
      filter: filterValues ?? {},
      ...(columns?.length ? { columns } : {}),
      ...(sort?.field ? { sort: { field: sort.field, order: sort.order } } : {}),
      ...(groupBy ? { groupBy } : {}),
    };
    try {
      const view = await savedViews.create({ entity: entity.key, name, shared, state });
      await client.invalidateQueries({ queryKey: ['views', entity.key] });
      notify('tessera.views.saved', { type: 'info', messageArgs: { name: view.name } });
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>{translate('tessera.views.save_title')}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label={translate('tessera.views.name')}
          value={name}
          onChange={(ev) => setName(ev.target.value)}
          error={!!error}
          helperText={error}
          slotProps={{ htmlInput: { 'data-view-name': true, maxLength: 80 } }}
        />
        <FormControlLabel
          control={<Checkbox checked={shared} onChange={(ev) => setShared(ev.target.checked)} data-view-shared />}
          label={translate('tessera.views.shared')}
        />
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={onClose} />
        <Button label="ra.action.save" variant="contained" onClick={save} disabled={!name.trim()} data-view-save />
      </DialogActions>
    </Dialog>
  );
}

export function SavedViewsButton({ entity }: { entity: MetaEntity }) {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const { setFilters, setSort } = useListContext();
  const [, setColumns] = useChosenColumns(entity);
  const [, setGroupBy] = useGroupBy(entity);
  const [current, setCurrent] = useStore<number | undefined>(`tessera.view.current.${entity.key}`, undefined);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [saving, setSaving] = useState(false);
  const { data: views = [] } = useQuery({ queryKey: ['views', entity.key], queryFn: () => savedViews.list(entity.key) });
  const apply = (v: SavedView | undefined) => {
    setAnchor(null);
    setCurrent(v?.id);
    setColumns(v?.state.columns);
    setGroupBy(v?.state.groupBy);
    setFilters(v?.state.filter ?? {}, {});
    if (v?.state.sort) setSort(v.state.sort);
  };
  const remove = async (v: SavedView) => {
    try {
      await savedViews.remove(v.id);
      await client.invalidateQueries({ queryKey: ['views', entity.key] });
      if (current === v.id) setCurrent(undefined);
      notify('tessera.views.deleted', { type: 'info', messageArgs: { name: v.name } });
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };
  const active = views.find((v) => v.id === current);
  const mine = views.filter((v) => v.mine);
  const shared = views.filter((v) => !v.mine);
  const item = (v: SavedView) => (
    <MenuItem key={v.id} dense selected={v.id === current} onClick={() => apply(v)} data-saved-view={v.name}>
      <ListItemText primary={v.name} secondary={v.mine ? undefined : translate('tessera.views.by', { owner: v.owner })} />
      {v.mine && (
        <IconButton
          size="small"
          edge="end"
          aria-label={translate('tessera.views.delete')}
          onClick={(ev) => {
            ev.stopPropagation();
            void remove(v);
          }}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      )}
    </MenuItem>
  );
  return (
    <>
      <Button label={active ? active.name : 'tessera.views.button'} onClick={(ev) => setAnchor(ev.currentTarget)} data-views-button>
        <BookmarksIcon />
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem dense onClick={() => apply(undefined)}>
          {translate('tessera.views.default')}
        </MenuItem>
        {mine.length > 0 && <ListSubheader sx={{ lineHeight: '28px' }}>{translate('tessera.views.mine')}</ListSubheader>}
        {mine.map(item)}
        {shared.length > 0 && <ListSubheader sx={{ lineHeight: '28px' }}>{translate('tessera.views.shared_group')}</ListSubheader>}
        {shared.map(item)}
        {!views.length && (
          <MenuItem dense disabled>
            {translate('tessera.views.none')}
          </MenuItem>
        )}
        <Divider />
        <MenuItem
          dense
          onClick={() => {
            setAnchor(null);
            setSaving(true);
          }}
          data-view-save-open
        >
          {translate('tessera.views.save')}
        </MenuItem>
      </Menu>
      {saving && <SaveDialog entity={entity} onClose={() => setSaving(false)} />}
    </>
  );
}
