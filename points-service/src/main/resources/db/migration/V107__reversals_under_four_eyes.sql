-- A reversal moves a resident's points like an adjustment does, so it is held to the same second person: reversing
-- a debit (an approved -150 adjustment, a correction that lowered a credit) gave the points back on one staff
-- member's word, though taking them had needed two. A reversal that moves more than the approval threshold now
-- waits, as a staff transfer of kind REVERSAL, for a second staff member of the community (ReversalService).
--
-- reverses: the journal transaction it undoes. The journal books a reversal under an id derived from that
-- transaction, so it is booked at most once whatever happens here; one transaction has at most one reversal asked
-- for and not turned down, so two staff members cannot both leave one waiting.
alter table points.staff_transfer add column reverses uuid;
alter table points.staff_transfer drop constraint staff_transfer_kind_check,
    add constraint staff_transfer_kind_check check (kind in ('ADJUSTMENT', 'POOL_FUNDING', 'REVERSAL')),
    add constraint a_reversal_names_what_it_undoes check ((kind = 'REVERSAL') = (reverses is not null)),
    add constraint a_reversal_names_its_resident check (kind <> 'REVERSAL' or member_id is not null);
create unique index staff_transfer_one_reversal_per_transaction on points.staff_transfer (reverses)
    where status <> 'REJECTED';
