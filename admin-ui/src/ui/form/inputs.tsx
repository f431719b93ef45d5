/**
 * One react-admin input per field kind, and the inputs react-admin lacks: exact decimals
 * (text, the locale's separator), JSON, and times as HH:MM:SS text.
 */
import { Box, Button as MuiButton, TextField as MuiTextField, Typography, type SxProps } from '@mui/material';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  BooleanInput,
  DateInput,
  DateTimeInput,
  FieldTitle,
  InputHelperText,
  NullableBooleanInput,
  NumberInput,
  SelectInput,
  TextInput,
  useInput,
  useTranslate,
  type Validator,
} from 'react-admin';
import type { MetaField } from '../../meta/types.js';
import { formatDecimalInput, parseDecimalInput } from '../../mapping/decimal.js';
import { inputKind } from '../../mapping/fields.js';
import { choiceLabel } from '../../mapping/labels.js';
import { useMeta } from '../../providers/metaStore.js';
import { useFieldLabel, useLocale } from '../hooks.js';
import { decimalValidator, validatorsFor } from './validators.js';
import { ReferencePicker } from './ReferencePicker.js';
import { TagsInput } from './TagsInput.js';

interface BaseInputProps {
  source: string;
  label?: string | false;
  helperText?: ReactNode | false;
  disabled?: boolean;
  validate?: Validator | Validator[];
  sx?: SxProps;
  size?: 'small' | 'medium';
  fullWidth?: boolean;
  alwaysOn?: boolean;
}

/** Exact decimals typed as text: "12,50" in Lithuanian, "12.50" in English; the form holds the wire string. */
export function DecimalInput({
  source,
  label,
  helperText,
  disabled,
  validate,
  field,
  sx,
  size,
  fullWidth,
}: BaseInputProps & { field?: Pick<MetaField, 'precision' | 'scale' | 'min' | 'max'> }) {
  const locale = useLocale();
  const rules = [...(Array.isArray(validate) ? validate : validate ? [validate] : []), ...(field ? [decimalValidator(field)] : [])];
  const { field: input, fieldState, formState, isRequired, id } = useInput({ source, validate: rules, disabled });
  const [text, setText] = useState(() => formatDecimalInput(input.value, locale));
  // Follow changes made outside this input (reset, server values), not our own keystrokes.
  useEffect(() => {
    const current = input.value === '' || input.value === undefined ? null : input.value;
    if (parseDecimalInput(text, locale) !== current) setText(formatDecimalInput(current, locale));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input.value, locale]);
  const error = fieldState.error?.message;
  return (
    <MuiTextField
      id={id}
      name={input.name}
      value={text}
      onChange={(ev) => {
        setText(ev.target.value);
        input.onChange(parseDecimalInput(ev.target.value, locale));
      }}
      onBlur={() => {
        input.onBlur();
        const wire = parseDecimalInput(text, locale);
        if (wire !== null && /^-?\d+(\.\d+)?$/.test(wire)) setText(formatDecimalInput(wire, locale));
      }}
      inputRef={input.ref}
      disabled={disabled}
      size={size ?? 'small'}
      fullWidth={fullWidth}
      sx={sx}
      label={label === false ? undefined : <FieldTitle label={label} source={source} isRequired={isRequired} />}
      error={!!error && (fieldState.isTouched || formState.isSubmitted)}
      helperText={
        helperText === false && !error ? undefined : (
          <InputHelperText error={fieldState.isTouched || formState.isSubmitted ? error : undefined} helperText={helperText} />
        )
      }
      slotProps={{ htmlInput: { inputMode: 'decimal', style: { textAlign: 'right' }, 'data-decimal': 'true' } }}
    />
  );
}

/** JSON edited as text: checked on every keystroke, stored as the parsed value. */
export function JsonInput({ source, label, helperText, disabled, sx }: BaseInputProps) {
  const translate = useTranslate();
  const parseError = useRef<string | undefined>(undefined);
  const validJson: Validator = () => (parseError.current ? { message: 'tessera.json.invalid', args: { message: parseError.current } } : undefined);
  const { field: input, fieldState, isRequired, id } = useInput({ source, validate: validJson, disabled });
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '' : JSON.stringify(v, null, 2));
  const [text, setText] = useState(() => show(input.value));
  useEffect(() => {
    if (!parseError.current && JSON.stringify(tryParse(text).value ?? null) !== JSON.stringify(input.value ?? null)) setText(show(input.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input.value]);
  const error = fieldState.error?.message;
  return (
    <Box sx={sx}>
      <MuiTextField
        id={id}
        name={input.name}
        value={text}
        multiline
        minRows={3}
        maxRows={16}
        fullWidth
        size="small"
        disabled={disabled}
        onChange={(ev) => {
          setText(ev.target.value);
          const parsed = tryParse(ev.target.value);
          parseError.current = parsed.error;
          input.onChange(parsed.error ? input.value : parsed.value);
        }}
        onBlur={input.onBlur}
        inputRef={input.ref}
        placeholder={translate('tessera.json.placeholder')}
        label={label === false ? undefined : <FieldTitle label={label} source={source} isRequired={isRequired} />}
        error={!!error}
        helperText={<InputHelperText error={error} helperText={helperText} />}
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13 } } }}
      />
      {!disabled && (
        <MuiButton size="small" disabled={!text.trim() || !!parseError.current} onClick={() => setText(show(tryParse(text).value))}>
          {translate('tessera.json.format')}
        </MuiButton>
      )}
    </Box>
  );
}

function tryParse(text: string): { value?: unknown; error?: string } {
  if (!text.trim()) return { value: null };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A time of day as "HH:MM:SS" (the server's time format), with the browser's time picker. */
export function TimeTextInput(props: BaseInputProps) {
  return (
    <TextInput
      {...props}
      type="time"
      format={(v: unknown) => (typeof v === 'string' ? v.slice(0, 8) : '')}
      parse={(v: string) => (v ? (v.length === 5 ? `${v}:00` : v) : null)}
      slotProps={{ htmlInput: { step: 1 } }}
      InputLabelProps={{ shrink: true }}
    />
  );
}

/** The input of a field, by its kind; `source` may point into a line ("lines.2.qty"). */
export function MetaInput({
  field,
  source,
  disabled,
  required,
  label,
  helperText,
  compact,
  row,
}: {
  field: MetaField;
  source?: string;
  disabled?: boolean;
  required?: boolean;
  label?: string | false;
  helperText?: ReactNode | false;
  compact?: boolean;
  row?: { fields: MetaField[] };
}) {
  const locale = useLocale();
  const meta = useMeta();
  const labelOf = useFieldLabel();
  const src = source ?? field.name;
  const common = {
    source: src,
    label: label === undefined ? labelOf(field) : label,
    helperText: helperText === undefined ? (field.helps?.[locale] ?? field.help ?? false) : helperText,
    disabled,
    validate: validatorsFor(field, !!required),
    ...(compact ? { size: 'small' as const, sx: { minWidth: 100 }, margin: 'none' as const } : {}),
  };
  switch (inputKind(field)) {
    case 'multiline':
      return <TextInput {...common} multiline minRows={2} fullWidth />;
    case 'decimal':
      return <DecimalInput {...common} />;
    case 'integer':
      return <NumberInput {...common} step={1} />;
    case 'boolean':
      return field.required ? <BooleanInput {...common} /> : <NullableBooleanInput {...common} />;
    case 'date':
      return <DateInput {...common} />;
    case 'datetime':
      return <DateTimeInput {...common} />;
    case 'time':
      return <TimeTextInput {...common} />;
    case 'select':
      return (
        <SelectInput
          {...common}
          choices={(field.choices ?? []).map((c) => ({ id: c.id, name: choiceLabel(c, locale) }))}
          emptyText={field.required ? undefined : '—'}
        />
      );
    case 'password':
      return <TextInput {...common} type="password" autoComplete="new-password" />;
    case 'email':
      return <TextInput {...common} type="email" />;
    case 'url':
      return <TextInput {...common} type="url" />;
    case 'phone':
      return <TextInput {...common} type="tel" />;
    case 'json':
      return field.widget === 'tags' ? <TagsInput {...common} /> : <JsonInput {...common} />;
    case 'reference': {
      const target = meta?.entities.find((e) => e.key === field.ref?.entity);
      if (!target) return <NumberInput {...common} />;
      return (
        <ReferencePicker
          field={field}
          target={target}
          source={src}
          label={common.label}
          helperText={common.helperText}
          disabled={disabled}
          validate={common.validate}
          compact={compact}
          row={row}
        />
      );
    }
    case 'lineItems':
      return <Typography color="error">{field.name}</Typography>;
    default:
      return <TextInput {...common} />;
  }
}
