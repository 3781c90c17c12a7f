package org.communitypoints.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

/**
 * What least privilege must mean for a data service (README "Database roles"): the application connects as a role
 * that owns nothing, so it can neither edit an append-only table, disable a trigger nor create anything; it reads
 * and appends everywhere in its schema, tables added later included; and it may update or delete only in the
 * tables its migrations name. A service's {@code @QuarkusTest} (whose tests all run as that role) extends this.
 */
public abstract class RuntimeRoleChecks {

    private static final String PERMISSION_DENIED = "42501";

    @Inject
    DataSource dataSource;

    /** The service's schema. */
    protected abstract String schema();

    /** Tables whose rows are never changed or removed: UPDATE, DELETE and TRUNCATE are refused. */
    protected abstract List<String> appendOnlyTables();

    /** A table and the name of one of its triggers, which the application must not be able to disable. */
    protected abstract String[] tableAndTrigger();

    /**
     * Every table in which the application may change or remove rows, with what it may do: "DELETE", "UPDATE" for
     * the whole row or "UPDATE (a, b)" for those columns. Each grant is in a migration beside its reason.
     */
    protected abstract Map<String, String> changeableTables();

    @Test
    void theServiceConnectsAsARoleThatIsNoSuperuserAndOwnsNothing() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String role = text(connection, "select current_user");
            assertEquals(configuredRuntimeRole(), role);
            assertFalse(bool(connection, "select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls"
                    + " from pg_roles where rolname = current_user"), role + " has administrator rights");
            assertEquals(0L, number(connection, """
                    select (select count(*) from pg_class where relowner = current_user::regrole)
                         + (select count(*) from pg_proc where proowner = current_user::regrole)
                         + (select count(*) from pg_namespace where nspowner = current_user::regrole)"""),
                    role + " owns objects");
            assertEquals(0L, number(connection, "select count(*) from pg_auth_members where member = current_user::regrole"),
                    role + " is a member of another role and may inherit its rights");
        }
    }

    @Test
    void updatingDeletingOrTruncatingAnAppendOnlyTableIsRefused() throws SQLException {
        for (String table : appendOnlyTables()) {
            String qualified = schema() + "." + table;
            String column = firstColumn(qualified);
            assertRefused("update " + qualified + " set " + column + " = " + column);
            assertRefused("delete from " + qualified);
            assertRefused("truncate " + qualified);
        }
    }

    @Test
    void disablingATriggerIsRefused() throws SQLException {
        String[] guarded = tableAndTrigger();
        assertRefused("alter table " + schema() + "." + guarded[0] + " disable trigger " + guarded[1]);
        assertRefused("alter table " + schema() + "." + guarded[0] + " disable trigger all");
    }

    @Test
    void creatingATableOrAFunctionIsRefused() throws SQLException {
        assertRefused("create table " + schema() + ".intruder (id int)");
        assertRefused("create table public.intruder (id int)");
        assertRefused("create function " + schema() + ".intruder() returns int language sql as 'select 1'");
    }

    @Test
    void everyTableOfTheSchemaIsReadableAndAppendableButOnlyTheNamedOnesChangeable() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, String> changeable = new TreeMap<>();
            for (String table : tables(connection)) {
                String qualified = schema() + "." + table;
                assertTrue(bool(connection, "select has_any_column_privilege('" + qualified + "', 'SELECT')"
                        + " and has_any_column_privilege('" + qualified + "', 'INSERT')"),
                        table + " cannot be read or appended to: is it created by the schema's owner?");
                String change = change(connection, qualified);
                if (!change.isEmpty()) {
                    changeable.put(table, change);
                }
            }
            assertEquals(new TreeMap<>(changeableTables()), changeable,
                    "the tables the application may change; a new one needs a grant in a migration and a line here");
        }
    }

    @Test
    void aTableTheOwnerCreatesLaterIsReadableAndAppendableAtOnce() throws SQLException {
        String runtime = configuredRuntimeRole();
        try (Connection owner = TestDatabase.asOwner()) {
            owner.setAutoCommit(false);
            try (Statement statement = owner.createStatement()) {
                statement.execute(
                        "create table " + schema() + ".grants_probe (id bigint generated always as identity, note text)");
                String table = "'" + schema() + ".grants_probe'";
                assertTrue(bool(owner, "select has_table_privilege('" + runtime + "', " + table + ", 'SELECT')"
                        + " and has_table_privilege('" + runtime + "', " + table + ", 'INSERT')"));
                assertFalse(bool(owner, "select has_table_privilege('" + runtime + "', " + table + ", 'UPDATE')"
                        + " or has_table_privilege('" + runtime + "', " + table + ", 'DELETE')"
                        + " or has_table_privilege('" + runtime + "', " + table + ", 'TRUNCATE')"));
            } finally {
                owner.rollback();
            }
        }
    }

    @Test
    void theMigrationHistoryIsOutOfTheApplicationsReach() throws SQLException {
        assertRefused("insert into " + schema() + ".flyway_schema_history (installed_rank) values (-1)");
    }

    /**
     * Processed-event marks and Idempotency-Key answers are forgotten only through the schema's retention functions
     * (platform migration V0_4), and never younger than their floor (14 and 7 days) whatever window the caller asks
     * for: an insider with the application's credentials cannot forget the mark of an event Kafka may still
     * redeliver, or the answer to a key a client may still retry, and so apply either twice.
     */
    @Test
    void oldBookkeepingIsForgottenOnlyThroughTheRetentionFunctionsAndNeverBeforeItsFloor() throws SQLException {
        String s = schema() + ".";
        String probe = "retention-probe-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // Appending with a time of one's choosing is allowed (insert is); it makes the records old here.
            statement.execute("insert into " + s + "processed_event (event_id, event_type, processed_at) values"
                    + " ('" + uuidOf(probe, 1) + "', '" + probe + "', now() - interval '15 days'),"
                    + " ('" + uuidOf(probe, 2) + "', '" + probe + "', now() - interval '13 days')");
            statement.execute("insert into " + s + "idempotency_record (scope, caller_id, idem_key, request_hash,"
                    + " created_at) values ('" + probe + "', 'c', 'eight-days', 'h', now() - interval '8 days'),"
                    + " ('" + probe + "', 'c', 'six-days', 'h', now() - interval '6 days')");
        }
        assertRefused("delete from " + s + "processed_event where event_type = '" + probe + "'");
        assertRefused("delete from " + s + "idempotency_record where scope = '" + probe + "'");

        try (Connection connection = dataSource.getConnection()) {
            // A second's window, far below both floors: what is younger than the floor stays.
            assertTrue(number(connection, "select " + s + "forget_processed_events(interval '1 second', 1000000)") >= 1);
            assertTrue(number(connection, "select " + s + "forget_idempotency_records(interval '1 second', 1000000)") >= 1);
            assertEquals("13 days", text(connection, "select coalesce(string_agg(extract(day from now() - processed_at)"
                    + " || ' days', ','), 'none') from " + s + "processed_event where event_type = '" + probe + "'"));
            assertEquals("six-days", text(connection, "select coalesce(string_agg(idem_key, ','), 'none') from " + s
                    + "idempotency_record where scope = '" + probe + "'"));
            // A window longer than the floor is kept as asked: nothing of 13 days goes with 20.
            statement(connection, "select " + s + "forget_processed_events(interval '20 days', 1000000)");
            assertEquals(1L, number(connection, "select count(*) from " + s + "processed_event where event_type = '"
                    + probe + "'"));
            assertFalse(bool(connection, "select has_function_privilege('public', '" + s
                    + "forget_processed_events(interval, integer)', 'EXECUTE')"), "anybody may forget marks");
        }
    }

    private static UUID uuidOf(String probe, int n) {
        return UUID.nameUUIDFromBytes((probe + n).getBytes(StandardCharsets.UTF_8));
    }

    private static void statement(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void assertRefused(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertPermissionDenied(connection, sql);
        }
    }

    /**
     * Asserts that the statement is refused with 42501 (insufficient privilege: a missing grant, or a trigger that
     * refuses what the role may not do). Inside a transaction it runs under a savepoint, rolled back after, so the
     * transaction goes on.
     */
    public static void assertPermissionDenied(Connection connection, String sql) throws SQLException {
        Savepoint before = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
            assertEquals(PERMISSION_DENIED, refused.getSQLState(), sql + ": " + refused.getMessage());
        } finally {
            if (before != null) {
                connection.rollback(before);
            }
        }
    }

    private List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select c.relname from pg_class c
                where c.relnamespace = ?::regnamespace and c.relkind in ('r', 'p') and c.relname <> 'flyway_schema_history'
                order by c.relname""")) {
            select.setString(1, schema());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    /** "DELETE, UPDATE", "UPDATE (a, b)" or "" for what the current role may change in the table. */
    private static String change(Connection connection, String qualified) throws SQLException {
        List<String> rights = new ArrayList<>();
        if (bool(connection, "select has_table_privilege('" + qualified + "', 'DELETE')")) {
            rights.add("DELETE");
        }
        if (bool(connection, "select has_table_privilege('" + qualified + "', 'UPDATE')")) {
            rights.add("UPDATE");
        } else {
            List<String> columns = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select attname from pg_attribute where attrelid = '"
                            + qualified + "'::regclass and attnum > 0 and not attisdropped"
                            + " and has_column_privilege(attrelid, attnum, 'UPDATE') order by attnum")) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
            if (!columns.isEmpty()) {
                rights.add("UPDATE (" + String.join(", ", columns) + ")");
            }
        }
        if (bool(connection, "select has_table_privilege('" + qualified + "', 'TRUNCATE')")) {
            rights.add("TRUNCATE");
        }
        return String.join(", ", rights);
    }

    private String firstColumn(String qualified) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // a column an UPDATE may name (not an identity or generated one), so that only the privilege can refuse it
            return text(connection, "select attname from pg_attribute where attrelid = '" + qualified
                    + "'::regclass and attnum > 0 and not attisdropped and attidentity = '' and attgenerated = ''"
                    + " order by attnum limit 1");
        }
    }

    private static String configuredRuntimeRole() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.datasource.username",
                String.class);
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getString(1);
        }
    }

    private static long number(Connection connection, String sql) throws SQLException {
        return Long.parseLong(text(connection, sql));
    }

    private static boolean bool(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getBoolean(1);
        }
    }
}
