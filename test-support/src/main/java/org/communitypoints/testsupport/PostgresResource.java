package org.communitypoints.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.communitypoints.embedded.PostgresServerSettings;
import org.communitypoints.embedded.PostgresServerSettings.Durability;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 for tests: the server named by TEST_POSTGRES_URL (with TEST_POSTGRES_USER and
 * TEST_POSTGRES_PASSWORD); else, as {@link TestInfra} chose, a container or an embedded server started once
 * per test JVM from the binaries on the classpath. Each service keeps its tables in its own schema, so one
 * server serves all.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** Services' pools plus the tests' own connections, with room to spare. */
    static final int MAX_CONNECTIONS = 300;

    private static EmbeddedPostgres embedded;

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
        return datasource(embedded().getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
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

    private static Map<String, String> datasource(String jdbcUrl, String user, String password) {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
