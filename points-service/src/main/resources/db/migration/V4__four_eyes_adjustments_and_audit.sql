-- Staff adjustments under insider controls: bounded, at most a daily total per staff member, never for oneself,
-- and above a threshold booked only once a second staff member approved them (maker-checker).

-- The checker of a transaction that needed a second person (the maker is `actor`). The database refuses a
-- transaction whose checker is its maker, whatever the code path.
alter table journal_transaction add column approved_by text;
alter table journal_transaction add constraint checker_is_a_second_person
    check (approved_by is null or approved_by <> actor);

-- A transfer staff asked for, from the request to its booking or refusal. Its id is also the id of the journal
-- transaction that books it, so approving it twice (two checkers at once, a retried click) books it once.
create table staff_transfer (
    id              uuid        primary key,
    kind            text        not null check (kind in ('ADJUSTMENT')),
    community_id    text        not null,
    -- the resident adjusted
    member_id       text,
    points          bigint      not null check (points <> 0),
    reason          text        not null,
    status          text        not null check (status in ('PENDING', 'BOOKED', 'REJECTED')),
    requested_by    text        not null,
    requested_at    timestamptz not null,
    decided_by      text,
    decided_at      timestamptz,
    decision_reason text,
    constraint a_checker_is_a_second_person check (decided_by is null or decided_by <> requested_by),
    constraint never_for_oneself
        check (member_id is null or (member_id <> requested_by and (decided_by is null or member_id <> decided_by))),
    constraint an_adjustment_names_its_resident check (kind <> 'ADJUSTMENT' or member_id is not null)
);

create index staff_transfer_by_status on staff_transfer (community_id, kind, status, requested_at);
create index staff_transfer_by_maker on staff_transfer (requested_by, requested_at);

-- Every decision about a staff transfer: requested, booked, approved, rejected, or refused by a bound (then
-- transfer_id is null: nothing was created). Append-only, like the journal: the trail of who did what cannot be
-- edited afterwards by the people it watches.
create table control_audit (
    seq             bigint generated always as identity primary key,
    community_id    text        not null,
    kind            text        not null,
    transfer_id     uuid,
    action          text        not null check (action in ('REQUESTED', 'BOOKED', 'APPROVED', 'REJECTED', 'REFUSED')),
    actor           text        not null,
    member_id       text,
    points          bigint,
    -- the bound that refused it (ADJUSTMENT_DAILY_LIMIT...), for REFUSED
    code            text,
    reason          text,
    at              timestamptz not null default now()
);

create index control_audit_by_community on control_audit (community_id, seq);
create index control_audit_by_transfer on control_audit (transfer_id, seq);

create function refuse_audit_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'the control audit is append-only: % on % is not allowed', tg_op, tg_table_name
        using errcode = '42501';
end $$;

create trigger control_audit_append_only before update or delete on control_audit
    for each row execute function refuse_audit_change();
create trigger control_audit_no_truncate before truncate on control_audit
    for each statement execute function refuse_audit_change();

revoke update, delete, truncate on control_audit from public;
