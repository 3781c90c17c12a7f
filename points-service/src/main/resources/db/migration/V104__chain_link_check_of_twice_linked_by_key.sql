-- V103 read the chain's links by key for two of its three checks; the third, that no transaction is linked twice, still
-- joined chain_link as a table. PL/pgSQL's plan for it hashed the whole chain on every insert of links: 71 ms a call at
-- 84,000 links, a quarter of PostgreSQL's statement time in a 200/s saga run, and growing with the chain
-- (docs/benchmarks.md, 2026-12-05 12:28). Now each new link's (community, posted_at) group is read by
-- chain_link_by_month: 0.26 ms for 66 new links. Unchanged otherwise.
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
    -- community as it says, every one posted at the link's time. Per new link: its transaction by its primary key, its
    -- writer's postings through posting_export_order and their transactions by their primary keys (offset 0 keeps each
    -- subquery from being joined as a table, so no estimate of the transition table can make it read a whole table)
    select n.community_id, n.position into broken
    from new_links n
    left join lateral (select t.community_id, t.posted_at from points.journal_transaction t
                       where t.id = n.transaction_id offset 0) t on true
    left join lateral (select count(*) as covered, min(w.posted_at) as first_at, max(w.posted_at) as last_at
                       from (select distinct p.transaction_id from points.posting p
                             where p.writer_xid = n.writer_xid) p
                       cross join lateral (select w.posted_at from points.journal_transaction w
                                           where w.id = p.transaction_id and w.community_id = n.community_id
                                           offset 0) w) c on n.writer_xid is not null
    where (n.transaction_id is not null
            and (t.community_id is null or t.community_id <> n.community_id or t.posted_at <> n.posted_at))
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
    -- one transaction whose writer has a link there (its writer read through posting_by_transaction). Each new link's
    -- group is read by that index (offset 0, as above: joined as a table, the chain was read whole)
    select n.community_id, n.position into broken
    from new_links n
    cross join lateral (select l.seq, l.writer_xid, l.transaction_id from points.chain_link l
                        where l.community_id = n.community_id and l.posted_at = n.posted_at and l.seq <> n.seq
                        offset 0) l
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
