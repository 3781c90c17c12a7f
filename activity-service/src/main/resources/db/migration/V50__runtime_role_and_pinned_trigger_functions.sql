-- Least privilege for activities and shifts (README "Database roles"). The application connects as ${runtime_role},
-- which owns nothing: platform-data's V0_3 gave it SELECT and INSERT on every table of the schema, now and to come.
-- Here it gets only the changes the service makes. Rule versions, corrections and the export log stay append-only:
-- no UPDATE or DELETE on points_rule, shift_correction or shift_export_log, and their triggers can no longer be
-- disabled by the application.

-- Shifts move through their states (checked in, recorded, verified or rejected, voided) as the entity changes;
-- shift_keep_history keeps a verified shift's valued fields as they were.
grant update on activity.shift to ${runtime_role};
-- A withdrawal ends a sign-up; the row stays.
grant update (status, withdrawn_at) on activity.sign_up to ${runtime_role};
-- The guarded counter of taken places (SignUpRepository); the activity itself is never edited.
grant update (signed_up) on activity.activity to ${runtime_role};
-- A new rule version locks its kind (select ... for update, which needs UPDATE on some column) so that two rule
-- changes of one kind run in turn. The kind's display name is the column whose change would harm nothing.
grant update (name) on activity.activity_kind to ${runtime_role};

-- The trigger functions with their search path pinned, so that nothing they name can be resolved through the
-- caller's search_path (a temporary object would be found first); pg_temp is named last so that it is searched
-- last. All run with the caller's rights (SECURITY INVOKER). shift_keep_history (as V3 left it) and refuse_change
-- read no table: pinning is all they need. shift_needs_second_person reads the attendance, named with its schema.
alter function activity.shift_keep_history() set search_path = pg_catalog, pg_temp;
alter function activity.refuse_change() set search_path = pg_catalog, pg_temp;

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
