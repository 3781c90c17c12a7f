-- A voucher is taken at the counter while it is valid, and the time recorded is the time it was taken. V94 lets the
-- runtime role take the step CONFIRMED -> FULFILLED (that is what a counter's fulfilment writes), with any time: a
-- fulfilment backdated by weeks lands in an earlier settlement period, one outside the voucher's validity pays the
-- partner for a meal the service would have refused (RedemptionService.fulfil checks valid_from..valid_until).
-- This holds the step to both: inside the voucher's validity, and within five minutes of the database's clock
-- (the service writes its own clock, truncated to microseconds, at commit; five minutes covers the clocks of two
-- machines and a slow transaction, not a day or a settlement period).
--
-- A trigger of its own with a WHEN clause, so the other saves of a redemption (every step but this one) do not call it.
create function catalog.redemption_fulfilled_when_taken() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    if new.fulfilled_at is null or new.fulfilled_by is null then
        raise exception 'a voucher taken at the counter says who took it and when (redemption %)', new.id
            using errcode = 'insufficient_privilege';
    end if;
    if new.fulfilled_at < new.valid_from or new.fulfilled_at >= new.valid_until then
        raise exception 'a voucher is taken while it is valid (% to %), not at % (redemption %)',
            new.valid_from, new.valid_until, new.fulfilled_at, new.id using errcode = 'insufficient_privilege';
    end if;
    if new.fulfilled_at not between clock_timestamp() - interval '5 minutes' and clock_timestamp() + interval '5 minutes' then
        raise exception 'a voucher''s fulfilment is recorded when it happens, not at % (redemption %)',
            new.fulfilled_at, new.id using errcode = 'insufficient_privilege';
    end if;
    return new;
end $$;

create trigger redemption_fulfilled_when_taken before update on catalog.redemption
    for each row when (old.state = 'CONFIRMED' and new.state = 'FULFILLED')
    execute function catalog.redemption_fulfilled_when_taken();
