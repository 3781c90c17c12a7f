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

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.communitypoints.gateway.openapi.PublicApiDocument;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * One service ("twin", only in this test) with two instances behind the gateway: calls are dealt out in turn, and
 * a stopped instance costs the callers nothing.
 */
@QuarkusTest
@TestProfile(BalancingTest.TwoInstances.class)
class BalancingTest {

    private static final List<WireMockServer> INSTANCES = new ArrayList<>();

    public static class TwoInstances implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            synchronized (INSTANCES) {
                if (INSTANCES.isEmpty()) {
                    for (int i = 0; i < 2; i++) {
                        WireMockServer server = new WireMockServer(WireMockConfiguration.options().port(freePort())
                                .bindAddress("127.0.0.1"));
                        server.start();
                        INSTANCES.add(server);
                    }
                }
            }
            return Map.of(
                    "gateway.downstreams.twin.urls", INSTANCES.stream().map(s -> "http://127.0.0.1:" + s.port())
                            .reduce((a, b) -> a + "," + b).orElseThrow(),
                    "gateway.downstreams.twin.roles", "resident",
                    "gateway.balancing.ejection", "1s");
        }
    }

    @Inject
    PublicApiDocument document;

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
