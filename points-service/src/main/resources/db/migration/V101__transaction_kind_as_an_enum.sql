-- Storage per credit (README "Storage per credit"). A transaction's kind was text: 'SHIFT_CREDIT' is 13 bytes on every
-- credit, for one of ten values the check constraint already fixed. An enum stores 4 bytes (int-aligned) and reads back
-- as its label, so every reader that reads t.kind (the export, the chain's canonical content, the passbook, the seals)
-- gets the same text byte for byte, for rows stored before and after; comparisons with a literal (t.kind = 'CAPTURE')
-- read as before. A writer must name the type (the journal's writer casts its array to transaction_kind[]): text is
-- not converted to an enum implicitly. The labels are the TransactionKind names; the enum now refuses any other kind,
-- as the check constraint did. A "char" code would store 1 byte, but then each reader would have to turn it back into
-- the name, the chain's canonical content among them.
--
-- cause_type stays text: no constraint closes its set in the database, and on a shift credit's row ('SHIFT', 6 bytes)
-- an enum's 4 bytes, aligned, would move nothing after it to an earlier 8-byte boundary (computed for the benchmark's
-- rows and for a 36-character actor, not measured).
--
-- Changing the column's type rewrites the table (and its indexes) once. The constraints and the partial index that
-- compare kind with text are dropped first and made again with the same text, which then compares with the enum.

create type points.transaction_kind as enum ('SHIFT_CREDIT', 'SHIFT_CORRECTION', 'HOLD', 'CAPTURE', 'RELEASE',
    'ADJUSTMENT', 'REVERSAL', 'POOL_FUNDING', 'EXPIRY', 'EXPIRY_DONATION');

alter table points.journal_transaction
    drop constraint journal_transaction_kind_check,
    drop constraint shift_minutes_only_on_shift_transactions,
    drop constraint journal_transaction_names_its_cause,
    drop constraint journal_transaction_describes_itself;
drop index points.journal_transaction_shift_correction;

alter table points.journal_transaction
    alter column kind type points.transaction_kind using kind::points.transaction_kind;

alter table points.journal_transaction add constraint shift_minutes_only_on_shift_transactions
    check ((shift_id is null and shift_minutes is null)
        or (kind in ('SHIFT_CREDIT', 'SHIFT_CORRECTION') and shift_id is not null and shift_minutes >= 0));
alter table points.journal_transaction add constraint journal_transaction_names_its_cause
    check (cause_id is not null or (kind = 'SHIFT_CREDIT' and shift_id is not null));
alter table points.journal_transaction add constraint journal_transaction_describes_itself
    check (case when description is null
                then kind = 'SHIFT_CREDIT' and activity_title is not null and shift_minutes is not null
                else activity_title is null end);
create index journal_transaction_shift_correction on points.journal_transaction (shift_id)
    where kind = 'SHIFT_CORRECTION';
