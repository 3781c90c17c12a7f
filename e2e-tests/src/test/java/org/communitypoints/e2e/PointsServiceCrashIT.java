package org.communitypoints.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.communitypoints.localstack.seed.DemoData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

/**
 * points-service is killed with SIGKILL while verified shifts and a redemption are on their way to it, and
 * started again: nothing is lost (every shift credited, the redemption confirmed) and nothing is doubled
 * (each shift credited once, the books balance).
 */
@ExtendWith(StackDiagnostics.class)
class PointsServiceCrashIT {

    private static final Duration AFTER_RESTART = Duration.ofSeconds(180);

    private static Suite suite;
    private static Community community;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
        community = new Community(new Api(suite));
    }

    @Test
    void killedAndRestartedMidFlowLosesNothingAndDuplicatesNothing() throws Exception {
        int perHour = community.pointsPerHour("garbage-sorting");
        // A resident with points already, whose redemption will be in flight when the service dies.
        Suite.Resident buyer = suite.newResident();
        long buyerEarned = community.serveShift(buyer, "event-help", 180);
        community.awaitBalance(buyer, buyerEarned, 0);
        JsonPath lunch = community.reward(DemoData.LUNCH);
        long lunchPrice = lunch.getLong("points");

        List<Suite.Resident> beforeKill = List.of(suite.newResident(), suite.newResident(), suite.newResident());
        List<Suite.Resident> whileDown = List.of(suite.newResident(), suite.newResident());
        List<Suite.Resident> volunteers = new ArrayList<>(beforeKill);
        volunteers.addAll(whileDown);
        JsonPath activity = community.publishRunningActivity("garbage-sorting", "垃圾分类督导 E2E 崩溃恢复");
        String activityId = activity.getString("id");
        Instant startsAt = Instant.parse(activity.getString("startsAt"));
        for (Suite.Resident volunteer : volunteers) {
            community.signUp(volunteer, activityId);
        }

        // Shifts verified and a redemption asked for, then SIGKILL right away: their events are in flight.
        List<Map<String, Object>> shifts = new ArrayList<>(community.recordAndVerify(activityId, startsAt, 120, beforeKill));
        String redemptionId = community.redeem(buyer, lunch.getString("id"), null).getString("id");
        long killed = suite.kill("points-service");

        // While it is down (the supervisor starts it again after a second's back-off; a JVM takes longer to be
        // ready): more shifts verified (the events wait in Kafka), the redemption waits as PENDING.
        shifts.addAll(community.recordAndVerify(activityId, startsAt.plusSeconds(60), 120, whileDown));
        assertEquals(5, shifts.size());
        community.api().as(buyer).get("/api/catalog/redemptions/" + redemptionId).then().statusCode(200);

        suite.awaitRestarted("points-service", killed);

        // Nothing lost: every shift credited, the hold placed and the voucher issued. The restarted consumers are the
        // same static group members as the killed ones (group.instance.id), so they take their partitions back at once.
        for (int i = 0; i < volunteers.size(); i++) {
            long points = ((Number) shifts.get(i).get("points")).longValue();
            assertEquals(2L * perHour, points, "a two-hour shift's points");
            community.awaitBalance(volunteers.get(i), points, 0, AFTER_RESTART);
        }
        JsonPath confirmed = community.awaitRedemption(buyer, redemptionId, "CONFIRMED");
        community.awaitBalance(buyer, buyerEarned, lunchPrice);

        // Nothing doubled: exactly one credit line per shift, after the redeliveries a restart brings.
        for (Suite.Resident volunteer : volunteers) {
            List<Map<String, Object>> lines = community.passbook(volunteer);
            assertEquals(1, lines.size(), volunteer.username() + "'s passbook: " + lines);
            assertEquals("SHIFT_CREDIT", lines.get(0).get("kind"));
        }
        community.fulfil(Community.CANTEEN_STAFF, confirmed.getString("voucher.code"));
        community.awaitRedemption(buyer, redemptionId, "CAPTURED");
        community.awaitBalance(buyer, buyerEarned - lunchPrice, 0);
        assertEquals(1, community.passbook(buyer).stream().filter(l -> "CAPTURE".equals(l.get("kind"))).count(),
                "one debit for the meal");

        VolunteerJourneyIT.assertBooksBalance();
    }
}
