/** Tags (a JSON array of strings, x-ui.widget "tags") typed as chips: Enter or comma adds one, Backspace removes the last. */
import { Autocomplete, Chip, TextField as MuiTextField, type SxProps } from '@mui/material';
import { FieldTitle, InputHelperText, useInput, type Validator } from 'react-admin';
import type { ReactNode } from 'react';

export function TagsInput({
  source,
  label,
  helperText,
  disabled,
  validate,
  sx,
}: {
  source: string;
  label?: string | false;
  helperText?: ReactNode | false;
  disabled?: boolean;
  validate?: Validator | Validator[];
  sx?: SxProps;
}) {
  const { field: input, fieldState, isRequired, id } = useInput({ source, validate, disabled });
  const value: string[] = Array.isArray(input.value) ? input.value.map(String) : [];
  const set = (tags: string[]) => {
    const unique = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
    input.onChange(unique.length ? unique : null);
  };
  const error = fieldState.error?.message;
  return (
    <Autocomplete
      multiple
      freeSolo
      options={[] as string[]}
      value={value}
      disabled={disabled}
      sx={sx}
      onChange={(_, v) => set(v as string[])}
      onBlur={input.onBlur}
      renderValue={(tags, getItemProps) => tags.map((t, i) => <Chip size="small" label={t} {...getItemProps({ index: i })} key={t} data-tag={t} />)}
      renderInput={(params) => (
        <MuiTextField
          {...params}
          id={id}
          name={input.name}
          size="small"
          inputRef={input.ref}
          label={label === false ? undefined : <FieldTitle label={label} source={source} isRequired={isRequired} />}
          error={!!error}
          helperText={<InputHelperText error={error} helperText={helperText} />}
          onKeyDown={(ev) => {
            const el = ev.target as HTMLInputElement;
            if ((ev.key === ',' || ev.key === 'Tab') && el.value.trim()) {
              if (ev.key === ',') ev.preventDefault();
              set([...value, el.value]);
              el.value = '';
            }
          }}
          slotProps={{ htmlInput: { ...params.inputProps, 'data-tags-input': source } }}
        />
      )}
    />
  );
}
