-- V4's append-only trigger function with the search path pinned, like the others in V50. It reads no table.
alter function catalog.eligibility_audit_append_only() set search_path = pg_catalog, pg_temp;
