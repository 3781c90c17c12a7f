-- A community's points expiry rule is what a second staff member approved, and its changes are decided once. The
-- runtime role may update the rule in force and a change's decision (V70: that is how an approved change applies),
-- so without this an insider with the application's password could shorten the rule (points lapse sooner) or bring
-- its start forward past the residents' warning, with nobody's approval, or reopen a rejected change for another
-- colleague to approve.
--
-- A change (expiry_policy_change) is inserted PENDING and undecided, and only a PENDING one is decided, to APPLIED
-- or REJECTED with its checker and time, once (V108's function, as for staff transfers). The rule (expiry_policy) is
-- written only as an APPLIED change of its community says: the same switch, months and warning days, its maker and
-- checker, and in force no earlier than the approval's day plus the warning days (ExpiryPolicyService; a day of slack
-- for the community's time zone against UTC). ExpiryPolicyService decides the change before it writes the rule, in one transaction.
create trigger expiry_policy_change_decided_once before insert or update on points.expiry_policy_change
    for each row execute function points.decided_once('APPLIED', 'false');

create function points.expiry_policy_follows_an_applied_change() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    perform 1 from points.expiry_policy_change c
    where c.id = new.change_id and c.community_id = new.community_id and c.status = 'APPLIED'
      and (c.enabled, c.expires_after_months, c.warn_days_ahead, c.requested_by, c.decided_by)
          = (new.enabled, new.expires_after_months, new.warn_days_ahead, new.changed_by, new.approved_by)
      and new.expires_from >= (c.decided_at at time zone 'UTC')::date + c.warn_days_ahead - 1;
    if not found then
        raise exception 'a community''s expiry rule is the one an approved change gives (community %, change %)',
            new.community_id, new.change_id using errcode = 'insufficient_privilege';
    end if;
    return new;
end $$;

create trigger expiry_policy_follows_an_applied_change before insert or update on points.expiry_policy
    for each row execute function points.expiry_policy_follows_an_applied_change();
