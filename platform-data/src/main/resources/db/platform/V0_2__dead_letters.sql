-- Dead letters every consumer of the suite writes in one format (platform-data's DeadLetters), and
-- outbox rows that carry Kafka headers and may have no key (a dead letter and a re-drive keep the
-- original record's key, headers and all).

alter table outbox_event alter column event_key drop not null;
-- JSON array of {"name": ..., "value": ...} (UTF-8 text) or {"name": ..., "base64": ...}; null for none.
alter table outbox_event add column headers text;

-- A record a consumer could never apply. It stays here (WAITING) until an operator re-drives it: the
-- original key, value and headers are published again to the original topic, and the row turns
-- REDRIVEN in the same transaction, so a repeated re-drive publishes nothing.
create table dead_letter (
    id               bigint generated always as identity primary key,
    source_topic     text        not null,
    source_partition integer     not null,
    source_offset    bigint      not null,
    record_key       text,
    record_value     text,
    -- the original headers, same JSON form as outbox_event.headers
    headers          text        not null default '[]',
    reason           text        not null,
    stack_summary    text        not null,
    first_attempt    timestamptz not null,
    last_attempt     timestamptz not null,
    attempts         integer     not null check (attempts >= 1),
    state            text        not null default 'WAITING' check (state in ('WAITING', 'REDRIVEN')),
    redriven_at      timestamptz,
    redriven_by      text,
    -- a record that failed again after a re-drive names the dead letter it was re-driven from
    redriven_from    bigint      references dead_letter (id),
    created_at       timestamptz not null default now(),
    -- one dead letter per consumed record: a redelivery after a crash finds the first and writes nothing
    unique (source_topic, source_partition, source_offset),
    -- the audit of a re-drive is complete or absent
    check ((state = 'WAITING') = (redriven_at is null and redriven_by is null))
);

create index dead_letter_topic_state on dead_letter (source_topic, state, id);
