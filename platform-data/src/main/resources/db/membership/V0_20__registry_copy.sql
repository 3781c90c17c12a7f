-- The service's own copy of community-service's registry (topic community.registry: MemberChanged,
-- HouseholdChanged, ProxyChanged), kept by platform-data's membership.RegistryConsumer. Only services that check
-- member ids include this location (quarkus.flyway.locations=db/platform,db/membership,db/migration);
-- community-service, which owns the registry, does not. Versioned among the platform's own migrations (V0_x,
-- applied out of order on a database that already has the service's V1 and up); V0_20 and up are this location's.
--
-- Each row is the whole state of one aggregate as its last applied event carried it. The consumer applies an event
-- only when its version is higher than the row's (the upserts' "where version < excluded.version"), so a
-- redelivered or reordered event never rolls a member back.

create table member_copy (
    member_id        text        primary key,
    -- the community the event's envelope named: a member id is checked against the caller's community
    community_id     text        not null,
    display_name     text,
    household_id     text,
    status           text        not null check (status in ('ACTIVE', 'MOVED_OUT')),
    elderly          boolean     not null,
    volunteer_state  text        not null check (volunteer_state in ('NONE', 'REGISTERED', 'SUSPENDED')),
    version          bigint      not null check (version >= 0),
    changed_by       text,
    changed_at       timestamptz,
    applied_at       timestamptz not null default now()
);

create index member_copy_household on member_copy (household_id) where household_id is not null;

create table household_copy (
    household_id     text        primary key,
    community_id     text        not null,
    name             text,
    status           text        not null check (status in ('ACTIVE', 'CLOSED')),
    version          bigint      not null check (version >= 0),
    changed_by       text,
    changed_at       timestamptz,
    applied_at       timestamptz not null default now()
);

-- The household's means-tested categories (低保, 残疾, 留守儿童...), every one on record with its validity: prices are
-- read for a day ("valid on"), so an expired category stays and simply stops applying. Replaced whole with each
-- newer HouseholdChanged.
create table household_category_copy (
    household_id     text        not null references household_copy (household_id) on delete cascade,
    code             text        not null check (code <> ''),
    valid_from       date        not null,
    -- inclusive; null while open-ended
    valid_until      date,
    primary key (household_id, code, valid_from),
    check (valid_until is null or valid_until >= valid_from)
);

-- A proxy (代办) grant: proxy_id may act for member_id within scopes until valid_until, unless revoked.
create table proxy_grant_copy (
    grant_id            uuid        primary key,
    community_id        text        not null,
    member_id           text        not null,
    proxy_id            text        not null,
    proxy_name          text,
    relation            text        not null check (relation in ('FAMILY', 'GRID_WORKER')),
    -- subset of PASSBOOK_READ, REDEEM, SIGN_UP
    scopes              text[]      not null check (scopes <@ array['PASSBOOK_READ', 'REDEEM', 'SIGN_UP']::text[]),
    valid_until         timestamptz not null,
    revoked_at          timestamptz,
    consent_recorded_by text,
    version             bigint      not null check (version >= 0),
    changed_at          timestamptz,
    applied_at          timestamptz not null default now(),
    -- nobody is their own proxy: that would let a resident launder acts as "on behalf"
    check (proxy_id <> member_id)
);

-- "may proxy P act for member M now?": the question every On-Behalf-Of request asks
create index proxy_grant_copy_pair on proxy_grant_copy (proxy_id, member_id);

-- The runtime role (platform V0_3 gives SELECT and INSERT on every table): the consumer replaces each row with a
-- newer state, and a household's categories with the newer list.
grant update on member_copy, household_copy, proxy_grant_copy to ${runtime_role};
grant delete on household_category_copy to ${runtime_role};
