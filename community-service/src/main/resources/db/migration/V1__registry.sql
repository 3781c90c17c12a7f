-- The registry of each community's residents, households and proxy grants (README "Tables"). Every change of a
-- resident, household or grant raises its version by one and publishes its whole state (outbox, same transaction);
-- every change is also a row of registry_audit, which nobody can edit.

-- A household (户): the unit means-tested categories belong to. CLOSED once its last member moved out.
create table household (
    id              text        primary key,
    community_id    text        not null,
    name            text        not null check (length(name) between 1 and 200),
    status          text        not null default 'ACTIVE' check (status in ('ACTIVE', 'CLOSED')),
    version         bigint      not null check (version >= 1),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index household_community on household (community_id, name);

-- A means-tested category of a household, with the evidence staff saw. The evidence stays here: only the code and
-- the dates travel in HouseholdChanged. One row per household and code: re-tagging replaces the dates.
create table household_category (
    household_id    text        not null references household (id),
    -- one of domain.CategoryCode, the single list of codes (new codes need no migration)
    code            text        not null check (code ~ '^[A-Z_]{1,40}$'),
    valid_from      date        not null,
    -- inclusive; null while open-ended
    valid_until     date,
    evidence_note   text        not null check (length(evidence_note) between 1 and 1000),
    recorded_by     text        not null,
    recorded_at     timestamptz not null default now(),
    primary key (household_id, code),
    check (valid_until is null or valid_until >= valid_from)
);

-- A resident: member id = the OIDC subject every other service uses. Nothing is ever deleted: moving out sets
-- MOVED_OUT and keeps the household link the resident last had.
create table resident (
    member_id       text        primary key,
    community_id    text        not null,
    display_name    text        not null check (length(display_name) between 1 and 100),
    household_id    text        references household (id),
    -- digits only (a landline keeps its area code); shown masked to the last 4 digits in every answer
    phone           text        check (phone ~ '^[0-9]{7,13}$'),
    birth_year      integer     check (birth_year between 1900 and 2100),
    volunteer_state text        not null default 'NONE' check (volunteer_state in ('NONE', 'REGISTERED', 'SUSPENDED')),
    status          text        not null default 'ACTIVE' check (status in ('ACTIVE', 'MOVED_OUT')),
    version         bigint      not null check (version >= 1),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    moved_out_at    timestamptz,
    check ((status = 'MOVED_OUT') = (moved_out_at is not null))
);
create index resident_community on resident (community_id, display_name);
create index resident_household on resident (household_id);

-- A resident's request to join from the mini-program, decided by staff once.
create table join_request (
    id              uuid        primary key,
    community_id    text        not null,
    member_id       text        not null,
    display_name    text        not null check (length(display_name) between 1 and 100),
    phone           text        not null check (phone ~ '^[0-9]{7,13}$'),
    address         text        not null check (length(address) between 1 and 200),
    status          text        not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'DECLINED')),
    household_id    text        references household (id),
    decided_by      text,
    decided_at      timestamptz,
    decline_reason  text,
    created_at      timestamptz not null default now(),
    check ((status = 'PENDING') = (decided_by is null and decided_at is null)),
    check ((status = 'DECLINED') = (decline_reason is not null)),
    check (status <> 'APPROVED' or household_id is not null)
);
-- One open request per resident: a second tap in the mini-program finds the first.
create unique index join_request_one_pending on join_request (member_id) where status = 'PENDING';
create index join_request_community on join_request (community_id, status, created_at);

-- A proxy grant (代办): proxy_id may act for member_id within scopes until valid_until, unless revoked.
create table proxy_grant (
    id                  uuid        primary key,
    community_id        text        not null,
    member_id           text        not null references resident (member_id),
    proxy_id            text        not null,
    proxy_name          text        not null,
    relation            text        not null check (relation in ('FAMILY', 'GRID_WORKER')),
    -- comma-separated, in ProxyChanged.Scope's order
    scopes              text        not null
                                    check (scopes ~ '^(PASSBOOK_READ|REDEEM|SIGN_UP)(,(PASSBOOK_READ|REDEEM|SIGN_UP))*$'),
    valid_until         timestamptz not null,
    consent_recorded_by text        not null,
    -- the reference of the signed consent form when staff record the grant; null when the resident granted it
    consent_note        text,
    granted_by          text        not null,
    revoked_at          timestamptz,
    revoked_by          text,
    version             bigint      not null check (version >= 1),
    created_at          timestamptz not null default now(),
    check (proxy_id <> member_id),
    check (valid_until > created_at),
    check ((revoked_at is null) = (revoked_by is null)),
    -- staff never name a proxy without the resident's recorded consent
    check (granted_by = member_id or consent_note is not null)
);
create index proxy_grant_member on proxy_grant (member_id, created_at);
create index proxy_grant_proxy on proxy_grant (proxy_id, valid_until);

-- Every change, who made it and when, for staff to read. Written in the same transaction as the change.
create table registry_audit (
    id              bigint      generated always as identity primary key,
    community_id    text        not null,
    -- RESIDENT, HOUSEHOLD, JOIN_REQUEST or PROXY_GRANT, and that thing's id
    subject_type    text        not null check (subject_type in ('RESIDENT', 'HOUSEHOLD', 'JOIN_REQUEST', 'PROXY_GRANT')),
    subject_id      text        not null,
    -- the resident concerned, where there is one (so staff read one resident's whole history)
    member_id       text,
    action          text        not null,
    detail          text        not null,
    actor           text        not null,
    at              timestamptz not null default clock_timestamp()
);
create index registry_audit_community on registry_audit (community_id, id);
create index registry_audit_member on registry_audit (member_id, id);

-- Append-only, whoever connects: a record of who changed a registration is worth nothing if it can be edited.
create function registry_audit_append_only() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    raise exception 'registry_audit is append-only: % refused', tg_op using errcode = '42501';
end $$;

create trigger registry_audit_no_change before update or delete on registry_audit
    for each row execute function registry_audit_append_only();
create trigger registry_audit_no_truncate before truncate on registry_audit
    for each statement execute function registry_audit_append_only();

-- Least privilege (README "Database roles"): platform-data's V0_3 gave the runtime role SELECT and INSERT on every
-- table; here it gets only the changes the service makes. Nothing is ever deleted but a category staff remove.
grant update (display_name, household_id, phone, birth_year, volunteer_state, status, version, updated_at,
    moved_out_at) on resident to ${runtime_role};
grant update (name, status, version, updated_at) on household to ${runtime_role};
grant update (valid_from, valid_until, evidence_note, recorded_by, recorded_at), delete on household_category
    to ${runtime_role};
grant update (status, household_id, decided_by, decided_at, decline_reason) on join_request to ${runtime_role};
grant update (revoked_at, revoked_by, version) on proxy_grant to ${runtime_role};
