-- The runtime role's changes for the insider controls and re-sent answers (V3-V5), as V50 grants them for the rest
-- (README "Database roles"). control_audit stays append-only: SELECT and INSERT only.

-- A pending adjustment or funding is decided once, by a second staff member; what was asked is never edited.
grant update (status, decided_by, decided_at, decision_reason) on points.staff_transfer to ${runtime_role};
-- An answer recorded before V3 gets its envelope filled in when it is first sent again.
grant update (envelope) on points.hold_answer to ${runtime_role};

alter function points.refuse_audit_change() set search_path = pg_catalog, pg_temp;
