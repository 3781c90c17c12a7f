-- Ten redemption requests written together: one transaction, each statement set-wise over the ten.
\set n random(1, :residents - 10)
begin;
insert into request_cost.idempotency_record (scope, caller_id, idem_key, request_hash)
  select 'redemption', '00000000-0000-4000-b000-' || lpad((:n + g)::text, 12, '0'), gen_random_uuid()::text, 'hash'
  from generate_series(1, 10) g on conflict do nothing;
select m.member_id, m.community_id, m.display_name, m.household_id, m.status, m.elderly, m.volunteer_state, m.version, c.code from catalog.member_copy m left join catalog.household_copy h on h.household_id = m.household_id and h.community_id = m.community_id and h.status = 'ACTIVE' left join catalog.household_category_copy c on c.household_id = h.household_id and c.valid_from <= current_date and (c.valid_until is null or c.valid_until >= current_date) where m.member_id = any (select '00000000-0000-4000-b000-' || lpad((:n + g)::text, 12, '0') from generate_series(1, 10) g) and m.community_id = :community;
select r.id, r.active, r.community_id, r.daily_quota, r.points, p.name from catalog.reward r join catalog.partner p on p.id = r.partner_id where r.id = :reward;
update request_cost.meal_day set reserved = reserved + 10 where reward_id = :reward and day = current_date and slot = :n % 16;
insert into request_cost.redemption (community_id, member_id, partner_id, reward_id, meal_day, reward_kind, reward_title, partner_name, points, subsidy_points, state, valid_from, valid_until, hold_expires_at, holds_capacity, created_at, receipt, id)
  select :community, '00000000-0000-4000-b000-' || lpad((:n + g)::text, 12, '0'), :partner, :reward, current_date, 'MEAL', 'Lunch', 'Canteen', 10, 0, 'PENDING', now(), now() + interval '1 day', now() + interval '2 days', true, now(), repeat('r', 148), gen_random_uuid()
  from generate_series(1, 10) g;
insert into request_cost.outbox_event (event_id, topic, event_key, payload, created_at)
  select gen_random_uuid(), 'catalog.redemptions', '00000000-0000-4000-b000-' || lpad((:n + g)::text, 12, '0'), repeat('p', 700), now()
  from generate_series(1, 10) g;
update request_cost.idempotency_record set response_body = repeat('b', 600)
  where scope = 'redemption' and response_body is null
    and caller_id = any (select '00000000-0000-4000-b000-' || lpad((:n + g)::text, 12, '0') from generate_series(1, 10) g);
commit;
