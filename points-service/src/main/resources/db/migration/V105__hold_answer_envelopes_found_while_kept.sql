-- An answer's envelope is kept for re-sending it as published (V3), about 770 bytes a redemption, and needed only
-- while catalog-service may still ask again; past points.holds.answer-envelopes-kept (30 days) HoldAnswerRetentionJob
-- sets it to null, and a later request is answered by rebuilding the answer from the hold under the same event id,
-- as for answers recorded before V3. The row itself stays: it says the answer was given.
--
-- Only answers that still have an envelope are in this index, so it holds the window's answers and no more however
-- long the ledger runs, and the job finds the next ones to clear without reading the years of cleared rows.
create index hold_answer_kept_by_time on points.hold_answer (answered_at) where envelope is not null;
