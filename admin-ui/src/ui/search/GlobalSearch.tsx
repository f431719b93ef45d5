/**
 * The global search (Ctrl+K or the app bar's search button): one box over every entity the
 * user may read (GET /api/search), results grouped by entity; arrows move, Enter opens,
 * "Show all" opens the entity's list searched by the same words.
 */
import {
  Box,
  Button as MuiButton,
  Dialog,
  DialogContent,
  IconButton,
  InputAdornment,
  LinearProgress,
  List,
  ListItemButton,
  ListItemText,
  ListSubheader,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { globalSearch, type SearchGroup } from '../../providers/api.js';
import { useLocale } from '../hooks.js';
import { titleText } from '../../mapping/labels.js';
import { useMeta } from '../../providers/metaStore.js';

const groupLabel = (g: SearchGroup, locale: string) => g.labels?.[locale]?.plural || g.labels?.[locale]?.title || g.label;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function SearchDialog({ onClose }: { onClose: () => void }) {
  const translate = useTranslate();
  const locale = useLocale();
  const navigate = useNavigate();
  const meta = useMeta();
  const entityOf = (key: string) => meta?.entities.find((e) => e.key === key);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const { data, isFetching, error } = useQuery({ queryKey: ['global-search', q], queryFn: () => globalSearch(q), enabled: /[\p{L}\p{N}]/u.test(q) });
  const groups = (q && data?.q === q ? data.groups : []) ?? [];
  const flat = useMemo(() => groups.flatMap((g) => g.results.map((r) => ({ entity: g.entity, ...r }))), [groups]);
  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [q]);
  const open = (path: string) => {
    onClose();
    navigate(path);
  };
  const onKeyDown = (ev: React.KeyboardEvent) => {
    if (ev.key === 'ArrowDown') setActive((a) => Math.min(a + 1, flat.length - 1));
    else if (ev.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (ev.key === 'Enter' && flat[active]) open(`/${flat[active]!.entity}/${flat[active]!.id}/show`);
    else return;
    ev.preventDefault();
  };
  let n = -1;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" slotProps={{ paper: { sx: { position: 'absolute', top: 48 } } }}>
      <DialogContent sx={{ p: 0 }}>
        <TextField
          autoFocus
          fullWidth
          value={text}
          onChange={(ev) => setText(ev.target.value)}
          onKeyDown={onKeyDown}
          placeholder={translate('tessera.search.placeholder')}
          slotProps={{
            htmlInput: { 'data-global-search-input': true, 'aria-label': translate('tessera.search.title') },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon />
                </InputAdornment>
              ),
            },
          }}
          sx={{ '& fieldset': { border: 'none' }, borderBottom: 1, borderColor: 'divider' }}
        />
        {isFetching && <LinearProgress />}
        <Box sx={{ maxHeight: '60vh', overflowY: 'auto' }} data-global-search-results>
          {error && (
            <Typography color="error" sx={{ p: 2 }}>
              {(error as Error).message}
            </Typography>
          )}
          {q && data?.q === q && !groups.length && (
            <Typography color="text.secondary" sx={{ p: 2 }}>
              {translate('tessera.search.none', { q })}
            </Typography>
          )}
          {!q && (
            <Typography color="text.secondary" sx={{ p: 2 }}>
              {translate('tessera.search.hint')}
            </Typography>
          )}
          <List dense disablePadding>
            {groups.map((g) => [
              <ListSubheader key={`h.${g.entity}`} sx={{ display: 'flex', alignItems: 'center', lineHeight: '32px' }} data-search-group={g.entity}>
                <span style={{ flex: 1 }}>{groupLabel(g, locale)}</span>
                {g.more && (
                  <MuiButton size="small" onClick={() => open(`/${g.entity}?filter=${encodeURIComponent(JSON.stringify({ q }))}`)}>
                    {translate('tessera.search.show_all')}
                  </MuiButton>
                )}
              </ListSubheader>,
              ...g.results.map((r) => {
                n += 1;
                const i = n;
                return (
                  <ListItemButton
                    key={`${g.entity}.${r.id}`}
                    selected={i === active}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => open(`/${g.entity}/${r.id}/show`)}
                    data-search-hit={`${g.entity}/${r.id}`}
                  >
                    <ListItemText primary={titleText(entityOf(g.entity), r.title, locale)} secondary={r.subtitle} />
                  </ListItemButton>
                );
              }),
            ])}
          </List>
        </Box>
      </DialogContent>
    </Dialog>
  );
}

/** The app bar's search button; Ctrl+K (Cmd+K) anywhere opens the dialog. */
export function GlobalSearch() {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'k') {
        ev.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Tooltip title={`${translate('tessera.search.title')} (Ctrl+K)`}>
        <IconButton color="inherit" onClick={() => setOpen(true)} aria-label={translate('tessera.search.title')} data-global-search>
          <SearchIcon />
        </IconButton>
      </Tooltip>
      {open && <SearchDialog onClose={() => setOpen(false)} />}
    </>
  );
}
