package org.communitypoints.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.communitypoints.embedded.PostgresServerSettings;
import org.communitypoints.embedded.PostgresServerSettings.Durability;
import org.communitypoints.embedded.ServiceRoles;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 for tests: the server named by TEST_POSTGRES_URL (with TEST_POSTGRES_USER and
 * TEST_POSTGRES_PASSWORD); else, as {@link TestInfra} chose, a container or an embedded server started once
 * per test JVM from the binaries on the classpath. Each service keeps its tables in its own schema, so one
 * server serves all.
 *
 * <p>
 * Given the init argument {@value #SCHEMA} (the service's schema), the service runs as it does in production: the
 * superuser creates the schema's owner and runtime roles ({@link ServiceRoles}, local defaults), Flyway migrates as
 * the owner and the application connects as the runtime role. The superuser (which TEST_POSTGRES_USER must then be)
 * stays available to tests that must act as an administrator, as {@value #SUPERUSER} and
 * {@value #SUPERUSER_PASSWORD} ({@link TestDatabase}). Without the argument everything connects as the superuser.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: the schema of the service under test, whose roles the service then connects as. */
    public static final String SCHEMA = "schema";
    /** Configuration properties naming the server's superuser for the tests that need one. */
    public static final String SUPERUSER = "test.postgres.superuser";
    public static final String SUPERUSER_PASSWORD = "test.postgres.superuser-password";

    /** Services' pools plus the tests' own connections, with room to spare. */
    static final int MAX_CONNECTIONS = 300;

    private static EmbeddedPostgres embedded;

    private String schema;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.get(SCHEMA);
    }

    @Override
    public Map<String, String> start() {
        String externalUrl = System.getenv("TEST_POSTGRES_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            return datasource(externalUrl, env("TEST_POSTGRES_USER", "postgres"), env("TEST_POSTGRES_PASSWORD", "postgres"));
        }
        if (TestInfra.current() == TestInfra.CONTAINERS) {
            PostgreSQLContainer container = Containers.postgres();
            return datasource(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        // Not zonky's URL, which names the superuser in a parameter that would win over the roles' user names.
        return datasource("jdbc:postgresql://localhost:" + embedded().getPort() + "/postgres", "postgres", "postgres");
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; closed by the shutdown hook.
    }

    /** The embedded server, started on first use. */
    public static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = PostgresServerSettings.builder(durability(), MAX_CONNECTIONS).setPort(0).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is under target/
                }
            }));
        }
        return embedded;
    }

    /** Tests prove logic, not durability: no disk flushes, unless a benchmark sets test.postgres.durable. */
    static Durability durability() {
        return Boolean.getBoolean("test.postgres.durable") ? Durability.DURABLE : Durability.THROW_AWAY;
    }

    private Map<String, String> datasource(String jdbcUrl, String superuser, String superuserPassword) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put(SUPERUSER, superuser);
        config.put(SUPERUSER_PASSWORD, superuserPassword);
        if (schema == null) {
            config.put("quarkus.datasource.username", superuser);
            config.put("quarkus.datasource.password", superuserPassword);
            return config;
        }
        ServiceRoles roles = ServiceRoles.defaults(schema);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, superuser, superuserPassword)) {
            roles.create(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the roles of schema " + schema + " as " + superuser
                    + " (TEST_POSTGRES_USER must be a superuser): " + e.getMessage(), e);
        }
        config.put("quarkus.datasource.username", roles.runtime());
        config.put("quarkus.datasource.password", roles.runtimePassword());
        config.put("quarkus.flyway.username", roles.owner());
        config.put("quarkus.flyway.password", roles.ownerPassword());
        return config;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
