-- Storage per credit (README "Storage per credit"). Every credit's second leg is the community's issuance account, so
-- half of posting_by_account's entries (about 37 bytes a credit) sit under one key per community that only the
-- issuance account's balance read, summing all of them. That balance comes from elsewhere now (below), so the issuance
-- leg is left out of the index. A partial index can only test the posting's own columns: the writer marks the issuance
-- leg, issuance_leg true; every other posting leaves it null, which costs nothing (the row already has a null bitmap
-- with room for it, since posted_at is null since V97), while the issuance leg pays 8 bytes for the mark after
-- alignment (a column added to a table goes after writer_xid, not into the padding beside pending).
--
-- Where the issuance balance comes from now: every transaction's postings sum to zero (apply_postings, posted and
-- pending each on their own), every posting is on an account of its transaction's community (checked below, for the
-- rows stored so far and by apply_postings from now on), and a community has one issuance account (checked below).
-- So the issuance account's posted and pending are minus the sums of every other account of its community, which the
-- account rows hold (apply_postings keeps them equal to their postings; the reconciler proves it through the balance
-- export). As of a moment, the same sum is taken over those accounts' postings. The balance export keeps summing the
-- issuance account's own postings (it reads every posting anyway), so the reconciler still compares two independent
-- figures.
--
-- Postings stored before keep a null mark, issuance legs included: they stay in the index, where no reader looks for
-- the issuance account any more. Rewriting them (half the table) to shrink the index was left out. A writer that left
-- the mark off an issuance leg would make a row like those: it costs an index entry and misleads no reader. A mark on
-- any other account would hide the posting from its account's passbook and balances: apply_postings refuses it.

alter table points.posting add column issuance_leg boolean;
alter table points.posting add constraint posting_issuance_leg_marked_true_or_not_at_all check (issuance_leg);

comment on column points.posting.issuance_leg is
    'True on a posting to the community''s issuance account written since V100, which posting_by_account leaves out; '
    'null on every other posting (and on issuance legs written before V100).';

do $$
begin
    if '${runtime_role}' <> current_user then
        grant insert (issuance_leg) on points.posting to ${runtime_role};
    end if;
end $$;

-- Every posting so far is on an account of its transaction's community; if one is not, the issuance balance cannot be
-- derived from the community's other accounts, and the migration stops here rather than show a wrong figure.
do $$
begin
    if exists (select 1 from points.posting p
               join points.journal_transaction t on t.id = p.transaction_id
               join points.account a on a.id = p.account_id
               where a.community_id <> t.community_id) then
        raise exception 'a posting is on an account of another community than its transaction''s' using errcode = '23514';
    end if;
end $$;

-- One issuance account per community: the writers name it with the community-owned owner id ('').
alter table points.account add constraint issuance_account_is_the_communitys_own
    check (type <> 'ISSUANCE' or owner_id = '');

drop index points.posting_by_account;
create index posting_by_account on points.posting (account_id, seq) where issuance_leg is null;

-- apply_postings as in V50, its two existence checks and the two new ones made in one pass over the statement's rows.
create or replace function points.apply_postings() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
declare
    unbalanced uuid;
    without_transaction boolean;
    without_account boolean;
    across_communities boolean;
    mark_off_issuance boolean;
begin
    select transaction_id into unbalanced
    from new_postings group by transaction_id, pending having sum(amount) <> 0 limit 1;
    if found then
        raise exception 'journal transaction % does not balance: its postings must sum to zero', unbalanced
            using errcode = '23514';
    end if;
    select coalesce(bool_or(t.id is null), false),
           coalesce(bool_or(a.id is null), false),
           coalesce(bool_or(a.community_id <> t.community_id), false),
           coalesce(bool_or(p.issuance_leg and a.type <> 'ISSUANCE'), false)
    into without_transaction, without_account, across_communities, mark_off_issuance
    from new_postings p
    left join points.journal_transaction t on t.id = p.transaction_id
    left join points.account a on a.id = p.account_id;
    if without_transaction then
        raise exception 'postings must belong to a journal transaction' using errcode = '23503';
    end if;
    if without_account then
        raise exception 'postings must name an open account' using errcode = '23503';
    end if;
    -- the issuance balance is minus the sum of its community's other accounts (V100): a transaction stays in one
    -- community
    if across_communities then
        raise exception 'a posting must be on an account of its journal transaction''s community' using errcode = '23514';
    end if;
    -- a posting marked as the issuance leg is left out of posting_by_account: on any other account it would be
    -- missing from that account's passbook and balances
    if mark_off_issuance then
        raise exception 'only a posting to the issuance account may be marked as the issuance leg' using errcode = '23514';
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
