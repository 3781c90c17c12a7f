-- V50 pinned the search path of the trigger functions as they were before maker-checker (V3) and so re-created
-- shift_keep_history without V3's two history columns. Both of V3's functions again, with V3's rules, the search
-- path pinned and every table named with its schema.

create or replace function activity.shift_keep_history() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    if old.status = 'REJECTED' then
        raise exception 'shift % was rejected and cannot change', old.id using errcode = 'P0001';
    end if;
    if old.status in ('VERIFIED', 'VOIDED') then
        if new.status <> old.status and not (old.status = 'VERIFIED' and new.status = 'VOIDED') then
            raise exception 'verified shift % cannot go back to %', old.id, new.status using errcode = 'P0001';
        end if;
        if (new.member_id, new.activity_id, new.started_at, new.ended_at, new.minutes, new.points,
            new.rule_version, new.verified_by, new.verified_at, new.served_on, new.verification_method, new.recorded_by)
           is distinct from
           (old.member_id, old.activity_id, old.started_at, old.ended_at, old.minutes, old.points,
            old.rule_version, old.verified_by, old.verified_at, old.served_on, old.verification_method, old.recorded_by) then
            raise exception 'verified shift % is history: correct it with a correction row', old.id
                using errcode = 'P0001';
        end if;
    end if;
    return new;
end $$;

create or replace function activity.shift_needs_second_person() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    if new.status = 'VERIFIED' and (tg_op = 'INSERT' or old.status <> 'VERIFIED') then
        if new.verification_method is null then
            raise exception 'shift % verified without a verification method', new.id using errcode = 'P0001';
        end if;
        if new.verification_method = 'CHECK_IN_CODE' and (new.recorded_by = new.member_id or not exists (
                select 1 from activity.attendance a where a.activity_id = new.activity_id and a.member_id = new.member_id)) then
            raise exception 'shift % has no check-in by its volunteer', new.id using errcode = 'P0001';
        end if;
    end if;
    return new;
end $$;
