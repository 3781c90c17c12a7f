-- A proxy (代办: a family member or grid worker with the resident's consent) may place a redemption for a
-- resident; the hold it books then records who acted, so the resident's passbook can say "由 X 代办" and nobody's
-- act on behalf goes unrecorded. Null when the resident acted themself (and on every transaction booked before).
-- The column is part of the append-only row: it is written once, with the transaction, and never changed.
alter table points.journal_transaction add column acted_by text;
alter table points.journal_transaction add constraint acted_by_names_someone
    check (acted_by is null or length(btrim(acted_by)) between 1 and 200);
comment on column points.journal_transaction.acted_by is
    'the proxy (代办) who acted for the resident; null when the resident acted themself';
