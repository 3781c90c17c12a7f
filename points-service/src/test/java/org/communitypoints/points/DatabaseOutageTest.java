package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The database away for longer than the consumer's old six attempts lasted: shifts that arrive meanwhile
 * wait, are credited exactly once when it comes back, and none is dead-lettered; readiness says so meanwhile.
 */
@QuarkusTest
class DatabaseOutageTest {

    private static final String COMMUNITY = "qinghe";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The old policy gave up after 5 attempts over about 3 s and failed the channel; this outage is longer. */
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static KafkaTestClient kafka;

    @Inject
    LedgerChecks ledger;
    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTests();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    @Test
    void shiftsArrivingWhileTheDatabaseIsAwayAreCreditedOnceAfterwardsAndNoneIsDeadLettered() throws Exception {
        List<String> members = new ArrayList<>();
        List<UUID> shifts = new ArrayList<>();
        try (Connection admin = adminConnection()) {
            String database = text(admin, "select current_database()");
            // Every new session gives up on a lock after 300 ms (55P03, a transient failure); the service's pool
            // drops its sessions so that it reconnects with the setting.
            execute(admin, "alter database \"" + database + "\" set lock_timeout = '300ms'");
            try {
                dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
                admin.setAutoCommit(false);
                // every credit reads and writes the journal (its key is the exactly-once record)
                execute(admin, "lock table points.journal_transaction in access exclusive mode");

                for (int i = 0; i < 6; i++) {
                    String member = "resident-" + UUID.randomUUID();
                    UUID shift = UUID.randomUUID();
                    members.add(member);
                    shifts.add(shift);
                    kafka.publish(EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(),
                            LedgerChecks.shift(shift, member, 7, "楼道清扫")));
                }

                await().atMost(WAIT).until(() -> "DOWN".equals(shiftsReadiness()));
                await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).until(
                        () -> "DOWN".equals(shiftsReadiness()) && readinessStatusCode() == 503);
                admin.rollback(); // the database is back
            } finally {
                admin.rollback();
                admin.setAutoCommit(true);
                execute(admin, "alter database \"" + database + "\" reset lock_timeout");
                dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL); // no later test inherits the short timeout
            }
        }

        for (String member : members) {
            await().atMost(WAIT).until(() -> {
                long[] balance = ledger.residentBalance(COMMUNITY, member);
                return balance != null && balance[0] == 7;
            });
        }
        for (UUID shift : shifts) {
            assertEquals(1,
                    ledger.count("select count(*) from journal_transaction where shift_id = ?::uuid", shift.toString()));
        }
        for (String member : members) {
            assertEquals(0, ledger.count("select count(*) from dead_letter where source_topic = ? and record_key = ?",
                    Topics.SHIFTS, member));
        }
        await().atMost(WAIT).until(() -> "UP".equals(shiftsReadiness()) && readinessStatusCode() == 200);
    }

    private static String shiftsReadiness() {
        return given().when().get("/q/health/ready").then().extract()
                .path("checks.find { it.name == 'consumer shifts' }.status");
    }

    private static int readinessStatusCode() {
        return given().when().get("/q/health/ready").then().extract().statusCode();
    }

    /** A session of its own, outside the service's pool, which the test flushes; a database setting needs the superuser. */
    private static Connection adminConnection() throws SQLException {
        return TestDatabase.asSuperuser();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
