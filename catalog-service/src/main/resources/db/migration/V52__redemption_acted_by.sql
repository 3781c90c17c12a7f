-- A proxy (代办) may redeem for a resident (On-Behalf-Of with a REDEEM grant in the registry copy): the redemption
-- records who placed it beside whose points pay, "X for Y", and HoldRequested carries it to points-service. Null
-- when the resident placed it themself; never the resident themself.
alter table redemption add column acted_by text;
alter table redemption add constraint redemption_acted_by_is_someone_else check (acted_by is null or acted_by <> member_id);
