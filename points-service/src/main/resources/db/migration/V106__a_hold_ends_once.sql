-- A hold ends once: PLACED -> CAPTURED, RELEASED or EXPIRED, with the time it ended, and stays as it ended. The
-- runtime role may update a hold's status, reason and end time (V50: that is how a hold ends), so without this an
-- insider with the application's password could put a released or expired hold back to PLACED, or mark a captured
-- one released, and the next capture or release request would act on a hold whose points were already given back
-- or paid; or rewrite why and when a hold ended. HoldService only ever ends a PLACED hold (it locks it and checks
-- first); a rejected hold and a release's tombstone are inserted ended and never updated.
create function points.hold_ends_once() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    if old.status <> 'PLACED' or new.status not in ('CAPTURED', 'RELEASED', 'EXPIRED') or new.closed_at is null then
        raise exception 'a hold ends once, from PLACED (hold of redemption %: % to %)', old.redemption_id, old.status,
            new.status using errcode = 'insufficient_privilege';
    end if;
    return new;
end $$;

create trigger hold_ends_once before update on points.hold
    for each row execute function points.hold_ends_once();
