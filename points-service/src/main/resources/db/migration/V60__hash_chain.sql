-- A hash chain per community over the journal (README "Hash chain, seals and proofs"). The journal's triggers refuse
-- edits, but the schema's owner can switch them off, change an amount and switch them on again; the chain makes such
-- an edit visible: each link stores SHA-256(previous link ‖ canonical content of the transaction), computed when the
-- transaction was linked, so a transaction whose content no longer gives its stored link was changed afterwards.
--
-- No writer of the journal touches these tables: a scheduled sequencer (ChainJob) links committed transactions in
-- the journal export's gap-free order (writing transaction id, then sequence) within seconds, in a transaction of
-- its own, one instance at a time (an advisory lock). Credits therefore never wait on a chain head row.
create table chain_link (
    -- export order of the links (one sequencer at a time inserts them, so this is the order they were made)
    seq             bigint generated always as identity unique,
    community_id    text        not null,
    -- the link's place in its community's chain, 1, 2, 3... without gaps
    position        bigint      not null check (position >= 1),
    transaction_id  uuid        not null unique,
    -- the transaction's posted_at, copied so that a month's links are found without reading the journal
    posted_at       timestamptz not null,
    previous_hash   bytea       not null check (octet_length(previous_hash) = 32),
    hash            bytea       not null check (octet_length(hash) = 32),
    linked_at       timestamptz not null default now(),
    primary key (community_id, position)
);

create index chain_link_by_month on chain_link (community_id, posted_at);

-- A link continues its community's chain: position 1 starts from 32 zero bytes, every other names the hash of the
-- link before it. Checked once per statement (the sequencer inserts a batch at a time), so the chain cannot fork.
create function chain_links_continue() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
declare
    broken record;
begin
    select n.community_id, n.position into broken
    from new_links n
    left join points.chain_link p on p.community_id = n.community_id and p.position = n.position - 1
    where (n.position = 1 and n.previous_hash <> '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
       or (n.position > 1 and (p.hash is null or p.hash <> n.previous_hash))
    limit 1;
    if found then
        raise exception 'chain link % of community % does not continue the link before it', broken.position,
            broken.community_id using errcode = '23514';
    end if;
    return null;
end $$;

create trigger chain_link_continues after insert on chain_link
    referencing new table as new_links
    for each statement execute function chain_links_continue();

-- Links are never edited or removed, like the journal they cover.
create trigger chain_link_append_only before update or delete on chain_link
    for each row execute function refuse_journal_change();
create trigger chain_link_no_truncate before truncate on chain_link
    for each statement execute function refuse_journal_change();

-- How far the sequencer has come: every posting written by a transaction with id up to last_xid is linked.
create table chain_progress (
    id              boolean     primary key default true check (id),
    last_xid        xid8        not null,
    updated_at      timestamptz not null default now()
);
insert into chain_progress (last_xid) values ('0');

grant update (last_xid, updated_at) on chain_progress to ${runtime_role};
