/**
 * Line items as an editable grid: one row per line, one input per line field, live line
 * amounts from the server's formulas, add/remove rows. Inputs are named "lines.2.qty", so
 * server errors for a row land on its cell.
 */
import { Alert, Box, IconButton, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/AddCircleOutline';
import RemoveIcon from '@mui/icons-material/RemoveCircleOutline';
import { useFieldArray, useFormState, useWatch } from 'react-hook-form';
import { Button, FieldTitle, RecordContextProvider, ValidationError, useRecordContext, useTranslate } from 'react-admin';
import type { MetaEntity, MetaField } from '../../meta/types.js';
import { lineColumns, lineDefaults } from '../../mapping/fields.js';
import { computeDocument } from '../../mapping/compute.js';
import { useFieldLabel } from '../hooks.js';
import { AnyValue, alignOf, useFormatValue } from '../values.js';
import { MetaInput } from './inputs.js';

function LiveCell({ name, index, child, field }: { name: string; index: number; child: MetaEntity; field: MetaField }) {
  const line = useWatch({ name: `${name}.${index}` }) as Record<string, unknown> | undefined;
  const record = useRecordContext();
  const format = useFormatValue();
  const translate = useTranslate();
  if (!field.compute) {
    const stored = line?.id !== undefined ? (record?.[name] as Record<string, unknown>[] | undefined)?.find((l) => l.id === line.id)?.[field.name] : undefined;
    return stored !== undefined && stored !== null ? format(field, stored) : <Typography variant="caption" color="text.secondary">{translate('tessera.lines.computed_on_save')}</Typography>;
  }
  const value = computeDocument(child, line ?? {})[field.name];
  return <span data-line-value={field.name}>{format(field, value)}</span>;
}

/** A cell of a locked grid (submitted document): the value, not a disabled input. */
function LockedCell({ name, index, field }: { name: string; index: number; field: MetaField }) {
  const line = useWatch({ name: `${name}.${index}` }) as Record<string, unknown> | undefined;
  return (
    <RecordContextProvider value={{ id: (line?.id as number) ?? index, ...(line ?? {}) }}>
      <AnyValue field={field} source={field.name} compact />
    </RecordContextProvider>
  );
}

export function LineItemsInput({ field, disabled }: { field: MetaField; disabled?: boolean }) {
  const child = field.children!;
  const name = field.name;
  const translate = useTranslate();
  const labelOf = useFieldLabel();
  const { fields, append, remove } = useFieldArray({ name, keyName: '_key' as 'id' });
  const { errors } = useFormState({ name });
  const columns = lineColumns(child);
  const arrayError = (errors as Record<string, any>)[name];
  const rootMessage = typeof arrayError?.message === 'string' ? arrayError.message : typeof arrayError?.root?.message === 'string' ? arrayError.root.message : undefined;
  return (
    <Box sx={{ width: '100%' }} data-lines={name}>
      <Typography variant="subtitle1" sx={{ mb: 1, fontWeight: 500 }}>
        {labelOf(field)}
        {field.required && ' *'}
      </Typography>
      {rootMessage && (
        <Alert severity="error" sx={{ mb: 1 }}>
          <ValidationError error={rootMessage} />
        </Alert>
      )}
      <Box sx={{ overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" sx={{ '& td, & th': { verticalAlign: 'top' }, '& td': { pt: 1 } }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 40 }}>#</TableCell>
              {columns.map((c) => (
                <TableCell key={c.name} align={alignOf(c)}>
                  <FieldTitle label={labelOf(c)} isRequired={c.required && !c.computed && !c.readOnly && !disabled} />
                </TableCell>
              ))}
              {!disabled && <TableCell sx={{ width: 48 }} />}
            </TableRow>
          </TableHead>
          <TableBody>
            {fields.map((row, index) => (
              <TableRow key={(row as unknown as { _key: string })._key} data-line-index={index}>
                <TableCell sx={{ color: 'text.secondary', pt: '18px !important' }}>{index + 1}</TableCell>
                {columns.map((c) => (
                  <TableCell key={c.name} align={alignOf(c)} sx={{ minWidth: disabled ? undefined : c.kind === 'reference' ? 200 : c.kind === 'decimal' || c.kind === 'integer' ? 90 : 120, ...(c.computed || c.readOnly || disabled ? { pt: '18px !important', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } : {}) }}>
                    {c.computed || c.readOnly ? (
                      <LiveCell name={name} index={index} child={child} field={c} />
                    ) : disabled ? (
                      <LockedCell name={name} index={index} field={c} />
                    ) : (
                      <MetaInput field={c} source={`${name}.${index}.${c.name}`} label={false} helperText={false} disabled={disabled || c.readOnly} required={c.required} compact />
                    )}
                  </TableCell>
                ))}
                {!disabled && (
                  <TableCell>
                    <Tooltip title={translate('tessera.lines.remove')}>
                      <IconButton size="small" aria-label={translate('tessera.lines.remove')} onClick={() => remove(index)}>
                        <RemoveIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </TableCell>
                )}
              </TableRow>
            ))}
            {!fields.length && (
              <TableRow>
                <TableCell colSpan={columns.length + 2}>
                  <Typography variant="body2" color="text.secondary">
                    {translate('tessera.lines.empty')}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Box>
      {!disabled && (
        <Button label="tessera.lines.add" onClick={() => append(lineDefaults(child))} sx={{ mt: 1 }} data-add-line={name}>
          <AddIcon />
        </Button>
      )}
    </Box>
  );
}
