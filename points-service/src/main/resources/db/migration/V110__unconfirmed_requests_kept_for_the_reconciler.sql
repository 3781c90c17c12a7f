-- Every redemption request refused because nothing confirmed it (no gateway receipt of the resident's request, or a
-- proxy's grant or a household's category this service's copy of the registry does not hold) is kept here, in the
-- order of its refusal, for the reconciler (GET /exports/unconfirmed-requests). Such a request moved no points, but
-- it is someone's attempt: one written straight into catalog-service's outbox has no redemption in the catalog's
-- books, so the catalog's export never shows it, and before this only a log line and a metric did.
--
-- The database keeps it, not HoldService: every refused hold row is inserted once (REJECTED is final, V106) on the
-- batched and the single path and for a free capture, and the trigger below copies each such row as it is inserted.
-- The runtime role may insert here (V0_3, as for every table) but neither update nor delete: a kept attempt stays.
-- The export pages on the suite's cursor (writing transaction, then sequence; platform-data's ExportCursor).
create table points.unconfirmed_request (
    redemption_id   uuid        primary key,
    seq             bigint      not null generated always as identity,
    writer_xid      xid8        not null default pg_current_xact_id(),
    community_id    text        not null,
    member_id       text        not null,
    partner_id      text        not null,
    reason          text        not null,
    points          bigint      not null,
    subsidy_points  bigint      not null,
    refused_at      timestamptz not null
);
create index unconfirmed_request_export on points.unconfirmed_request (writer_xid, seq);

create function points.keep_unconfirmed_request() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    insert into points.unconfirmed_request (redemption_id, community_id, member_id, partner_id, reason, points,
                                            subsidy_points, refused_at)
    values (new.redemption_id, new.community_id, new.member_id, new.partner_id, new.reason, new.points,
            new.subsidy_points, coalesce(new.closed_at, clock_timestamp()));
    return null;
end $$;

-- Only a refusal for want of confirmation fires it: a hold placed, or refused for want of points, costs the insert
-- nothing more than this condition.
create trigger hold_unconfirmed_request_kept after insert on points.hold
    for each row
    when (new.status = 'REJECTED' and new.reason in ('REQUEST_NOT_CONFIRMED', 'PROXY_NOT_CONFIRMED', 'SUBSIDY_NOT_CONFIRMED'))
    execute function points.keep_unconfirmed_request();

-- The refusals made before this migration, in the order they were made.
insert into points.unconfirmed_request (redemption_id, community_id, member_id, partner_id, reason, points,
                                        subsidy_points, refused_at)
select redemption_id, community_id, member_id, partner_id, reason, points, subsidy_points,
       coalesce(closed_at, requested_at)
from points.hold
where status = 'REJECTED' and reason in ('REQUEST_NOT_CONFIRMED', 'PROXY_NOT_CONFIRMED', 'SUBSIDY_NOT_CONFIRMED')
order by coalesce(closed_at, requested_at), redemption_id;
