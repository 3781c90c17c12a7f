-- Tables every service keeps in its own schema: shipped once by platform-data, applied by each
-- service's Flyway before the service's own migrations (V1 and up).

-- Transactional outbox: an event row is written in the same transaction as the change it announces,
-- then relayed to Kafka and deleted. Rows are relayed in id order, so one resident's events stay in order.
create table outbox_event (
    id              bigint generated always as identity primary key,
    event_id        uuid        not null unique,
    topic           text        not null,
    event_key       text        not null,
    payload         text        not null,
    created_at      timestamptz not null default now()
);

-- Idempotent consumers: the id of every event already applied, written in the same transaction as its effect.
create table processed_event (
    event_id        uuid        primary key,
    event_type      text        not null,
    processed_at    timestamptz not null default now()
);

-- Idempotency-Key of HTTP writes: a retried request gets the first answer instead of a second effect.
create table idempotency_record (
    scope           text        not null,
    caller_id       text        not null,
    idem_key        text        not null,
    request_hash    text        not null,
    response_body   text,
    created_at      timestamptz not null default now(),
    primary key (scope, caller_id, idem_key)
);
