/** The create / edit form of any entity: inputs by kind in a two-column grid, line-item grids, live totals. */
import { Alert, Box, Divider, Stack } from '@mui/material';
import { DeleteButton, SaveButton, SimpleForm, Toolbar, useRecordContext, useTranslate } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { canDeleteRecord, defaultValues, formInputs, type DocStatusValue, type FormInput } from '../../mapping/fields.js';
import { fieldLabel } from '../../mapping/labels.js';
import { useLocale } from '../hooks.js';
import { MetaInput } from './inputs.js';
import { LineItemsInput } from './LineItemsInput.js';
import { ComputedValue } from './ComputedValue.js';
import { AllFieldsToggle, useAllFields } from './AllFields.js';

const WIDE = new Set(['multiline', 'json', 'lineItems']);

function FormToolbar({ entity, mode }: { entity: MetaEntity; mode: 'create' | 'edit' }) {
  const record = useRecordContext();
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {mode === 'edit' && canDeleteRecord(entity, record) && <DeleteButton mutationMode="pessimistic" />}
    </Toolbar>
  );
}

function LockNotice({ entity, status }: { entity: MetaEntity; status: DocStatusValue }) {
  const translate = useTranslate();
  const locale = useLocale();
  if (!entity.submittable || !status || status === 'draft') return null;
  if (status === 'cancelled') return <Alert severity="warning">{translate('tessera.doc.locked_cancelled')}</Alert>;
  const names = entity.submittable.editableAfterSubmit
    .map((n) => entity.fields.find((f) => f.name === n))
    .filter((f) => !!f)
    .map((f) => fieldLabel(f!, locale));
  return <Alert severity="info">{translate('tessera.doc.locked_submitted', { fields: names.join(', ') })}</Alert>;
}

function Inputs({ entity, inputs }: { entity: MetaEntity; inputs: FormInput[] }) {
  const plain = inputs.filter((i) => !i.computed && i.input !== 'lineItems');
  const lines = inputs.filter((i) => i.input === 'lineItems' && i.field.children);
  const computed = inputs.filter((i) => i.computed);
  return (
    <Stack spacing={2} sx={{ width: '100%' }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' }, columnGap: 3, rowGap: 0, alignItems: 'start' }}>
        {plain.map((i) => (
          <Box key={i.source} sx={{ gridColumn: WIDE.has(i.input) ? '1 / -1' : undefined, '& .MuiFormControl-root': { width: '100%' } }} data-input={i.source}>
            <MetaInput field={i.field} source={i.source} disabled={i.disabled} required={i.required} row={entity} />
          </Box>
        ))}
      </Box>
      {lines.map((i) => (
        <LineItemsInput key={i.source} field={i.field} disabled={i.disabled} />
      ))}
      {computed.length > 0 && (
        <>
          <Divider />
          <Stack direction="row" spacing={4} sx={{ justifyContent: 'flex-end' }}>
            {computed.map((i) => (
              <ComputedValue key={i.source} entity={entity} field={i.field} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

export function EntityForm({ entity, mode }: { entity: MetaEntity; mode: 'create' | 'edit' }) {
  const record = useRecordContext();
  const status = (record?.docstatus as DocStatusValue) ?? undefined;
  const [all] = useAllFields();
  const inputs = formInputs(entity, mode, status, all);
  return (
    <SimpleForm
      defaultValues={mode === 'create' ? defaultValues(entity) : undefined}
      toolbar={<FormToolbar entity={entity} mode={mode} />}
      warnWhenUnsavedChanges
      sx={{ maxWidth: entity.fields.some((f) => f.kind === 'children') ? 'none' : 1200 }}
    >
      <AllFieldsToggle entity={entity} />
      {mode === 'edit' && <LockNotice entity={entity} status={status} />}
      <Inputs entity={entity} inputs={inputs} />
    </SimpleForm>
  );
}
