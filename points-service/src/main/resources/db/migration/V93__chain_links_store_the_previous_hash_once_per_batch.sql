-- Storage per credit (README "Storage per credit"). Every link stored the hash of the link before it, 33 bytes per
-- credit that repeat the previous row's hash column. The sequencer inserts a batch of links per statement; from now on
-- only a community's first link in a statement stores previous_hash (it is what ties the batch to the stored chain,
-- and the check below still compares it with the stored head), and the links after it in the same statement store
-- null: their previous hash is the hash of the link at position - 1, which the readers take from that row
-- (ChainRepository). Links stored before keep their previous_hash and are read exactly as before.
--
-- What each link's hash covers does not change (SHA-256 of the previous link's hash and the transaction's canonical
-- content), so proofs, seals and the reconciler's checks see the same links with the same values.
alter table points.chain_link alter column previous_hash drop not null;

-- A link continues its community's chain: position 1 starts from 32 zero bytes; a link that stores its previous hash
-- names the hash of the link before it; a link that stores none follows a link inserted by the same statement (so the
-- stored chain is always joined through a stored, checked previous hash).
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
    return null;
end $$;
