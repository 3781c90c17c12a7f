-- What each reconciler run found (README "Reconciliation results"), kept for the staff console. The reconciler posts
-- its summary once per run (Idempotency-Key = run id); rows are never changed or removed, so the console shows what
-- the run said, and a later run cannot rewrite an earlier verdict. The runtime role only selects and inserts (the
-- schema's default privileges); the triggers refuse the owner's edits as for the journal.
create table reconciliation_run (
    run_id            uuid        primary key,
    started_at        timestamptz not null,
    finished_at       timestamptz not null,
    outcome           text        not null check (outcome in ('CLEAN', 'DISCREPANCIES', 'FAILED')),
    postings_checked  bigint      not null check (postings_checked >= 0),
    -- [{name, outcome, discrepancies}] as the run reported them, whole-deployment counts
    checks            jsonb       not null check (jsonb_typeof(checks) = 'array'),
    received_at       timestamptz not null default now(),
    -- the order runs arrived in, to tell apart two runs that finished in the same instant
    received_seq      bigint      generated always as identity unique,
    constraint finished_after_it_started check (finished_at >= started_at),
    constraint clean_means_no_discrepancy check (outcome <> 'CLEAN' or not jsonb_path_exists(checks,
        '$[*] ? (@.discrepancies > 0)'))
);
create index reconciliation_run_latest on reconciliation_run (finished_at desc, received_seq desc);

create table reconciliation_discrepancy (
    run_id        uuid    not null references reconciliation_run (run_id),
    ordinal       integer not null check (ordinal >= 0),
    check_name    text    not null check (length(check_name) between 1 and 100),
    -- null when the export named no community (an account known by id only): only operators see those
    community_id  text,
    subject       text    not null check (length(subject) between 1 and 500),
    detail        text    not null check (length(detail) between 1 and 4000),
    primary key (run_id, ordinal)
);
create index reconciliation_discrepancy_by_community on reconciliation_discrepancy (run_id, community_id, ordinal);

create trigger reconciliation_run_append_only before update or delete on reconciliation_run
    for each row execute function refuse_journal_change();
create trigger reconciliation_run_no_truncate before truncate on reconciliation_run
    for each statement execute function refuse_journal_change();
create trigger reconciliation_discrepancy_append_only before update or delete on reconciliation_discrepancy
    for each row execute function refuse_journal_change();
create trigger reconciliation_discrepancy_no_truncate before truncate on reconciliation_discrepancy
    for each statement execute function refuse_journal_change();
