-- Maker-checker for shifts: points are credited only when a second person confirms a shift. Either the
-- volunteer confirms their own presence by scanning the activity's rotating check-in code (attendance), or
-- someone other than the shift's recorder (and never the volunteer) verifies it, or the community's policy lets
-- the recorder verify a few points a day alone. Who did what and how is kept in an append-only audit trail.

-- The secret the rotating check-in code is derived from (HMAC of the time window). Random per activity,
-- never sent to a client; 32 bytes from two gen_random_uuid() (PostgreSQL's strong random source).
alter table activity add column check_in_secret bytea not null
    default decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex');

-- A resident confirmed, with the code shown on site, that they were at the activity. One row per resident and
-- activity (a second scan changes nothing); never changed or deleted.
create table attendance (
    activity_id  uuid        not null references activity (id),
    member_id    text        not null,
    community_id text        not null,
    confirmed_at timestamptz not null,
    primary key (activity_id, member_id)
);
create trigger attendance_append_only before update or delete on attendance
    for each row execute function refuse_change();

-- How a verified shift got its second person. Null only on shifts verified before maker-checker existed.
-- verification_requested_*: the recorder asked to verify (bulk with verify) but no second person was there yet;
-- the volunteer's check-in or another person's verification completes it.
alter table shift
    add column verification_method text
        check (verification_method in ('CHECK_IN_CODE', 'SECOND_PERSON', 'SELF_WITHIN_POLICY')),
    add column verification_requested_by text,
    add column verification_requested_at timestamptz,
    -- A "second person" is never the recorder.
    add constraint shift_second_person_is_not_the_recorder
        check (verification_method is distinct from 'SECOND_PERSON' or verified_by <> recorded_by),
    add constraint shift_verification_request_complete
        check ((verification_requested_by is null) = (verification_requested_at is null));
create index shift_awaiting on shift (activity_id, member_id) where verification_requested_by is not null;
create index shift_self_verified on shift (verified_by, verified_at) where verification_method = 'SELF_WITHIN_POLICY';

-- Every new verification names its method; a check-in-code verification needs the volunteer's attendance at the
-- shift's activity, and the volunteer cannot be their own second person by having recorded the shift.
create function shift_needs_second_person() returns trigger language plpgsql as $$
begin
    if new.status = 'VERIFIED' and (tg_op = 'INSERT' or old.status <> 'VERIFIED') then
        if new.verification_method is null then
            raise exception 'shift % verified without a verification method', new.id using errcode = 'P0001';
        end if;
        if new.verification_method = 'CHECK_IN_CODE' and (new.recorded_by = new.member_id or not exists (
                select 1 from attendance a where a.activity_id = new.activity_id and a.member_id = new.member_id)) then
            raise exception 'shift % has no check-in by its volunteer', new.id using errcode = 'P0001';
        end if;
    end if;
    return new;
end $$;
create trigger shift_needs_second_person before insert or update on shift
    for each row execute function shift_needs_second_person();

-- The verification method is history like the other valued fields of a verified shift.
create or replace function shift_keep_history() returns trigger language plpgsql as $$
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

-- Who did what to a shift, when, and how it was confirmed: staff read it (GET /shifts/{id}/audit). Append-only,
-- like points-service's journal: a row is never changed or deleted, not even by the service's own user.
create table shift_audit (
    seq          bigint      generated always as identity primary key,
    shift_id     uuid        not null references shift (id),
    community_id text        not null,
    action       text        not null check (action in ('RECORDED', 'CHECKED_OUT', 'VERIFICATION_REQUESTED',
                                                        'CONFIRMED_BY_CHECK_IN', 'VERIFIED', 'REJECTED',
                                                        'CORRECTED', 'VOIDED')),
    actor        text        not null,
    method       text        check (method in ('CHECK_IN_CODE', 'SECOND_PERSON', 'SELF_WITHIN_POLICY')),
    points       bigint,
    at           timestamptz not null,
    check ((action = 'VERIFIED') = (method is not null))
);
create index shift_audit_shift on shift_audit (shift_id, seq);
create trigger shift_audit_append_only before update or delete on shift_audit
    for each row execute function refuse_change();
