-- Storage per credit (README "Storage per credit"). Every link stored when it was made (linked_at, 8 bytes a credit).
-- No reader of the service uses it: the chain export, the proofs and the seals read the link's position, hash and
-- transaction, never its time, and the time is in no hashed or exported form. Its one reader was the throughput
-- benchmark's "linked in" figure, which now takes the time of the first and last link from its own polling.
alter table points.chain_link drop column linked_at;
