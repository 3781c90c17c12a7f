package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.communitypoints.contracts.events.HouseholdChanged;
import org.communitypoints.testsupport.Registry;
import org.communitypoints.testsupport.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Sets up a community's partners and rewards through the real API, as community staff would. */
final class CatalogFixture {

    static final String API = "/api/catalog";
    /** Plays community-service for every test class of this JVM. */
    private static final Registry REGISTRY = Registry.forTests();
    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    final String community;
    final String staffToken;

    CatalogFixture(String community) {
        this.community = community;
        this.staffToken = Tokens.staff("staff-" + community, community);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String partner(String kind, String name) {
        String id = unique(kind.toLowerCase().replace('_', '-'));
        given().auth().oauth2(staffToken).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"" + kind + "\"}")
                .when().post(API + "/partners")
                .then().statusCode(201);
        return id;
    }

    String partnerToken(String partnerId) {
        return Tokens.partner("counter-" + partnerId, community, partnerId);
    }

    /**
     * The token of an active resident of the community: registered first in the catalog's copy of the registry,
     * through the real broker, as every member the catalog serves must be (once per member and test JVM).
     */
    String resident(String memberId) {
        if (REGISTERED.add(community + "/" + memberId)) {
            REGISTRY.register(community, memberId);
        }
        return Tokens.resident(memberId, community);
    }

    /** The token of someone the registry does not know. */
    String unregistered(String memberId) {
        return Tokens.resident(memberId, community);
    }

    /**
     * The token of a resident whose household carries the registry's category codes (e.g. DIBAO 低保, DISABILITY,
     * LEFT_BEHIND_CHILD), valid from yesterday on.
     */
    String eligibleResident(String memberId, String... categoryCodes) {
        String household = unique("household");
        REGISTRY.household(community, household, java.util.Arrays.stream(categoryCodes)
                .map(code -> Registry.category(code, LocalDate.now().minusDays(1), null))
                .toArray(HouseholdChanged.Category[]::new));
        REGISTRY.registerInHousehold(community, memberId, household);
        REGISTERED.add(community + "/" + memberId);
        return Tokens.resident(memberId, community);
    }

    static Registry registry() {
        return REGISTRY;
    }

    UUID reward(String json) {
        return UUID.fromString(given().auth().oauth2(staffToken).contentType(ContentType.JSON).body(json)
                .when().post(API + "/rewards")
                .then().statusCode(201)
                .extract().path("id"));
    }

    UUID classSeat(String partnerId, String title, long points) {
        return reward("{\"partnerId\":\"" + partnerId + "\",\"kind\":\"CLASS_SEAT\",\"title\":\"" + title
                + "\",\"points\":" + points + "}");
    }

    UUID goods(String partnerId, String title, long points, int stock, String discountJson) {
        return reward("{\"partnerId\":\"" + partnerId + "\",\"kind\":\"GOODS\",\"title\":\"" + title + "\",\"points\":"
                + points + ",\"stock\":" + stock + (discountJson == null ? "" : ",\"discount\":" + discountJson) + "}");
    }

    UUID session(UUID rewardId, Instant endsAt, int capacity) {
        return UUID.fromString(given().auth().oauth2(staffToken).contentType(ContentType.JSON)
                .body("{\"startsAt\":\"" + endsAt.minus(Duration.ofHours(2)) + "\",\"endsAt\":\"" + endsAt
                        + "\",\"capacity\":" + capacity + "}")
                .when().post(API + "/rewards/" + rewardId + "/sessions")
                .then().statusCode(201)
                .extract().path("id"));
    }

    /** A class session that ends tomorrow. */
    UUID session(UUID rewardId, int capacity) {
        return session(rewardId, Instant.now().plus(Duration.ofDays(1)), capacity);
    }

    static Response redeem(String residentToken, String body) {
        return given().auth().oauth2(residentToken).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body)
                .when().post(API + "/redemptions");
    }

    static UUID redeemSeat(String residentToken, UUID rewardId, UUID sessionId) {
        return UUID.fromString(redeem(residentToken, "{\"rewardId\":\"" + rewardId + "\",\"sessionId\":\"" + sessionId + "\"}")
                .then().statusCode(202).extract().path("id"));
    }

    static UUID redeemGoods(String residentToken, UUID rewardId) {
        return UUID.fromString(redeem(residentToken, "{\"rewardId\":\"" + rewardId + "\"}")
                .then().statusCode(202).extract().path("id"));
    }

    static Response redemption(String token, UUID id) {
        return given().auth().oauth2(token).when().get(API + "/redemptions/" + id);
    }

    /** Waits until the redemption reached the state (the saga runs over Kafka). */
    static void awaitState(String token, UUID id, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> state.equals(redemption(token, id).then().extract().path("state")));
    }

    int seatsLeft(String token, UUID rewardId, UUID sessionId) {
        return given().auth().oauth2(token).when().get(API + "/rewards/" + rewardId)
                .then().statusCode(200)
                .extract().path("sessions.find { it.id == '" + sessionId + "' }.seatsLeft");
    }

    int stockLeft(String token, UUID rewardId) {
        return given().auth().oauth2(token).when().get(API + "/rewards/" + rewardId)
                .then().statusCode(200).extract().path("left");
    }

    /** One of the calls {@link #race} starts together. */
    interface Call {
        Response call(int i);
    }

    /** Starts {@code n} calls at the same moment, each on a thread of its own; their answers in the calls' order. */
    static List<Response> race(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Response> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
