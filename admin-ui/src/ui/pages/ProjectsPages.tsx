/**
 * The projects plugin's own screens, over its report routes: my timesheet week (a grid of
 * hours per project / activity and weekday; a new row saves draft timesheets), the task
 * timeline (Gantt-like bars from start to end, with dependencies) and profitability with
 * budget burn. Numbers stay decimal strings from the server.
 */
import { Alert, Box, Button, LinearProgress, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocale } from '../hooks.js';
import { PluginPage, http, today, usePageText, useList } from './scaffold.js';

const T = {
  en: {
    week: 'My timesheet week',
    weekOf: 'Week of',
    total: 'Total',
    project: 'Project',
    task: 'Task',
    activity: 'Activity',
    addRow: 'New row',
    save: 'Save as drafts',
    saved: 'Saved',
    timeline: 'Task timeline',
    dependsOn: 'depends on',
    noTasks: 'No tasks with dates',
    profitability: 'Project profitability',
    billed: 'Billed',
    labour: 'Labour',
    materials: 'Materials',
    purchases: 'Purchases',
    margin: 'Margin',
    hours: 'Hours',
    budget: 'Budget used',
    none: 'Nothing yet',
  },
  lt: {
    week: 'Mano savaitės laikas',
    weekOf: 'Savaitė nuo',
    total: 'Iš viso',
    project: 'Projektas',
    task: 'Užduotis',
    activity: 'Veikla',
    addRow: 'Nauja eilutė',
    save: 'Išsaugoti juodraščius',
    saved: 'Išsaugota',
    timeline: 'Užduočių grafikas',
    dependsOn: 'priklauso nuo',
    noTasks: 'Nėra užduočių su datomis',
    profitability: 'Projektų pelningumas',
    billed: 'Pajamos',
    labour: 'Darbas',
    materials: 'Medžiagos',
    purchases: 'Pirkimai',
    margin: 'Marža',
    hours: 'Valandos',
    budget: 'Išnaudota biudžeto',
    none: 'Kol kas nieko',
  },
};
const useText = () => usePageText(T);

export function WeekGridPage() {
  const t = useText();
  const [date, setDate] = useState(today());
  const client = useQueryClient();
  const week = useQuery({
    queryKey: ['projects-week', date],
    queryFn: () => http.json('GET', '/api/projects/reports/week', { query: new URLSearchParams({ date }) }),
  });
  const projects = useList('/api/projects/project');
  const activities = useList('/api/projects/activity_type');
  const [row, setRow] = useState<{ project: string; activity_type: string; hours: Record<string, string> }>({ project: '', activity_type: '', hours: {} });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const days: string[] = week.data?.days ?? [];
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      for (const d of days) {
        const h = row.hours[d];
        if (!h || Number(h) === 0) continue;
        await http.json('POST', '/api/projects/timesheet', {
          body: { project: Number(row.project), activity_type: Number(row.activity_type), date: d, hours: h },
        });
      }
      setRow({ project: '', activity_type: '', hours: {} });
      setSaved(true);
      await client.invalidateQueries({ queryKey: ['projects-week'] });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const tag = useLocaleTag();
  const weekday = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString(tag, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
  return (
    <PluginPage page="projects-week" title={t.week}>
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
        <TextField
          type="date"
          size="small"
          label={t.weekOf}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-week-date': true } }}
        />
        {week.data && <Typography color="text.secondary">{week.data.week_start}</Typography>}
      </Stack>
      {week.error && <Alert severity="error">{(week.error as Error).message}</Alert>}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t.project}</TableCell>
            <TableCell>{t.task}</TableCell>
            <TableCell>{t.activity}</TableCell>
            {days.map((d) => (
              <TableCell key={d} align="right">
                {weekday(d)}
              </TableCell>
            ))}
            <TableCell align="right">{t.total}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(week.data?.data ?? []).map((r: any) => (
            <TableRow key={`${r.project}:${r.task}:${r.activity_type}`} data-week-row={r.project_name}>
              <TableCell>{r.project_name}</TableCell>
              <TableCell>{r.task_subject ?? '—'}</TableCell>
              <TableCell>{r.activity}</TableCell>
              {days.map((d) => (
                <TableCell key={d} align="right" data-day={d}>
                  {r.hours[d] === '0.00' ? '' : r.hours[d]}
                </TableCell>
              ))}
              <TableCell align="right" sx={{ fontWeight: 500 }}>
                {r.total}
              </TableCell>
            </TableRow>
          ))}
          <TableRow data-week-new-row>
            <TableCell>
              <TextField
                select
                size="small"
                fullWidth
                label={t.project}
                value={row.project}
                onChange={(e) => setRow({ ...row, project: e.target.value })}
                slotProps={{ htmlInput: { 'data-new-project': true } }}
              >
                {(projects.data ?? []).map((p) => (
                  <MenuItem key={p.id} value={String(p.id)}>
                    {p.name}
                  </MenuItem>
                ))}
              </TextField>
            </TableCell>
            <TableCell>{t.addRow}</TableCell>
            <TableCell>
              <TextField
                select
                size="small"
                fullWidth
                label={t.activity}
                value={row.activity_type}
                onChange={(e) => setRow({ ...row, activity_type: e.target.value })}
              >
                {(activities.data ?? []).map((a) => (
                  <MenuItem key={a.id} value={String(a.id)}>
                    {a.name}
                  </MenuItem>
                ))}
              </TextField>
            </TableCell>
            {days.map((d) => (
              <TableCell key={d} align="right">
                <TextField
                  size="small"
                  value={row.hours[d] ?? ''}
                  onChange={(e) => setRow({ ...row, hours: { ...row.hours, [d]: e.target.value } })}
                  slotProps={{ htmlInput: { inputMode: 'decimal', 'data-new-hours': d, style: { textAlign: 'right', width: 48 } } }}
                />
              </TableCell>
            ))}
            <TableCell />
          </TableRow>
          <TableRow>
            <TableCell colSpan={3} sx={{ fontWeight: 500 }}>
              {t.total}
            </TableCell>
            {days.map((d) => (
              <TableCell key={d} align="right" data-day-total={d}>
                {week.data?.day_totals[d]}
              </TableCell>
            ))}
            <TableCell align="right" sx={{ fontWeight: 600 }} data-week-total>
              {week.data?.totals?.total}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center' }}>
        <Button variant="contained" onClick={save} disabled={!row.project || !row.activity_type} data-week-save>
          {t.save}
        </Button>
        {saved && <Typography color="success.main">{t.saved}</Typography>}
        {error && (
          <Alert severity="error" data-week-error>
            {error}
          </Alert>
        )}
      </Stack>
    </PluginPage>
  );
}

function useLocaleTag() {
  return useLocale() === 'lt' ? 'lt-LT' : 'en-GB';
}

const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);

export function TaskTimelinePage() {
  const t = useText();
  const projects = useList('/api/projects/project');
  const [project, setProject] = useState('');
  const chosen = project || (projects.data?.[0] ? String(projects.data[0].id) : '');
  const timeline = useQuery({
    enabled: !!chosen,
    queryKey: ['projects-timeline', chosen],
    queryFn: () => http.json('GET', '/api/projects/reports/task-timeline', { query: new URLSearchParams({ project: chosen }) }),
  });
  const tasks: any[] = (timeline.data?.data ?? []).filter((x: any) => x.start_date || x.end_date);
  const from = timeline.data?.from ? dayNumber(timeline.data.from) : 0;
  const span = timeline.data?.to ? dayNumber(timeline.data.to) - from + 1 : 1;
  const subjects = new Map<number, string>((timeline.data?.data ?? []).map((x: any) => [x.id, x.subject]));
  return (
    <PluginPage page="projects-timeline" title={t.timeline}>
      <TextField select size="small" label={t.project} value={chosen} onChange={(e) => setProject(e.target.value)} sx={{ minWidth: 280, mb: 2 }}>
        {(projects.data ?? []).map((p) => (
          <MenuItem key={p.id} value={String(p.id)}>
            {p.name}
          </MenuItem>
        ))}
      </TextField>
      {timeline.data && !tasks.length && <Typography color="text.secondary">{t.noTasks}</Typography>}
      {tasks.length > 0 && (
        <Typography variant="caption" color="text.secondary">
          {timeline.data.from} → {timeline.data.to}
        </Typography>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: '240px 1fr', rowGap: 1, mt: 1 }}>
        {tasks.map((x) => {
          const s = dayNumber(x.start_date ?? x.end_date) - from;
          const e = dayNumber(x.end_date ?? x.start_date) - from + 1;
          return [
            <Box key={`l${x.id}`} sx={{ pr: 1 }}>
              <Typography variant="body2" sx={{ pl: x.parent_task ? 2 : 0 }}>
                {x.subject}
              </Typography>
              {x.depends_on.length > 0 && (
                <Typography variant="caption" color="text.secondary">
                  {t.dependsOn} {x.depends_on.map((d: number) => subjects.get(d) ?? d).join(', ')}
                </Typography>
              )}
            </Box>,
            <Box key={`b${x.id}`} sx={{ position: 'relative', height: 24, bgcolor: 'action.hover', borderRadius: 1 }}>
              <Box
                data-task-bar={x.subject}
                title={`${x.start_date ?? ''} – ${x.end_date ?? ''}`}
                sx={{
                  position: 'absolute',
                  left: `${(s / span) * 100}%`,
                  width: `${((e - s) / span) * 100}%`,
                  top: 2,
                  bottom: 2,
                  borderRadius: 1,
                  bgcolor: x.done ? 'success.light' : x.status === 'working' ? 'primary.main' : 'primary.light',
                }}
              />
            </Box>,
          ];
        })}
      </Box>
    </PluginPage>
  );
}

export function ProfitabilityPage() {
  const t = useText();
  const report = useQuery({ queryKey: ['projects-profitability'], queryFn: () => http.json('GET', '/api/projects/reports/profitability') });
  const rows: any[] = report.data?.data ?? [];
  return (
    <PluginPage page="projects-profitability" title={t.profitability}>
      {report.error && <Alert severity="error">{(report.error as Error).message}</Alert>}
      {report.data && !rows.length && <Typography color="text.secondary">{t.none}</Typography>}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t.project}</TableCell>
            {[t.billed, t.labour, t.materials, t.purchases, t.margin, t.hours, t.budget].map((h) => (
              <TableCell key={h} align="right">
                {h}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((p) => (
            <TableRow key={p.project} data-profit-row={p.name}>
              <TableCell>{p.name}</TableCell>
              <TableCell align="right">{p.billed}</TableCell>
              <TableCell align="right">{p.labour_cost}</TableCell>
              <TableCell align="right">{p.material_cost}</TableCell>
              <TableCell align="right">{p.purchase_cost}</TableCell>
              <TableCell align="right" data-margin sx={{ fontWeight: 600, color: Number(p.margin) < 0 ? 'error.main' : undefined }}>
                {p.margin}
                {p.margin_percent ? ` (${p.margin_percent} %)` : ''}
              </TableCell>
              <TableCell align="right">
                {p.hours}
                {p.budget_hours ? ` / ${p.budget_hours}` : ''}
              </TableCell>
              <TableCell align="right" sx={{ minWidth: 140 }}>
                {p.budget_used_percent != null && (
                  <>
                    <LinearProgress
                      variant="determinate"
                      value={Math.min(100, Number(p.budget_used_percent))}
                      color={Number(p.budget_used_percent) > 100 ? 'error' : 'primary'}
                    />
                    <Typography variant="caption">{p.budget_used_percent} %</Typography>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </PluginPage>
  );
}
