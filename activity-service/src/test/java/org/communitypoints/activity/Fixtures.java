package org.communitypoints.activity;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.communitypoints.testsupport.Registry;
import org.communitypoints.testsupport.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Builds the state a test needs through the real API, each test in a community of its own. */
final class Fixtures {

    /** Plays community-service for every test class of this JVM (closed with the JVM). */
    private static final Registry REGISTRY = Registry.forTests();

    private Fixtures() {
    }

    /** 09:00 community time yesterday: shifts around it share one local day, whatever the hour of the test run. */
    static Instant yesterdayMorning() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        return LocalDate.now(zone).minusDays(1).atTime(9, 0).atZone(zone).toInstant();
    }

    static String newCommunity() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A new resident of the community, registered in the service's copy of the registry (an active, registered
     * volunteer) through the real broker, as every member id the service accepts must be.
     */
    static String resident(String community, String prefix) {
        String id = newId(prefix);
        REGISTRY.register(community, id);
        return id;
    }

    /** Registers residents whose ids a test chose itself. */
    static void register(String community, String... memberIds) {
        REGISTRY.register(community, memberIds);
    }

    static Registry registry() {
        return REGISTRY;
    }

    static RequestSpecification as(String token) {
        return given().basePath("/api/activity").auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String staff(String community) {
        return Tokens.staff("staff-" + community, community);
    }

    static String gridWorker(String community) {
        return Tokens.gridWorker("grid-" + community, community);
    }

    /**
     * The grid worker who records shifts in {@link #recordedShift}: a different person from {@link #gridWorker}, who
     * may therefore verify them (maker-checker).
     */
    static String recorder(String community) {
        return Tokens.gridWorker("recorder-" + community, community);
    }

    static String kind(String community, int pointsPerHour, String rounding, int minimumMinutes, int dailyCap) {
        return as(staff(community))
                .body(Map.of("code", "kind-" + UUID.randomUUID().toString().substring(0, 8), "name", "食堂秩序维护",
                        "pointsPerHour", pointsPerHour, "rounding", rounding, "minimumMinutes", minimumMinutes,
                        "dailyCapPoints", dailyCap))
                .when().post("/kinds")
                .then().statusCode(201).extract().path("id");
    }

    static String activity(String community, String kindId, Instant startsAt, Instant endsAt, int capacity) {
        return as(staff(community))
                .body(Map.of("title", "午餐秩序维护", "kindId", kindId, "place", "社区食堂", "startsAt", startsAt.toString(),
                        "endsAt", endsAt.toString(), "capacity", capacity))
                .when().post("/activities")
                .then().statusCode(201).extract().path("id");
    }

    static void signUp(String memberId, String community, String activityId) {
        as(Tokens.resident(memberId, community)).when().post("/activities/{id}/sign-ups", activityId)
                .then().statusCode(201);
    }

    /**
     * A shift recorded (checked in and out) by {@link #recorder}, so that {@link #gridWorker} or staff can verify it
     * as the second person; returns its id.
     */
    static String recordedShift(String community, String activityId, String memberId, Instant startedAt,
            Instant endedAt) {
        String shiftId = as(recorder(community))
                .body(Map.of("memberId", memberId, "walkIn", true, "at", startedAt.toString()))
                .when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(201).extract().path("id");
        as(recorder(community)).body(Map.of("at", endedAt.toString()))
                .when().post("/shifts/{id}/check-out", shiftId)
                .then().statusCode(200);
        return shiftId;
    }

    /** Sends {@code n} requests at the same moment (all threads released by one latch) and returns their answers. */
    static List<Response> race(int n, Function<Integer, Response> request) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Response> call = () -> {
                    go.await();
                    return request.apply(index);
                };
                futures.add(pool.submit(call));
            }
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
