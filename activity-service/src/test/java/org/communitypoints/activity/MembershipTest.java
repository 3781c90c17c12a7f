package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.contracts.events.MemberChanged.VolunteerState;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Every member id the service accepts is an active resident of the caller's community in the service's own copy of
 * the registry, which arrives only through community.registry: no community-service runs in these tests, and none is
 * configured, so every passing request here was decided from the copy alone.
 */
@QuarkusTest
class MembershipTest {

    private static final String ON_BEHALF_OF = "On-Behalf-Of";
    private static final Instant NEXT_MONTH = Instant.now().plus(Duration.ofDays(30));
    private static final Instant MORNING = Fixtures.yesterdayMorning();

    private static String upcomingActivity(String community) {
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
        return Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), start,
                start.plus(2, ChronoUnit.HOURS), 10);
    }

    private static String runningActivity(String community) {
        Instant now = Instant.now();
        return Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), now.minus(2, ChronoUnit.HOURS),
                now.plus(2, ChronoUnit.HOURS), 10);
    }

    @Test
    void aResidentTheRegistryDoesNotKnowCannotSignUp() {
        String community = Fixtures.newCommunity();
        String activityId = upcomingActivity(community);

        as(Tokens.resident(Fixtures.newId("unregistered"), community)).when().post("/activities/{id}/sign-ups", activityId)
                .then().statusCode(403).body("code", equalTo("MEMBER_NOT_REGISTERED"));
    }

    @Test
    void anUnknownMemberCannotBeCheckedIn() {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community);
        String unknown = Fixtures.newId("unknown");

        as(Fixtures.gridWorker(community)).body(Map.of("memberId", unknown, "walkIn", true))
                .when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(422).body("code", equalTo("MEMBER_NOT_REGISTERED"))
                .body("detail", equalTo(unknown + " 不是本社区登记在册的居民，请先到社区办公室登记。"));
    }

    @Test
    void anUnknownMemberInABulkRecordingRefusesTheWholeRecording() {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community);
        String known = Fixtures.resident(community, "known");
        Instant now = Instant.now();

        as(Fixtures.gridWorker(community)).body(Map.of("verify", false, "entries", List.of(
                entry(known, now.minus(60, ChronoUnit.MINUTES), now),
                entry(Fixtures.newId("unknown"), now.minus(60, ChronoUnit.MINUTES), now))))
                .when().post("/activities/{id}/shifts/bulk", activityId)
                .then().statusCode(422).body("code", equalTo("MEMBER_NOT_REGISTERED"));
        as(Fixtures.staff(community)).when().get("/activities/{id}/roster", activityId)
                .then().statusCode(200).body("shifts.size()", equalTo(0));
    }

    @Test
    void aResidentTheRegistryDoesNotKnowCannotConfirmAttendance() {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community);
        String code = as(Fixtures.gridWorker(community)).when().get("/activities/{id}/check-in-code", activityId)
                .then().statusCode(200).extract().path("code");

        as(Tokens.resident(Fixtures.newId("unregistered"), community)).body(Map.of("code", code))
                .when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(403).body("code", equalTo("MEMBER_NOT_REGISTERED"));
    }

    @Test
    void aShiftOfAResidentWhoMovedOutIsNotCorrected() {
        String community = Fixtures.newCommunity();
        String activityId = Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), MORNING,
                MORNING.plus(10, ChronoUnit.HOURS), 20);
        String member = Fixtures.resident(community, "leaving");
        String shiftId = Fixtures.recordedShift(community, activityId, member, MORNING, MORNING.plus(2, ChronoUnit.HOURS));
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftId).then().statusCode(200);
        Fixtures.registry().moveOut(community, member);

        as(Fixtures.staff(community)).body(Map.of("minutes", 90, "reason", "签退时间记错"))
                .when().post("/shifts/{id}/corrections", shiftId)
                .then().statusCode(422).body("code", equalTo("MEMBER_MOVED_OUT"));
    }

    @Test
    void aResidentWhoMovedOutCannotBeCheckedIn() {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community);
        String member = Fixtures.resident(community, "moved");
        Fixtures.registry().moveOut(community, member);

        as(Fixtures.gridWorker(community)).body(Map.of("memberId", member, "walkIn", true))
                .when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(422).body("code", equalTo("MEMBER_MOVED_OUT"));
    }

    @Test
    void aResidentWhoMovedOutCannotSignUp() {
        String community = Fixtures.newCommunity();
        String activityId = upcomingActivity(community);
        String member = Fixtures.resident(community, "moved");
        Fixtures.registry().moveOut(community, member);

        as(Tokens.resident(member, community)).when().post("/activities/{id}/sign-ups", activityId)
                .then().statusCode(403).body("code", equalTo("MEMBER_MOVED_OUT"));
    }

    @Test
    void anotherCommunitysResidentIsNotCheckedInHere() {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community);
        String elsewhere = Fixtures.resident(Fixtures.newCommunity(), "elsewhere");

        as(Fixtures.gridWorker(community)).body(Map.of("memberId", elsewhere, "walkIn", true))
                .when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(422).body("code", equalTo("MEMBER_NOT_REGISTERED"));
    }

    @Test
    void aResidentWhoIsNotARegisteredVolunteerServesNoShift() {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community);
        String member = Fixtures.newId("not-volunteer");
        Fixtures.registry().registerWithVolunteerState(community, member, VolunteerState.NONE);

        as(Fixtures.gridWorker(community)).body(Map.of("memberId", member, "walkIn", true))
                .when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(422).body("code", equalTo("VOLUNTEER_NOT_REGISTERED"));
    }

    @Test
    void aProxyWithTheSignUpGrantSignsTheResidentUpAndTheRosterShowsBoth() {
        String community = Fixtures.newCommunity();
        String activityId = upcomingActivity(community);
        String grandma = Fixtures.resident(community, "grandma");
        String son = Fixtures.newId("son");
        Fixtures.registry().grant(community, grandma, son, NEXT_MONTH, Scope.SIGN_UP);

        proxy(son, community, grandma).when().post("/activities/{id}/sign-ups", activityId)
                .then().statusCode(201).body("memberId", equalTo(grandma)).body("actedBy", equalTo(son));

        as(Fixtures.staff(community)).when().get("/activities/{id}/roster", activityId)
                .then().statusCode(200).body("signUps.memberId", equalTo(List.of(grandma)))
                .body("signUps.actedBy", equalTo(List.of(son)));
        as(Tokens.resident(grandma, community)).when().get("/me/sign-ups?upcoming=true")
                .then().statusCode(200).body("activityId", hasItem(activityId));
    }

    @Test
    void theRosterNamesEachSignedUpResidentAsTheRegistryCopyHasThem() {
        String community = Fixtures.newCommunity();
        String activityId = upcomingActivity(community);
        String member = Fixtures.resident(community, "named");
        as(Tokens.resident(member, community)).when().post("/activities/{id}/sign-ups", activityId)
                .then().statusCode(201);

        as(Fixtures.gridWorker(community)).when().get("/activities/{id}/roster", activityId)
                .then().statusCode(200).body("signUps.memberId", equalTo(List.of(member)))
                .body("signUps.displayName", equalTo(List.of("居民 " + member)));
    }

    @Test
    void aGridWorkerWithTheGrantSignsTheResidentUpAndCancelsForThem() {
        String community = Fixtures.newCommunity();
        String activityId = upcomingActivity(community);
        String grandpa = Fixtures.resident(community, "grandpa");
        String worker = "grid-" + community;
        Fixtures.registry().grant(community, grandpa, worker, NEXT_MONTH, Scope.SIGN_UP);
        RequestSpecification asWorker = as(Fixtures.gridWorker(community)).header(ON_BEHALF_OF, grandpa);
        asWorker.when().post("/activities/{id}/sign-ups", activityId).then().statusCode(201);

        as(Fixtures.gridWorker(community)).header(ON_BEHALF_OF, grandpa)
                .when().delete("/activities/{id}/sign-ups/me", activityId)
                .then().statusCode(204);
        as(Tokens.resident(grandpa, community)).when().get("/me/sign-ups?upcoming=true")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aResidentSigningUpThemselfIsRecordedWithoutAProxy() {
        String community = Fixtures.newCommunity();
        String activityId = upcomingActivity(community);
        String member = Fixtures.resident(community, "self");

        as(Tokens.resident(member, community)).when().post("/activities/{id}/sign-ups", activityId)
                .then().statusCode(201).body("memberId", equalTo(member)).body("actedBy", nullValue());
    }

    @Test
    void aProxyWhoseGrantDoesNotCoverSignUpsIsRefused() {
        String community = Fixtures.newCommunity();
        String grandma = Fixtures.resident(community, "grandma");
        String son = Fixtures.newId("son");
        Fixtures.registry().grant(community, grandma, son, NEXT_MONTH, Scope.REDEEM, Scope.PASSBOOK_READ);

        proxy(son, community, grandma).when().post("/activities/{id}/sign-ups", upcomingActivity(community))
                .then().statusCode(403).body("code", equalTo("PROXY_NOT_ALLOWED"));
    }

    @Test
    void aProxyWhoseGrantExpiredIsRefused() {
        String community = Fixtures.newCommunity();
        String grandma = Fixtures.resident(community, "grandma");
        String son = Fixtures.newId("son");
        Fixtures.registry().grant(community, grandma, son, Instant.now().minus(1, ChronoUnit.MINUTES), Scope.SIGN_UP);

        proxy(son, community, grandma).when().post("/activities/{id}/sign-ups", upcomingActivity(community))
                .then().statusCode(403).body("code", equalTo("PROXY_NOT_ALLOWED"));
    }

    @Test
    void aProxyWhoseGrantWasRevokedIsRefused() {
        String community = Fixtures.newCommunity();
        String grandma = Fixtures.resident(community, "grandma");
        String son = Fixtures.newId("son");
        UUID grant = Fixtures.registry().grant(community, grandma, son, NEXT_MONTH, Scope.SIGN_UP);
        Fixtures.registry().revoke(community, grant, grandma, son, Scope.SIGN_UP);

        proxy(son, community, grandma).when().post("/activities/{id}/sign-ups", upcomingActivity(community))
                .then().statusCode(403).body("code", equalTo("PROXY_NOT_ALLOWED"));
    }

    @Test
    void aCheckInCannotBeMadeOnBehalfOfSomeone() {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community);
        String member = Fixtures.resident(community, "r");

        as(Fixtures.gridWorker(community)).header(ON_BEHALF_OF, member)
                .body(Map.of("memberId", member, "walkIn", true))
                .when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(400).body("code", equalTo("ON_BEHALF_NOT_ACCEPTED"));
    }

    private static RequestSpecification proxy(String proxyId, String community, String memberId) {
        return as(Tokens.resident(proxyId, community)).header(ON_BEHALF_OF, memberId);
    }

    private static Map<String, Object> entry(String memberId, Instant start, Instant end) {
        return Map.of("memberId", memberId, "walkIn", true, "startedAt", start.toString(), "endedAt", end.toString());
    }
}
