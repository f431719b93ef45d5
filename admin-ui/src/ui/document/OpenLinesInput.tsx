/**
 * Partial delivery / receipt: the document's open lines as a grid, "to do" prefilled with what
 * is open (ordered - done), editable per row (0 or empty leaves the line out), with a picker
 * for the row's other references (the warehouse to ship from).
 */
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { RecordContextProvider, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { MetaEntity, MetaField } from '../../meta/types.js';
import type { ActionInput } from '../../mapping/actionForm.js';
import { openQty } from '../../mapping/actionForm.js';
import { useFieldLabel } from '../hooks.js';
import { AnyValue, DocumentValues, useFormatValue } from '../values.js';
import { DecimalInput, MetaInput } from '../form/inputs.js';

/** `record` is the document (inside the dialog's form the record context is the form's values). */
export function OpenLinesInput({ entity, input, label, record }: { entity: MetaEntity; input: ActionInput; label: string; record: Record<string, unknown> }) {
  const translate = useTranslate();
  const labelOf = useFieldLabel();
  const format = useFormatValue();
  const spec = input.openLines!;
  const rows = (useWatch({ name: input.name }) as Record<string, unknown>[] | undefined) ?? [];
  const linesField = entity.fields.find((f) => f.name === spec.from);
  const child = linesField?.children;
  const lines = (record?.[spec.from] as Record<string, unknown>[] | undefined) ?? [];
  if (!child) return null;
  const qtyName = spec.qty ?? 'qty';
  const itemField = child.fields.find((f) => f.kind === 'reference' && !f.ui?.internal);
  const qtyField = child.fields.find((f) => f.name === spec.open[0]);
  const doneField = child.fields.find((f) => f.name === spec.open[1]);
  // Other row properties that are references of the line (warehouse): a picker per row.
  const extra = Object.keys(input.rowProperties ?? {})
    .filter((p) => p !== spec.key && p !== qtyName)
    .map((p) => child.fields.find((f) => f.name === p && f.kind === 'reference'))
    .filter((f): f is MetaField => !!f);
  return (
    <Box sx={{ mb: 2 }} data-open-lines={input.name}>
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        {label}
      </Typography>
      {!rows.length ? (
        <Typography variant="body2" color="text.secondary">
          {translate('tessera.entry.nothing_open')}
        </Typography>
      ) : (
        <DocumentValues.Provider value={record}>
          <Table size="small" sx={{ '& td': { verticalAlign: 'middle' } }}>
            <TableHead>
              <TableRow>
                {itemField && <TableCell>{labelOf(itemField)}</TableCell>}
                {qtyField && <TableCell align="right">{labelOf(qtyField)}</TableCell>}
                {doneField && <TableCell align="right">{labelOf(doneField)}</TableCell>}
                <TableCell align="right">{translate('tessera.entry.to_do')}</TableCell>
                {extra.map((f) => (
                  <TableCell key={f.name}>{labelOf(f)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row, i) => {
                const line = lines.find((l) => l.id === row[spec.key]) ?? {};
                return (
                  <TableRow key={String(row[spec.key])} data-open-line={i}>
                    {itemField && (
                      <TableCell>
                        <RecordContextProvider value={{ id: (line.id as number) ?? i, ...line }}>
                          <AnyValue field={itemField} source={itemField.name} compact />
                        </RecordContextProvider>
                      </TableCell>
                    )}
                    {qtyField && <TableCell align="right">{format(qtyField, line[qtyField.name], { row: line, doc: record })}</TableCell>}
                    {doneField && <TableCell align="right">{format(doneField, line[doneField.name], { row: line, doc: record })}</TableCell>}
                    <TableCell align="right" sx={{ width: 140 }} title={openQty(line, spec)}>
                      <DecimalInput
                        source={`${input.name}.${i}.${qtyName}`}
                        label={false}
                        helperText={false}
                        field={{ precision: qtyField?.precision, scale: qtyField?.scale, min: '0' }}
                      />
                    </TableCell>
                    {extra.map((f) => (
                      <TableCell key={f.name}>
                        <Box sx={{ minWidth: 240, '& .MuiAutocomplete-root, & .MuiFormControl-root': { width: '100%' } }}>
                          <MetaInput field={f} source={`${input.name}.${i}.${f.name}`} label={false} helperText={false} compact row={child} />
                        </Box>
                      </TableCell>
                    ))}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </DocumentValues.Provider>
      )}
    </Box>
  );
}
