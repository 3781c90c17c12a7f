package org.communitypoints.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for tests: the server named by TEST_POSTGRES_URL (with TEST_POSTGRES_USER and
 * TEST_POSTGRES_PASSWORD), or else an embedded PostgreSQL 17 started once per test JVM from the
 * binaries on the classpath. Each service keeps its tables in its own schema, so one server serves all.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres embedded;

    @Override
    public Map<String, String> start() {
        String externalUrl = System.getenv("TEST_POSTGRES_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", externalUrl,
                    "quarkus.datasource.username", env("TEST_POSTGRES_USER", "postgres"),
                    "quarkus.datasource.password", env("TEST_POSTGRES_PASSWORD", "postgres"));
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", embedded().getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; closed by the shutdown hook.
    }

    /** The embedded server, started on first use. */
    public static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setPort(0)
                        .setServerConfig("max_connections", "300");
                if (!Boolean.getBoolean("test.postgres.durable")) {
                    // Tests prove logic, not durability: skip the disk flushes (benchmarks set test.postgres.durable).
                    builder.setServerConfig("fsync", "off")
                            .setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off");
                }
                embedded = builder.start();
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

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
