/** Bulk edit: set one field to one value on every selected record, in one all-or-nothing request (PATCH ?ids=). */
import { Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import { useState } from 'react';
import { Button, useListContext, useNotify, useRefresh, useTranslate, useUpdateMany } from 'react-admin';
import type { MetaEntity, MetaField } from '../../meta/types.js';
import { choiceLabel } from '../../mapping/labels.js';
import { useFieldLabel, useLocale } from '../hooks.js';

/** Fields that can be set on many records at once: editable, not computed, not unique, simple values. */
export function bulkEditableFields(e: MetaEntity): MetaField[] {
  return e.fields.filter(
    (f) =>
      !f.readOnly &&
      !f.hidden &&
      !f.secret &&
      !f.computed &&
      !f.unique &&
      ['enum', 'boolean', 'string', 'date', 'integer', 'decimal', 'email', 'phone', 'url'].includes(f.kind),
  );
}

export function BulkEditButton({ entity }: { entity: MetaEntity }) {
  const translate = useTranslate();
  const locale = useLocale();
  const labelOf = useFieldLabel();
  const notify = useNotify();
  const refresh = useRefresh();
  const { selectedIds, onUnselectItems } = useListContext();
  const [open, setOpen] = useState(false);
  const fields = bulkEditableFields(entity);
  const [name, setName] = useState(fields[0]?.name ?? '');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [updateMany, { isPending }] = useUpdateMany();
  const field = fields.find((f) => f.name === name);
  if (!fields.length) return null;
  const apply = () => {
    const v = field?.kind === 'boolean' ? value === 'true' : field?.kind === 'integer' ? Number(value) : value === '' ? null : value;
    updateMany(
      entity.key,
      { ids: selectedIds, data: { [name]: v } },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          notify('tessera.bulk.done', { type: 'info', messageArgs: { count: selectedIds.length } });
          setOpen(false);
          onUnselectItems();
          refresh();
        },
        onError: (err) => {
          const body = (err as { body?: { error?: { message?: string; details?: { path: string; message: string }[] } } }).body;
          setError(body?.error?.details?.[0]?.message ?? body?.error?.message ?? (err as Error).message);
        },
      },
    );
  };
  return (
    <>
      <Button label="tessera.bulk.edit" onClick={() => setOpen(true)} data-bulk-edit>
        <EditIcon />
      </Button>
      {open && (
        <Dialog open onClose={() => setOpen(false)} fullWidth maxWidth="xs">
          <DialogTitle>{translate('tessera.bulk.title', { count: selectedIds.length })}</DialogTitle>
          <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
            <TextField
              select
              size="small"
              label={translate('tessera.bulk.field')}
              value={name}
              onChange={(ev) => {
                setName(ev.target.value);
                setValue('');
                setError(undefined);
              }}
              slotProps={{ htmlInput: { 'data-bulk-field': true } }}
            >
              {fields.map((f) => (
                <MenuItem key={f.name} value={f.name}>
                  {labelOf(f)}
                </MenuItem>
              ))}
            </TextField>
            {field?.kind === 'enum' || field?.kind === 'boolean' ? (
              <TextField
                select
                size="small"
                label={translate('tessera.bulk.value')}
                value={value}
                onChange={(ev) => setValue(ev.target.value)}
                error={!!error}
                helperText={error}
              >
                {(field.kind === 'boolean'
                  ? [
                      { id: 'true', name: translate('ra.boolean.true') },
                      { id: 'false', name: translate('ra.boolean.false') },
                    ]
                  : (field.choices ?? []).map((c) => ({ id: c.id, name: choiceLabel(c, locale) }))
                ).map((c) => (
                  <MenuItem key={c.id} value={c.id}>
                    {c.name}
                  </MenuItem>
                ))}
              </TextField>
            ) : (
              <TextField
                size="small"
                type={field?.kind === 'date' ? 'date' : 'text'}
                label={translate('tessera.bulk.value')}
                value={value}
                onChange={(ev) => setValue(ev.target.value)}
                error={!!error}
                helperText={error}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-bulk-value': true } }}
              />
            )}
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <Button label="tessera.bulk.apply" variant="contained" onClick={apply} disabled={isPending} />
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
