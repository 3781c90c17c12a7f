-- Least privilege. Flyway runs as the owner of the service's schema; the application connects as the runtime role
-- (quarkus.datasource.username, the ${runtime_role} placeholder), which owns nothing: it cannot alter a table,
-- disable a trigger or create anything, so the append-only triggers and the revokes mean something.
--
-- The runtime role reads and appends everywhere in the schema, tables to come included: the owner's default
-- privileges give every table it creates later SELECT and INSERT, and every sequence USAGE and SELECT (nextval of
-- identity columns and column defaults). UPDATE and DELETE are never given by default: each is granted by name
-- where a table's rows legitimately change, here for the platform tables and in each service's own migrations.
alter default privileges in schema ${flyway:defaultSchema} grant select, insert on tables to ${runtime_role};
alter default privileges in schema ${flyway:defaultSchema} grant usage, select on sequences to ${runtime_role};
grant select, insert on all tables in schema ${flyway:defaultSchema} to ${runtime_role};
grant usage, select on all sequences in schema ${flyway:defaultSchema} to ${runtime_role};

-- The relay locks the rows it sends (select ... for update needs UPDATE) and deletes them once Kafka has them.
grant update, delete on outbox_event to ${runtime_role};
-- The first answer to an Idempotency-Key is stored in the row claimed before the answer was computed.
grant update (response_body) on idempotency_record to ${runtime_role};
-- A re-drive marks the dead letter (and locks it first); what failed, when and why stays as it was written.
grant update (state, redriven_at, redriven_by) on dead_letter to ${runtime_role};

-- Flyway's own history is the owner's alone: a row written there by the application could make a migration (a
-- grant, a trigger) look applied without ever running. (Not revoked from a runtime role that is the owner itself,
-- which would lock Flyway out of its own table.)
do $$
begin
    if '${runtime_role}' <> current_user then
        revoke all on ${flyway:defaultSchema}.${flyway:table} from ${runtime_role};
    end if;
end $$;
