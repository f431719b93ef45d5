/**
 * Submit, Cancel, Amend and the declared actions of a document, shown only when its state
 * and the user's permissions allow; each asks for confirmation (or its input) first.
 */
import { Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton, Stack, Typography } from '@mui/material';
import SendIcon from '@mui/icons-material/Send';
import BlockIcon from '@mui/icons-material/Block';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useState } from 'react';
import {
  Button,
  Confirm,
  Form,
  SaveButton,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useTranslate,
  type HttpError,
} from 'react-admin';
import type { MetaAction, MetaEntity, MetaField } from '../../meta/types.js';
import { documentButtons } from '../../mapping/documents.js';
import { actionBody, actionDefaults, actionInputs, type ActionInput } from '../../mapping/actionForm.js';
import { actionLabel, entityTitle } from '../../mapping/labels.js';
import { errorText } from '../../mapping/errors.js';
import { isStale, type DocumentTransition, type TesseraDataProvider } from '../../providers/dataProvider.js';
import { MetaIcon } from '../MetaIcon.js';
import { useLocale } from '../hooks.js';
import { MetaInput } from '../form/inputs.js';

const ICONS = { submit: <SendIcon />, cancel: <BlockIcon />, amend: <ContentCopyIcon /> };

function TransitionButton({ entity, op }: { entity: MetaEntity; op: DocumentTransition }) {
  const record = useRecordContext()!;
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = `${entityTitle(entity, locale)} ${String(record[entity.titleField] ?? `#${record.id}`)}`;
  const run = async () => {
    setBusy(true);
    try {
      const { data } = await dataProvider.transition(entity.key, record.id, op, record.version);
      notify(`tessera.doc.${op === 'submit' ? 'submitted' : op === 'cancel' ? 'cancelled' : 'amended'}`, { type: 'success' });
      if (op === 'amend') redirect('edit', entity.key, data.id);
      else refresh();
    } catch (err) {
      // Someone else changed the document since this page loaded: say so and show their version.
      if (isStale(err)) {
        notify('tessera.stale.message', { type: 'warning' });
        refresh();
      } else notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button label={`tessera.doc.${op}`} onClick={() => setOpen(true)} disabled={busy} color={op === 'cancel' ? 'error' : 'primary'} data-doc-op={op}>
        {ICONS[op]}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={translate(`tessera.doc.${op}_title`, { name })}
        content={translate(`tessera.doc.${op}_content`)}
        confirm={`tessera.doc.${op}`}
        confirmColor={op === 'cancel' ? 'warning' : 'primary'}
        onConfirm={run}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

/** An action input as a MetaField, so the dialog reuses the form inputs. */
function asField(i: ActionInput): MetaField {
  const kind = i.kind === 'multiline' ? 'text' : i.kind === 'select' ? 'enum' : i.kind === 'text' || i.kind === 'password' ? 'string' : i.kind;
  return {
    name: i.name,
    kind,
    label: i.label,
    labels: {},
    help: i.help,
    required: i.required,
    readOnly: false,
    hidden: false,
    unique: false,
    custom: false,
    computed: false,
    ...(i.choices ? { choices: i.choices.map((c) => ({ ...c, labels: {} })) } : {}),
    ...(i.min !== undefined ? { min: i.min } : {}),
    ...(i.max !== undefined ? { max: i.max } : {}),
    ...(i.maxLength !== undefined ? { maxLength: i.maxLength } : {}),
    ...(i.kind === 'decimal' ? { scale: 6, precision: 30 } : {}),
    ...(i.kind === 'password' ? { secret: true, widget: 'password' } : {}),
  };
}

function ActionButton({ entity, action }: { entity: MetaEntity; action: MetaAction }) {
  const record = useRecordContext()!;
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const label = actionLabel(action, locale);
  const inputs = actionInputs(action.input, locale);

  const run = async (values: Record<string, unknown>): Promise<Record<string, string> | undefined> => {
    setBusy(true);
    try {
      await dataProvider.runAction(entity.key, record.id, action.name, actionBody(action.input, values), record.version);
      notify('tessera.doc.action_done', { type: 'success', messageArgs: { action: label } });
      setOpen(false);
      refresh();
      return undefined;
    } catch (err) {
      const details = (err as HttpError).body?.error?.details as { path: string; message: string }[] | undefined;
      const placed = Object.fromEntries((details ?? []).filter((d) => inputs.some((i) => i.name === d.path.split('/')[0])).map((d) => [d.path.split('/').join('.'), errorText(d.message)]));
      if (Object.keys(placed).length) return placed;
      if (isStale(err)) {
        notify('tessera.stale.message', { type: 'warning' });
        refresh();
      } else notify((err as Error).message, { type: 'error' });
      setOpen(false);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button label={label} onClick={() => setOpen(true)} disabled={busy} data-action={action.name}>
        <MetaIcon name={action.icon} fallback="bolt" fontSize="small" />
      </Button>
      {inputs.length === 0 ? (
        <Confirm isOpen={open} loading={busy} title={translate('tessera.action.confirm_title', { action: label })} content={action.confirm ?? ''} confirm={label} onConfirm={() => void run({})} onClose={() => setOpen(false)} />
      ) : (
        <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
          {/* Starts from the schema's defaults and the document's fields of the same name (not the whole record). */}
          <Form record={actionDefaults(action.input, record)} onSubmit={(values: Record<string, unknown>) => run(values)}>
            <DialogTitle>{label}</DialogTitle>
            <DialogContent>
              <Stack>
                {action.confirm && (
                  <Typography variant="body2" sx={{ mb: 2 }}>
                    {action.confirm}
                  </Typography>
                )}
                {inputs.map((i) => (
                  <MetaInput key={i.name} field={asField(i)} required={i.required} />
                ))}
              </Stack>
            </DialogContent>
            <DialogActions>
              <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
              <SaveButton label={translate('tessera.action.run')} icon={<MetaIcon name={action.icon} fallback="bolt" />} alwaysEnable />
            </DialogActions>
          </Form>
        </Dialog>
      )}
    </>
  );
}

export function DocumentButtons({ entity }: { entity: MetaEntity }) {
  const record = useRecordContext();
  return (
    <>
      {documentButtons(entity, record).map((b) =>
        b.kind === 'action' ? <ActionButton key={b.action.name} entity={entity} action={b.action} /> : <TransitionButton key={b.kind} entity={entity} op={b.kind} />,
      )}
    </>
  );
}
