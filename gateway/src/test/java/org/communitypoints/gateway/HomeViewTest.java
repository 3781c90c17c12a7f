package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.communitypoints.gateway.home.HomeView;
import org.communitypoints.gateway.home.HomeViews;
import org.communitypoints.gateway.home.Section;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A resident's complete "my home" is answered again from memory for a short time; their own changes, pull to refresh
 * and a missing part all make the next one ask the services, and no resident is ever shown another's.
 */
@QuarkusTest
@TestProfile(HomeViewTest.ViewsKept.class)
class HomeViewTest {

    private static final String SUMMARY_PATH = "/api/points/me/summary";
    private static final String SIGN_UPS_PATH = "/api/activity/me/sign-ups";
    private static final String VOUCHERS_PATH = "/api/catalog/me/vouchers";

    public static class ViewsKept implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.home.view-max-age", "30s");
        }
    }

    @Inject
    HomeViews views;

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
        views.forgetAll();
        HomeTest.stubAll();
    }

    @Test
    void aSecondHomeSoonAfterIsAnsweredWithoutAskingTheServices() {
        String token = Tokens.resident("li-mei", "wutong");

        home(token).body("balance.data.available", is(100));
        home(token).body("balance.data.available", is(100))
                .body("activeVouchers.data[0].code", is("WT-7K2P"))
                .body("upcomingActivities.data[0].title", is("Canteen order keeping"));

        StandInServices.service("points").verify(1, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));
        StandInServices.service("activity").verify(1, getRequestedFor(urlPathEqualTo(SIGN_UPS_PATH)));
        StandInServices.service("catalog").verify(1, getRequestedFor(urlPathEqualTo(VOUCHERS_PATH)));
    }

    @Test
    void homesAskedTogetherShareOneFetch() throws Exception {
        String token = Tokens.resident("li-mei", "wutong");
        StandInServices.service("points").stubFor(get(urlPathEqualTo(SUMMARY_PATH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(HomeTest.SUMMARY).withFixedDelay(800)));

        // Five threads of their own: the common pool may run one task at a time on a small machine, which would
        // turn the five into one after another (and all but the first into kept views).
        ExecutorService callers = Executors.newFixedThreadPool(5);
        try {
            List<CompletableFuture<Integer>> homes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                homes.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(token).when().get("/api/home")
                        .then().statusCode(200).extract().<Integer> path("balance.data.available"), callers));
            }
            for (CompletableFuture<Integer> home : homes) {
                assertEquals(100, home.get(30, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        StandInServices.service("points").verify(1, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));
    }

    @Test
    void anAgeingViewIsAnsweredAtOnceAndFetchedAgainInTheBackground() {
        String token = Tokens.resident("li-mei", "wutong");
        home(token).body("balance.data.available", is(100));
        stubSummary(null, 70);

        // Past nine tenths of the 30 s age, 2 s before its end: the view kept answers, and a fetch starts behind it.
        MovedClock.moveOn(Duration.ofSeconds(28));
        home(token).body("balance.data.available", is(100));

        // No request after that one: only the background fetch can ask the services again.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> StandInServices.service("points").verify(2, getRequestedFor(urlPathEqualTo(SUMMARY_PATH))));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> home(token).body("balance.data.available", is(70)));
        StandInServices.service("points").verify(2, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));
    }

    @Test
    void aChangeDuringABackgroundFetchIsNotUndoneByIt() {
        String token = Tokens.resident("li-mei", "wutong");
        home(token).body("balance.data.available", is(100));
        // The background fetch answers slowly, with what the services said before the change.
        StandInServices.service("points").stubFor(get(urlPathEqualTo(SUMMARY_PATH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(HomeTest.SUMMARY).withFixedDelay(1500)));
        MovedClock.moveOn(Duration.ofSeconds(28));
        home(token).body("balance.data.available", is(100));

        stubSummary(null, 40);
        views.forget(HomeViews.keyOf("wutong", "li-mei"));

        // Throughout the slow background fetch's answer (1.5 s) and after it, the change stays shown.
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> home(token).body("balance.data.available", is(40)));
    }

    @Test
    void pullToRefreshAsksTheServicesAndKeepsTheirAnswer() {
        String token = Tokens.resident("li-mei", "wutong");
        home(token).body("balance.data.available", is(100));
        stubSummary(null, 130);

        given().auth().oauth2(token).header("Cache-Control", "no-cache")
                .when().get("/api/home")
                .then().statusCode(200).body("balance.data.available", is(130));
        home(token).body("balance.data.available", is(130));

        StandInServices.service("points").verify(2, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));
    }

    @Test
    void keepingAViewAgainStartsNoThread() {
        String key = HomeViews.keyOf("wutong", "li-mei");
        HomeView view = new HomeView(Section.ok(null), Section.ok(null), Section.ok(List.of()), Section.ok(List.of()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();

        // Each fresh view (pull to refresh, or the background fetch of an ageing one) replaces the one kept. On two
        // cores the cache's default executor made that start one or two threads each (CompletableFuture's thread per
        // task when the common pool has a parallelism of 1); on more cores the common pool served it, and this test
        // cannot tell the difference there.
        int refreshes = 100;
        for (int i = 0; i < refreshes; i++) {
            views.viewOf(key, true, () -> CompletableFuture.completedFuture(view)).toCompletableFuture().join();
        }

        long started = threads.getTotalStartedThreadCount() - startedBefore;
        assertTrue(started < refreshes / 4, started + " threads started for " + refreshes + " kept views");
    }

    @Test
    void theResidentsOwnChangeEndsTheirView() {
        String token = Tokens.resident("li-mei", "wutong");
        home(token).body("balance.data.available", is(100));
        stubSummary(null, 90);
        stubRedemptionAccepted();

        given().auth().oauth2(token).contentType("application/json").body("{\"rewardId\":\"lunch\"}")
                .when().post("/api/catalog/redemptions")
                .then().statusCode(201);

        home(token).body("balance.data.available", is(90));
        StandInServices.service("points").verify(2, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));
    }

    @Test
    void aProxysChangeOnBehalfOfTheResidentEndsTheResidentsView() {
        String resident = Tokens.resident("li-mei", "wutong");
        home(resident).body("balance.data.available", is(100));
        stubSummary(null, 80);
        stubRedemptionAccepted();

        given().auth().oauth2(Tokens.resident("wang-fang", "wutong")).header("On-Behalf-Of", "li-mei")
                .contentType("application/json").body("{\"rewardId\":\"lunch\"}")
                .when().post("/api/catalog/redemptions")
                .then().statusCode(201);

        home(resident).body("balance.data.available", is(80));
    }

    @Test
    void aReadByTheResidentLeavesTheirViewInPlace() {
        String token = Tokens.resident("li-mei", "wutong");
        home(token);
        StandInServices.service("points").stubFor(get(urlPathEqualTo("/api/points/me/balance"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(HomeTest.BALANCE)));

        given().auth().oauth2(token).when().get("/api/points/me/balance").then().statusCode(200);
        home(token);

        StandInServices.service("points").verify(1, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));
    }

    @Test
    void aViewWithAnUnavailablePartIsNotKept() {
        String token = Tokens.resident("li-mei", "wutong");
        StandInServices.service("catalog").stubFor(get(urlPathEqualTo(VOUCHERS_PATH))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        home(token).body("activeVouchers.status", is("unavailable"));

        HomeTest.stubAll();
        home(token).body("activeVouchers.status", is("ok"));

        StandInServices.service("catalog").verify(2, getRequestedFor(urlPathEqualTo(VOUCHERS_PATH)));
    }

    @Test
    void noResidentIsShownAnothersView() {
        String liMei = Tokens.resident("li-mei", "wutong");
        String zhangWei = Tokens.resident("zhang-wei", "wutong");
        stubSummary("Bearer " + zhangWei, 7);

        home(liMei).body("balance.data.available", is(100));
        home(zhangWei).body("balance.data.available", is(7));
        home(liMei).body("balance.data.available", is(100));

        StandInServices.service("points").verify(1, getRequestedFor(urlPathEqualTo(SUMMARY_PATH))
                .withHeader("Authorization", equalTo("Bearer " + zhangWei)));
    }

    @Test
    void aViewEndsAfterItsMaximumAge() {
        String token = Tokens.resident("li-mei", "wutong");
        home(token).body("balance.data.available", is(100));
        stubSummary(null, 60);

        // Still kept at 20 s (before seven tenths of the age: no background fetch either), not after 30 s.
        MovedClock.moveOn(Duration.ofSeconds(20));
        home(token).body("balance.data.available", is(100));
        MovedClock.moveOn(Duration.ofSeconds(11));
        home(token).body("balance.data.available", is(60));
        StandInServices.service("points").verify(2, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));
    }

    private static io.restassured.response.ValidatableResponse home(String token) {
        return given().auth().oauth2(token).when().get("/api/home").then().statusCode(200);
    }

    private static void stubRedemptionAccepted() {
        StandInServices.service("catalog").stubFor(post(urlPathEqualTo("/api/catalog/redemptions"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"r-2\",\"state\":\"PENDING\"}")));
    }

    /** A summary whose balance shows {@code available}: for everyone, or only for one Authorization header. */
    private static void stubSummary(String authorization, long available) {
        String summary = HomeTest.SUMMARY.replace("\"available\":100", "\"available\":" + available);
        var request = get(urlPathEqualTo(SUMMARY_PATH));
        if (authorization != null) {
            request = request.withHeader("Authorization", equalTo(authorization)).atPriority(1);
        }
        StandInServices.service("points").stubFor(request.willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(summary)));
    }
}
