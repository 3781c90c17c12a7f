-- A meal's day was counted in one row: every reservation and every cancellation of that meal updated it, so they all
-- queued on its row lock, each holding a database connection until the one ahead committed. Measured at 50
-- redemptions a second of one meal: 30 of catalog-service's 32 connections waited on that row (Lock/transactionid)
-- while its holder finished its transaction. The day's count is now spread over 16 slots; a reservation takes a slot
-- with room that nobody else is updating, a cancellation gives one back to any slot that has some.
--
-- Still never more than the quota: slot i holds at most quota / 16 (plus one for the first quota % 16 slots), and
-- those shares add up to the quota. Each reservation is one guarded UPDATE of one slot (CapacityRepository), so the
-- rule stays in the database as before.
alter table catalog.meal_day add column slot smallint not null default 0 check (slot between 0 and 15);
alter table catalog.meal_day drop constraint meal_day_pkey;
alter table catalog.meal_day add primary key (reward_id, day, slot);

-- The days already counted: their count is spread over the slots by the same shares, filling slot 0 first, so that no
-- slot starts above its share (which would let the others take more than the quota). A count already above the
-- quota (none should be) stays whole in slot 0, where it blocks the day as it did.
insert into catalog.meal_day (reward_id, day, slot, reserved)
select m.reward_id, m.day, s.slot,
       least(s.share, greatest(0, m.reserved - s.start))
from catalog.meal_day m
join catalog.reward r on r.id = m.reward_id
cross join lateral (
    select i as slot,
           r.daily_quota / 16 + case when i < r.daily_quota % 16 then 1 else 0 end as share,
           i * (r.daily_quota / 16) + least(i, r.daily_quota % 16) as start
    from generate_series(1, 15) i) s
where m.slot = 0;

update catalog.meal_day m
set reserved = least(r.daily_quota / 16 + case when r.daily_quota % 16 > 0 then 1 else 0 end, m.reserved)
        + greatest(0, m.reserved - r.daily_quota)
from catalog.reward r
where r.id = m.reward_id and m.slot = 0;
