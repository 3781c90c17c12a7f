-- A scratch copy of what a redemption request writes in catalog-service, to measure its statements alone:
-- the same columns, indexes, defaults, foreign keys and triggers as catalog's tables, empty but for the meal days.
drop schema if exists request_cost cascade;
create schema request_cost;
create sequence request_cost.redemption_change_seq;
create table request_cost.redemption (like catalog.redemption including all);
alter table request_cost.redemption alter column change_seq set default nextval('request_cost.redemption_change_seq');
alter table request_cost.redemption add foreign key (partner_id) references catalog.partner (id);
alter table request_cost.redemption add foreign key (reward_id) references catalog.reward (id);
create table request_cost.redemption_history (like catalog.redemption_history including all);
alter table request_cost.redemption_history add foreign key (redemption_id) references request_cost.redemption (id);
create table request_cost.idempotency_record (like catalog.idempotency_record including all);
create table request_cost.outbox_event (like catalog.outbox_event including all);
create table request_cost.meal_day (like catalog.meal_day including all);
insert into request_cost.meal_day select * from catalog.meal_day;
-- catalog.redemption_record_state names catalog's history table: the same function for the copy
create function request_cost.redemption_record_state() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' or old.state is distinct from new.state then
        insert into request_cost.redemption_history (redemption_id, state, reason_code, at)
        values (new.id, new.state, new.reason_code, clock_timestamp());
    end if;
    return null;
end $$;
create trigger redemption_guarded before insert or update on request_cost.redemption
    for each row execute function catalog.redemption_guarded();
create trigger redemption_history_append after insert or update on request_cost.redemption
    for each row execute function request_cost.redemption_record_state();
