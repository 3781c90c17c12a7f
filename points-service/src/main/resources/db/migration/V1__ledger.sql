-- The points ledger: accounts, an append-only double-entry journal, and two-phase holds.

-- One account per resident per community, plus each community's system accounts. Balances of the
-- accounts whose rows are locked by writers anyway are kept here, maintained only by the posting
-- trigger below, so they always equal the journal. The issuance account is written by every credit
-- of a community: it keeps no balance row (its balance is the sum of its postings), so no credit
-- ever waits for another on it.
create table account (
    id              bigint generated always as identity primary key,
    community_id    text        not null,
    type            text        not null
        check (type in ('RESIDENT', 'ISSUANCE', 'REDEMPTION', 'SUBSIDY_POOL', 'EXPIRY')),
    -- the member id for RESIDENT, the partner id for REDEMPTION, '' for the community's own accounts
    owner_id        text        not null,
    posted          bigint      not null default 0,
    -- sum of pending (hold) postings: negative on a resident's account while points are held
    pending         bigint      not null default 0,
    opened_at       timestamptz not null default now(),
    constraint account_unique unique (community_id, type, owner_id),
    -- A resident's available balance (posted - held) never goes below zero, whatever the code path.
    constraint resident_available_never_negative
        check (type <> 'RESIDENT' or (pending <= 0 and posted + pending >= 0)),
    constraint issuance_keeps_no_balance_row check (type <> 'ISSUANCE' or (posted = 0 and pending = 0))
);

-- Every movement of points: a transaction of postings that sum to zero. Its id is chosen by the
-- writer from the cause (a name-based UUID of the shift id, redemption id...), so applying the same
-- cause twice is refused by the primary key.
create table journal_transaction (
    id              uuid        primary key,
    community_id    text        not null,
    kind            text        not null
        check (kind in ('SHIFT_CREDIT', 'SHIFT_CORRECTION', 'HOLD', 'CAPTURE', 'RELEASE', 'ADJUSTMENT', 'REVERSAL')),
    cause_type      text        not null,
    cause_id        text        not null,
    -- what the resident reads in the passbook: the activity or reward, never an opaque code
    description     text        not null,
    actor           text        not null,
    reason          text,
    posted_at       timestamptz not null
);

create table posting (
    seq             bigint generated always as identity primary key,
    -- both checked once per statement by the trigger below rather than row by row by foreign keys: a
    -- foreign key would also share-lock the issuance account row for every credit
    transaction_id  uuid        not null,
    account_id      bigint      not null,
    amount          bigint      not null check (amount <> 0),
    -- pending postings are the two sides of a hold: they count as held, not as posted
    pending         boolean     not null default false,
    posted_at       timestamptz not null,
    -- the writing transaction: exports only show rows of transactions older than every one still running,
    -- which gives readers a stable order with no gaps while writes continue
    writer_xid      xid8        not null default pg_current_xact_id()
);

create index posting_by_account on posting (account_id, seq);
create index posting_by_transaction on posting (transaction_id);
create index posting_export_order on posting (writer_xid, seq);

-- Postings are inserted one whole transaction per statement (several transactions may share a statement).
-- This trigger refuses any statement whose transactions do not sum to zero (posted and pending parts
-- each on their own) and keeps the account balances in step with the journal.
create function apply_postings() returns trigger
    language plpgsql as $$
declare
    unbalanced uuid;
begin
    select transaction_id into unbalanced
    from new_postings group by transaction_id, pending having sum(amount) <> 0 limit 1;
    if found then
        raise exception 'journal transaction % does not balance: its postings must sum to zero', unbalanced
            using errcode = '23514';
    end if;
    if exists (select 1 from new_postings p
               where not exists (select 1 from journal_transaction t where t.id = p.transaction_id)) then
        raise exception 'postings must belong to a journal transaction' using errcode = '23503';
    end if;
    if exists (select 1 from new_postings p where not exists (select 1 from account a where a.id = p.account_id)) then
        raise exception 'postings must name an open account' using errcode = '23503';
    end if;
    -- lock in id order, as every writer does, so concurrent writers never deadlock
    perform 1 from account
    where id in (select account_id from new_postings) and type <> 'ISSUANCE'
    order by id for update;
    update account a
    set posted = a.posted + d.posted, pending = a.pending + d.pending
    from (select account_id,
                 coalesce(sum(amount) filter (where not pending), 0) as posted,
                 coalesce(sum(amount) filter (where pending), 0) as pending
          from new_postings group by account_id) d
    where a.id = d.account_id and a.type <> 'ISSUANCE';
    return null;
end $$;

create trigger posting_apply after insert on posting
    referencing new table as new_postings
    for each statement execute function apply_postings();

-- Append-only: the journal is never edited or deleted, not even by a careless script. Corrections are
-- new, reversing transactions.
create function refuse_journal_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'the points journal is append-only: % on % is not allowed; post a reversing transaction instead',
        tg_op, tg_table_name using errcode = '42501';
end $$;

create trigger journal_transaction_append_only before update or delete on journal_transaction
    for each row execute function refuse_journal_change();
create trigger journal_transaction_no_truncate before truncate on journal_transaction
    for each statement execute function refuse_journal_change();
create trigger posting_append_only before update or delete on posting
    for each row execute function refuse_journal_change();
create trigger posting_no_truncate before truncate on posting
    for each statement execute function refuse_journal_change();

-- Accounts are never closed by deleting them: their postings would lose their account.
create function refuse_account_delete() returns trigger
    language plpgsql as $$
begin
    raise exception 'accounts are never deleted' using errcode = '42501';
end $$;

create trigger account_never_deleted before delete on account
    for each row execute function refuse_account_delete();
create trigger account_no_truncate before truncate on account
    for each statement execute function refuse_account_delete();

-- Privileges as a second wall for roles that do not own the tables (e.g. a read-only reporting role).
revoke update, delete, truncate on journal_transaction, posting from public;

-- One row per redemption: the hold placed (or refused) for it and where it ended.
create table hold (
    redemption_id   uuid        primary key,
    community_id    text        not null,
    member_id       text        not null,
    partner_id      text        not null,
    reward_title    text        not null,
    points          bigint      not null check (points > 0),
    subsidy_points  bigint      not null check (subsidy_points >= 0),
    expires_at      timestamptz not null,
    status          text        not null check (status in ('PLACED', 'REJECTED', 'CAPTURED', 'RELEASED', 'EXPIRED')),
    reason          text,
    requested_at    timestamptz not null default now(),
    closed_at       timestamptz
);

create index hold_expiring on hold (expires_at) where status = 'PLACED';

-- Answers already given to catalog-service, by event id: a repeated request re-emits nothing new.
create table hold_answer (
    event_id        uuid        primary key,
    redemption_id   uuid        not null,
    answer_type     text        not null,
    answered_at     timestamptz not null default now()
);
