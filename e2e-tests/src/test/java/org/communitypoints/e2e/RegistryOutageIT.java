package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.localstack.seed.DemoData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

/**
 * community-service stopped: the other services work from their own copies of the registry, so a registered resident
 * still signs up, serves a verified shift, is credited and redeems, through the gateway; only the registry's own
 * writes are refused, with a 503 problem. Once it is back, a change made then reaches the copies.
 */
@ExtendWith(StackDiagnostics.class)
class RegistryOutageIT {

    private static final String REGISTRY = "community-service";
    /** The shutdown bound ShutdownIT holds every service to. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(10);

    private static Suite suite;
    private static Community community;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
        community = new Community(new Api(suite));
    }

    @Test
    void withTheRegistryDownAResidentStillServesIsCreditedAndRedeemsAndAChangeAfterItsReturnReachesTheCopies()
            throws Exception {
        Suite.Resident volunteer = suite.newResident();
        Suite.Resident returning = suite.newResident();
        Api api = community.api();
        // Before the outage one resident moves out: the copies refuse them (403 MEMBER_MOVED_OUT for their own sign-up)
        // until the registry says otherwise.
        api.as(Community.STAFF).body(Map.of("reason", "端到端测试：暂时搬走"))
                .post("/api/community/residents/" + returning.memberId() + "/move-out").then().statusCode(200);
        String activityId = community.publishRunningActivity("event-help", "E2E 登记处停机 " + volunteer.username())
                .getString("id");
        // Probed on an activity of its own: a sign-up the copy accepted before it learned of the move-out must not
        // make the sign-up after the return a repeat (409 ALREADY_SIGNED_UP).
        String probeActivityId = community.publishRunningActivity("event-help", "E2E 搬离探测 " + returning.username())
                .getString("id");
        await("the move-out in activity-service's copy").atMost(Community.ASYNC).pollInterval(Duration.ofMillis(500))
                .until(() -> signUp(api, returning, probeActivityId), status -> status == 403);

        Suite.Termination stopped = suite.terminate(REGISTRY, STOP_BOUND);
        assertTrue(stopped.endedByItself(), "community-service ended only when killed: " + stopped);
        try {
            api.as(Community.STAFF).header("Idempotency-Key", "e2e-" + UUID.randomUUID())
                    .body(Map.of("name", "停机测试楼 1 号")).post("/api/community/households")
                    .then().statusCode(503).contentType(startsWith("application/problem+json"))
                    .body("code", is("SERVICE_UNAVAILABLE"));

            long earned = community.serveShift(volunteer, "event-help", 120);
            community.awaitBalance(volunteer, earned, 0);
            JsonPath lunch = community.reward(DemoData.LUNCH);
            assertTrue(earned >= lunch.getLong("points"), "the shift pays for the lunch: " + earned);
            String redemptionId = community.redeem(volunteer, lunch.getString("id"), null).getString("id");
            community.awaitRedemption(volunteer, redemptionId, "CONFIRMED");
        } finally {
            suite.startAgain(REGISTRY);
        }

        // Back: registering the resident who moved out reaches activity-service's copy, and they sign up.
        api.as(Community.STAFF).header("Idempotency-Key", "e2e-" + UUID.randomUUID())
                .body(Map.of("memberId", returning.memberId(), "displayName", "回迁居民", "householdId",
                        suite.householdOf(returning), "birthYear", 1980, "volunteerState", "REGISTERED"))
                .post("/api/community/residents").then().statusCode(anyOf(is(200), is(201)))
                .body("status", is("ACTIVE"));
        await("the return in activity-service's copy").atMost(Community.ASYNC).pollInterval(Duration.ofMillis(500))
                .until(() -> signUp(api, returning, activityId), status -> status == 201);
        api.as(Community.GRID_WORKER).get("/api/activity/activities/" + activityId + "/roster").then().statusCode(200)
                .body("signUps.find { it.memberId == '" + returning.memberId() + "' }.displayName", is("回迁居民"));
    }

    private static int signUp(Api api, Suite.Resident resident, String activityId) {
        return api.as(resident).header("Idempotency-Key", "e2e-" + UUID.randomUUID())
                .post("/api/activity/activities/" + activityId + "/sign-ups").statusCode();
    }
}
