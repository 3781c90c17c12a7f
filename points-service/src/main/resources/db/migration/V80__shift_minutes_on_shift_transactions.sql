-- The notice board shows the hours each resident served in a month. The journal kept the minutes only inside the
-- description text; these two columns keep them as data on the shift transactions themselves (no row per credit):
-- shift_id names the shift a credit or correction belongs to (a credit's cause is the shift, a correction's cause is
-- the correction, so the correction needs it), shift_minutes the minutes the shift stands at once this transaction
-- is booked (the verified minutes; after a correction its corrected minutes, 0 when voided). The minutes a
-- transaction adds are its shift_minutes less those of the shift's previous transaction. Null on every other kind and
-- on shift transactions booked before this column existed. Written once with the row, never changed (append-only
-- like the rest of the journal).
alter table points.journal_transaction add column shift_id uuid;
alter table points.journal_transaction add column shift_minutes integer;
alter table points.journal_transaction add constraint shift_minutes_only_on_shift_transactions
    check ((shift_id is null and shift_minutes is null)
        or (kind in ('SHIFT_CREDIT', 'SHIFT_CORRECTION') and shift_id is not null and shift_minutes >= 0));
create index journal_transaction_shift on points.journal_transaction (shift_id) where shift_id is not null;
comment on column points.journal_transaction.shift_id is
    'the shift a SHIFT_CREDIT or SHIFT_CORRECTION belongs to; null on other kinds and on rows booked before V80';
comment on column points.journal_transaction.shift_minutes is
    'minutes the shift stands at after this transaction (verified, or corrected; 0 when voided)';
