-- The gateway's signed receipt of a redemption request (contracts' RedemptionReceipt, in its wire form): the catalog
-- keeps it with the redemption it names and sends it in every hold request for it (the first and the saga's re-sends,
-- all built from this row), and points-service holds a resident's points only for a receipt that names this
-- redemption and this resident. Null for a redemption made without one (before this version, or by a direct call):
-- points-service then holds nothing.
alter table redemption add column receipt text;

-- Written with the redemption's insert and never changed afterwards, like the terms V93 and V94 fix: it is the record
-- of who asked for this redemption, and the saga's re-sends carry it from this row. The runtime role cannot forge a
-- receipt (points-service checks it with a key the catalog never holds); with this it cannot replace or remove the
-- one the gateway gave either. The runtime role's grants need nothing new: INSERT on every table of the schema
-- (platform-data's V0_3) and UPDATE on the whole redemption row (V50) cover a new column. The function is V94's with
-- this one check added; the trigger stays as it was.
create or replace function catalog.redemption_guarded() returns trigger
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

    if new.receipt is distinct from old.receipt then
        raise exception 'a redemption''s receipt is kept as the gateway gave it (redemption %)', old.id
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
