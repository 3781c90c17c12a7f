-- A staff transfer (adjustment, pool funding, reversal) is decided once, by the second staff member, and stays as it
-- was decided. The runtime role may update a transfer's status and decision (V51: that is how a checker decides), so
-- without this an insider with the application's password could put a rejected adjustment back to PENDING for another
-- colleague to approve (the first checker's "no" undone), a booked one back to PENDING, or rewrite who decided and
-- why. StaffTransferService decides only a PENDING transfer (it locks it and checks first), in one update that sets
-- the status, the checker and the time. A transfer is inserted as the service asks for it: PENDING and undecided, or
-- BOOKED at once (within the approval threshold) with its time and no checker; never decided by somebody already.
--
-- One function for every four-eyes table of the ledger (V109 uses it for expiry rule changes): a row with status,
-- decided_by, decided_at and decision_reason. Its arguments: the status of an approval ('BOOKED', 'APPLIED'), and
-- whether a row may be inserted already approved without a checker ('true' where small amounts are booked at once).
create function points.decided_once() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
declare
    approved constant text := tg_argv[0];
    approved_at_once constant boolean := tg_argv[1]::boolean;
begin
    if tg_op = 'INSERT' then
        if not (new.decided_by is null and new.decision_reason is null
                and ((new.status = 'PENDING' and new.decided_at is null)
                     or (approved_at_once and new.status = approved and new.decided_at is not null))) then
            raise exception 'a % row starts PENDING and undecided (%)', tg_table_name, new.id
                using errcode = 'insufficient_privilege';
        end if;
        return new;
    end if;
    if old.status <> 'PENDING' or new.status not in (approved, 'REJECTED') or new.decided_by is null
       or new.decided_at is null then
        raise exception 'a % row is decided once, from PENDING, by a checker (%: % to %)', tg_table_name, old.id,
            old.status, new.status using errcode = 'insufficient_privilege';
    end if;
    return new;
end $$;

create trigger staff_transfer_decided_once before insert or update on points.staff_transfer
    for each row execute function points.decided_once('BOOKED', 'true');
