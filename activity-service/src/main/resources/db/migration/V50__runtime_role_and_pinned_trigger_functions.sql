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

-- The trigger functions again with the search path pinned, so that nothing they name can be resolved through the
-- caller's search_path (a temporary object would be found first); pg_temp is named last so that it is searched
-- last. They read no table. Both run with the caller's rights (SECURITY INVOKER).
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
            new.rule_version, new.verified_by, new.verified_at, new.served_on)
           is distinct from
           (old.member_id, old.activity_id, old.started_at, old.ended_at, old.minutes, old.points,
            old.rule_version, old.verified_by, old.verified_at, old.served_on) then
            raise exception 'verified shift % is history: correct it with a correction row', old.id
                using errcode = 'P0001';
        end if;
    end if;
    return new;
end $$;

create or replace function activity.refuse_change() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    raise exception '% rows are append-only', tg_table_name using errcode = 'P0001';
end $$;
