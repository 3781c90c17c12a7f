-- Least privilege for the catalog (README "Database roles"). The application connects as ${runtime_role}, which
-- owns nothing: platform-data's V0_3 gave it SELECT and INSERT on every table of the schema, now and to come. Here
-- it gets only the changes the service makes. redemption_history stays append-only (no UPDATE or DELETE); partners
-- are never edited.

-- A redemption moves through its states as the entity changes (locked first: select ... for update); the triggers
-- below move it to the end of the export order and record each change of state.
grant update on catalog.redemption to ${runtime_role};
-- The saga's re-sends count up in place (insert ... on conflict do update).
grant update (attempts, last_sent_at) on catalog.redemption_resend to ${runtime_role};
-- Capacity lives in guarded counters: one UPDATE takes a seat or a meal, another gives it back.
grant update (reserved) on catalog.class_session to ${runtime_role};
grant update (reserved) on catalog.meal_day to ${runtime_role};
-- Staff withdraw a reward (the entity is saved whole, every column) and restock goods; reserving takes stock.
grant update on catalog.reward to ${runtime_role};
-- Staff remove an eligibility tag they set by mistake or that no longer applies.
grant delete on catalog.eligibility to ${runtime_role};

-- The trigger functions again with every table and sequence named with its schema and the search path pinned: a
-- function that resolves names through the caller's search_path could be pointed at another table (a temporary
-- one, say, which would be found first); pg_temp is named last so that it is searched last. Both run with the
-- caller's rights (SECURITY INVOKER): the runtime role may use the sequence and append to redemption_history.
create or replace function catalog.redemption_changed() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op = 'UPDATE' then
        new.change_seq := nextval('catalog.redemption_change_seq');
        new.changed_at := clock_timestamp();
        new.writer_xid := pg_current_xact_id();
    end if;
    return new;
end $$;

create or replace function catalog.redemption_record_state() returns trigger
    language plpgsql
    set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op = 'INSERT' or old.state is distinct from new.state then
        insert into catalog.redemption_history (redemption_id, state, reason_code, at)
        values (new.id, new.state, new.reason_code, clock_timestamp());
    end if;
    return null;
end $$;
