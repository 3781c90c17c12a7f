-- One redemption request as catalog-service sends it today: its own transaction, a statement at a time.
\set n random(1, :residents)
begin;
insert into request_cost.idempotency_record (scope, caller_id, idem_key, request_hash)
  values ('redemption', '00000000-0000-4000-b000-' || lpad(:n::text, 12, '0'), gen_random_uuid()::text, 'hash')
  on conflict do nothing returning idem_key \gset
select m.member_id, m.community_id, m.display_name, m.household_id, m.status, m.elderly, m.volunteer_state, m.version, c.code from catalog.member_copy m left join catalog.household_copy h on h.household_id = m.household_id and h.community_id = m.community_id and h.status = 'ACTIVE' left join catalog.household_category_copy c on c.household_id = h.household_id and c.valid_from <= current_date and (c.valid_until is null or c.valid_until >= current_date) where m.member_id = '00000000-0000-4000-b000-' || lpad(:n::text, 12, '0') and m.community_id = :community;
select r.id, r.active, r.community_id, r.daily_quota, r.points, p.name from catalog.reward r join catalog.partner p on p.id = r.partner_id where r.id = :reward;
update request_cost.meal_day set reserved = reserved + 1 where reward_id = :reward and day = current_date and slot = :n % 16;
insert into request_cost.redemption (community_id, member_id, partner_id, reward_id, meal_day, reward_kind, reward_title, partner_name, points, subsidy_points, state, valid_from, valid_until, hold_expires_at, holds_capacity, created_at, receipt, id)
  values (:community, '00000000-0000-4000-b000-' || lpad(:n::text, 12, '0'), :partner, :reward, current_date, 'MEAL', 'Lunch', 'Canteen', 10, 0, 'PENDING', now(), now() + interval '1 day', now() + interval '2 days', true, now(), repeat('r', 148), gen_random_uuid());
insert into request_cost.outbox_event (event_id, topic, event_key, payload, created_at)
  values (gen_random_uuid(), 'catalog.redemptions', '00000000-0000-4000-b000-' || lpad(:n::text, 12, '0'), repeat('p', 700), now());
update request_cost.idempotency_record set response_body = repeat('b', 600)
  where scope = 'redemption' and caller_id = '00000000-0000-4000-b000-' || lpad(:n::text, 12, '0') and idem_key = :idem_key;
commit;
