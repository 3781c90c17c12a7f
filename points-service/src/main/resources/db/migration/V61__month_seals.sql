-- The signed monthly seal of each community's books (README "Hash chain, seals and proofs"): the month's totals, the
-- Merkle root over its transactions, the chain head when it was sealed, signed with the deployment's Ed25519 key.
create table month_seal (
    community_id    text        not null,
    -- first day of the month, in the deployment's zone (points.zone)
    month           date        not null check (extract(day from month) = 1),
    starts_at       timestamptz not null,
    ends_at         timestamptz not null check (ends_at > starts_at),
    transactions    bigint      not null check (transactions >= 0),
    merkle_root     bytea       not null check (octet_length(merkle_root) = 32),
    chain_position  bigint      not null check (chain_position >= 0),
    chain_hash      bytea       not null check (octet_length(chain_hash) = 32),
    -- the signed text (SealStatement in contracts) and the Ed25519 signature over its UTF-8 bytes
    statement       text        not null,
    signature       bytea       not null check (octet_length(signature) = 64),
    key_id          text        not null,
    sealed_at       timestamptz not null default now(),
    primary key (community_id, month)
);

-- A sealed month never changes: its seal is never edited or removed...
create trigger month_seal_append_only before update or delete on month_seal
    for each row execute function refuse_journal_change();
create trigger month_seal_no_truncate before truncate on month_seal
    for each statement execute function refuse_journal_change();

-- ...and nothing more is booked into it: a transaction dated before the end of a sealed month of its community is
-- refused (a later correction is booked now, in the open month). Once per statement, one index probe per community.
create function refuse_booking_into_sealed_month() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
declare
    late record;
begin
    select n.community_id, n.earliest into late
    from (select community_id, min(posted_at) as earliest from new_transactions group by community_id) n
    where exists (select 1 from points.month_seal s where s.community_id = n.community_id and s.ends_at > n.earliest)
    limit 1;
    if found then
        raise exception 'community %: % falls in a sealed month; book the correction in the open month',
            late.community_id, late.earliest using errcode = '23514';
    end if;
    return null;
end $$;

create trigger journal_transaction_not_in_sealed_month after insert on journal_transaction
    referencing new table as new_transactions
    for each statement execute function refuse_booking_into_sealed_month();
