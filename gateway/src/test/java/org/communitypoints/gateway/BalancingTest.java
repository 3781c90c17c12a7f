package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.communitypoints.gateway.balancing.UpstreamPool;
import org.communitypoints.gateway.balancing.Upstreams;
import org.communitypoints.gateway.openapi.PublicApiDocument;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * One service ("twin", only in this test) with two instances behind the gateway: calls are dealt out in turn, a slow
 * instance gets fewer of them, and a stopped instance costs the callers nothing. A second ("hung") pairs instance 1
 * with one that takes connections and never answers.
 */
@QuarkusTest
@TestProfile(BalancingTest.TwoInstances.class)
class BalancingTest {

    private static final List<WireMockServer> INSTANCES = new ArrayList<>();
    /**
     * A hung instance: its socket listens, so the kernel takes connections into the backlog, but nothing ever reads
     * or answers them, as with a process stopped by SIGSTOP. Paired with instance 1 as the service "hung".
     */
    private static ServerSocket hungInstance;
    /** A stopped instance: a port nothing listens on, so connections to it are refused. Paired with "my home"'s points. */
    private static int stoppedInstancePort;

    public static class TwoInstances implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            synchronized (INSTANCES) {
                if (INSTANCES.isEmpty()) {
                    for (int i = 0; i < 2; i++) {
                        // Threads for every call the hung-instance test keeps waiting a second on instance 1 (about
                        // 20): with fewer, calls queued in the stand-in and timed out as if the instance were slow.
                        WireMockServer server = new WireMockServer(WireMockConfiguration.options().port(freePort())
                                .bindAddress("127.0.0.1").containerThreads(64));
                        server.start();
                        INSTANCES.add(server);
                    }
                    try {
                        hungInstance = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    stoppedInstancePort = freePort();
                }
            }
            // "My home"'s catalog: the hung socket first, then the catalog stand-in (started here to know its address).
            // Its points: the stopped instance first, then the points stand-in.
            Map<String, String> standIns = new StandInServices().start();
            return Map.ofEntries(
                    Map.entry("gateway.downstreams.catalog.urls",
                            "http://127.0.0.1:" + hungInstance.getLocalPort() + ","
                                    + standIns.get("gateway.downstreams.catalog.urls")),
                    Map.entry("gateway.downstreams.points.urls",
                            "http://127.0.0.1:" + stoppedInstancePort + ","
                                    + standIns.get("gateway.downstreams.points.urls")),
                    // Every "my home" asks the services: the test counts their calls.
                    Map.entry("gateway.home.view-max-age", "0"),
                    Map.entry("gateway.downstreams.twin.urls",
                            INSTANCES.stream().map(s -> "http://127.0.0.1:" + s.port()).reduce((a, b) -> a + "," + b)
                                    .orElseThrow()),
                    Map.entry("gateway.downstreams.twin.roles", "resident"),
                    Map.entry("gateway.downstreams.hung.urls",
                            "http://127.0.0.1:" + hungInstance.getLocalPort() + ",http://127.0.0.1:" + INSTANCES.get(1).port()),
                    Map.entry("gateway.downstreams.hung.roles", "resident"),
                    Map.entry("gateway.downstreams.hung.timeout", "2s"),
                    Map.entry("gateway.balancing.ejection", "1s"),
                    Map.entry("gateway.balancing.stalled-after", "500ms"));
        }
    }

    @Inject
    PublicApiDocument document;

    @Inject
    Upstreams upstreams;

    @TestHTTPResource("/api/twin/balance")
    URI balance;

    @BeforeEach
    void bothRunningAndAnswering() {
        StandInServices.resetAll();
        for (int i = 0; i < INSTANCES.size(); i++) {
            WireMockServer server = INSTANCES.get(i);
            if (!server.isRunning()) {
                server.start();
            }
            server.resetAll();
            server.stubFor(any(urlPathMatching("/api/twin/.*")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"instance\":" + i + "}")));
        }
    }

    @Test
    void callsAreDealtOutToTheInstancesInTurn() {
        for (int i = 0; i < 6; i++) {
            get("/api/twin/balance").then().statusCode(200);
        }

        assertEquals(3, INSTANCES.get(0).findAll(anyRequestedFor(anyUrl())).size());
        assertEquals(3, INSTANCES.get(1).findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void aSlowInstanceIsGivenFewerCallsThanItsTurn() throws Exception {
        // Instance 0 answers after 2 s (a JVM still compiling, a long pause); instance 1 at once. Ten calls 100 ms
        // apart: in turn, five would wait on instance 0. By calls under way, instance 0 is busy after its first, so
        // the others go to instance 1; a second may reach it only when a call to instance 1 is under way just then.
        INSTANCES.get(0).stubFor(any(urlPathMatching("/api/twin/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"instance\":0}").withFixedDelay(2_000)));
        HttpRequest call = HttpRequest.newBuilder(balance)
                .header("Authorization", "Bearer " + Tokens.resident("li-mei", "wutong")).build();
        for (HttpResponse<Void> answer : pacedCalls(call, 10, Duration.ofMillis(100), BodyHandlers.discarding())) {
            assertEquals(200, answer.statusCode());
        }

        int slow = INSTANCES.get(0).findAll(anyRequestedFor(anyUrl())).size();
        assertTrue(slow >= 1 && slow <= 2, slow + " of 10 calls went to the slow instance");
        assertEquals(10 - slow, INSTANCES.get(1).findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void aHungInstanceSoonGetsNoMoreThanOneCallAtATimeAndDoesNotCutTheOtherOff() throws Exception {
        // Instance 1 answers after a second, so about 20 calls are under way on it all the time, as calls with
        // Prefer: wait are: by calls under way alone the hung instance would keep getting calls until it had as many.
        INSTANCES.get(1).stubFor(any(urlPathMatching("/api/hung/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"instance\":1}").withFixedDelay(1_000)));
        // A resident of this test alone: its 80 calls would leave li-mei's rate limit short for the other tests.
        HttpRequest call = HttpRequest.newBuilder(balance.resolve("/api/hung/balance"))
                .header("Authorization", "Bearer " + Tokens.resident("patient-caller", "wutong")).build();
        // 20 calls a second for 4 s, twice the 2 s timeout.
        List<Integer> statuses = pacedCalls(call, 80, Duration.ofMillis(50), BodyHandlers.discarding()).stream()
                .map(HttpResponse::statusCode).toList();

        // The calls the hung instance took before it was seen silent time out: here about the first second's share,
        // since it is judged only once the other has answered (after 1 s). In the last two seconds it gets only one
        // call at a time, which lasts until its connection's idle timeout (3 s): a probe, or two on a slow machine.
        // By calls under way alone, it got a call whenever one of its own ended (8 of the last 40 timed out).
        long timedOut = statuses.stream().filter(status -> status == 504).count();
        long timedOutLater = statuses.subList(40, 80).stream().filter(status -> status == 504).count();
        assertTrue(timedOut >= 1, "the hung instance got no call: " + statuses);
        assertTrue(timedOutLater <= 2, timedOutLater + " of the last 40 calls timed out: " + statuses);
        // Their timeouts are the hung instance's, not the service's: the breaker stays closed (a 503 would be it).
        assertEquals(80 - timedOut, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(80 - timedOut, INSTANCES.get(1).findAll(anyRequestedFor(urlPathEqualTo("/api/hung/balance"))).size());
    }

    @Test
    void myHomeFindsAHungInstanceOfItsServiceToo() throws Exception {
        // Catalog is the hung socket and a stand-in whose vouchers take 600 ms (so calls are under way on it, as
        // above). Every "my home" asks catalog once; its vouchers are unavailable when the call went to the hung one.
        HomeTest.stubAll();
        StandInServices.service("catalog").stubFor(WireMock.get(urlPathEqualTo("/api/catalog/me/vouchers"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(HomeTest.VOUCHERS).withFixedDelay(600)));
        HttpRequest home = HttpRequest.newBuilder(balance.resolve("/api/home"))
                .header("Authorization", "Bearer " + Tokens.resident("home-caller", "wutong")).build();
        // 20 homes a second for 3 s.
        List<String> vouchers = new ArrayList<>();
        for (HttpResponse<String> response : pacedCalls(home, 60, Duration.ofMillis(50), BodyHandlers.ofString())) {
            assertEquals(200, response.statusCode(), response.body());
            vouchers.add(JsonPath.from(response.body()).getString("activeVouchers.status"));
        }

        // As with the proxy's calls: the first second's share to the hung instance is lost, later homes get their
        // vouchers (at most two probes), and catalog's breaker stays closed (it would make every later part unavailable).
        long unavailable = vouchers.stream().filter("unavailable"::equals).count();
        long unavailableLater = vouchers.subList(30, 60).stream().filter("unavailable"::equals).count();
        assertTrue(unavailable >= 1, "the hung instance got no call: " + vouchers);
        assertTrue(unavailableLater <= 2, unavailableLater + " of the last 30 homes had no vouchers: " + vouchers);
    }

    @Test
    void myHomeTakesItsPartsFromTheOtherInstanceWhenOneIsStopped() throws Exception {
        // Points is the stopped instance and the points stand-in. A refused connection moves the call to the other
        // instance, as the proxy's do, and leaves the stopped one out for the ejection time (1 s here): over 3 s of
        // homes it is tried again each time it is back, and no home loses its balance or passbook to it.
        HomeTest.stubAll();
        HttpRequest home = HttpRequest.newBuilder(balance.resolve("/api/home"))
                .header("Authorization", "Bearer " + Tokens.resident("home-after-a-stop", "wutong")).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        UpstreamPool points = upstreams.of("points");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i == 28) {
                // Until its ejection is over (it can come first again); then of the last two homes, one asks it first
                // (they take turns). Each order() asked here takes a turn too, which leaves that true: with two
                // instances, of any two orders in a row one starts with the stopped instance.
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> points.order().get(0).url().getPort() == stoppedInstancePort);
            }
            HttpResponse<String> response = client.send(home, BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonPath body = JsonPath.from(response.body());
            parts.add(body.getString("balance.status") + "/" + body.getString("passbook.status"));
            // Pacing, not waiting for a condition: the homes spread over 3 s, past the ejection time several times.
            Thread.sleep(100);
        }

        assertEquals(List.of("ok/ok"), parts.stream().distinct().toList(), parts.toString());
        // It was asked and refused just now: left out, it comes last whoever's turn it is.
        for (int i = 0; i < 2; i++) {
            List<UpstreamPool.Instance> order = points.order();
            assertEquals(stoppedInstancePort, order.get(order.size() - 1).url().getPort(), order.toString());
        }
    }

    @Test
    void callsEndedByAFaultOrByTheirCallerLeavingAreNoLongerCountedUnderWay() throws Exception {
        // A count left behind would keep an instance looking busy, and its share of calls lower, for good.
        INSTANCES.get(0).stubFor(any(urlPathMatching("/api/twin/.*"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        INSTANCES.get(1).stubFor(any(urlPathMatching("/api/twin/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"instance\":1}").withFixedDelay(3_000)));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest leaving = HttpRequest.newBuilder(balance).timeout(Duration.ofMillis(300))
                .header("Authorization", "Bearer " + Tokens.resident("li-mei", "wutong")).build();
        for (int i = 0; i < 6; i++) {
            // Reset by instance 0 (a 5xx), or given up on by the caller while instance 1 is still at it.
            try {
                client.send(leaving, BodyHandlers.discarding());
            } catch (HttpTimeoutException gaveUp) {
                // the caller left
            }
        }

        assertTrue(INSTANCES.get(0).findAll(anyRequestedFor(anyUrl())).size() >= 1);
        assertTrue(INSTANCES.get(1).findAll(anyRequestedFor(anyUrl())).size() >= 1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> upstreams.of("twin").instances().stream().allMatch(instance -> instance.underWay() == 0));
    }

    @Test
    void withOneInstanceStoppedEveryCallStillSucceedsOnTheOther() {
        INSTANCES.get(1).stop();

        for (int i = 0; i < 6; i++) {
            get("/api/twin/balance").then().statusCode(200).body("instance", is(0));
        }
        given().auth().oauth2(Tokens.resident("li-mei", "wutong")).contentType("application/json").body("{}")
                .when().post("/api/twin/redemptions")
                .then().statusCode(200).body("instance", is(0));
    }

    @Test
    void withOneInstanceStoppedThePublicDocumentStillHasTheServicesPaths() {
        for (WireMockServer instance : INSTANCES) {
            instance.stubFor(WireMock.get(urlPathEqualTo("/q/openapi")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("""
                            {"openapi":"3.1.0","info":{"title":"twin","version":"1"},
                             "paths":{"/api/twin/balance":{"get":{"responses":{"200":{"description":"OK"}}}}}}""")));
        }
        INSTANCES.get(1).stop();

        // Twice, so that one of the two asks the stopped instance first whichever instance's turn it is.
        for (int i = 0; i < 2; i++) {
            document.invalidate();
            given().when().get("/openapi").then().statusCode(200)
                    .body("paths.'/api/twin/balance'.get", notNullValue())
                    .body("x-unavailable-services", not(hasItem("twin")));
        }
    }

    @Test
    void aRestartedInstanceGetsItsTurnAgain() {
        INSTANCES.get(1).stop();
        get("/api/twin/balance").then().statusCode(200);
        get("/api/twin/balance").then().statusCode(200);

        INSTANCES.get(1).start();
        INSTANCES.get(1).stubFor(any(urlPathMatching("/api/twin/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"instance\":1}")));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            get("/api/twin/balance").then().statusCode(200);
            return !INSTANCES.get(1).findAll(anyRequestedFor(anyUrl())).isEmpty();
        });
    }

    /**
     * {@code count} calls {@code gap} apart, then every answer. Pacing, not waiting for a condition: the calls must
     * arrive spread out, as a service's callers do.
     */
    private static <T> List<HttpResponse<T>> pacedCalls(HttpRequest call, int count, Duration gap,
            HttpResponse.BodyHandler<T> body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<T>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.sendAsync(call, body));
            Thread.sleep(gap.toMillis());
        }
        List<HttpResponse<T>> answered = new ArrayList<>();
        for (CompletableFuture<HttpResponse<T>> answer : answers) {
            answered.add(answer.get(10, TimeUnit.SECONDS));
        }
        return answered;
    }

    private static io.restassured.response.Response get(String path) {
        return given().auth().oauth2(Tokens.resident("li-mei", "wutong")).when().get(path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
