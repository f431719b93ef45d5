/** The bell in the app bar: the user's notifications, unread count, mark read, open the record. */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Divider, IconButton, ListItemText, Menu, MenuItem, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { MetaIcon } from '../MetaIcon.js';
import { listNotifications, markAllRead, markRead, type NotificationInfo } from './api.js';

const POLL_MS = 30_000;

export function NotificationBell() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [items, setItems] = useState<NotificationInfo[]>([]);
  const [unread, setUnread] = useState(0);
  const load = useCallback(async () => {
    try {
      const r = await listNotifications();
      setItems(r.data);
      setUnread(r.unread);
    } catch {
      // signed out or offline: the bell stays as it was
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);
  const open = async (n: NotificationInfo) => {
    setAnchor(null);
    if (!n.read_at) await markRead(n.id).catch(() => undefined);
    await load();
    if (n.entity && n.record_id) navigate(`/${n.entity}/${n.record_id}/show`);
  };
  return (
    <>
      <Tooltip title={translate('tessera.outbound.bell')}>
        <IconButton
          color="inherit"
          onClick={(e) => {
            setAnchor(e.currentTarget);
            void load();
          }}
          data-bell
          aria-label={translate('tessera.outbound.bell')}
        >
          <Badge badgeContent={unread} color="error" data-bell-count={unread}>
            <MetaIcon name="notifications" />
          </Badge>
        </IconButton>
      </Tooltip>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)} slotProps={{ paper: { sx: { maxWidth: 420, maxHeight: 480 } } }}>
        {items.length === 0 && (
          <MenuItem disabled>
            <Typography variant="body2">{translate('tessera.outbound.bell_empty')}</Typography>
          </MenuItem>
        )}
        {items.map((n) => (
          <MenuItem key={n.id} onClick={() => void open(n)} sx={{ whiteSpace: 'normal', fontWeight: n.read_at ? 400 : 600 }} data-notification={n.kind}>
            <ListItemText
              primary={n.title}
              secondary={new Date(n.created_at).toLocaleString()}
              slotProps={{ primary: { sx: { fontWeight: n.read_at ? 400 : 600, fontSize: 14 } } }}
            />
          </MenuItem>
        ))}
        {unread > 0 && <Divider />}
        {unread > 0 && (
          <MenuItem onClick={() => void markAllRead().then(load)} data-bell-read-all>
            <Typography variant="body2" color="primary">
              {translate('tessera.outbound.bell_read_all')}
            </Typography>
          </MenuItem>
        )}
      </Menu>
    </>
  );
}
