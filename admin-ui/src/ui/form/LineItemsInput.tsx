/**
 * Line items as an editable grid: one row per line, one input per line field, live line
 * amounts from the server's formulas, add/remove rows. Inputs are named "lines.2.qty", so
 * server errors for a row land on its cell. Keyboard entry: Tab moves across the cells,
 * Enter adds a line (copying the fields marked x-ui.repeat) and puts the cursor in its
 * first cell. The row number and first column stay in view when the grid scrolls sideways.
 */
import { Alert, Box, IconButton, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/AddCircleOutline';
import RemoveIcon from '@mui/icons-material/RemoveCircleOutline';
import { useRef, type KeyboardEvent } from 'react';
import { useFieldArray, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { Button, FieldTitle, RecordContextProvider, ValidationError, useRecordContext, useTranslate } from 'react-admin';
import type { MetaEntity, MetaField } from '../../meta/types.js';
import { lineColumns, lineDefaults } from '../../mapping/fields.js';
import { computeDocument } from '../../mapping/compute.js';
import { repeatedValues } from '../../mapping/pickers.js';
import { useFieldLabel } from '../hooks.js';
import { AnyValue, alignOf, useFormatValue } from '../values.js';
import { MetaInput } from './inputs.js';
import { useAllFields } from './AllFields.js';

function LiveCell({ name, index, child, field }: { name: string; index: number; child: MetaEntity; field: MetaField }) {
  const doc = useWatch() as Record<string, unknown>;
  const record = useRecordContext();
  const format = useFormatValue();
  const translate = useTranslate();
  const line = (doc?.[name] as Record<string, unknown>[] | undefined)?.[index];
  if (!field.compute) {
    const stored = line?.id !== undefined ? (record?.[name] as Record<string, unknown>[] | undefined)?.find((l) => l.id === line.id)?.[field.name] : undefined;
    return stored !== undefined && stored !== null ? (
      format(field, stored, { row: line, doc })
    ) : (
      <Typography variant="caption" color="text.secondary">
        {translate('tessera.lines.computed_on_save')}
      </Typography>
    );
  }
  const value = lineValue(child, name, index, doc ?? {}, field);
  return <span data-line-value={field.name}>{format(field, value, { row: line, doc })}</span>;
}

/** A line's computed value, with the document's values at hand ("tax_rate|^tax_rate"). */
function lineValue(child: MetaEntity, name: string, index: number, doc: Record<string, unknown>, field: MetaField): unknown {
  const holder = { key: 'doc', fields: [{ name, kind: 'children', children: child } as MetaField] } as unknown as MetaEntity;
  const computed = computeDocument(holder, { ...doc, [name]: [(doc[name] as unknown[] | undefined)?.[index] ?? {}] });
  return (computed[name] as Record<string, unknown>[])[0]?.[field.name];
}

/** The width an input needs: the first column (the item) most, references next, numbers least. */
const cellWidth = (c: MetaField, ci: number): number =>
  c.kind === 'reference' ? (ci === 0 ? 300 : 220) : c.kind === 'decimal' || c.kind === 'integer' ? 96 : 180;

/** Sticky cells: the row number, then the first column. */
const STICKY_NUMBER = { position: 'sticky', left: 0, zIndex: 2, bgcolor: 'background.paper' } as const;
const STICKY_FIRST = { position: 'sticky', left: 40, zIndex: 2, bgcolor: 'background.paper', boxShadow: 'inset -1px 0 0 rgba(0,0,0,0.12)' } as const;

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
  const form = useFormContext();
  const grid = useRef<HTMLDivElement>(null);
  const addLine = (focus: boolean) => {
    const lines = (form.getValues(name) as Record<string, unknown>[] | undefined) ?? [];
    append({ ...lineDefaults(child), ...repeatedValues(child, lines[lines.length - 1]) });
    if (focus)
      setTimeout(() => {
        const rows = grid.current?.querySelectorAll('[data-line-index]');
        (rows?.[rows.length - 1]?.querySelector('input:not([disabled]), textarea:not([disabled])') as HTMLElement | null)?.focus();
      }, 30);
  };
  // Enter in a cell adds a line (unless a picker used it to choose); it never submits the form from the grid.
  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.key !== 'Enter' || ev.shiftKey || (ev.target as HTMLElement).tagName === 'TEXTAREA' || (ev.target as HTMLElement).tagName === 'BUTTON') return;
    ev.preventDefault();
    if ((ev.target as HTMLElement).getAttribute('aria-expanded') === 'true') return;
    addLine(true);
  };
  const { errors } = useFormState({ name });
  const [all] = useAllFields();
  const doc = useRecordContext();
  const columns = lineColumns(child, all, doc?.id === undefined ? 'create' : 'edit');
  const arrayError = (errors as Record<string, any>)[name];
  const rootMessage =
    typeof arrayError?.message === 'string' ? arrayError.message : typeof arrayError?.root?.message === 'string' ? arrayError.root.message : undefined;
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
      <Box ref={grid} onKeyDown={disabled ? undefined : onKeyDown} sx={{ overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" sx={{ '& td, & th': { verticalAlign: 'top' }, '& td': { pt: 1 } }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 40, minWidth: 40, ...STICKY_NUMBER }}>#</TableCell>
              {columns.map((c, ci) => (
                <TableCell key={c.name} align={alignOf(c)} sx={{ whiteSpace: 'nowrap', ...(ci === 0 ? STICKY_FIRST : {}) }}>
                  <FieldTitle label={labelOf(c)} isRequired={c.required && !c.computed && !c.readOnly && !disabled} />
                </TableCell>
              ))}
              {!disabled && <TableCell sx={{ width: 48 }} />}
            </TableRow>
          </TableHead>
          <TableBody>
            {fields.map((row, index) => (
              <TableRow key={(row as unknown as { _key: string })._key} data-line-index={index}>
                <TableCell sx={{ color: 'text.secondary', pt: '18px !important', ...STICKY_NUMBER }}>{index + 1}</TableCell>
                {columns.map((c, ci) => (
                  <TableCell
                    key={c.name}
                    align={alignOf(c)}
                    data-cell={c.name}
                    sx={{
                      ...(ci === 0 ? STICKY_FIRST : {}),
                      ...(c.computed || c.readOnly || disabled ? { pt: '18px !important', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } : {}),
                    }}
                  >
                    {c.computed || c.readOnly ? (
                      <LiveCell name={name} index={index} child={child} field={c} />
                    ) : disabled ? (
                      <LockedCell name={name} index={index} field={c} />
                    ) : (
                      // A div's min-width holds in a table cell (a cell's own does not): the item column keeps its codes whole.
                      <Box sx={{ minWidth: cellWidth(c, ci), '& .MuiAutocomplete-root, & .MuiFormControl-root': { width: '100%' } }}>
                        <MetaInput
                          field={c}
                          source={`${name}.${index}.${c.name}`}
                          label={false}
                          helperText={false}
                          disabled={disabled || c.readOnly}
                          required={c.required}
                          compact
                          row={child}
                        />
                      </Box>
                    )}
                  </TableCell>
                ))}
                {!disabled && (
                  <TableCell>
                    <Tooltip title={translate('tessera.lines.remove')}>
                      <IconButton size="small" tabIndex={-1} aria-label={translate('tessera.lines.remove')} onClick={() => remove(index)}>
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
        <Button label="tessera.lines.add" onClick={() => addLine(true)} sx={{ mt: 1 }} data-add-line={name} title={translate('tessera.entry.add_hint')}>
          <AddIcon />
        </Button>
      )}
    </Box>
  );
}
