-- Least privilege for the ledger (README "Database roles"). The application connects as ${runtime_role}, which owns
-- nothing: platform-data's V0_3 gave it SELECT and INSERT on every table of the schema, now and to come. Here it
-- gets only the changes the service makes, column by column; it gets no UPDATE, DELETE or TRUNCATE on the journal
-- (journal_transaction, posting), whose triggers it can no longer disable either.

-- Holds end (captured, released, expired) by an UPDATE of their status; select ... for update locks them first.
grant update (status, reason, closed_at) on points.hold to ${runtime_role};

-- Balances follow the journal: apply_postings (fired by the runtime role's INSERT into posting, and running with its
-- rights) adds the postings to posted and pending, and the crediting path locks the accounts (select ... for update).
-- Nothing else may write a balance: an account is opened with its key alone, and account_balance_follows_journal
-- below refuses a balance change that does not come from a posting. (The insert restriction is skipped for a runtime
-- role that is the owner itself: revoking would take the owner's own right away.)
grant update (posted, pending) on points.account to ${runtime_role};
do $$
begin
    if '${runtime_role}' <> current_user then
        revoke insert on points.account from ${runtime_role};
        grant insert (community_id, type, owner_id) on points.account to ${runtime_role};
    end if;
end $$;

-- An UPDATE of a balance that is not apply_postings' own (which runs inside the posting trigger, one level deep)
-- would make the account disagree with its postings. 23514 as the balance checks answer.
create function points.refuse_balance_edit() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    raise exception 'account balances change only by posting to the journal' using errcode = '23514';
end $$;

create trigger account_balance_follows_journal before update of posted, pending on points.account
    for each row when (pg_trigger_depth() = 0 and (new.posted, new.pending) is distinct from (old.posted, old.pending))
    execute function points.refuse_balance_edit();

-- The trigger functions again, with every table named with its schema and the search path pinned: a function that
-- resolves names through the caller's search_path could be pointed at another table (a temporary one, say, which
-- would be found first). pg_temp is named last so that it is searched last. All run with the caller's rights
-- (SECURITY INVOKER): the runtime role's own grants are enough for what they do.
create or replace function points.apply_postings() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
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
               where not exists (select 1 from points.journal_transaction t where t.id = p.transaction_id)) then
        raise exception 'postings must belong to a journal transaction' using errcode = '23503';
    end if;
    if exists (select 1 from new_postings p where not exists (select 1 from points.account a where a.id = p.account_id)) then
        raise exception 'postings must name an open account' using errcode = '23503';
    end if;
    -- lock in id order, as every writer does, so concurrent writers never deadlock
    perform 1 from points.account
    where id in (select account_id from new_postings) and type <> 'ISSUANCE'
    order by id for update;
    update points.account a
    set posted = a.posted + d.posted, pending = a.pending + d.pending
    from (select account_id,
                 coalesce(sum(amount) filter (where not pending), 0) as posted,
                 coalesce(sum(amount) filter (where pending), 0) as pending
          from new_postings group by account_id) d
    where a.id = d.account_id and a.type <> 'ISSUANCE';
    return null;
end $$;

-- The two refusals read no table: pinning their search path is all they need.
alter function points.refuse_journal_change() set search_path = pg_catalog, pg_temp;
alter function points.refuse_account_delete() set search_path = pg_catalog, pg_temp;
