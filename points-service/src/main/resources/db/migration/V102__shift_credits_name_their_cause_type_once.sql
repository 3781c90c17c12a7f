-- Storage per credit (README "Storage per credit"). Every shift credit stored its cause type, 'SHIFT', as text, though
-- its kind and its shift_id already say it: a shift credit caused by its shift. From now on a shift credit whose cause
-- type is SHIFT stores null there (as V94 did with its cause_id), and the readers (JournalRepository's export,
-- ChainRepository's canonical content) read coalesce(cause_type, 'SHIFT'): the same text byte for byte, so the export,
-- the hash chain's canonical form, the proofs and the seals are unchanged. Six bytes of the row, which on a credit
-- moves its end to an earlier 8-byte boundary. Rows stored before keep their cause type and read exactly as before;
-- every other kind still names its cause type.
alter table points.journal_transaction alter column cause_type drop not null;

alter table points.journal_transaction add constraint journal_transaction_names_its_cause_type
    check (cause_type is not null or (kind = 'SHIFT_CREDIT' and shift_id is not null));

comment on column points.journal_transaction.cause_type is
    'What kind of thing cause_id names (contracts CauseType). Null on a shift credit caused by its shift: read as '
    'coalesce(cause_type, ''SHIFT'').';
