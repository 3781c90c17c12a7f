package org.communitypoints.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Connections of a {@code @QuarkusTest} to the service's database as the roles the service does not run as, each
 * in the service's schema: the schema's owner (Flyway's role: it may create objects and alter tables, which a test
 * that stages a failure needs) and the superuser that created the roles (for server-wide settings). The
 * application's own pool connects as the runtime role. Read from the running service's configuration, as
 * {@link PostgresResource} set it.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** A new connection as the owner of the service's schema (quarkus.flyway.username). */
    public static Connection asOwner() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return connect(config, config.getValue("quarkus.flyway.username", String.class),
                config.getOptionalValue("quarkus.flyway.password", String.class).orElse(""));
    }

    /** A new connection as the application's runtime role (quarkus.datasource.username), outside its pool. */
    public static Connection asRuntimeRole() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return connect(config, config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** What an insider test does as the runtime role, on one connection and one statement. */
    @FunctionalInterface
    public interface RuntimeRoleWork {
        void run(Connection connection, Statement statement) throws SQLException;
    }

    /**
     * Runs the work as the application's runtime role in one transaction, rolled back at the end whatever it did: an
     * insider test's rows (holds without postings, transfers without journal entries) never stay for the ledger checks
     * of other tests. Refusals inside it are asserted under savepoints ({@link RuntimeRoleChecks#assertPermissionDenied}).
     */
    public static void asRuntimeRoleRolledBack(RuntimeRoleWork work) throws SQLException {
        try (Connection connection = asRuntimeRole(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection, statement);
            } finally {
                connection.rollback();
            }
        }
    }

    /** A new connection as the server's superuser, which created the service's roles. */
    public static Connection asSuperuser() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return connect(config, config.getValue(PostgresResource.SUPERUSER, String.class),
                config.getOptionalValue(PostgresResource.SUPERUSER_PASSWORD, String.class).orElse(""));
    }

    private static Connection connect(Config config, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        config.getOptionalValue("quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema", String.class)
                .ifPresent(schema -> properties.setProperty("currentSchema", schema));
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), properties);
    }
}
