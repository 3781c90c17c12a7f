-- Storage per credit (README "Storage per credit"). Every posting carried a copy of its transaction's posted_at
-- (JournalRepository.append writes both from one value), 8 bytes a posting, 16 a credit. From now on a posting
-- stores null there and every reader takes coalesce(p.posted_at, t.posted_at) from the transaction it already joins
-- (the passbook's lines and date range, the journal export, the subsidy paid in a month) or joins it for that (an
-- account's balance as of a moment, the reconciler's balances as of a moment, the expiry lots' order). Postings
-- stored before keep their time and read exactly as before, so the passbook, the export and every as-of figure are
-- unchanged. No index holds a posting's time, and the chain's canonical form and the seals' months have always read
-- the transaction's.
alter table points.posting alter column posted_at drop not null;

comment on column points.posting.posted_at is
    'Null since V97: a posting''s time is its transaction''s (read as coalesce(p.posted_at, t.posted_at)). Postings '
    'stored before carry a copy of it.';
