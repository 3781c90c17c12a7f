package org.communitypoints.community;

import static io.restassured.RestAssured.given;
import static org.communitypoints.community.Registry.WUTONG;
import static org.communitypoints.community.Registry.household;
import static org.communitypoints.community.Registry.newMemberId;
import static org.communitypoints.community.Registry.staff;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.communitypoints.community.service.ElderlyRefreshJob;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.MemberChanged;
import org.communitypoints.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** On 1 January the residents who turn 60 that year are published again as elderly, by the system, once. */
@QuarkusTest
class ElderlyRefreshTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MovableClock clock;

    @Inject
    ElderlyRefreshJob job;

    @AfterEach
    void backToToday() {
        clock.reset();
    }

    @Test
    void onTheFirstOfJanuaryAResidentTurningSixtyIsPublishedAgainAsElderlyByTheSystem() {
        String member = registerBornIn(Year.now(SHANGHAI).getValue() - 59);
        clock.moveTo(newYearsDayNextYear());

        job.refreshAll();

        given().auth().oauth2(staff(WUTONG)).when().get("/api/community/residents/" + member)
                .then().statusCode(200).body("elderly", is(true)).body("version", is(2));
        MemberChanged republished;
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            republished = EventCodec.payload(kafka.awaitEvent(Topics.REGISTRY, e -> e.type().equals("MemberChanged")
                    && e.key().equals(member) && e.payload().path("version").asLong() == 2, WAIT), MemberChanged.class);
        }
        assertTrue(republished.elderly());
        assertEquals("system", republished.changedBy());
        given().auth().oauth2(staff(WUTONG)).queryParam("memberId", member).when().get("/api/community/audit")
                .then().statusCode(200).body("entries.action", hasItem("ELDERLY_CHANGED"))
                .body("entries.actor", hasItem("system"));
    }

    @Test
    void aResidentNotYetSixtyIsNotPublishedAgain() {
        String member = registerBornIn(Year.now(SHANGHAI).getValue() - 58);
        clock.moveTo(newYearsDayNextYear());

        job.refreshAll();

        given().auth().oauth2(staff(WUTONG)).when().get("/api/community/residents/" + member)
                .then().statusCode(200).body("elderly", is(false)).body("version", is(1));
    }

    @Test
    void twoRunsAtOnceAndARunAfterThemPublishTheResidentOnlyOnce() {
        String member = registerBornIn(Year.now(SHANGHAI).getValue() - 59);
        clock.moveTo(newYearsDayNextYear());

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(job::refreshAll);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(job::refreshAll);
        first.join();
        second.join();
        job.refreshAll();

        given().auth().oauth2(staff(WUTONG)).when().get("/api/community/residents/" + member)
                .then().statusCode(200).body("elderly", is(true)).body("version", is(2));
    }

    private static java.time.Instant newYearsDayNextYear() {
        return LocalDate.now(SHANGHAI).plusYears(1).withDayOfYear(1).atTime(0, 5).atZone(SHANGHAI).toInstant();
    }

    private static String registerBornIn(int birthYear) {
        String member = newMemberId();
        given().auth().oauth2(staff(WUTONG)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("memberId", member, "displayName", "王建国", "householdId", household(WUTONG),
                        "birthYear", birthYear, "volunteerState", "REGISTERED"))
                .when().post("/api/community/residents").then().statusCode(201).body("elderly", is(false));
        return member;
    }
}
