/**
 * The outbox (e-mails and webhook deliveries written in the transaction of the change that
 * causes them), its delivery attempts, attachments and notifications: core tables, created on
 * start like the audit tables.
 */
export const OUTBOUND_TABLES_SQL = `
create table if not exists tessera_outbox (
  id bigserial primary key,
  kind text not null check (kind in ('email', 'webhook')),
  idempotency_key text not null unique,
  status text not null default 'queued' check (status in ('queued', 'retrying', 'sent', 'failed')),
  entity text,
  record_id bigint,
  party_entity text,
  party_id bigint,
  subscription bigint,
  event text,
  target text not null,
  subject text,
  payload jsonb not null,
  attachment bytea,
  attachment_name text,
  attempts integer not null default 0,
  last_error text,
  created_by bigint,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index if not exists tessera_outbox_record on tessera_outbox (entity, record_id);
create index if not exists tessera_outbox_party on tessera_outbox (party_entity, party_id);
create index if not exists tessera_outbox_subscription on tessera_outbox (subscription, id);
create table if not exists tessera_outbox_attempt (
  id bigserial primary key,
  outbox_id bigint not null references tessera_outbox (id) on delete cascade,
  at timestamptz not null default now(),
  ok boolean not null,
  status_code integer,
  error text,
  duration_ms integer
);
create index if not exists tessera_outbox_attempt_outbox on tessera_outbox_attempt (outbox_id, id);
create table if not exists tessera_file (
  id bigserial primary key,
  entity text not null,
  record_id bigint not null,
  name text not null,
  content_type text not null,
  size bigint not null,
  sha256 text not null,
  storage_key text not null,
  created_by bigint,
  created_at timestamptz not null default now()
);
create index if not exists tessera_file_record on tessera_file (entity, record_id);
create table if not exists tessera_notification (
  id bigserial primary key,
  user_id bigint not null,
  kind text not null check (kind in ('assigned', 'approval', 'mention', 'email_failed', 'webhook_disabled')),
  title text not null,
  body text,
  entity text,
  record_id bigint,
  dedupe_key text unique,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists tessera_notification_user on tessera_notification (user_id, read_at, id desc);
`;
