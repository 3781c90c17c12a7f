-- Volunteer activities, sign-ups, shifts and their points rules. The invariants live here, not only in Java:
-- capacity (check + guarded update), one sign-up per resident and activity (partial unique index), no
-- overlapping shifts of one resident (exclusion constraint), verified shifts and rule versions immutable
-- (triggers), corrections and the export ledger append-only (triggers).

-- btree_gist lets one exclusion constraint combine "same resident" (=) with "time ranges overlap" (&&).
-- It lives in public so that every schema of the database can share it; the operator class is named in full.
create extension if not exists btree_gist with schema public;

create table activity_kind (
    id              uuid        primary key,
    community_id    text        not null,
    code            text        not null,
    name            text        not null,
    created_by      text        not null,
    created_at      timestamptz not null,
    unique (community_id, code)
);

-- Rule versions of a kind. A shift is valued by the version whose valid_from is the latest not after the
-- shift's start; version 1 is valid from the epoch (the kind's first rule applies to all its shifts).
create table points_rule (
    id               uuid        primary key,
    kind_id          uuid        not null references activity_kind (id),
    version          int         not null check (version > 0),
    valid_from       timestamptz not null,
    points_per_hour  int         not null check (points_per_hour > 0),
    rounding         text        not null check (rounding in ('DOWN', 'HALF_UP', 'UP')),
    minimum_minutes  int         not null check (minimum_minutes >= 0),
    daily_cap_points int         not null check (daily_cap_points > 0),
    created_by       text        not null,
    created_at       timestamptz not null,
    unique (kind_id, version),
    unique (kind_id, valid_from)
);

create table activity (
    id              uuid        primary key,
    community_id    text        not null,
    kind_id         uuid        not null references activity_kind (id),
    title           text        not null,
    place           text        not null,
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    capacity        int         not null check (capacity > 0),
    signed_up       int         not null default 0,
    created_by      text        not null,
    created_at      timestamptz not null,
    check (ends_at > starts_at),
    check (signed_up >= 0 and signed_up <= capacity)
);
create index activity_community_starts on activity (community_id, starts_at);

create table sign_up (
    id              uuid        primary key,
    activity_id     uuid        not null references activity (id),
    community_id    text        not null,
    member_id       text        not null,
    status          text        not null check (status in ('SIGNED_UP', 'WITHDRAWN')),
    signed_up_at    timestamptz not null,
    withdrawn_at    timestamptz
);
create unique index sign_up_one_active on sign_up (activity_id, member_id) where status = 'SIGNED_UP';
create index sign_up_member on sign_up (member_id, status);

create table shift (
    id               uuid        primary key,
    community_id     text        not null,
    activity_id      uuid        not null references activity (id),
    kind_id          uuid        not null references activity_kind (id),
    member_id        text        not null,
    walk_in          boolean     not null,
    status           text        not null check (status in ('CHECKED_IN', 'RECORDED', 'VERIFIED', 'REJECTED', 'VOIDED')),
    started_at       timestamptz not null,
    ended_at         timestamptz,
    minutes          int         check (minutes >= 0),
    served_on        date        not null,
    points           bigint      check (points >= 0),
    rule_version     int,
    recorded_by      text        not null,
    recorded_at      timestamptz not null,
    verified_by      text,
    verified_at      timestamptz,
    rejected_by      text,
    rejected_at      timestamptz,
    rejection_reason text,
    check (ended_at is null or ended_at > started_at),
    check ((status = 'CHECKED_IN') = (ended_at is null)),
    check (status not in ('VERIFIED', 'VOIDED')
           or (points is not null and rule_version is not null and verified_by is not null and verified_at is not null)),
    check (verified_by is null or verified_by <> member_id),
    -- A resident cannot serve two shifts at once; an open shift (checked in) runs until checked out.
    constraint shift_no_overlap exclude using gist (
        member_id public.gist_text_ops with =,
        tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz), '[)') with &&
    ) where (status not in ('REJECTED', 'VOIDED'))
);
create index shift_activity on shift (activity_id);
create index shift_member_day on shift (member_id, served_on);
create index shift_community_day on shift (community_id, served_on);

-- A verified shift keeps its valued fields forever; the only change left is VERIFIED -> VOIDED, made
-- together with a correction row. Rejected shifts are final.
create function shift_keep_history() returns trigger language plpgsql as $$
begin
    if old.status = 'REJECTED' then
        raise exception 'shift % was rejected and cannot change', old.id using errcode = 'P0001';
    end if;
    if old.status in ('VERIFIED', 'VOIDED') then
        if new.status <> old.status and not (old.status = 'VERIFIED' and new.status = 'VOIDED') then
            raise exception 'verified shift % cannot go back to %', old.id, new.status using errcode = 'P0001';
        end if;
        if (new.member_id, new.activity_id, new.started_at, new.ended_at, new.minutes, new.points,
            new.rule_version, new.verified_by, new.verified_at, new.served_on)
           is distinct from
           (old.member_id, old.activity_id, old.started_at, old.ended_at, old.minutes, old.points,
            old.rule_version, old.verified_by, old.verified_at, old.served_on) then
            raise exception 'verified shift % is history: correct it with a correction row', old.id
                using errcode = 'P0001';
        end if;
    end if;
    return new;
end $$;
create trigger shift_keep_history before update on shift for each row execute function shift_keep_history();

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% rows are append-only', tg_table_name using errcode = 'P0001';
end $$;
create trigger points_rule_immutable before update or delete on points_rule
    for each row execute function refuse_change();

-- A correction restates a verified shift's minutes and points (0 for a void); the latest one is current.
create table shift_correction (
    id                uuid        primary key,
    shift_id          uuid        not null references shift (id),
    sequence          int         not null check (sequence > 0),
    community_id      text        not null,
    member_id         text        not null,
    previous_minutes  int         not null,
    corrected_minutes int         not null check (corrected_minutes >= 0),
    previous_points   bigint      not null,
    corrected_points  bigint      not null check (corrected_points >= 0),
    voided            boolean     not null,
    reason            text        not null,
    corrected_by      text        not null,
    corrected_at      timestamptz not null,
    unique (shift_id, sequence),
    check (corrected_by <> member_id)
);
create trigger shift_correction_append_only before update or delete on shift_correction
    for each row execute function refuse_change();

-- Every points-bearing fact in the order the reconciliation export reads it. tx_id is the writing
-- transaction: the export only returns rows of transactions older than every transaction still running,
-- ordered by (tx_id, seq), so a row can never appear behind the cursor after it was read past.
create table shift_ledger (
    seq              bigint      generated always as identity primary key,
    tx_id            xid8        not null default pg_current_xact_id(),
    entry_type       text        not null check (entry_type in ('SHIFT_VERIFIED', 'SHIFT_CORRECTED')),
    shift_id         uuid        not null references shift (id),
    correction_id    uuid        references shift_correction (id),
    community_id     text        not null,
    member_id        text        not null,
    points           bigint,
    previous_points  bigint,
    corrected_points bigint,
    event_id         uuid        not null unique,
    recorded_at      timestamptz not null
);
create index shift_ledger_order on shift_ledger (tx_id, seq);
create trigger shift_ledger_append_only before update or delete on shift_ledger
    for each row execute function refuse_change();
