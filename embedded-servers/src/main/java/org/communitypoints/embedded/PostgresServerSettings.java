package org.communitypoints.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The settings of every embedded PostgreSQL 17 the suite starts, in one place: the tests' throw-away
 * server and the local stack's durable one differ only in {@link Durability}, connection count and buffer cache.
 */
public final class PostgresServerSettings {

    /** Whether a committed transaction must survive a crash of the machine. */
    public enum Durability {
        /** fsync and synchronous commit on: what a real deployment runs, and the local stack's default. */
        DURABLE,
        /**
         * No disk flushes: a crash may lose or corrupt the data directory. For tests, which prove logic and
         * start from an empty server, and for demos started with --fast-unsafe.
         */
        THROW_AWAY
    }

    /** PostgreSQL's own default buffer cache: enough for a test's database, which stays small. */
    public static final String DEFAULT_SHARED_BUFFERS = "128MB";

    private PostgresServerSettings() {
    }

    /** A zonky builder with the settings applied and the default buffer cache, for a test's server. */
    public static EmbeddedPostgres.Builder builder(Durability durability, int maxConnections) {
        return builder(durability, maxConnections, DEFAULT_SHARED_BUFFERS);
    }

    /**
     * A zonky builder with the settings applied; the caller adds port, data directory and output.
     *
     * @param sharedBuffers the buffer cache ({@code shared_buffers}, e.g. {@code 3GB})
     */
    public static EmbeddedPostgres.Builder builder(Durability durability, int maxConnections, String sharedBuffers) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        serverConfig(durability, maxConnections, sharedBuffers).forEach(builder::setServerConfig);
        return builder;
    }

    /** The server parameters ({@code postgres -c name=value}) for that durability, with the default buffer cache. */
    public static Map<String, String> serverConfig(Durability durability, int maxConnections) {
        return serverConfig(durability, maxConnections, DEFAULT_SHARED_BUFFERS);
    }

    /** The server parameters ({@code postgres -c name=value}) for that durability. */
    public static Map<String, String> serverConfig(Durability durability, int maxConnections, String sharedBuffers) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("max_connections", String.valueOf(maxConnections));
        config.put("shared_buffers", sharedBuffers);
        boolean durable = durability == Durability.DURABLE;
        config.put("fsync", durable ? "on" : "off");
        config.put("synchronous_commit", durable ? "on" : "off");
        config.put("full_page_writes", durable ? "on" : "off");
        return config;
    }
}
