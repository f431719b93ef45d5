/**
 * Submit, Cancel, Amend and the declared actions of a document, shown only when its state
 * and the user's permissions allow; each asks for confirmation (or its input) first.
 */
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton, Stack, Typography } from '@mui/material';
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
  ValidationError,
  type HttpError,
} from 'react-admin';
import type { MessageParams } from '@tessera/contract';
import type { Meta, MetaAction, MetaEntity, MetaField } from '../../meta/types.js';
import { documentButtons } from '../../mapping/documents.js';
import { actionBody, actionDefaults, actionInputs, type ActionInput } from '../../mapping/actionForm.js';
import { actionLabel, entityTitle, recordName } from '../../mapping/labels.js';
import { errorText, type ServerProblem } from '../../mapping/errors.js';
import { dialogMessage, problemPlace, serverFieldErrors } from '../../mapping/dialogErrors.js';
import { inputHelp, inputLabel, madeDocument } from '../../mapping/actionResult.js';
import { useMeta } from '../../providers/metaStore.js';
import { OpenLinesInput } from './OpenLinesInput.js';
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
  const name = recordName(entity, record, locale);
  const run = async () => {
    setBusy(true);
    try {
      const { data } = await dataProvider.transition(entity.key, record.id, op, record.version);
      notify(`tessera.doc.${op === 'submit' ? 'submitted' : op === 'cancel' ? 'cancelled' : 'amended'}`, { type: 'success', messageArgs: { name } });
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

/** An action input as a MetaField, so the dialog reuses the form inputs (references become pickers). */
function asField(i: ActionInput, meta: Meta | undefined, locale: string): MetaField {
  const kind =
    i.kind === 'multiline'
      ? 'text'
      : i.kind === 'select'
        ? 'enum'
        : i.kind === 'text' || i.kind === 'password'
          ? 'string'
          : i.kind === 'openLines'
            ? 'json'
            : i.kind;
  const target = i.ref ? meta?.entities.find((e) => e.key === i.ref) : undefined;
  return {
    name: i.name,
    kind: kind === 'reference' && !target ? 'integer' : kind,
    label: i.label,
    labels: i.labels ?? {},
    help: inputHelp(i, locale),
    // A yes/no input is a switch, not a Yes/No/empty select (its absence means no).
    required: i.required || i.kind === 'boolean',
    readOnly: false,
    hidden: false,
    unique: false,
    custom: false,
    computed: false,
    ...(target ? { ref: { entity: target.key, path: target.path, titleField: target.titleField } } : {}),
    ...(i.ui ? { ui: i.ui as MetaField['ui'] } : {}),
    ...(i.choices ? { choices: i.choices.map((c) => ({ ...c, labels: {} })) } : {}),
    ...(i.min !== undefined ? { min: i.min } : {}),
    ...(i.max !== undefined ? { max: i.max } : {}),
    ...(i.maxLength !== undefined ? { maxLength: i.maxLength } : {}),
    ...(i.kind === 'decimal' ? { scale: 6, precision: 30 } : {}),
    ...(i.kind === 'password' ? { secret: true, widget: 'password' } : {}),
  };
}

/** What a failed action shows at the top of its dialog (problems that are on no input). */
function DialogProblem({
  problem,
  entity,
}: {
  problem?: { message: string; key?: string; params?: MessageParams; problems: ServerProblem[] };
  entity?: MetaEntity;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  // A problem's field by its label in the UI's language (the document's fields and its lines'), else its name.
  const fieldName = (name: string) => {
    const all = [...(entity?.fields ?? []), ...(entity?.fields ?? []).flatMap((f) => f.children?.fields ?? [])];
    const f = all.find((x) => x.name === name);
    return f ? (f.labels?.[locale] ?? f.label) : name;
  };
  if (!problem) return null;
  return (
    <Alert severity="error" sx={{ mb: 2 }} data-dialog-error>
      {problem.problems.length ? (
        problem.problems.map((p, i) => {
          const place = problemPlace(p.path);
          return (
            <div key={i}>
              {place.row
                ? `${translate('tessera.entry.line', { row: place.row })}${place.field ? `, ${fieldName(place.field)}` : ''}: `
                : place.field
                  ? `${fieldName(place.field)}: `
                  : ''}
              <ValidationError error={errorText(p)} />
            </div>
          );
        })
      ) : (
        <ValidationError error={errorText(problem)} />
      )}
    </Alert>
  );
}

function ActionButton({ entity, action }: { entity: MetaEntity; action: MetaAction }) {
  const record = useRecordContext()!;
  const translate = useTranslate();
  const locale = useLocale();
  const meta = useMeta();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ReturnType<typeof dialogMessage> | undefined>();
  const label = actionLabel(action, locale);
  const inputs = actionInputs(action.input, locale);
  const names = inputs.map((i) => i.name);
  const close = () => {
    setOpen(false);
    setProblem(undefined);
  };

  // Success: name what was made and open it; else say the action is done and show the new state.
  const done = (result: unknown) => {
    const made = madeDocument(meta, entity, record, result, locale);
    close();
    if (made) {
      notify('tessera.entry.made', { type: 'success', messageArgs: { entity: entityTitle(made.entity, locale), name: made.name } });
      redirect('show', made.entity.key, made.id);
    } else {
      notify('tessera.doc.action_done', { type: 'success', messageArgs: { action: label } });
      refresh();
    }
  };

  const run = async (values: Record<string, unknown>): Promise<Record<string, string> | undefined> => {
    setBusy(true);
    setProblem(undefined);
    const rowIndex: Record<string, number[]> = {};
    try {
      const { data } = await dataProvider.runAction(entity.key, record.id, action.name, actionBody(action.input, values, rowIndex), record.version);
      done(data);
      return undefined;
    } catch (err) {
      if (isStale(err)) {
        notify('tessera.stale.message', { type: 'warning' });
        close();
        refresh();
        return undefined;
      }
      // The dialog stays open with what was typed: problems on inputs go there, the rest on top.
      const placed = remapRows(serverFieldErrors(err as HttpError, names), rowIndex);
      const rest = dialogMessage(err as HttpError, names);
      if (!Object.keys(placed).length || rest.problems.length) setProblem(rest);
      return Object.keys(placed).length ? placed : undefined;
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
        <Confirm
          isOpen={open}
          loading={busy}
          title={translate('tessera.action.confirm_title', { action: label })}
          content={problem ? <DialogProblem problem={problem} entity={entity} /> : (action.confirm ?? '')}
          confirm={label}
          onConfirm={() => void run({})}
          onClose={close}
        />
      ) : (
        <Dialog open={open} onClose={close} fullWidth maxWidth={inputs.some((i) => i.openLines) ? 'md' : 'sm'} data-action-dialog={action.name}>
          {/* Starts from the schema's defaults and the document's fields of the same name (not the whole record). */}
          <Form record={actionDefaults(action.input, record)} onSubmit={(values: Record<string, unknown>) => run(values)}>
            <DialogTitle>{label}</DialogTitle>
            <DialogContent>
              <Stack>
                <DialogProblem problem={problem} entity={entity} />
                {action.confirm && (
                  <Typography variant="body2" sx={{ mb: 2 }}>
                    {action.confirm}
                  </Typography>
                )}
                {inputs.map((i) =>
                  i.openLines ? (
                    <OpenLinesInput key={i.name} entity={entity} input={i} label={inputLabel(i, locale)} record={record} />
                  ) : (
                    <MetaInput
                      key={i.name}
                      field={asField(i, meta, locale)}
                      required={i.required}
                      row={{ fields: inputs.map((x) => asField(x, meta, locale)) }}
                    />
                  ),
                )}
              </Stack>
            </DialogContent>
            <DialogActions>
              <MuiButton onClick={close}>{translate('ra.action.cancel')}</MuiButton>
              <SaveButton label={label} icon={<MetaIcon name={action.icon} fallback="bolt" />} alwaysEnable data-action-run={action.name} />
            </DialogActions>
          </Form>
        </Dialog>
      )}
    </>
  );
}

/** Errors on "lines.0.qty" of the sent rows -> the grid's row numbers. */
function remapRows(errors: Record<string, string>, rowIndex: Record<string, number[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const [head, idx, ...rest] = k.split('.');
    const map = rowIndex[head!];
    out[map && idx !== undefined && /^\d+$/.test(idx) && map[Number(idx)] !== undefined ? [head, map[Number(idx)], ...rest].join('.') : k] = v;
  }
  return out;
}

export function DocumentButtons({ entity }: { entity: MetaEntity }) {
  const record = useRecordContext();
  return (
    <>
      {documentButtons(entity, record).map((b) =>
        b.kind === 'action' ? (
          <ActionButton key={b.action.name} entity={entity} action={b.action} />
        ) : (
          <TransitionButton key={b.kind} entity={entity} op={b.kind} />
        ),
      )}
    </>
  );
}
