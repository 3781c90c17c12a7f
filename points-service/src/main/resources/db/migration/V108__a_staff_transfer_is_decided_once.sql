-- A staff transfer (adjustment, pool funding, reversal) is decided once, by the second staff member, and stays as it
-- was decided. The runtime role may update a transfer's status and decision (V51: that is how a checker decides), so
-- without this an insider with the application's password could put a rejected adjustment back to PENDING for another
-- colleague to approve (the first checker's "no" undone), a booked one back to PENDING, or rewrite who decided and
-- why. StaffTransferService decides only a PENDING transfer (it locks it and checks first), in one update that sets
-- the status, the checker and the time. A transfer is inserted as the service asks for it: PENDING and undecided, or
-- BOOKED at once (within the approval threshold) with its time and no checker; never decided by somebody already.
create function points.staff_transfer_decided_once() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op = 'INSERT' then
        if not ((new.status = 'PENDING' and new.decided_by is null and new.decided_at is null
                    and new.decision_reason is null)
                or (new.status = 'BOOKED' and new.decided_by is null and new.decided_at is not null
                    and new.decision_reason is null)) then
            raise exception 'a staff transfer starts PENDING, or BOOKED at once without a checker (transfer %)', new.id
                using errcode = 'insufficient_privilege';
        end if;
        return new;
    end if;
    if old.status <> 'PENDING' or new.status not in ('BOOKED', 'REJECTED') or new.decided_by is null
       or new.decided_at is null then
        raise exception 'a staff transfer is decided once, from PENDING, by a checker (transfer %: % to %)', old.id,
            old.status, new.status using errcode = 'insufficient_privilege';
    end if;
    return new;
end $$;

create trigger staff_transfer_decided_once before insert or update on points.staff_transfer
    for each row execute function points.staff_transfer_decided_once();
