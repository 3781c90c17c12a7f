package org.communitypoints.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.communitypoints.embedded.PostgresServerSettings.Durability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

class ServiceRolesTest {

    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServerSettings.builder(Durability.THROW_AWAY, 50).setPort(0).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theDefaultsAreNamedAfterTheSchemaAndTheVariablesOverrideThem() {
        ServiceRoles defaults = ServiceRoles.defaults("points");
        assertEquals("points_owner", defaults.owner());
        assertEquals("points_app", defaults.runtime());
        assertEquals("points_app", defaults.runtimePassword());

        ServiceRoles configured = ServiceRoles.fromEnvironment("points", Map.of("POINTS_DB_USER", "ledger_rw",
                "POINTS_DB_PASSWORD", "s3cret", "POINTS_DB_OWNER", "ledger_ddl", "POINTS_DB_OWNER_PASSWORD", "0wn"));
        assertEquals(Map.of("POINTS_DB_USER", "ledger_rw", "POINTS_DB_PASSWORD", "s3cret", "POINTS_DB_OWNER", "ledger_ddl",
                "POINTS_DB_OWNER_PASSWORD", "0wn"), configured.serviceEnvironment());
        assertFalse(configured.toString().contains("s3cret"), configured.toString());
    }

    @Test
    void aNameTheMigrationsCouldNotUseUnquotedIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ServiceRoles.fromEnvironment("points", Map.of("POINTS_DB_USER", "Points-App")));
        assertThrows(IllegalArgumentException.class,
                () -> ServiceRoles.fromEnvironment("points", Map.of("POINTS_DB_USER", "points_owner")));
    }

    @Test
    void theOwnerOwnsTheSchemaAndTheRuntimeRoleCanCreateNothing() throws Exception {
        ServiceRoles roles = ServiceRoles.defaults("ledger_a");
        try (Connection superuser = superuser()) {
            roles.create(superuser);
        }
        try (Connection owner = as(roles.owner()); Statement statement = owner.createStatement()) {
            statement.execute("create table ledger_a.entry (id bigint generated always as identity primary key)");
        }
        try (Connection runtime = as(roles.runtime()); Statement statement = runtime.createStatement()) {
            assertEquals("42501", assertThrows(SQLException.class,
                    () -> statement.execute("create table ledger_a.intruder (id int)")).getSQLState());
            assertEquals("42501", assertThrows(SQLException.class,
                    () -> statement.execute("create table public.intruder (id int)")).getSQLState());
            assertEquals("42501", assertThrows(SQLException.class,
                    () -> statement.execute("alter table ledger_a.entry add column note text")).getSQLState());
            assertFalse(bool(runtime,
                    "select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user"));
        }
    }

    @Test
    void runningItAgainTakesBackWhatASuperuserCreatedInTheSchemaAndKeepsTheRest() throws Exception {
        ServiceRoles roles = ServiceRoles.defaults("ledger_b");
        try (Connection superuser = superuser(); Statement statement = superuser.createStatement()) {
            // a database whose migrations ran as the superuser before the roles existed
            statement.execute("create schema ledger_b");
            statement.execute("create table ledger_b.entry (id bigint generated always as identity primary key, note text)");
            statement.execute("create sequence ledger_b.change_seq");
            statement.execute(
                    "create function ledger_b.refuse() returns trigger language plpgsql as $$ begin return null; end $$");
            statement.execute("insert into ledger_b.entry (note) values ('kept')");

            roles.create(superuser);
            roles.create(superuser);

            for (String owned : new String[] { "ledger_b.entry", "ledger_b.entry_id_seq", "ledger_b.change_seq" }) {
                assertEquals("ledger_b_owner", text(superuser,
                        "select pg_get_userbyid(relowner) from pg_class where oid = '" + owned + "'::regclass"), owned);
            }
            assertEquals("ledger_b_owner",
                    text(superuser, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'ledger_b'"));
            assertEquals("ledger_b_owner",
                    text(superuser, "select pg_get_userbyid(proowner) from pg_proc where proname = 'refuse'"));
            assertEquals("kept", text(superuser, "select note from ledger_b.entry"));
        }
    }

    @Test
    void theRuntimeRoleIsNoMemberOfTheOwner() throws Exception {
        ServiceRoles roles = ServiceRoles.defaults("ledger_c");
        try (Connection superuser = superuser(); Statement statement = superuser.createStatement()) {
            roles.create(superuser);
            statement.execute("grant ledger_c_owner to ledger_c_app");
            roles.create(superuser);
            assertFalse(bool(superuser, "select pg_has_role('ledger_c_app', 'ledger_c_owner', 'member')"));
        }
    }

    @Test
    void theScriptIsReadStatementByStatementWithItsVariablesQuoted() {
        ServiceRoles roles = new ServiceRoles("points", "points_owner", "it's", "points_app", "app");
        assertTrue(roles.steps().contains("alter role \"points_owner\" with login nosuperuser nocreatedb nocreaterole"
                + " noreplication nobypassrls password 'it''s'"), String.join("\n", roles.steps()));
        assertTrue(roles.steps().stream().noneMatch(step -> step.contains(":'") || step.contains(":\"")));
    }

    private static Connection superuser() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    private static Connection as(String role) throws SQLException {
        return DriverManager.getConnection(server.getJdbcUrl(role, "postgres"), role, role);
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getString(1);
        }
    }

    private static boolean bool(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getBoolean(1);
        }
    }
}
