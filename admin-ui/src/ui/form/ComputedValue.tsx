/** A computed field in a form: its live value (from the server's formula), or the stored value until saved. */
import { Box, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import { useRecordContext, useTranslate } from 'react-admin';
import type { MetaEntity, MetaField } from '../../meta/types.js';
import { awaitsSave, computeDocument } from '../../mapping/compute.js';
import { useLiveRate } from './liveRate.js';
import { useFieldLabel } from '../hooks.js';
import { useFormatValue } from '../values.js';

/** The document's values with every computed field filled in from the formulas (an empty exchange rate: the one the server will fill). */
export function useComputedDocument(entity: MetaEntity): Record<string, unknown> {
  const values = (useWatch() as Record<string, unknown>) ?? {};
  const live = useLiveRate(entity, values);
  return computeDocument(entity, live ? { ...values, [live.field]: live.rate } : values);
}

export function ComputedValue({ entity, field }: { entity: MetaEntity; field: MetaField }) {
  const doc = useComputedDocument(entity);
  const record = useRecordContext();
  const format = useFormatValue();
  const translate = useTranslate();
  const labelOf = useFieldLabel();
  // A product whose factor the server fills on save (an exchange rate) is not shown as 0 before.
  const pending = field.compute !== undefined && awaitsSave(field, doc);
  const live = field.compute !== undefined && !pending;
  const value = live ? doc[field.name] : record?.[field.name];
  const where = { row: doc, doc };
  return (
    <Box sx={{ py: 1 }} data-computed={field.name}>
      <Typography variant="caption" color="text.secondary" component="div">
        {labelOf(field)}
      </Typography>
      <Typography variant="h6" component="div" sx={{ fontVariantNumeric: 'tabular-nums' }} data-value={value ?? ''}>
        {value === undefined || value === null ? '—' : format(field, value, where)}
      </Typography>
      {!live && !pending && (
        <Typography variant="caption" color="text.secondary">
          {translate('tessera.lines.computed_on_save')}
        </Typography>
      )}
    </Box>
  );
}
