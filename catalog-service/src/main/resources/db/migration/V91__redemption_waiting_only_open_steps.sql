-- The saga job's index (V3) held every CANCELLED and EXPIRED redemption for ever, although the job asks only about
-- those whose release points-service has not confirmed yet (released_at is null): each run read all of them (130 ms
-- a run at 119,000 cancelled redemptions, none of them waiting; docs/benchmarks.md, 2026-12-04 23:40), and every
-- change of such a redemption added an entry. Now the index holds what the job can find: the open steps.
drop index redemption_waiting;
create index redemption_waiting on redemption (state, changed_at)
    where state in ('PENDING', 'FULFILLED') or (state in ('CANCELLED', 'EXPIRED') and released_at is null);
