package org.communitypoints.platform.data;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An operator lists and re-drives dead letters; each re-drive publishes once, and a relapse comes back. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class DeadLetterResourceTest {

    static final String TOPIC = InboundRecordsTest.TOPIC;
    static final Duration WAIT = InboundRecordsTest.WAIT;
    static final String OPERATOR = Tokens.claims("op-zhang", "wutong", Operators.ROLE).sign();

    @Inject
    EntityManager entityManager;

    @Test
    void aRedriveCalledTwicePublishesOnceAndTheFixedRecordIsAppliedOnce() {
        String key = "fixable-" + UUID.randomUUID();
        long id = deadLettered(key, "fixable");
        ProbeConsumers.FIXED.add(key);

        given().auth().oauth2(OPERATOR).when().post("/dead-letters/{id}/redrive", id)
                .then().statusCode(200)
                .header(IdempotentRequests.REPLAYED_HEADER, nullValue())
                .body("state", is("REDRIVEN"))
                .body("redrivenBy", is("op-zhang"))
                .body("redrivenAt", notNullValue());
        given().auth().oauth2(OPERATOR).when().post("/dead-letters/{id}/redrive", id)
                .then().statusCode(200)
                .header(IdempotentRequests.REPLAYED_HEADER, is("true"))
                .body("state", is("REDRIVEN"));

        List<ConsumerRecord<String, String>> redriven = RawKafka.readFor(TOPIC,
                r -> String.valueOf(id).equals(RawKafka.header(r, DeadLetters.ID_HEADER)), Duration.ofSeconds(5));
        assertEquals(1, redriven.size(), "published once for two calls");
        assertEquals(key, redriven.get(0).key());
        assertEquals("fixable", redriven.get(0).value());
        assertEquals("t-7", RawKafka.header(redriven.get(0), "trace-id"), "the original headers are re-driven too");
        await().atMost(WAIT).until(() -> count("select count(*) from probe_applied where event_key = '" + key + "'") == 1);
        assertEquals(1, count("select count(*) from dead_letter where record_key = '" + key + "'"));
    }

    @Test
    void aRedrivenRecordThatFailsAgainComesBackAsANewDeadLetterNamingTheFirst() {
        String key = "bad-again-" + UUID.randomUUID();
        long first = deadLettered(key, "bad");

        given().auth().oauth2(OPERATOR).when().post("/dead-letters/{id}/redrive", first).then().statusCode(200);

        await().atMost(WAIT).until(() -> count("select count(*) from dead_letter where record_key = '" + key + "'") == 2);
        given().auth().oauth2(OPERATOR).queryParam("topic", TOPIC).queryParam("state", "WAITING").queryParam("limit", 500)
                .when().get("/dead-letters")
                .then().statusCode(200)
                .body("items.findAll { it.key == '" + key + "' }.redrivenFrom", contains((int) first))
                .body("items.findAll { it.key == '" + key + "' }.reason", everyItem(org.hamcrest.Matchers
                        .containsString("is malformed")));
        List<ConsumerRecord<String, String>> letters = RawKafka.readFor(TOPIC + ".dead-letter",
                r -> key.equals(r.key()), Duration.ofSeconds(5));
        assertEquals(2, letters.size());
        assertEquals(String.valueOf(first), RawKafka.header(letters.get(1), DeadLetters.REDRIVEN_FROM_HEADER));
    }

    @Test
    void allWaitingDeadLettersOfATopicAreRedrivenAtOnce() {
        String topic = "probe.events";
        String key = "fixable-all-" + UUID.randomUUID();
        long id = deadLettered(key, "fixable");
        ProbeConsumers.FIXED.add(key);

        given().auth().oauth2(OPERATOR).queryParam("topic", topic).when().post("/dead-letters/redrive")
                .then().statusCode(200)
                .body("topic", is(topic))
                .body("items.id", hasItem((int) id));

        given().auth().oauth2(OPERATOR).when().get("/dead-letters/{id}", id)
                .then().statusCode(200).body("state", is("REDRIVEN")).body("redrivenBy", is("op-zhang"));
        await().atMost(WAIT).until(() -> count("select count(*) from probe_applied where event_key = '" + key + "'") == 1);
    }

    @Test
    void badListParametersAreProblemsNamingTheParameter() {
        given().auth().oauth2(OPERATOR).queryParam("state", "LOST").when().get("/dead-letters")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", is("INVALID_STATE")).body("errors[0].field", is("state"));
        given().auth().oauth2(OPERATOR).queryParam("limit", "0").when().get("/dead-letters")
                .then().statusCode(400).body("code", is("INVALID_LIMIT")).body("errors[0].field", is("limit"));
        given().auth().oauth2(OPERATOR).queryParam("limit", "many").when().get("/dead-letters")
                .then().statusCode(400).body("code", is("INVALID_LIMIT"));
        given().auth().oauth2(OPERATOR).queryParam("after", "yesterday").when().get("/dead-letters")
                .then().statusCode(400).body("code", is("INVALID_CURSOR")).body("errors[0].field", is("after"));
        given().auth().oauth2(OPERATOR).when().post("/dead-letters/redrive")
                .then().statusCode(400).body("code", is("TOPIC_REQUIRED")).body("errors[0].field", is("topic"));
        given().auth().oauth2(OPERATOR).when().get("/dead-letters/{id}", Long.MAX_VALUE)
                .then().statusCode(404).body("code", is("DEAD_LETTER_NOT_FOUND"));
    }

    @Test
    void onlyAnOperatorMaySeeOrRedriveDeadLetters() {
        given().when().get("/dead-letters").then().statusCode(401);
        given().auth().oauth2(Tokens.resident("li-mei", "wutong")).when().get("/dead-letters").then().statusCode(403);
        given().auth().oauth2(Tokens.staff("staff-wu", "wutong")).when().post("/dead-letters/1/redrive")
                .then().statusCode(403);
    }

    private long deadLettered(String key, String value) {
        RawKafka.publish(TOPIC, key, value, "trace-id", "t-7");
        await().atMost(WAIT).until(() -> count("select count(*) from dead_letter where record_key = '" + key + "'") == 1);
        return count("select id from dead_letter where record_key = '" + key + "'");
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
