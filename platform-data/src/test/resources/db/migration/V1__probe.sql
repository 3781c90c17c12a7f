-- Only in platform-data's tests: what the probe consumers applied, and a dead-letter store that fails
-- transiently for records keyed 'dlq-flaky-*' (two attempts in three raise a serialization failure).

create table probe_applied (
    event_key   text        not null,
    value       text,
    applied_at  timestamptz not null default now()
);

-- A sequence, not a table: its count survives the rollback of the failing insert.
create sequence dead_letter_flaky_attempts;

create function fail_flaky_dead_letters() returns trigger language plpgsql as $$
begin
    if new.record_key like 'dlq-flaky-%' and nextval('dead_letter_flaky_attempts') % 3 <> 0 then
        raise exception 'could not serialize access (test trigger)' using errcode = '40001';
    end if;
    return new;
end $$;

create trigger dead_letter_flaky before insert on dead_letter
    for each row execute function fail_flaky_dead_letters();
