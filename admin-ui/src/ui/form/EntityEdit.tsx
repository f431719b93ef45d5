/** Edit screen of any entity; saves wait for the server (pessimistic) so its field errors reach the form. */
import { useState } from 'react';
import { Edit, Loading, useEditContext, useNotify, useRecordContext, useRedirect, useTranslate, type HttpError, type RaRecord } from 'react-admin';
import { Alert, Button } from '@mui/material';
import type { MetaEntity } from '../../meta/types.js';
import { isStale } from '../../providers/dataProvider.js';
import { useEntity, useLocale } from '../hooks.js';
import { recordName } from '../../mapping/labels.js';
import { EntityForm } from './EntityForm.js';
import { RecordTitle } from '../show/RecordTitle.js';
import { RecordActions } from '../show/RecordActions.js';

/** A list row in the cache lacks the line items: wait for the full record before building the form. */
export function hasFullRecord(e: MetaEntity, record: Record<string, unknown> | undefined): boolean {
  return !!record && e.fields.every((f) => f.kind !== 'children' || Array.isArray(record[f.name]));
}

/** Shown after a 412: someone else saved the record meanwhile; reloading rebuilds the form from their version. */
function StaleNotice({ onReloaded }: { onReloaded: () => void }) {
  const translate = useTranslate();
  const { refetch } = useEditContext();
  const [busy, setBusy] = useState(false);
  return (
    <Alert
      severity="warning"
      data-testid="stale-record"
      sx={{ m: 2, mb: 0 }}
      action={
        <Button
          color="inherit"
          size="small"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await refetch();
            setBusy(false);
            onReloaded();
          }}
        >
          {translate('tessera.stale.reload')}
        </Button>
      }
    >
      {translate('tessera.stale.message')}
    </Alert>
  );
}

function EditBody({ entity, stale, reloads, onReloaded }: { entity: MetaEntity; stale: boolean; reloads: number; onReloaded: () => void }) {
  const record = useRecordContext();
  if (!hasFullRecord(entity, record)) return <Loading />;
  return (
    <>
      {stale && <StaleNotice onReloaded={onReloaded} />}
      {/* A reload rebuilds the form from the version now stored (their change, not the typed one). */}
      <EntityForm key={reloads} entity={entity} mode="edit" />
    </>
  );
}

export default function EntityEdit() {
  const e = useEntity();
  const notify = useNotify();
  const [stale, setStale] = useState(false);
  const [reloads, setReloads] = useState(0);
  const redirect = useRedirect();
  const locale = useLocale();
  if (!e) return null;
  // The message names what was saved ("Quotation QTN-2026-00012 saved"), then the record's page opens.
  const onSuccess = (data: RaRecord) => {
    notify('tessera.entry.saved', { type: 'info', messageArgs: { name: recordName(e, data, locale) } });
    redirect('show', e.key, data.id, data);
  };
  const onError = (error: unknown) => {
    if (isStale(error)) {
      setStale(true);
      return;
    }
    // react-admin's default: field errors go to the form, anything else to a notification.
    const fieldErrors = (error as HttpError)?.body?.errors;
    if (fieldErrors && Object.keys(fieldErrors).length) return;
    const message = typeof error === 'string' ? error : (error as Error)?.message;
    notify(message || 'ra.notification.http_error', { type: 'error', messageArgs: { _: message } });
  };
  return (
    <Edit
      mutationMode="pessimistic"
      mutationOptions={{ onError, onSuccess }}
      redirect="show"
      title={<RecordTitle entity={e} />}
      actions={<RecordActions entity={e} view="edit" />}
    >
      <EditBody
        entity={e}
        stale={stale}
        reloads={reloads}
        onReloaded={() => {
          setStale(false);
          setReloads((n) => n + 1);
        }}
      />
    </Edit>
  );
}
