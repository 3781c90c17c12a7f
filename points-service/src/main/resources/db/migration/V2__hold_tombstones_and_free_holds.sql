-- A release that arrives before its hold (re-driven, or overtaken) leaves the hold row behind as a
-- tombstone: status RELEASED, no partner, nothing frozen. The late hold request then finds the row and is
-- refused instead of freezing points for a redemption that has already ended.
alter table hold alter column partner_id drop not null;
alter table hold alter column reward_title drop not null;
alter table hold add constraint only_a_tombstone_lacks_a_partner
    check ((partner_id is not null and reward_title is not null) or (status = 'RELEASED' and points = 0));

-- A fully subsidised redemption holds 0 of the resident's points: it is answered as held and books no
-- pending postings (a posting is never 0), and its capture books only the subsidy leg.
alter table hold drop constraint hold_points_check;
alter table hold add constraint hold_points_not_negative check (points >= 0);
