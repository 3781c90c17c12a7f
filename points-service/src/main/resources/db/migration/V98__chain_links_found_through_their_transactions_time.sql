-- Storage per credit (README "Storage per credit"). Every link had an entry in a unique index on its transaction id
-- (chain_link_transaction_id_key, about 40 bytes a credit). It served two things:
-- * finding the link of one transaction (a resident's proof). The link stores its community and its transaction's
--   posted_at, which chain_link_by_month indexes, and every transaction one writer appended carries the same
--   posted_at: ChainRepository.linkOf reads the transaction's community and time by its primary key and scans that
--   one (community, posted_at) group of the month index, a writer's batch at most, for the transaction id.
-- * refusing a second link of one transaction. The trigger below does it once per statement: a link must carry its
--   transaction's community and posted_at (a transaction that is not in the journal cannot be linked), so a second
--   link of a transaction sits in the same (community, posted_at) group as the first, and each group a statement
--   touched is read once for a transaction id seen twice.
alter table points.chain_link drop constraint chain_link_transaction_id_key;

create or replace function points.chain_links_continue() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
declare
    broken record;
begin
    select n.community_id, n.position into broken
    from new_links n
    left join points.chain_link p on p.community_id = n.community_id and p.position = n.position - 1
    where (n.position = 1 and (n.previous_hash is null
            or n.previous_hash <> '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea))
       or (n.position > 1 and n.previous_hash is not null and (p.hash is null or p.hash <> n.previous_hash))
       or (n.position > 1 and n.previous_hash is null and not exists (
            select 1 from new_links b where b.community_id = n.community_id and b.position = n.position - 1))
    limit 1;
    if found then
        raise exception 'chain link % of community % does not continue the link before it', broken.position,
            broken.community_id using errcode = '23514';
    end if;

    select n.transaction_id into broken
    from new_links n
    left join points.journal_transaction t on t.id = n.transaction_id
    where t.id is null or t.community_id <> n.community_id or t.posted_at <> n.posted_at
    limit 1;
    if found then
        raise exception 'chain link of transaction % does not carry the community and time of a journal transaction',
            broken.transaction_id using errcode = '23514';
    end if;

    select l.transaction_id into broken
    from points.chain_link l
    join (select distinct community_id, posted_at from new_links) g
      on l.community_id = g.community_id and l.posted_at = g.posted_at
    group by l.transaction_id
    having count(*) > 1
    limit 1;
    if found then
        raise exception 'transaction % is linked twice', broken.transaction_id using errcode = '23514';
    end if;
    return null;
end $$;
