-- A redemption only moves forward, one step of the saga at a time, and what a step recorded stays recorded. V93
-- fixed a redemption's terms; the runtime role could still bring a cancelled voucher back as CAPTURED (the catalog's
-- settlement would then owe the partner for a voucher nobody used), insert a redemption that starts as CAPTURED, or
-- rewrite who took a voucher at the counter and when (moving it into another settlement period, or onto another
-- counter's name). The reconciler reports some of these afterwards (a used voucher the ledger never captured), not
-- all (a fulfilment moved to another day or counter); this refuses them all when they are written.
--
-- The steps (RedemptionState, Redemption's transitions):
--   PENDING   -> CONFIRMED, REJECTED, CANCELLED, EXPIRED
--   CONFIRMED -> CANCELLED, EXPIRED, FULFILLED
--   FULFILLED -> CAPTURED, CAPTURE_FAILED
-- Written once, then fixed: the voucher code (with the step to CONFIRMED), who took it and when (with the step to
-- FULFILLED), when the capture was heard (with the step to CAPTURED), when the release was heard.
-- The reason changes only with a step; the seat or stock, once given back, is not held again.
--
-- One trigger function for the terms and the steps (it replaces V93's), so a save of a redemption pays for one
-- call. Every save still writes every column (the entity is saved whole); only a change that is not a step is
-- refused. The runtime role owns neither the function nor the trigger.
drop trigger redemption_terms_fixed on catalog.redemption;
drop function catalog.redemption_terms_fixed();

create function catalog.redemption_guarded() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op = 'INSERT' then
        if new.state <> 'PENDING' or new.voucher_code is not null or new.fulfilled_at is not null
           or new.fulfilled_by is not null or new.captured_at is not null or new.released_at is not null
           or not new.holds_capacity then
            raise exception 'a redemption starts PENDING, without voucher, fulfilment, capture or release (redemption %)',
                new.id using errcode = 'insufficient_privilege';
        end if;
        return new;
    end if;

    if (new.id, new.community_id, new.member_id, new.acted_by, new.partner_id, new.reward_id, new.points,
        new.subsidy_points, new.subsidy_category)
       is distinct from
       (old.id, old.community_id, old.member_id, old.acted_by, old.partner_id, old.reward_id, old.points,
        old.subsidy_points, old.subsidy_category) then
        raise exception 'a redemption''s price, resident, partner and reward cannot change (redemption %)', old.id
            using errcode = 'insufficient_privilege';
    end if;

    if (new.reward_kind, new.reward_title, new.partner_name, new.session_id, new.meal_day, new.valid_from,
        new.valid_until, new.hold_expires_at, new.created_at)
       is distinct from
       (old.reward_kind, old.reward_title, old.partner_name, old.session_id, old.meal_day, old.valid_from,
        old.valid_until, old.hold_expires_at, old.created_at) then
        raise exception 'what a redemption is for and when its voucher is valid cannot change (redemption %)', old.id
            using errcode = 'insufficient_privilege';
    end if;

    if new.state is distinct from old.state and (old.state, new.state) not in (
            ('PENDING', 'CONFIRMED'), ('PENDING', 'REJECTED'), ('PENDING', 'CANCELLED'), ('PENDING', 'EXPIRED'),
            ('CONFIRMED', 'CANCELLED'), ('CONFIRMED', 'EXPIRED'), ('CONFIRMED', 'FULFILLED'),
            ('FULFILLED', 'CAPTURED'), ('FULFILLED', 'CAPTURE_FAILED')) then
        raise exception 'a redemption cannot go from % to % (redemption %)', old.state, new.state, old.id
            using errcode = 'insufficient_privilege';
    end if;

    if (old.voucher_code is not null and new.voucher_code is distinct from old.voucher_code)
       or (old.fulfilled_at is not null and new.fulfilled_at is distinct from old.fulfilled_at)
       or (old.fulfilled_by is not null and new.fulfilled_by is distinct from old.fulfilled_by)
       or (old.captured_at is not null and new.captured_at is distinct from old.captured_at)
       or (old.released_at is not null and new.released_at is distinct from old.released_at)
       or (new.holds_capacity and not old.holds_capacity) then
        raise exception 'a redemption''s voucher, fulfilment, capture and release are written once (redemption %)',
            old.id using errcode = 'insufficient_privilege';
    end if;

    if (old.voucher_code is null and new.voucher_code is not null
            and (old.state, new.state) <> ('PENDING', 'CONFIRMED'))
       or ((old.fulfilled_at is null and new.fulfilled_at is not null
            or old.fulfilled_by is null and new.fulfilled_by is not null)
            and (old.state, new.state) <> ('CONFIRMED', 'FULFILLED'))
       or (old.captured_at is null and new.captured_at is not null
            and (old.state, new.state) <> ('FULFILLED', 'CAPTURED')) then
        raise exception 'a voucher is issued on confirmation, taken on fulfilment, captured on capture (redemption %)',
            old.id using errcode = 'insufficient_privilege';
    end if;

    if new.state is not distinct from old.state
       and (new.reason_code, new.reason_detail) is distinct from (old.reason_code, old.reason_detail) then
        raise exception 'a redemption''s reason changes only with its state (redemption %)', old.id
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end $$;

create trigger redemption_guarded before insert or update on catalog.redemption
    for each row execute function catalog.redemption_guarded();
