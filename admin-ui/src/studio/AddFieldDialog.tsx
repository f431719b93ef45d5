/** The "Add field" dialog of the entity designer: every field kind of the vocabulary, with its options. */
import { Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useMeta } from '../providers/metaStore.js';
import { useLocale } from '../ui/hooks.js';
import { EnumOptionsEditor } from './EnumEditor.js';
import { useT } from './hooks.js';
import { customFieldName, FIELD_KINDS, type EnumOption, type NewField, type StudioFieldKind } from './patch.js';

export function AddFieldDialog({ entity, open, onClose, onAdd }: { entity: string; open: boolean; onClose: () => void; onAdd: (f: NewField) => void }) {
  const t = useT();
  const meta = useMeta();
  const locale = useLocale();
  const [f, setF] = useState<NewField>({ name: '', kind: 'string', en: '', lt: '' });
  const [options, setOptions] = useState<EnumOption[]>([]);
  const set = (patch: Partial<NewField>) => setF({ ...f, ...patch });
  const num = (v: string) => (v === '' ? undefined : Number(v));
  const valid = !!f.en && (f.kind !== 'enum' || options.length > 0) && (f.kind !== 'reference' || !!f.ref);
  const submit = () => {
    onAdd({ ...f, options: f.kind === 'enum' ? options : undefined, default: f.kind === 'boolean' && f.default === undefined ? undefined : f.default });
    setF({ name: '', kind: 'string', en: '', lt: '' });
    setOptions([]);
  };
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth data-dialog="add-field">
      <DialogTitle>{t('add_field_title', { entity })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Stack direction="row" spacing={2}>
            <TextField
              label={t('label_en')}
              value={f.en}
              onChange={(e) => set({ en: e.target.value })}
              fullWidth
              inputProps={{ 'data-new-field': 'en' } as object}
            />
            <TextField
              label={t('label_lt')}
              value={f.lt}
              onChange={(e) => set({ lt: e.target.value })}
              fullWidth
              inputProps={{ 'data-new-field': 'lt' } as object}
            />
          </Stack>
          <Stack direction="row" spacing={2}>
            <TextField
              label={t('field_name')}
              value={f.name}
              placeholder={customFieldName(f.en || 'field')}
              onChange={(e) => set({ name: e.target.value })}
              fullWidth
              helperText={customFieldName(f.name || f.en || 'field')}
              inputProps={{ 'data-new-field': 'name' } as object}
            />
            <TextField
              select
              SelectProps={{ native: true }}
              label={t('field_type')}
              value={f.kind}
              onChange={(e) => set({ kind: e.target.value as StudioFieldKind, default: undefined })}
              fullWidth
              inputProps={{ 'data-new-field': 'kind' } as object}
            >
              {FIELD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </TextField>
          </Stack>
          {f.kind === 'string' && (
            <TextField label={t('max_length')} type="number" value={f.maxLength ?? 140} onChange={(e) => set({ maxLength: num(e.target.value) })} />
          )}
          {(f.kind === 'decimal' || f.kind === 'money') && (
            <Stack direction="row" spacing={2}>
              <TextField label={t('precision')} type="number" value={f.precision ?? 18} onChange={(e) => set({ precision: num(e.target.value) })} />
              <TextField label={t('scale')} type="number" value={f.scale ?? 2} onChange={(e) => set({ scale: num(e.target.value) })} />
            </Stack>
          )}
          {f.kind === 'reference' && (
            <TextField select SelectProps={{ native: true }} label={t('reference_to')} value={f.ref ?? ''} onChange={(e) => set({ ref: e.target.value })}>
              <option value="" />
              {(meta?.entities ?? []).map((e) => (
                <option key={e.key} value={e.key}>
                  {(locale === 'lt' && e.labels?.lt?.title) || e.label} ({e.key})
                </option>
              ))}
            </TextField>
          )}
          {f.kind === 'enum' && <EnumOptionsEditor options={options} onChange={setOptions} />}
          <Stack direction="row" spacing={2}>
            <TextField label={t('help_en')} value={f.helpEn ?? ''} onChange={(e) => set({ helpEn: e.target.value })} fullWidth />
            <TextField label={t('help_lt')} value={f.helpLt ?? ''} onChange={(e) => set({ helpLt: e.target.value })} fullWidth />
          </Stack>
          {f.kind === 'boolean' ? (
            <FormControlLabel
              control={<Checkbox checked={f.default === true} onChange={(e) => set({ default: e.target.checked })} />}
              label={t('default_new')}
            />
          ) : (
            <TextField
              label={t('default_new')}
              value={f.default === undefined ? '' : String(f.default)}
              onChange={(e) => set({ default: e.target.value === '' ? undefined : f.kind === 'integer' ? Number(e.target.value) : e.target.value })}
            />
          )}
          <FormControlLabel
            control={
              <Checkbox checked={!!f.required} onChange={(e) => set({ required: e.target.checked })} inputProps={{ 'data-new-field': 'required' } as object} />
            }
            label={`${t('required')} — ${t('required_hint')}`}
          />
          <Stack direction="row" spacing={2}>
            <FormControlLabel
              control={
                <Checkbox checked={!!f.column} onChange={(e) => set({ column: e.target.checked })} inputProps={{ 'data-new-field': 'column' } as object} />
              }
              label={t('list_column')}
            />
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" disabled={!valid} onClick={submit} data-add-field-submit>
          {t('save_to_draft')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
