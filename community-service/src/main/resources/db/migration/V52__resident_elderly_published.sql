-- Whether a resident is elderly (60+) as last published in MemberChanged. The rule itself stays on the birth year
-- (README "Elderly"); this column only remembers what the copies were told, so the daily job finds the residents whose
-- answer changed with the year (1 January) and publishes them again.
alter table resident add column elderly boolean not null default false;

-- Every MemberChanged so far was published this year (the registry is younger than a year), from the same rule.
update resident
   set elderly = birth_year is not null
             and extract(year from now() at time zone 'Asia/Shanghai')::integer - birth_year >= 60;

grant update (elderly) on resident to ${runtime_role};
