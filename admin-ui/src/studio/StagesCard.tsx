/**
 * Pipeline stages (crm): the board's stages in their order, a new stage inserted between two
 * others with its Lithuanian name, probability and won/lost flags, and an existing stage
 * renamed in Lithuanian, re-flagged or moved (the plan shows what that changes of the rows). The stages are the CRM
 * setting `stages` (the seed places a stage added later between its neighbours; its labels.lt
 * is the name Lithuanian users see, through the stage titles of /api/meta), so the edit is a
 * draft patch of settings.crm.stages.
 */
import { Box, Button, Checkbox, Chip, FormControlLabel, IconButton, Stack, TextField, Typography } from '@mui/material';
import { Card, CardContent } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { seededTitle } from '../mapping/labels.js';
import { HttpClient } from '../providers/http.js';
import { useMeta } from '../providers/metaStore.js';
import { MetaIcon } from '../ui/MetaIcon.js';
import { useT } from './hooks.js';
import { setAt, type DraftEdit } from './patch.js';
import type { ClientConfig } from './types.js';

const http = new HttpClient();

interface StageRow {
  id: number;
  name: string;
  probability: string;
  sort_order: number;
  is_won: boolean;
  is_lost: boolean;
}

export interface StageSetting {
  name: string;
  probability: string | number;
  is_won?: boolean;
  is_lost?: boolean;
  labels?: { lt?: string };
}

/** The stage list with a new stage at `index` (the seed creates it between its neighbours). */
export function stagesEdit(config: ClientConfig, current: StageSetting[], index: number, stage: StageSetting): DraftEdit {
  const next = [...current.slice(0, index), stage, ...current.slice(index)];
  const before = current[index - 1]?.name ?? '—';
  const after = current[index]?.name ?? '—';
  return {
    summary: {
      en: `Add the pipeline stage "${stage.name}" (${stage.labels?.lt ?? ''}) between ${before} and ${after}`,
      lt: `Pridėti piltuvo etapą „${stage.labels?.lt ?? stage.name}“ tarp ${before} ir ${after}`,
    },
    ops: setAt(config, ['settings', 'crm', 'stages'], next),
  };
}

/** The stage list with the stage at `index` changed (Lithuanian name, probability, flags), or moved to `to`. */
export function stageChangeEdit(config: ClientConfig, current: StageSetting[], index: number, stage: StageSetting, to = index): DraftEdit {
  const next = current.filter((_, i) => i !== index);
  next.splice(to, 0, stage);
  const moved = to !== index;
  return {
    summary: moved
      ? { en: `Move the pipeline stage "${stage.name}" to place ${to + 1}`, lt: `Perkelti piltuvo etapą „${stage.labels?.lt ?? stage.name}“ į ${to + 1} vietą` }
      : {
          en: `Change the pipeline stage "${stage.name}": ${stage.labels?.lt ?? ''}, ${stage.probability} %${stage.is_won ? ', won' : ''}${stage.is_lost ? ', lost' : ''}`,
          lt: `Pakeisti piltuvo etapą „${stage.labels?.lt ?? stage.name}“: ${stage.probability} %${stage.is_won ? ', laimėtas' : ''}${stage.is_lost ? ', pralaimėtas' : ''}`,
        },
    ops: setAt(config, ['settings', 'crm', 'stages'], next),
  };
}

/** One stage with its edit: the Lithuanian name, probability, won/lost; up and down. */
function StageRowEditor({
  stage,
  index,
  count,
  onChange,
}: {
  stage: StageSetting;
  index: number;
  count: number;
  onChange: (s: StageSetting, to?: number) => void;
}) {
  const t = useT();
  const [lt, setLt] = useState(stage.labels?.lt ?? '');
  const [probability, setProbability] = useState(String(stage.probability));
  const [won, setWon] = useState(stage.is_won === true);
  const [lost, setLost] = useState(stage.is_lost === true);
  const edited = { name: stage.name, probability, ...(won ? { is_won: true } : {}), ...(lost ? { is_lost: true } : {}), ...(lt ? { labels: { lt } } : {}) };
  const changed =
    lt !== (stage.labels?.lt ?? '') || probability !== String(stage.probability) || won !== (stage.is_won === true) || lost !== (stage.is_lost === true);
  return (
    <Stack direction="row" spacing={1} alignItems="center" data-stage-edit={stage.name} sx={{ my: 1, pl: 2 }}>
      <TextField
        size="small"
        label={t('option_lt')}
        value={lt}
        onChange={(e) => setLt(e.target.value)}
        inputProps={{ 'data-stage-edit-lt': stage.name } as object}
      />
      <TextField size="small" label={t('probability')} value={probability} onChange={(e) => setProbability(e.target.value)} sx={{ width: 120 }} />
      <FormControlLabel control={<Checkbox size="small" checked={won} onChange={(e) => setWon(e.target.checked)} />} label={t('won')} />
      <FormControlLabel control={<Checkbox size="small" checked={lost} onChange={(e) => setLost(e.target.checked)} />} label={t('lost')} />
      <IconButton size="small" aria-label={t('option_up')} disabled={index === 0} onClick={() => onChange(stage, index - 1)} data-stage-up={stage.name}>
        <MetaIcon name="arrow_upward" fontSize="small" />
      </IconButton>
      <IconButton
        size="small"
        aria-label={t('option_down')}
        disabled={index === count - 1}
        onClick={() => onChange(stage, index + 1)}
        data-stage-down={stage.name}
      >
        <MetaIcon name="arrow_downward" fontSize="small" />
      </IconButton>
      <Button
        variant="outlined"
        size="small"
        disabled={!changed || !/^\d{1,3}(\.\d{1,2})?$/.test(probability)}
        onClick={() => onChange(edited)}
        data-stage-edit-save={stage.name}
      >
        {t('save_to_draft')}
      </Button>
    </Stack>
  );
}

export function StagesCard({ config, onEdit }: { config: ClientConfig; onEdit: (e: DraftEdit) => void }) {
  const t = useT();
  const stageEntity = useMeta()?.entities.find((e) => e.key === 'crm.stage');
  const { data: rows } = useQuery({
    queryKey: ['studio', 'stages'],
    queryFn: async () =>
      (await http.json<{ data: StageRow[] }>('GET', '/api/crm/stage', { query: new URLSearchParams({ limit: '200', sort: 'sort_order' }) })).data,
  });
  const [at, setAt_] = useState<number>();
  const [name, setName] = useState('');
  const [lt, setLt] = useState('');
  const [probability, setProbability] = useState('50');
  const [won, setWon] = useState(false);
  const [lost, setLost] = useState(false);
  const [editing, setEditing] = useState<string>();
  if (!rows) return null;
  // The configured list when there is one, else the stages as they are (same order).
  const configured = config.settings?.crm?.stages as StageSetting[] | undefined;
  const current: StageSetting[] =
    configured ??
    rows.map((r) => ({
      name: r.name,
      probability: r.probability,
      ...(r.is_won ? { is_won: true } : {}),
      ...(r.is_lost ? { is_lost: true } : {}),
      ...(seededTitle(stageEntity ?? {}, r.name, 'lt') ? { labels: { lt: seededTitle(stageEntity ?? {}, r.name, 'lt') } } : {}),
    }));
  const ordered = [...current].sort((a, b) => {
    const ia = rows.findIndex((r) => r.name.toLowerCase() === a.name.toLowerCase());
    const ib = rows.findIndex((r) => r.name.toLowerCase() === b.name.toLowerCase());
    return (ia < 0 ? current.indexOf(a) : ia) - (ib < 0 ? current.indexOf(b) : ib);
  });
  const insert = () => {
    if (at === undefined) return;
    onEdit(
      stagesEdit(config, ordered, at, {
        name,
        probability,
        ...(won ? { is_won: true } : {}),
        ...(lost ? { is_lost: true } : {}),
        ...(lt ? { labels: { lt } } : {}),
      }),
    );
    setAt_(undefined);
    setName('');
    setLt('');
  };
  const slot = (i: number) =>
    at === i ? (
      <Stack key={`slot-${i}`} direction="row" spacing={1} alignItems="center" data-stage-form={i} sx={{ my: 1 }}>
        <TextField size="small" label={t('option_en')} value={name} onChange={(e) => setName(e.target.value)} inputProps={{ 'data-stage': 'name' } as object} />
        <TextField size="small" label={t('option_lt')} value={lt} onChange={(e) => setLt(e.target.value)} inputProps={{ 'data-stage': 'lt' } as object} />
        <TextField
          size="small"
          label={t('probability')}
          value={probability}
          onChange={(e) => setProbability(e.target.value)}
          sx={{ width: 120 }}
          inputProps={{ 'data-stage': 'probability' } as object}
        />
        <FormControlLabel control={<Checkbox size="small" checked={won} onChange={(e) => setWon(e.target.checked)} />} label={t('won')} />
        <FormControlLabel control={<Checkbox size="small" checked={lost} onChange={(e) => setLost(e.target.checked)} />} label={t('lost')} />
        <Button variant="outlined" size="small" disabled={!name || !/^\d{1,3}(\.\d{1,2})?$/.test(probability)} onClick={insert} data-stage-add>
          {t('save_to_draft')}
        </Button>
      </Stack>
    ) : (
      <Box key={`slot-${i}`}>
        <Button size="small" onClick={() => setAt_(i)} data-stage-insert={i} sx={{ py: 0, minHeight: 0, fontSize: 11 }}>
          + {t('stage_insert')}
        </Button>
      </Box>
    );
  return (
    <Card variant="outlined" data-section="stages">
      <CardContent>
        <Typography variant="h6">{t('stages')}</Typography>
        {ordered.flatMap((s, i) => [
          slot(i),
          <Stack key={s.name} direction="row" spacing={1} alignItems="center" data-stage-row={s.name}>
            <Typography sx={{ minWidth: 200 }}>{s.name}</Typography>
            <Typography color="text.secondary" sx={{ minWidth: 200 }} data-stage-lt>
              {s.labels?.lt ?? seededTitle(stageEntity ?? {}, s.name, 'lt') ?? ''}
            </Typography>
            <Typography sx={{ minWidth: 60 }}>{String(s.probability)} %</Typography>
            {s.is_won && <Chip size="small" color="success" label={t('won')} />}
            {s.is_lost && <Chip size="small" color="error" label={t('lost')} />}
            <Button size="small" onClick={() => setEditing(editing === s.name ? undefined : s.name)} data-stage-edit-open={s.name}>
              {t('edit_stage')}
            </Button>
          </Stack>,
          ...(editing === s.name
            ? [
                <StageRowEditor
                  key={`edit-${s.name}`}
                  stage={s}
                  index={i}
                  count={ordered.length}
                  onChange={(next, to) => {
                    onEdit(stageChangeEdit(config, ordered, i, next, to));
                    setEditing(undefined);
                  }}
                />,
              ]
            : []),
        ])}
        {slot(ordered.length)}
      </CardContent>
    </Card>
  );
}
