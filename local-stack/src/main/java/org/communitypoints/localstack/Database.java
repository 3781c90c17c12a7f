package org.communitypoints.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.communitypoints.embedded.PostgresServerSettings;
import org.communitypoints.embedded.PostgresServerSettings.Durability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The suite's PostgreSQL: an embedded PostgreSQL 17 whose data directory survives restarts, or a
 * server the user already runs. One database holds every service's schema (Flyway creates them).
 */
public final class Database implements AutoCloseable {

    /** The database the services use, as in their default POSTGRES_URL. */
    public static final String NAME = "community_points";

    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private Database(EmbeddedPostgres embedded, String jdbcUrl, String user, String password) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * A server started from the bundled binaries; its data stays in {@code dataDir} for the next start.
     * {@link Durability#DURABLE} unless the user asked for a throw-away demo (--fast-unsafe).
     *
     * @param sharedBuffers its buffer cache ({@link StackSettings#postgresSharedBuffers()})
     */
    public static Database embedded(Path dataDir, int port, Path logFile, Durability durability, String sharedBuffers)
            throws IOException {
        Files.createDirectories(dataDir);
        // The unpacked binaries live beside the data, not in /tmp (which may be cleaned or small).
        Path binaries = Files.createDirectories(dataDir.resolveSibling("postgres-binaries"));
        EmbeddedPostgres server = PostgresServerSettings.builder(durability, 200, sharedBuffers)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            createDatabaseIfMissing(server.getJdbcUrl("postgres", "postgres"));
        } catch (SQLException e) {
            server.close();
            throw new IOException("Could not create database " + NAME + ": " + e.getMessage(), e);
        }
        return new Database(server, "jdbc:postgresql://localhost:" + server.getPort() + "/" + NAME, "postgres", "postgres");
    }

    /** A server the user runs: only checked for a working connection. */
    public static Database external(String jdbcUrl, String user, String password) throws IOException {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl, user, password)) {
            return new Database(null, jdbcUrl, user, password);
        } catch (SQLException e) {
            throw new IOException("Cannot connect to POSTGRES_URL " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The port of the embedded server (the one it got when asked for port 0); -1 for an external one. */
    public int port() {
        return embedded == null ? -1 : embedded.getPort();
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static void createDatabaseIfMissing(String adminUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            boolean exists;
            try (var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + NAME + "'")) {
                exists = rows.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + NAME);
            }
        }
    }
}
