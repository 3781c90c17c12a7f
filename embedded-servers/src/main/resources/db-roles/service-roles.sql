-- The two PostgreSQL roles of one service and the schema they share. Needs a superuser, once per service and
-- database; safe to run again (it then only resets the passwords and takes back the ownership of anything in the
-- schema that another role created, such as the tables of a database migrated before these roles existed).
--
--   OWNER   owns the schema and everything in it; Flyway connects as it (quarkus.flyway.username). Only it can
--           alter tables, disable triggers or create objects there.
--   RUNTIME the application's datasource (quarkus.datasource.username). It owns nothing: it reads and appends, and
--           updates or deletes only what the service's migrations grant by name (grants follow new tables through
--           the owner's default privileges, set by platform-data's V0_3 migration).
--
-- docker-compose runs this file with psql; ServiceRoles (embedded-servers) runs the same file over JDBC for the
-- tests and the local stack, so it keeps to what both understand: psql variables (:'literal', :"identifier"),
-- one statement per line group ending in ";" or "\gexec" (run the query, then every value it returns).
--
--   psql -v schema=points -v owner=points_owner -v owner_password=... \
--        -v runtime=points_app -v runtime_password=... -f service-roles.sql
\set ON_ERROR_STOP on

-- activity's exclusion constraint uses btree_gist's operator classes; only a superuser may add the extension.
create extension if not exists btree_gist with schema public;

select format('create role %I', :'owner') where not exists (select from pg_roles where rolname = :'owner') \gexec
select format('create role %I', :'runtime') where not exists (select from pg_roles where rolname = :'runtime') \gexec
alter role :"owner" with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password :'owner_password';
alter role :"runtime" with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password :'runtime_password';
-- The runtime role must not inherit the owner's rights by membership.
select format('revoke %I from %I', :'owner', :'runtime') where pg_has_role(:'runtime', :'owner', 'member') \gexec
select format('grant connect on database %I to %I, %I', current_database(), :'owner', :'runtime') \gexec

create schema if not exists :"schema" authorization :"owner";
alter schema :"schema" owner to :"owner";
revoke all on schema :"schema" from public;
grant usage on schema :"schema" to :"runtime";

-- Objects someone else created in the schema (a superuser's Flyway, before these roles) pass to the owner: tables
-- first (their identity sequences follow them), then the sequences left, then functions.
select format('alter table %s owner to %I', c.oid::regclass, :'owner') from pg_class c where c.relnamespace = :'schema'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f') and c.relowner <> :'owner'::regrole \gexec
select format('alter sequence %s owner to %I', c.oid::regclass, :'owner') from pg_class c where c.relnamespace = :'schema'::regnamespace and c.relkind = 'S' and c.relowner <> :'owner'::regrole \gexec
select format('alter routine %s owner to %I', p.oid::regprocedure, :'owner') from pg_proc p where p.pronamespace = :'schema'::regnamespace and p.proowner <> :'owner'::regrole \gexec
