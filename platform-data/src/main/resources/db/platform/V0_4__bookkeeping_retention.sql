-- Records kept only so that retries and redeliveries change nothing twice (processed-event marks, Idempotency-Key
-- answers) are needed only while such a retry can still come, and otherwise grow with every request for ever
-- (README "The arithmetic for 1,000 communities"). They are forgotten once older than a window the service sets,
-- never younger than a floor fixed here, and only through these functions: the runtime role may not delete from
-- either table itself, so neither a bug nor an insider with the application's credentials can forget a record a
-- retry still needs, and reapply an event or a request by it.
--
-- The floors: Kafka keeps records 7 days (the broker's default and the local stack's), so no redelivery of an event
-- comes after that; twice that is the floor of a processed-event mark. A client retries an Idempotency-Key within
-- minutes or hours (a phone back on the network, a job run again); a week is the floor of its answer.

-- No index on the time: the look for old rows reads the table, which holds only the window's rows (9 million marks,
-- 925 MB, read in 1.9 s on the 2-core benchmark machine), once an hour and a few times more while whole batches go,
-- where an index would cost every event and every request on the way in. A BRIN index was tried: a month later the
-- new rows take the space the forgotten ones left, so its ranges stop telling old pages from new, and every insert
-- into such a page rewrites its range's summary.

-- Forgets at most at_most marks older than older_than (raised to the floor), as the table is read; rows another
-- instance is forgetting at the same moment are skipped, not waited for. Answers how many it forgot, so the caller
-- calls again while a whole batch went.
create function ${flyway:defaultSchema}.forget_processed_events(older_than interval, at_most integer) returns integer
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    forgotten integer;
begin
    delete from ${flyway:defaultSchema}.processed_event
    where event_id in (select event_id from ${flyway:defaultSchema}.processed_event
                       where processed_at < now() - greatest(older_than, interval '14 days')
                       limit greatest(at_most, 0)
                       for update skip locked);
    get diagnostics forgotten = row_count;
    return forgotten;
end $$;

create function ${flyway:defaultSchema}.forget_idempotency_records(older_than interval, at_most integer)
    returns integer
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
declare
    forgotten integer;
begin
    delete from ${flyway:defaultSchema}.idempotency_record
    where (scope, caller_id, idem_key) in (select scope, caller_id, idem_key
                                           from ${flyway:defaultSchema}.idempotency_record
                                           where created_at < now() - greatest(older_than, interval '7 days')
                                           limit greatest(at_most, 0)
                                           for update skip locked);
    get diagnostics forgotten = row_count;
    return forgotten;
end $$;

-- Functions are executable by everybody unless revoked: only the application may call these (as the schema's
-- owner, with the owner's right to delete, bounded by the floors above).
revoke all on function ${flyway:defaultSchema}.forget_processed_events(interval, integer) from public;
revoke all on function ${flyway:defaultSchema}.forget_idempotency_records(interval, integer) from public;
grant execute on function ${flyway:defaultSchema}.forget_processed_events(interval, integer) to ${runtime_role};
grant execute on function ${flyway:defaultSchema}.forget_idempotency_records(interval, integer) to ${runtime_role};
