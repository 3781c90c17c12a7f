package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.localstack.seed.DemoData;

import io.restassured.path.json.JsonPath;

/**
 * The steps people of 梧桐社区 take in the mini-program and the staff and grid-worker apps, each one a
 * real request through the gateway with the person's own token.
 */
public final class Community {

    /** Kafka hops and a loaded machine: asynchronous outcomes get generous time, polled, never slept for. */
    public static final Duration ASYNC = Duration.ofSeconds(90);
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String STAFF = DemoData.STAFF;
    public static final String GRID_WORKER = DemoData.GRID_WORKER;
    /** The second staff member of 梧桐: approves what {@link #STAFF} asks for (four eyes). */
    public static final String SECOND_STAFF = DemoData.SECOND_STAFF;
    public static final String CANTEEN_STAFF = "liu-yang";
    public static final String NIGHT_SCHOOL_STAFF = "sun-li";

    private static final java.util.Set<String> FINAL_STATES = java.util.Set.of("REJECTED", "CANCELLED", "EXPIRED",
            "CAPTURE_FAILED", "CAPTURED");

    private final Api api;

    public Community(Api api) {
        this.api = api;
    }

    public Api api() {
        return api;
    }

    /** The kind's rule in force now: points per hour. */
    public int pointsPerHour(String kindCode) {
        List<Map<String, Object>> kinds = api.as(STAFF).get("/api/activity/kinds").then().statusCode(200)
                .extract().jsonPath().getList("");
        return kinds.stream().filter(k -> kindCode.equals(k.get("code"))).findFirst()
                .map(k -> ((Number) ((Map<?, ?>) k.get("currentRule")).get("pointsPerHour")).intValue())
                .orElseThrow(() -> new AssertionError("no kind " + kindCode + " in " + kinds));
    }

    public String kindId(String kindCode) {
        List<Map<String, Object>> kinds = api.as(STAFF).get("/api/activity/kinds").then().statusCode(200)
                .extract().jsonPath().getList("");
        return kinds.stream().filter(k -> kindCode.equals(k.get("code"))).findFirst()
                .map(k -> (String) k.get("id")).orElseThrow();
    }

    /** An activity that started a little over three hours ago and is still on, so residents can still sign up. */
    public JsonPath publishRunningActivity(String kindCode, String title) {
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(200));
        return api.as(STAFF).header("Idempotency-Key", "e2e-" + UUID.randomUUID())
                .body(Map.of("title", title, "kindId", kindId(kindCode), "place", "梧桐社区活动中心",
                        "startsAt", startsAt.toString(), "endsAt", Instant.now().plus(Duration.ofMinutes(30)).toString(),
                        "capacity", 30))
                .post("/api/activity/activities")
                .then().statusCode(201).body("title", equalTo(title)).extract().jsonPath();
    }

    public void signUp(Suite.Resident resident, String activityId) {
        api.as(resident).header("Idempotency-Key", "e2e-" + UUID.randomUUID())
                .post("/api/activity/activities/" + activityId + "/sign-ups")
                .then().statusCode(201).body("activityId", equalTo(activityId));
    }

    /**
     * The residents scan the activity's check-in code, then the grid worker records their shifts ({@code minutes}
     * from the activity's start) and verifies them.
     */
    public List<Map<String, Object>> recordAndVerify(String activityId, Instant startsAt, int minutes,
            List<Suite.Resident> residents) {
        // Maker-checker: each volunteer confirms being there by scanning the activity's rotating check-in code,
        // so the grid worker's own verification is backed by a second person.
        String code = api.as(GRID_WORKER).get("/api/activity/activities/" + activityId + "/check-in-code")
                .then().statusCode(200).extract().path("code");
        for (Suite.Resident resident : residents) {
            api.as(resident).body(Map.of("code", code)).post("/api/activity/activities/" + activityId + "/attendance")
                    .then().statusCode(anyOf(is(200), is(201)));
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Suite.Resident resident : residents) {
            entries.add(Map.of("memberId", resident.memberId(), "startedAt", startsAt.toString(),
                    "endedAt", startsAt.plus(Duration.ofMinutes(minutes)).toString(), "walkIn", false));
        }
        List<Map<String, Object>> shifts = api.as(GRID_WORKER).header("Idempotency-Key", "e2e-" + UUID.randomUUID())
                .body(Map.of("entries", entries, "verify", true))
                .post("/api/activity/activities/" + activityId + "/shifts/bulk")
                .then().statusCode(201).extract().jsonPath().getList("shifts");
        assertEquals(residents.size(), shifts.size());
        shifts.forEach(shift -> assertEquals("VERIFIED", shift.get("status"), "shift " + shift));
        return shifts;
    }

    /** A whole volunteer shift: published, signed up, served, recorded and verified. Returns the points it is worth. */
    public long serveShift(Suite.Resident resident, String kindCode, int minutes) {
        JsonPath activity = publishRunningActivity(kindCode, "E2E " + kindCode + " " + resident.username());
        signUp(resident, activity.getString("id"));
        List<Map<String, Object>> shifts = recordAndVerify(activity.getString("id"),
                Instant.parse(activity.getString("startsAt")), minutes, List.of(resident));
        return ((Number) shifts.get(0).get("points")).longValue();
    }

    public JsonPath balance(Suite.Resident resident) {
        return api.as(resident).get("/api/points/me/balance").then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the resident's own balance shows these posted and held points. */
    public void awaitBalance(Suite.Resident resident, long posted, long held) {
        awaitBalance(resident, posted, held, ASYNC);
    }

    public void awaitBalance(Suite.Resident resident, long posted, long held, Duration atMost) {
        await("balance of " + resident.username() + " posted " + posted + " held " + held)
                .atMost(atMost).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonPath balance = balance(resident);
                    assertEquals(posted, balance.getLong("posted"), "posted");
                    assertEquals(held, balance.getLong("held"), "held");
                    assertEquals(posted - held, balance.getLong("available"), "available");
                });
    }

    public List<Map<String, Object>> passbook(Suite.Resident resident) {
        return api.as(resident).get("/api/points/me/passbook?limit=200").then().statusCode(200)
                .extract().jsonPath().getList("lines");
    }

    public JsonPath reward(String title) {
        List<Map<String, Object>> rewards = api.as(STAFF).get("/api/catalog/rewards").then().statusCode(200)
                .extract().jsonPath().getList("");
        String id = rewards.stream().filter(r -> title.equals(r.get("title"))).findFirst()
                .map(r -> (String) r.get("id")).orElseThrow(() -> new AssertionError("no reward " + title));
        return rewardById(STAFF, id);
    }

    public JsonPath rewardById(String user, String id) {
        return api.as(user).get("/api/catalog/rewards/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Asks for a redemption: 202 and PENDING; returns the redemption. */
    public JsonPath redeem(Suite.Resident resident, String rewardId, String sessionId) {
        Map<String, Object> body = sessionId == null ? Map.of("rewardId", rewardId)
                : Map.of("rewardId", rewardId, "sessionId", sessionId);
        return api.as(resident).header("Idempotency-Key", "e2e-" + UUID.randomUUID()).body(body)
                .post("/api/catalog/redemptions")
                .then().statusCode(202).body("state", is("PENDING")).extract().jsonPath();
    }

    /** Waits for the redemption to reach {@code state}; one that ends elsewhere fails at once with its reason. */
    public JsonPath awaitRedemption(Suite.Resident resident, String redemptionId, String state) {
        return await("redemption " + redemptionId + " " + state).atMost(ASYNC).pollInterval(Duration.ofMillis(500))
                .until(() -> api.as(resident).get("/api/catalog/redemptions/" + redemptionId)
                        .then().statusCode(200).extract().jsonPath(), r -> {
                            String now = r.getString("state");
                            boolean ended = FINAL_STATES.contains(now) || (state.equals("REJECTED") && now.equals("CONFIRMED"));
                            if (!now.equals(state) && ended) {
                                throw new IllegalStateException("redemption " + redemptionId + " is " + now + " ("
                                        + r.getString("reasonCode") + ": " + r.getString("reasonDetail") + "), not " + state);
                            }
                            return now.equals(state);
                        });
    }

    /** The partner's staff take the voucher at the counter. */
    public void fulfil(String partnerStaff, String code) {
        api.as(partnerStaff).post("/api/catalog/vouchers/" + code + "/fulfil")
                .then().statusCode(200).body("state", is("FULFILLED"));
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
