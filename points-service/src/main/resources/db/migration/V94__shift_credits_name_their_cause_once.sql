-- Storage per credit (README "Storage per credit"). A shift credit's cause is its shift: cause_id held the shift id as
-- 36 characters of text while shift_id (V80) holds the same id as a uuid, 37 bytes per credit said twice. From now on
-- a shift credit whose cause_id is exactly shift_id's text stores null there, and the readers (JournalRepository's
-- export, ChainRepository's canonical content) read coalesce(cause_id, shift_id::text): the same text, byte for byte,
-- as stored before (UUID.toString and PostgreSQL's uuid output are both the lower-case hyphenated form), so the
-- export, the hash chain's canonical form, the proofs and the seals are unchanged. Rows stored before keep their
-- cause_id and read exactly as before. Every other kind still names its cause.
alter table points.journal_transaction alter column cause_id drop not null;

alter table points.journal_transaction add constraint journal_transaction_names_its_cause
    check (cause_id is not null or (kind = 'SHIFT_CREDIT' and shift_id is not null));

comment on column points.journal_transaction.cause_id is
    'What caused the transaction: the correction, redemption, adjustment... id. Null on a shift credit whose cause is '
    'its shift_id (read as coalesce(cause_id, shift_id::text)).';
