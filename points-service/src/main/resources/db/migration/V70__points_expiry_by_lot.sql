-- Points expiry by lot (README "Points expiry"). A lot is a credit posting itself: no row is added per credit. The
-- lots of a resident's account are consumed first in, first out by its debits; what is still unconsumed of credits
-- older than the community's period, and not reserved by a hold, lapses to the community's EXPIRY account in an
-- ordinary journal transaction. Off unless a community's staff switch it on (maker and checker).

-- EXPIRY: a resident's lapsed points to the community's expiry account, one transaction per account per run day
-- (its id derived from community, resident and day). EXPIRY_DONATION: points about to lapse, given by the resident to
-- the community's subsidy pool.
alter table points.journal_transaction drop constraint journal_transaction_kind_check;
alter table points.journal_transaction add constraint journal_transaction_kind_check
    check (kind in ('SHIFT_CREDIT', 'SHIFT_CORRECTION', 'HOLD', 'CAPTURE', 'RELEASE', 'ADJUSTMENT', 'REVERSAL',
                    'POOL_FUNDING', 'EXPIRY', 'EXPIRY_DONATION'));

-- The community's expiry rule in force. No row: expiry is off.
create table points.expiry_policy (
    community_id          text        primary key,
    enabled               boolean     not null,
    -- credits older than this many months lapse (24: "points expire two years after they were earned")
    expires_after_months  integer     not null check (expires_after_months between 1 and 120),
    -- residents are warned this many days before the month in which their points lapse
    warn_days_ahead       integer     not null check (warn_days_ahead between 0 and 90),
    -- the first run day on which this rule may expire anything: switching expiry on (or shortening the period) gives
    -- residents their warning first, and never books anything into a day already past
    expires_from          date        not null,
    change_id             uuid        not null,
    changed_by            text        not null,
    approved_by           text        not null,
    changed_at            timestamptz not null,
    constraint a_policy_is_approved_by_a_second_person check (approved_by <> changed_by)
);

-- A change staff asked for: applied only when a second staff member of the community approves it.
create table points.expiry_policy_change (
    id                    uuid        primary key,
    community_id          text        not null,
    enabled               boolean     not null,
    expires_after_months  integer     not null check (expires_after_months between 1 and 120),
    warn_days_ahead       integer     not null check (warn_days_ahead between 0 and 90),
    reason                text        not null check (length(btrim(reason)) between 1 and 500),
    status                text        not null check (status in ('PENDING', 'APPLIED', 'REJECTED')),
    requested_by          text        not null,
    requested_at          timestamptz not null,
    decided_by            text,
    decided_at            timestamptz,
    decision_reason       text,
    constraint a_policy_checker_is_a_second_person check (decided_by is null or decided_by <> requested_by)
);

create index expiry_policy_change_by_community on points.expiry_policy_change (community_id, requested_at desc);

-- One warning (PointsExpiring) per resident per month in which points lapse: the row is written with the outbox
-- event, so a rerun of the day, or a second instance, warns nobody twice.
create table points.expiry_warning (
    community_id          text        not null,
    member_id             text        not null,
    -- first day of the month in which the points lapse
    expiry_month          date        not null check (extract(day from expiry_month) = 1),
    points                bigint      not null check (points > 0),
    warned_at             timestamptz not null default now(),
    primary key (community_id, member_id, expiry_month)
);

-- The runtime role already may SELECT and INSERT (platform-data's V0_3). The rule in force is replaced by an approved
-- change; a change is decided once; warnings are only added.
grant update (enabled, expires_after_months, warn_days_ahead, expires_from, change_id, changed_by, approved_by,
              changed_at) on points.expiry_policy to ${runtime_role};
grant update (status, decided_by, decided_at, decision_reason) on points.expiry_policy_change to ${runtime_role};
