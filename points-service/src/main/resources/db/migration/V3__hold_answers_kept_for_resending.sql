-- catalog-service's saga re-driver asks again when an answer never reached it (the record dead-lettered on
-- its side, its database restored...). A repeated request is answered again with the answer recorded here,
-- as it was published and under the same event id, so catalog-service's idempotent consumer drops it when the
-- first copy did arrive. Answers recorded before this column existed are rebuilt from the hold when asked again.
alter table hold_answer add column envelope text;

create index hold_answer_by_redemption on hold_answer (redemption_id);
