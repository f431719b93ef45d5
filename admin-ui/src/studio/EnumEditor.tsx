/** Editing the options of a choice field: order (drag, or up/down), value, EN/LT names, chip colour. */
import { Box, Button, IconButton, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { MetaIcon } from '../ui/MetaIcon.js';
import { useT } from './hooks.js';
import type { EnumOption } from './patch.js';

const move = <T,>(list: T[], from: number, to: number): T[] => {
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x!);
  return out;
};

export function EnumOptionsEditor({ options, onChange }: { options: EnumOption[]; onChange: (o: EnumOption[]) => void }) {
  const t = useT();
  const [dragged, setDragged] = useState<number>();
  const set = (i: number, patch: Partial<EnumOption>) => onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <Stack spacing={1} data-enum-editor>
      {options.map((o, i) => (
        <Stack
          key={i}
          direction="row"
          spacing={1}
          alignItems="center"
          draggable
          onDragStart={() => setDragged(i)}
          onDragOver={(e) => e.preventDefault()}
          onDrop={() => {
            if (dragged !== undefined && dragged !== i) onChange(move(options, dragged, i));
            setDragged(undefined);
          }}
          data-option-index={i}
          sx={{ cursor: 'grab' }}
        >
          <MetaIcon name="drag_indicator" fontSize="small" />
          <TextField size="small" label={t('option_value')} value={o.value} onChange={(e) => set(i, { value: e.target.value })} />
          <TextField size="small" label={t('option_en')} value={o.en} onChange={(e) => set(i, { en: e.target.value })} />
          <TextField size="small" label={t('option_lt')} value={o.lt} onChange={(e) => set(i, { lt: e.target.value })} />
          <TextField
            size="small"
            type="color"
            label={t('option_color')}
            value={o.color ?? '#9e9e9e'}
            onChange={(e) => set(i, { color: e.target.value })}
            sx={{ width: 90 }}
            inputProps={{ 'data-option-color': o.value } as object}
          />
          <IconButton size="small" aria-label={t('option_up')} disabled={i === 0} onClick={() => onChange(move(options, i, i - 1))}>
            <MetaIcon name="arrow_upward" fontSize="small" />
          </IconButton>
          <IconButton size="small" aria-label={t('option_down')} disabled={i === options.length - 1} onClick={() => onChange(move(options, i, i + 1))}>
            <MetaIcon name="arrow_downward" fontSize="small" />
          </IconButton>
          <IconButton size="small" aria-label={t('option_remove')} onClick={() => onChange(options.filter((_, j) => j !== i))}>
            <MetaIcon name="delete" fontSize="small" />
          </IconButton>
        </Stack>
      ))}
      <Box>
        <Button size="small" onClick={() => onChange([...options, { value: `option_${options.length + 1}`, en: '', lt: '' }])}>
          {t('option_add')}
        </Button>
      </Box>
    </Stack>
  );
}
