/**
 * Modules: every plugin with a switch, and its dependencies in words ("Sales needs Inventory",
 * "Accounting is used by Sales"). Switching one on also switches on what it needs; a plugin
 * another enabled plugin needs cannot be switched off until that one is. Each switch is a draft
 * edit; nothing changes before the plan is applied.
 */
import { Alert, Box, Button, Card, CardContent, Stack, Switch, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useNotify } from 'react-admin';
import { Link } from 'react-router-dom';
import { studioApi } from './api.js';
import { draft, useDraft } from './draft.js';
import { errorMessage, useStudioConfig, useT, useText } from './hooks.js';
import { pluginsEdit } from './patch.js';
import type { PluginInfo } from './types.js';

/** The plugin and every plugin it needs, transitively. */
export function withNeeds(name: string, all: Map<string, PluginInfo>, out = new Set<string>()): Set<string> {
  if (out.has(name)) return out;
  out.add(name);
  for (const d of all.get(name)?.dependsOn ?? []) withNeeds(d, all, out);
  return out;
}

export default function ModulesScreen() {
  const t = useT();
  const text = useText();
  const notify = useNotify();
  const edits = useDraft();
  const { config, error: configError } = useStudioConfig();
  const { data: plugins, error } = useQuery({ queryKey: ['studio', 'plugins'], queryFn: studioApi.plugins });
  if (error || configError) return <Alert severity="error">{errorMessage(error ?? configError)}</Alert>;
  if (!plugins || !config) return <Typography sx={{ p: 2 }}>{t('loading')}</Typography>;
  const all = new Map(plugins.map((p) => [p.name, p]));
  const on = new Set<string>(config.plugins);
  const label = (n: string) => text(all.get(n)?.label) || n;
  const users = (name: string) => plugins.filter((p) => on.has(p.name) && p.dependsOn.includes(name)).map((p) => p.name);
  const toggle = (p: PluginInfo, enable: boolean) => {
    let next: string[];
    let changed: string[];
    if (enable) {
      const needed = [...withNeeds(p.name, all)].filter((n) => !on.has(n));
      next = [...config.plugins, ...needed];
      changed = needed;
    } else {
      next = config.plugins.filter((n) => n !== p.name);
      changed = [p.name];
    }
    const edit = pluginsEdit(
      config,
      next,
      changed.map((n) => ({ name: n, on: enable, en: all.get(n)?.label.en ?? n, lt: all.get(n)?.label.lt ?? n })),
    );
    draft.add(edit);
    notify(t('draft_added', { what: text(edit.summary) }), { type: 'info' });
  };
  return (
    <Box sx={{ p: 2, maxWidth: 1000 }} data-studio="modules">
      <Title title={t('modules')} />
      <Stack direction="row" alignItems="center" sx={{ mb: 2 }}>
        <Typography variant="h5" sx={{ flex: 1 }}>
          {t('modules')}
        </Typography>
        <Button component={Link} to="/studio/review" variant="outlined" disabled={!edits.length}>
          {t('draft_count', { count: edits.length })}
        </Button>
      </Stack>
      <Stack spacing={1}>
        {plugins.map((p) => {
          const enabled = on.has(p.name);
          const usedBy = users(p.name);
          const missing = [...withNeeds(p.name, all)].filter((n) => n !== p.name && !on.has(n));
          const locked = p.name === 'auth' || (enabled && usedBy.length > 0);
          return (
            <Card key={p.name} variant="outlined" data-plugin={p.name} data-enabled={enabled}>
              <CardContent sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', py: 1.5, '&:last-child': { pb: 1.5 } }}>
                <Switch
                  checked={enabled}
                  disabled={locked}
                  onChange={(e) => toggle(p, e.target.checked)}
                  inputProps={{ 'aria-label': `${t('module_on')}: ${label(p.name)}` }}
                />
                <Box sx={{ flex: 1 }}>
                  <Typography variant="subtitle1">
                    {label(p.name)}{' '}
                    <Typography component="span" variant="body2" color="text.secondary">
                      ({p.name})
                    </Typography>
                  </Typography>
                  {p.dependsOn.length > 0 && (
                    <Typography variant="body2" data-needs>
                      {t('needs', { name: label(p.name), deps: p.dependsOn.map(label).join(', ') })}
                    </Typography>
                  )}
                  {p.requiredBy.length > 0 && (
                    <Typography variant="body2" color="text.secondary" data-used-by>
                      {t('used_by', { name: label(p.name), users: p.requiredBy.map(label).join(', ') })}
                    </Typography>
                  )}
                  {!enabled && missing.length > 0 && (
                    <Typography variant="body2" color="warning.main">
                      {t('also_enables', { name: label(p.name), deps: missing.map(label).join(', ') })}
                    </Typography>
                  )}
                  {p.name === 'auth' ? (
                    <Typography variant="body2" color="text.secondary">
                      {t('always_on')}
                    </Typography>
                  ) : (
                    locked && (
                      <Typography variant="body2" color="text.secondary">
                        {t('cannot_disable', { users: usedBy.map(label).join(', ') })}
                      </Typography>
                    )
                  )}
                </Box>
              </CardContent>
            </Card>
          );
        })}
      </Stack>
    </Box>
  );
}
