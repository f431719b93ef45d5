/**
 * "Review changes": the draft planned by the server (POST /api/config/plan) — each change with
 * its migration steps, rows affected and whether it loses data (a checkbox to accept), the
 * questions as inputs (e.g. the value existing rows get in a new required field) — then Apply by
 * the plan's hash. After the apply the metadata is reloaded in place: the new field is in forms
 * and lists at once. A revert (HistoryScreen) shows its plan here the same way.
 */
import { Alert, Box, Button, Card, CardContent, Checkbox, Chip, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Title, useNotify } from 'react-admin';
import { studioApi } from './api.js';
import { draft, useDraft } from './draft.js';
import { errorMessage, useReloadModel, useStudioConfig, useT, useText } from './hooks.js';
import { draftPatch } from './patch.js';
import type { Plan, Question } from './types.js';

function QuestionInput({ q, value, onChange }: { q: Question; value: unknown; onChange: (v: unknown) => void }) {
  const text = useText();
  const s = q.schema ?? {};
  if (s.type === 'boolean')
    return <FormControlLabel control={<Checkbox checked={value === true} onChange={(e) => onChange(e.target.checked)} />} label={text(q.message)} />;
  if (Array.isArray(s.enum))
    return (
      <TextField select SelectProps={{ native: true }} label={text(q.message)} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} fullWidth>
        <option value="" />
        {s.enum.map((v: unknown) => (
          <option key={String(v)} value={String(v)}>
            {String(v)}
          </option>
        ))}
      </TextField>
    );
  const numeric = s.type === 'integer' || s.type === 'number';
  return (
    <TextField
      label={text(q.message)}
      value={value === undefined ? '' : String(value)}
      type={s.format === 'date' ? 'date' : 'text'}
      InputLabelProps={s.format === 'date' ? { shrink: true } : undefined}
      onChange={(e) => onChange(numeric && e.target.value !== '' && /^-?\d+$/.test(e.target.value) ? Number(e.target.value) : e.target.value)}
      fullWidth
      inputProps={{ 'data-question': q.key }}
    />
  );
}

/** A plan with its apply: used for the draft and for a revert. */
export function PlanView({
  plan,
  onApplied,
  onReplan,
}: {
  plan: Plan;
  onApplied: (version: number) => void;
  onReplan?: (answers: Record<string, unknown>) => void;
}) {
  const t = useT();
  const text = useText();
  const notify = useNotify();
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [accepted, setAccepted] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const open = plan.questions.filter((q) => answers[q.key] === undefined || answers[q.key] === '');
  const lossyOpen = plan.lossy.filter((id) => !accepted.includes(id));
  const apply = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await studioApi.apply({ hash: plan.hash, comment: comment || undefined, answers, acceptLossy: accepted });
      notify(t('applied', { version: res.version }), { type: 'success' });
      onApplied(res.version);
    } catch (err) {
      const e = err as { status?: number; body?: { error?: { code?: string } } };
      // The answers change the plan's hash on some servers: plan again with them, then apply.
      if (e.body?.error?.code === 'CONFIG_ANSWER_REQUIRED' && onReplan) onReplan(answers);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={2} data-plan={plan.hash}>
      <Typography variant="body2" color="text.secondary">
        {t('plan_base', { version: plan.baseVersion })}
      </Typography>
      {!plan.changes.length && <Alert severity="info">{t('plan_no_changes')}</Alert>}
      {plan.changes.map((c) => (
        <Card key={c.id} variant="outlined" data-change={c.id} data-change-kind={c.kind}>
          <CardContent>
            <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
              <Chip size="small" label={c.kind} />
              <Typography variant="subtitle1" sx={{ flex: 1 }}>
                {text(c.description)}
              </Typography>
              {c.rowsAffected !== undefined && (
                <Chip size="small" color="info" label={t('plan_rows', { count: c.rowsAffected })} data-rows-affected={c.rowsAffected} />
              )}
              {c.lossy && <Chip size="small" color="error" label={t('plan_lossy')} />}
            </Stack>
            {!!c.steps.length && (
              <Box component="ol" sx={{ m: 0, pl: 3, fontFamily: 'monospace', fontSize: 13 }} aria-label={t('plan_steps')}>
                {c.steps.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </Box>
            )}
            {c.lossy && (
              <FormControlLabel
                control={
                  <Checkbox
                    checked={accepted.includes(c.id)}
                    onChange={(e) => setAccepted(e.target.checked ? [...accepted, c.id] : accepted.filter((x) => x !== c.id))}
                    inputProps={{ 'data-accept-lossy': c.id } as object}
                  />
                }
                label={t('plan_accept')}
              />
            )}
            {plan.questions
              .filter((q) => q.changeId === c.id)
              .map((q) => (
                <Box key={q.key} sx={{ mt: 1 }}>
                  <QuestionInput q={q} value={answers[q.key]} onChange={(v) => setAnswers({ ...answers, [q.key]: v })} />
                </Box>
              ))}
          </CardContent>
        </Card>
      ))}
      {plan.questions
        .filter((q) => !plan.changes.some((c) => c.id === q.changeId))
        .map((q) => (
          <QuestionInput key={q.key} q={q} value={answers[q.key]} onChange={(v) => setAnswers({ ...answers, [q.key]: v })} />
        ))}
      <TextField label={t('comment')} value={comment} onChange={(e) => setComment(e.target.value)} inputProps={{ 'data-comment': true } as object} />
      {(open.length > 0 || lossyOpen.length > 0) && <Alert severity="warning">{t('plan_open')}</Alert>}
      {error && <Alert severity="error">{error}</Alert>}
      <Box>
        <Button variant="contained" disabled={busy || open.length > 0 || lossyOpen.length > 0 || !plan.changes.length} onClick={apply} data-apply>
          {t('apply')}
        </Button>
      </Box>
    </Stack>
  );
}

export default function ReviewScreen() {
  const t = useT();
  const text = useText();
  const edits = useDraft();
  const client = useQueryClient();
  const reload = useReloadModel();
  const { version } = useStudioConfig();
  const patch = useMemo(() => draftPatch(edits), [edits]);
  const [plan, setPlan] = useState<Plan>();
  const [error, setError] = useState<string>();
  const [applied, setApplied] = useState<number>();
  const replan = (answers: Record<string, unknown> = {}) => {
    setError(undefined);
    studioApi.plan(patch, answers).then(setPlan, (err) => setError(errorMessage(err)));
  };
  useEffect(() => {
    setPlan(undefined);
    if (patch.length) replan();
  }, [patch, version]);
  const onApplied = async (v: number) => {
    draft.clear();
    setApplied(v);
    setPlan(undefined);
    await client.invalidateQueries({ queryKey: ['studio'] });
    await reload();
  };
  return (
    <Box sx={{ p: 2, maxWidth: 1100 }} data-studio="review">
      <Title title={t('review')} />
      <Typography variant="h5" gutterBottom>
        {t('review')}
      </Typography>
      {applied !== undefined && (
        <Alert severity="success" sx={{ mb: 2 }} data-applied={applied}>
          {t('applied', { version: applied })}
        </Alert>
      )}
      {!edits.length ? (
        <Typography color="text.secondary">{t('draft_empty')}</Typography>
      ) : (
        <Stack spacing={2}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="subtitle2">{t('draft_title')}</Typography>
              <Box component="ul" sx={{ m: 0, pl: 3 }}>
                {edits.map((e, i) => (
                  <li key={i} data-draft-edit={i}>
                    {text(e.summary)}
                  </li>
                ))}
              </Box>
              <Button size="small" color="warning" onClick={() => draft.clear()} sx={{ mt: 1 }}>
                {t('draft_discard')}
              </Button>
            </CardContent>
          </Card>
          <Typography variant="h6">{t('plan_title')}</Typography>
          {error && <Alert severity="error">{t('plan_error', { message: error })}</Alert>}
          {!plan && !error && <Typography color="text.secondary">{t('loading')}</Typography>}
          {plan && <PlanView plan={plan} onApplied={onApplied} onReplan={replan} />}
        </Stack>
      )}
    </Box>
  );
}
