-- Every tagging and untagging of a household for means-tested prices, kept for good: who changed which household's
-- category, when, and which way. Staff of the community read it (GET /api/catalog/eligibility/audit). Written in
-- the same transaction as the change of eligibility, and only when the change happened (a repeated PUT or DELETE
-- changes nothing and is not a tagging).
--
-- household_id is empty until categories move from a resident's membership to a household (a later change): the
-- audit then names the household and keeps member_id for the rows written before.
create table eligibility_audit (
    id              bigint      generated always as identity primary key,
    community_id    text        not null,
    member_id       text        not null,
    household_id    text,
    category        text        not null check (category in ('LOW_INCOME', 'DISABILITY', 'LEFT_BEHIND_CHILDREN')),
    action          text        not null check (action in ('TAGGED', 'UNTAGGED')),
    changed_by      text        not null,
    changed_at      timestamptz not null default clock_timestamp()
);
create index eligibility_audit_community on eligibility_audit (community_id, id);
create index eligibility_audit_member on eligibility_audit (member_id, community_id, id);

-- Append-only, whoever connects: a record of who made a household eligible for the community's money is worth
-- nothing if it can be edited afterwards. UPDATE, DELETE and TRUNCATE are refused by the database itself.
create function eligibility_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'eligibility_audit is append-only: % refused', tg_op using errcode = '42501';
end $$;

create trigger eligibility_audit_no_change before update or delete on eligibility_audit
    for each row execute function eligibility_audit_append_only();
create trigger eligibility_audit_no_truncate before truncate on eligibility_audit
    for each statement execute function eligibility_audit_append_only();

-- What was tagged before this table existed is the audit's first line, so every current tag has its row.
insert into eligibility_audit (community_id, member_id, category, action, changed_by, changed_at)
select community_id, member_id, category, 'TAGGED', tagged_by, tagged_at from eligibility order by tagged_at;
