package org.communitypoints.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.communitypoints.embedded.PostgresServerSettings.Durability;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

class PostgresServerSettingsTest {

    @Test
    void aDurableServerFlushesEveryCommitToDiskWithTheBufferCacheItIsGiven() throws Exception {
        try (EmbeddedPostgres server = PostgresServerSettings.builder(Durability.DURABLE, 50, "192MB").setPort(0)
                .start()) {
            assertEquals("on", setting(server, "fsync"));
            assertEquals("on", setting(server, "synchronous_commit"));
            assertEquals("on", setting(server, "full_page_writes"));
            assertEquals("50", setting(server, "max_connections"));
            assertEquals("192MB", setting(server, "shared_buffers"));
        }
    }

    @Test
    void aThrowAwayServerSkipsTheDiskFlushesWithPostgresDefaultBufferCache() throws Exception {
        try (EmbeddedPostgres server = PostgresServerSettings.builder(Durability.THROW_AWAY, 300).setPort(0).start()) {
            assertEquals("off", setting(server, "fsync"));
            assertEquals("off", setting(server, "synchronous_commit"));
            assertEquals("off", setting(server, "full_page_writes"));
            assertEquals("300", setting(server, "max_connections"));
            assertEquals(PostgresServerSettings.DEFAULT_SHARED_BUFFERS, setting(server, "shared_buffers"));
        }
    }

    private static String setting(EmbeddedPostgres server, String name) throws Exception {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
