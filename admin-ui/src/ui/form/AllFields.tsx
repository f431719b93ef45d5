/**
 * "Show all fields": internal fields (x-ui.internal) are left out of forms, record pages and
 * line grids; the switch shows them (read-only where they are read-only). Remembered per user
 * in local storage (react-admin's store), so every form and record page follows it.
 */
import { FormControlLabel, Switch } from '@mui/material';
import { useStore, useTranslate } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { allFieldsKey, hasInternalFields } from '../../mapping/fields.js';
import { useMeta } from '../../providers/metaStore.js';

/** Whether the current user asked to see all fields, and the setter. */
export function useAllFields(): [boolean, (v: boolean) => void] {
  const user = useMeta()?.user.id;
  const [all, setAll] = useStore<boolean>(allFieldsKey(user), false);
  return [!!all, setAll];
}

/** The switch, shown only where the entity (or its lines) has internal fields. */
export function AllFieldsToggle({ entity }: { entity: MetaEntity }) {
  const translate = useTranslate();
  const [all, setAll] = useAllFields();
  if (!hasInternalFields(entity)) return null;
  return (
    <FormControlLabel
      data-all-fields
      sx={{ ml: 'auto' }}
      control={<Switch size="small" checked={all} onChange={(e) => setAll(e.target.checked)} />}
      label={translate('tessera.entry.all_fields')}
    />
  );
}
