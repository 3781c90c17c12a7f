package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The holds consumer through a database outage longer than the old five attempts (about 6 s): every answer is
 * applied once the database is back, nothing is dead-lettered, and readiness says what is going on meanwhile.
 */
@QuarkusTest
class HoldsOutageTest {

    static final String COMMUNITY = "outage";
    static final PointsSide points = new PointsSide();
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @Inject
    DataSource dataSource;

    @AfterAll
    static void close() {
        points.close();
    }

    @AfterEach
    void databaseBack() throws SQLException {
        sql("drop trigger if exists outage on processed_event");
    }

    @Test
    void pointsHeldArrivingWhileTheDatabaseFailsForLongerThanFiveAttemptsAreAllAppliedAndNoneDeadLettered()
            throws SQLException {
        String shop = catalog.partner("SHOP", "便民小店");
        UUID umbrella = catalog.goods(shop, "雨伞", 6, 10, null);
        List<String> residents = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String resident = catalog.resident(CatalogFixture.unique("outage"));
            residents.add(resident);
            ids.add(CatalogFixture.redeemGoods(resident, umbrella));
        }
        ids.forEach(points::awaitHoldRequested);

        // From now on every transaction that applies an answer fails as when PostgreSQL is not accepting
        // connections (SQLState 57P03); the sequence counts the attempts, since it is not rolled back.
        sql("create sequence if not exists outage_attempts");
        sql("""
                create or replace function refuse_during_outage() returns trigger language plpgsql as $$
                begin
                    perform nextval('outage_attempts');
                    raise exception 'the database system is not accepting connections' using errcode = '57P03';
                end $$""");
        sql("create trigger outage before insert on processed_event for each row execute function refuse_during_outage()");
        long attemptsBefore = attempts();
        List<EventEnvelope> answers = ids.stream().map(id -> points.hold(COMMUNITY, id)).toList();

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> readiness().contains("database unavailable"));
        // Longer than the old policy's five attempts over about 6 s, which then dead-lettered the answer. The bound
        // leaves room for slow polls on a loaded build machine (10 s failed there with the state still PENDING).
        Awaitility.await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20))
                .until(() -> ids.stream().allMatch(id -> "PENDING".equals(state(residents.get(ids.indexOf(id)), id))));
        assertThat("the consumer kept trying", attempts() - attemptsBefore, greaterThan(5L));
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'consumer holds' }.status", equalTo("DOWN"));

        sql("drop trigger outage on processed_event");

        for (int i = 0; i < ids.size(); i++) {
            CatalogFixture.awaitState(residents.get(i), ids.get(i), "CONFIRMED");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().body("checks.find { it.name == 'consumer holds' }.status", equalTo("UP")));
        Set<String> answerIds = answers.stream().map(a -> a.eventId().toString()).collect(Collectors.toSet());
        assertThat("no dead letter stored", count("select count(*) from dead_letter where record_value like '%"
                + ids.get(0) + "%' or record_value like '%" + ids.get(1) + "%' or record_value like '%" + ids.get(2)
                + "%'"), equalTo(0L));
        assertThat("none published", points.kafka.readFor(Topics.deadLetterOf(Topics.HOLDS),
                e -> answerIds.contains(e.eventId().toString()), Duration.ofSeconds(2)), hasSize(0));
    }

    private String state(String resident, UUID id) {
        return CatalogFixture.redemption(resident, id).then().extract().path("state");
    }

    private String readiness() {
        return given().when().get("/q/health/ready").then().extract().asString();
    }

    private long attempts() throws SQLException {
        return count("select last_value + (case when is_called then 0 else -1 end) from outage_attempts");
    }

    private long count(String query) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** As the schema's owner: the application's role may not create triggers, functions or sequences. */
    private void sql(String statement) throws SQLException {
        try (Connection c = TestDatabase.asOwner(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
