-- Storage per credit (README "Storage per credit"). Every journal transaction had a chain link of its own (a row of
-- about 117 bytes and three index entries, 176 bytes a credit), although the sequencer links whole writing transactions
-- and a consumer batch writes hundreds of credits in one. From now on a link covers what one writing transaction wrote
-- for one community: the community's transactions whose postings carry its writer_xid, in the journal's export order
-- (writer_xid, seq), positions position .. position + transaction_count - 1. It stores the hash of the last of them and,
-- on a community's first link of a sequencer statement, the hash it continues (V93); the hashes of the transactions
-- before the last are recomputed by the readers from the previous hash and each transaction's canonical content, the
-- computation the sequencer made (ChainRepository), so the export, the proofs and the seals read the same values.
-- Nothing lists the covered transactions: an edit, a deletion, or a transaction slipped in afterwards under the same
-- writer_xid changes what the readers recompute, and the last hash no longer matches.
--
-- A link covers one transaction, named by transaction_id as before, when it was stored before this version, or when
-- the writer's transactions of the community do not all carry one posted_at (a poll of hold requests takes the time of
-- each request): a link's posted_at is the time of every transaction it covers, so a month's links stay those of its
-- transactions, found by chain_link_by_month, and a writing transaction never straddles two months within one link.
alter table points.chain_link
    alter column transaction_id drop not null,
    add column writer_xid xid8,
    add column transaction_count integer not null default 1 check (transaction_count >= 1),
    add constraint chain_link_covers_a_transaction_or_a_writer check (
        (transaction_id is not null and writer_xid is null and transaction_count = 1)
        or (transaction_id is null and writer_xid is not null));

-- A link continues its community's chain: position 1 starts from 32 zero bytes; a link that stores its previous hash
-- names the hash of the link that ends just before it (position + transaction_count = this position); a link that
-- stores none follows such a link inserted by the same statement. A link covers exactly what it says, at its time, and
-- no transaction is covered twice. Checked once per statement, as before.
create or replace function points.chain_links_continue() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
declare
    broken record;
begin
    select n.community_id, n.position into broken
    from new_links n
    left join lateral (select b.hash, b.position + b.transaction_count as next_position
                       from points.chain_link b
                       where b.community_id = n.community_id and b.position < n.position
                       order by b.position desc limit 1) b on true
    where (n.position = 1 and (n.previous_hash is null
            or n.previous_hash <> '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea))
       or (n.position > 1 and n.previous_hash is not null
            and (b.next_position is distinct from n.position or b.hash <> n.previous_hash))
       or (n.position > 1 and n.previous_hash is null and not exists (
            select 1 from new_links s
            where s.community_id = n.community_id and s.position + s.transaction_count = n.position))
    limit 1;
    if found then
        raise exception 'chain link % of community % does not continue the link before it', broken.position,
            broken.community_id using errcode = '23514';
    end if;

    -- a link of one transaction carries its community and time; a writer's link covers as many transactions of its
    -- community as it says, every one posted at the link's time. Set-wise: the statement's writers' postings are
    -- read once (posting_export_order), each of their transactions once (its primary key)
    select n.community_id, n.position into broken
    from new_links n
    left join points.journal_transaction t on t.id = n.transaction_id
    left join (select p.writer_xid, w.community_id, count(*) as covered, min(w.posted_at) as first_at,
                      max(w.posted_at) as last_at
               from (select distinct writer_xid, transaction_id from points.posting
                     where writer_xid in (select writer_xid from new_links where writer_xid is not null)) p
               join points.journal_transaction w on w.id = p.transaction_id
               group by p.writer_xid, w.community_id) c
      on c.writer_xid = n.writer_xid and c.community_id = n.community_id
    where (n.transaction_id is not null
            and (t.id is null or t.community_id <> n.community_id or t.posted_at <> n.posted_at))
       or (n.writer_xid is not null
            and (c.covered is distinct from n.transaction_count or c.first_at <> n.posted_at
                 or c.last_at <> n.posted_at))
    limit 1;
    if found then
        raise exception 'chain link % of community % does not cover journal transactions of its community and time',
            broken.position, broken.community_id using errcode = '23514';
    end if;

    -- two links covering one transaction carry its community and time, so they meet in a (community, posted_at) group
    -- of chain_link_by_month: a second link of the same writer, a second link naming the transaction, or a link of
    -- one transaction whose writer has a link there (its writer read through posting_by_transaction)
    select n.community_id, n.position into broken
    from new_links n
    join points.chain_link l on l.community_id = n.community_id and l.posted_at = n.posted_at and l.seq <> n.seq
    where (n.writer_xid is not null and (l.writer_xid = n.writer_xid
            or (l.transaction_id is not null and exists (select 1 from points.posting p
                                                         where p.transaction_id = l.transaction_id
                                                           and p.writer_xid = n.writer_xid))))
       or (n.transaction_id is not null and (l.transaction_id = n.transaction_id
            or (l.writer_xid is not null and exists (select 1 from points.posting p
                                                     where p.transaction_id = n.transaction_id
                                                       and p.writer_xid = l.writer_xid))))
    limit 1;
    if found then
        raise exception 'chain link % of community % covers a transaction linked already', broken.position,
            broken.community_id using errcode = '23514';
    end if;
    return null;
end $$;
