-- What a redemption costs, whose it is and what it is for are fixed when it is made. The runtime role may update a
-- redemption (V50: the entity is saved whole as its state moves on), so without this an insider with the
-- application's password could lower a voucher's price or move it to another resident or partner, and the catalog's
-- settlement would sum the changed price. Every save still writes these columns, with the values they had: only a
-- change is refused. The runtime role can neither replace this function nor disable the trigger (it owns neither).
create function catalog.redemption_terms_fixed() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    if (new.id, new.community_id, new.member_id, new.acted_by, new.partner_id, new.reward_id, new.points,
        new.subsidy_points, new.subsidy_category)
       is distinct from
       (old.id, old.community_id, old.member_id, old.acted_by, old.partner_id, old.reward_id, old.points,
        old.subsidy_points, old.subsidy_category) then
        raise exception 'a redemption''s price, resident, partner and reward cannot change (redemption %)', old.id
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end $$;

create trigger redemption_terms_fixed before update on catalog.redemption
    for each row execute function catalog.redemption_terms_fixed();
