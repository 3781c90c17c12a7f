package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.contracts.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo operator (role {@code operator}, of the local identity provider and the Keycloak realm) lists and
 * re-drives dead letters through the gateway; residents and staff are refused them.
 */
@ExtendWith(StackDiagnostics.class)
class OperatorIT {

    /** The demo operator of keycloak/mock-oauth2-server.json and community-realm.json. */
    static final String OPERATOR = "qian-hui";
    static final String OPERATOR_SUBJECT = "00000000-0000-4000-a000-000000000501";

    private static Suite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
        api = new Api(suite);
    }

    @Test
    void operatorListsAndRedrivesAMalformedShiftRecordAndAResidentIsRefused() throws Exception {
        String value = "e2e operator " + UUID.randomUUID() + ": {not a shift event";
        new DeadLetterTopics(suite.kafkaBootstrapServers()).publishRaw(Topics.SHIFTS, "e2e-operator", value);

        long id = awaitDeadLetter(value, null);
        api.as(OPERATOR).get("/api/points/dead-letters/" + id)
                .then().statusCode(200).body("sourceTopic", equalTo(Topics.SHIFTS)).body("state", equalTo("WAITING"))
                .body("value", equalTo(value));

        api.as(OPERATOR).post("/api/points/dead-letters/" + id + "/redrive")
                .then().statusCode(200).body("state", equalTo("REDRIVEN")).body("redrivenBy", equalTo(OPERATOR_SUBJECT));
        // Still malformed: it fails again and comes back as a new dead letter naming the first.
        awaitDeadLetter(value, id);

        for (String refused : List.of(suite.newResident().username(), Community.STAFF)) {
            api.as(refused).get("/api/points/dead-letters")
                    .then().statusCode(403).contentType("application/problem+json").body("code", is("FORBIDDEN"));
            api.as(refused).post("/api/points/dead-letters/" + id + "/redrive").then().statusCode(403);
        }
        // Every data service's dead letters are open to the operator, and nothing else is.
        for (String service : List.of("activity", "catalog")) {
            api.as(OPERATOR).get("/api/" + service + "/dead-letters?state=WAITING").then().statusCode(200);
        }
        api.as(OPERATOR).get("/api/points/me/balance").then().statusCode(403);
    }

    /**
     * Waits until points-service lists a WAITING dead letter of {@code value} on activity.shifts (re-driven from
     * {@code redrivenFrom} when that is not null), and returns its id.
     */
    private static long awaitDeadLetter(String value, Long redrivenFrom) {
        return await("dead letter of " + value + (redrivenFrom == null ? "" : " re-driven from " + redrivenFrom))
                .atMost(Community.ASYNC).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<Map<String, Object>> items = api.as(OPERATOR)
                            .get("/api/points/dead-letters?topic=" + Topics.SHIFTS + "&state=WAITING&limit=500")
                            .then().statusCode(200).extract().jsonPath().getList("items");
                    return items.stream().filter(item -> value.equals(item.get("value")))
                            .filter(item -> redrivenFrom == null ? item.get("redrivenFrom") == null
                                    : item.get("redrivenFrom") instanceof Number from && from.longValue() == redrivenFrom)
                            .map(item -> ((Number) item.get("id")).longValue()).findFirst().orElse(-1L);
                }, found -> found > 0);
    }
}
