/**
 * Quick-create from a picker (Odoo's "Create and edit..."): a dialog with the target entity's
 * required inputs, the typed text in its title field; the new record is picked on save.
 * Server errors stay on their inputs in the dialog.
 */
import { Box, Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton, Stack } from '@mui/material';
import { Form, SaveButton, useCreateSuggestionContext, useDataProvider, useTranslate, type HttpError } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { defaultValues, formInputs } from '../../mapping/fields.js';
import { entityTitle } from '../../mapping/labels.js';
import { serverFieldErrors } from '../../mapping/dialogErrors.js';
import { useLocale } from '../hooks.js';
import { MetaInput } from './inputs.js';

export function QuickCreate({ entity }: { entity: MetaEntity }) {
  const { filter, onCancel, onCreate } = useCreateSuggestionContext();
  const dataProvider = useDataProvider();
  const translate = useTranslate();
  const locale = useLocale();
  // The title and the required inputs; line-item grids and computed values stay for the full form.
  const inputs = formInputs(entity, 'create').filter(
    (i) => !i.computed && i.input !== 'lineItems' && !i.field.ui?.internal && (i.required || i.field.name === entity.titleField),
  );
  const record = { ...defaultValues(entity), ...(filter ? { [entity.titleField]: filter } : {}) };
  const submit = async (values: Record<string, unknown>) => {
    try {
      const { data } = await dataProvider.create(entity.key, { data: values });
      onCreate(data);
      return undefined;
    } catch (err) {
      const placed = serverFieldErrors(
        err as HttpError,
        inputs.map((i) => i.source),
      );
      return Object.keys(placed).length ? placed : { [entity.titleField]: (err as Error).message };
    }
  };
  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="sm" data-quick-create={entity.key}>
      {/* React events cross the portal: keep this form's submit and keys from reaching the form (and line grid) behind. */}
      <Box onSubmit={(ev) => ev.stopPropagation()} onKeyDown={(ev) => ev.stopPropagation()}>
        <Form record={record} onSubmit={submit}>
          <DialogTitle>{translate('tessera.entry.create_title', { entity: entityTitle(entity, locale) })}</DialogTitle>
          <DialogContent>
            <Stack>
              {inputs.map((i) => (
                <MetaInput key={i.source} field={i.field} source={i.source} required={i.required} />
              ))}
            </Stack>
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={onCancel}>{translate('ra.action.cancel')}</MuiButton>
            <SaveButton label="ra.action.create" alwaysEnable />
          </DialogActions>
        </Form>
      </Box>
    </Dialog>
  );
}
