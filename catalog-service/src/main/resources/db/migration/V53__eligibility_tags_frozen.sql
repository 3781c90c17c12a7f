-- Means-tested categories moved to the registry's households (community-service, with validity and evidence; the
-- catalog prices from its copy, platform-data's db/membership). The catalog's own per-member tags are history now:
-- nothing prices by them and nothing removes them, so the runtime role loses the DELETE V50 gave it. The rows and
-- their append-only audit stay readable (GET /eligibility/audit).
revoke delete on eligibility from ${runtime_role};
