-- Storage per credit (README "Storage per credit"). A shift credit's description is a template around two values:
-- '志愿服务：' || activity title || '（' || minutes || ' 分钟）'. The minutes are stored already (shift_minutes, V80), so
-- the description repeated them and 25 bytes of fixed text on every credit. From now on a shift credit whose
-- description is exactly that template over its activity title and its shift_minutes stores null in description and
-- the title alone in activity_title (JournalRepository.storedDescription), and every reader (the passbook, the
-- journal export, the chain's canonical content, a reversal's look-up) reads
--     coalesce(description, '志愿服务：' || activity_title || '（' || shift_minutes::text || ' 分钟）')
-- which gives the same text byte for byte (PostgreSQL's int4 output and Java's Integer.toString are both the plain
-- decimal form), so the passbook, the export, the hash chain's canonical form, the proofs and the seals are unchanged.
-- Rows stored before keep their description and read exactly as before; every other kind, and a shift credit whose
-- description does not follow the template, still stores its description whole.
alter table points.journal_transaction add column activity_title text;
alter table points.journal_transaction alter column description drop not null;

-- A description is left out only where it can be rebuilt, and the title is stored only in its place.
alter table points.journal_transaction add constraint journal_transaction_describes_itself
    check (case when description is null
                then kind = 'SHIFT_CREDIT' and activity_title is not null and shift_minutes is not null
                else activity_title is null end);

comment on column points.journal_transaction.description is
    'What the resident reads on the passbook line. Null on a shift credit whose description is the template '
    '''志愿服务：<activity_title>（<shift_minutes> 分钟）'' (read through JournalRepository.DESCRIPTION).';
comment on column points.journal_transaction.activity_title is
    'The activity title of a shift credit whose description is left out (see description); null otherwise.';
