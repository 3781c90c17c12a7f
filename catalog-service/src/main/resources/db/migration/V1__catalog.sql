-- Partners of a community and what they offer for points. Capacity lives in guarded counters:
-- every reservation is one UPDATE that succeeds only while something is left, so nothing is oversold.

create table partner (
    id              text        primary key,
    community_id    text        not null,
    name            text        not null,
    kind            text        not null,
    created_at      timestamptz not null default now()
);
create index partner_community on partner (community_id);

create table reward (
    id                  uuid        primary key,
    community_id        text        not null,
    partner_id          text        not null references partner (id),
    kind                text        not null check (kind in ('MEAL', 'CLASS_SEAT', 'CHILDCARE_CREDIT', 'GOODS')),
    title               text        not null,
    description         text,
    points              bigint      not null check (points > 0),
    -- MEAL: vouchers per day; the day's count is in meal_day.
    daily_quota         integer     check (daily_quota > 0),
    -- CHILDCARE_CREDIT and GOODS: what is left to give out; reserving takes one, a release puts it back.
    stock               integer     check (stock >= 0),
    -- CHILDCARE_CREDIT: hours of care one voucher is worth.
    hours               integer     check (hours > 0),
    -- CHILDCARE_CREDIT and GOODS: days a voucher stays valid.
    valid_days          integer     not null default 30 check (valid_days > 0),
    discount_percent    integer     check (discount_percent between 1 and 100),
    discount_points     bigint      check (discount_points > 0),
    -- Eligibility categories the discount is for; empty means every category.
    discount_categories text[]      not null default '{}',
    active              boolean     not null default true,
    created_at          timestamptz not null default now(),
    check (kind <> 'MEAL' or daily_quota is not null),
    check (kind not in ('GOODS', 'CHILDCARE_CREDIT') or stock is not null),
    check (discount_percent is null or discount_points is null)
);
create index reward_community on reward (community_id, kind);

-- CLASS_SEAT: one dated session of a course, with its own seats.
create table class_session (
    id              uuid        primary key,
    reward_id       uuid        not null references reward (id),
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    capacity        integer     not null check (capacity >= 0),
    reserved        integer     not null default 0,
    check (ends_at > starts_at),
    check (reserved >= 0 and reserved <= capacity)
);
create index class_session_reward on class_session (reward_id, starts_at);

create table meal_day (
    reward_id       uuid        not null references reward (id),
    day             date        not null,
    reserved        integer     not null default 0 check (reserved >= 0),
    primary key (reward_id, day)
);

-- Households staff tagged as eligible for means-tested prices (LOW_INCOME 低保, DISABILITY 残疾,
-- LEFT_BEHIND_CHILDREN 留守儿童). The member id is the resident's token subject.
create table eligibility (
    community_id    text        not null,
    member_id       text        not null,
    category        text        not null,
    tagged_by       text        not null,
    tagged_at       timestamptz not null default now(),
    primary key (community_id, member_id, category)
);

create sequence redemption_change_seq;

create table redemption (
    id                  uuid        primary key,
    community_id        text        not null,
    member_id           text        not null,
    partner_id          text        not null references partner (id),
    reward_id           uuid        not null references reward (id),
    session_id          uuid        references class_session (id),
    meal_day            date,
    reward_kind         text        not null,
    reward_title        text        not null,
    partner_name        text        not null,
    points              bigint      not null check (points >= 0),
    subsidy_points      bigint      not null default 0 check (subsidy_points >= 0),
    subsidy_category    text,
    state               text        not null check (state in ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED',
                                        'EXPIRED', 'FULFILLED', 'CAPTURED', 'CAPTURE_FAILED')),
    reason_code         text,
    reason_detail       text,
    voucher_code        text        unique,
    valid_from          timestamptz not null,
    valid_until         timestamptz not null,
    hold_expires_at     timestamptz not null,
    -- true while the seat or stock is taken by this redemption; false once returned (exactly once).
    holds_capacity      boolean     not null default true,
    created_at          timestamptz not null default now(),
    fulfilled_at        timestamptz,
    fulfilled_by        text,
    captured_at         timestamptz,
    released_at         timestamptz,
    -- Export cursor: bumped on every change, so a reconciler reading "after" a cursor sees each change.
    change_seq          bigint      not null default nextval('redemption_change_seq'),
    changed_at          timestamptz not null default now()
);
create index redemption_member on redemption (member_id, state);
create index redemption_partner on redemption (partner_id, fulfilled_at);
create index redemption_due on redemption (valid_until) where state in ('PENDING', 'CONFIRMED');
create index redemption_change on redemption (change_seq);

create table redemption_history (
    id              bigint      generated always as identity primary key,
    redemption_id   uuid        not null references redemption (id),
    state           text        not null,
    reason_code     text,
    at              timestamptz not null default now()
);
create index redemption_history_redemption on redemption_history (redemption_id, id);

-- Every change of a redemption moves it to the end of the export order and every change of state is
-- kept, whoever made it (request, consumer, expiry job): the database writes both, so none is forgotten.
create function redemption_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        new.change_seq := nextval('redemption_change_seq');
        new.changed_at := clock_timestamp();
    end if;
    return new;
end $$;

create trigger redemption_bump before update on redemption
    for each row execute function redemption_changed();

create function redemption_record_state() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' or old.state is distinct from new.state then
        insert into redemption_history (redemption_id, state, reason_code, at)
        values (new.id, new.state, new.reason_code, clock_timestamp());
    end if;
    return null;
end $$;

create trigger redemption_history_append after insert or update on redemption
    for each row execute function redemption_record_state();
