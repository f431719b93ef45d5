/** The column chooser: tick the fields a list shows (kept per user and entity; a saved view carries them too). */
import { Checkbox, Divider, ListItemIcon, ListItemText, Menu, MenuItem } from '@mui/material';
import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import { useState } from 'react';
import { Button, useStore, useTranslate } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { chosenColumns, columnChoices } from '../../mapping/columns.js';
import { fieldOf } from '../../mapping/fields.js';
import { useFieldLabel } from '../hooks.js';

export const columnsKey = (e: MetaEntity) => `tessera.columns.${e.key}`;

export function useChosenColumns(e: MetaEntity) {
  return useStore<string[] | undefined>(columnsKey(e), undefined);
}

export function ColumnsButton({ entity }: { entity: MetaEntity }) {
  const translate = useTranslate();
  const labelOf = useFieldLabel();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [chosen, setChosen] = useChosenColumns(entity);
  const shown = chosenColumns(entity, chosen).map((c) => c.source);
  const toggle = (name: string) => {
    const choices = columnChoices(entity);
    const next = shown.includes(name) ? shown.filter((n) => n !== name) : choices.filter((n) => n === name || shown.includes(n));
    if (next.length) setChosen(next);
  };
  return (
    <>
      <Button label="tessera.columns.button" onClick={(ev) => setAnchor(ev.currentTarget)} data-columns-button>
        <ViewColumnIcon />
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)} slotProps={{ paper: { sx: { maxHeight: 420 } } }}>
        {columnChoices(entity).map((name) => {
          const f = fieldOf(entity, name);
          return (
            <MenuItem key={name} dense onClick={() => toggle(name)} data-column-choice={name}>
              <ListItemIcon>
                <Checkbox size="small" edge="start" checked={shown.includes(name)} tabIndex={-1} disableRipple />
              </ListItemIcon>
              <ListItemText primary={f ? labelOf(f) : name} />
            </MenuItem>
          );
        })}
        <Divider />
        <MenuItem dense onClick={() => setChosen(undefined)}>
          {translate('tessera.columns.reset')}
        </MenuItem>
      </Menu>
    </>
  );
}
