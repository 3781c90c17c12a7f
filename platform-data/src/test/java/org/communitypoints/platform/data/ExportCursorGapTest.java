package org.communitypoints.platform.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The export cursor against real PostgreSQL: transactions that commit out of order must not make a reader
 * skip a row. Plain JDBC connections, so the test controls exactly when each writer commits.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class ExportCursorGapTest {

    private String batch;

    @BeforeEach
    void table() throws SQLException {
        batch = UUID.randomUUID().toString();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("""
                    create table if not exists export_cursor_probe (
                        seq        bigint generated always as identity,
                        writer_xid xid8 not null default pg_current_xact_id(),
                        batch      text not null,
                        label      text not null)""");
        }
    }

    @Test
    void aRowOfAnEarlierTransactionThatCommitsLastIsNotSkipped() throws SQLException {
        try (Connection early = writer(); Connection late = writer()) {
            insert(early, "early"); // takes the smaller xid and sequence, commits last
            insert(late, "late");
            late.commit();

            List<String> readWhileEarlyRuns = new ArrayList<>();
            ExportCursor cursor = readAll(ExportCursor.START, readWhileEarlyRuns);
            early.commit();
            List<String> readAfterwards = new ArrayList<>();
            readAll(cursor, readAfterwards);

            assertEquals(List.of(), readWhileEarlyRuns, "nothing at or past a running writer's horizon is handed out");
            assertEquals(List.of("early", "late"), readAfterwards);
        }
    }

    @Test
    void pagesWalkEveryCommittedRowOnceInWriterOrder() throws SQLException {
        for (String label : List.of("a", "b", "c", "d", "e")) {
            try (Connection c = writer()) {
                insert(c, label);
                c.commit();
            }
        }
        List<String> read = new ArrayList<>();
        ExportCursor cursor = ExportCursor.START;
        for (int pages = 0; pages < 10; pages++) {
            List<String> page = new ArrayList<>();
            ExportCursor next = page(cursor, 2, page);
            read.addAll(page);
            if (page.isEmpty()) {
                assertEquals(cursor, next, "an empty page keeps the cursor");
                break;
            }
            cursor = ExportCursor.parse(next.encode()); // as a client would send it back
        }

        assertEquals(List.of("a", "b", "c", "d", "e"), read);
    }

    private ExportCursor readAll(ExportCursor from, List<String> into) throws SQLException {
        ExportCursor cursor = from;
        while (true) {
            List<String> page = new ArrayList<>();
            cursor = page(cursor, 100, page);
            if (page.isEmpty()) {
                return cursor;
            }
            into.addAll(page);
        }
    }

    private ExportCursor page(ExportCursor cursor, int size, List<String> labels) throws SQLException {
        record Row(String xid, long seq, String label) {
        }
        List<Row> rows = new ArrayList<>();
        try (Connection c = connect();
                PreparedStatement select = c.prepareStatement(
                        "select writer_xid::text, seq, label from export_cursor_probe where batch = ? and "
                                + ExportCursor.pageCondition("writer_xid", "seq") + " order by writer_xid, seq limit ?")) {
            select.setString(1, batch);
            select.setString(2, cursor.writerXid());
            select.setLong(3, cursor.sequence());
            select.setInt(4, size);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getString(3)));
                }
            }
        }
        rows.forEach(r -> labels.add(r.label()));
        return cursor.next(rows, Row::xid, Row::seq);
    }

    private void insert(Connection c, String label) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into export_cursor_probe (batch, label) values (?, ?)")) {
            insert.setString(1, batch);
            insert.setString(2, label);
            insert.executeUpdate();
        }
    }

    private static Connection writer() throws SQLException {
        Connection c = connect();
        c.setAutoCommit(false);
        return c;
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        properties.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
        properties.setProperty("password", config.getValue("quarkus.datasource.password", String.class));
        properties.setProperty("currentSchema", "platform_test");
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), properties);
    }
}
