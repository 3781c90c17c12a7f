package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.communitypoints.gateway.resilience.DownstreamGuards;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** What the caller gets when a service is slow, broken or down: problem+json, never a bare status. */
@QuarkusTest
class ProxyFailureTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    private final String token = Tokens.staff("staff-failures", "wutong");

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
        breakers.resetAll();
    }

    @Test
    void slowServiceIs504Problem() {
        StandInServices.service("catalog").stubFor(get(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(200).withBody("[]").withFixedDelay(6000)));

        given().auth().oauth2(token).when().get("/api/catalog/rewards")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("code", is("GATEWAY_TIMEOUT"))
                .body("instance", is("/api/catalog/rewards"));
    }

    @Test
    void serviceDroppingTheConnectionIs502Problem() {
        StandInServices.service("catalog").stubFor(get(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        given().auth().oauth2(token).when().get("/api/catalog/rewards")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("code", is("BAD_GATEWAY"));
    }

    @Test
    void stoppedServiceIs503Problem() {
        StandInServices.service("activity").stop();

        given().auth().oauth2(token).when().get("/api/activity/activities")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", is("SERVICE_UNAVAILABLE"));
    }

    @Test
    void serviceErrorIsPassedOnAsTheServiceWroteIt() {
        StandInServices.service("points").stubFor(get(urlEqualTo("/api/points/accounts"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":500,\"code\":\"INTERNAL_ERROR\",\"detail\":\"error id e-1\"}")));

        given().auth().oauth2(token).when().get("/api/points/accounts")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("detail", is("error id e-1"));
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndStopsCallingTheService() {
        StandInServices.service("points").stubFor(get(urlEqualTo("/api/points/accounts"))
                .willReturn(aResponse().withStatus(503).withBody("down for maintenance")));

        // requestVolumeThreshold is 4 in tests, failure ratio 0.5: four failures open the circuit.
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(token).when().get("/api/points/accounts").then().statusCode(503);
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(DownstreamGuards.breakerName("points")));

        given().auth().oauth2(token).when().get("/api/points/accounts")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("code", is("SERVICE_UNAVAILABLE"));
        StandInServices.service("points").verify(4, getRequestedFor(urlEqualTo("/api/points/accounts")));

        // The home screen shares the breaker: its points parts are unavailable without a call either.
        given().auth().oauth2(Tokens.resident("li-mei", "wutong")).when().get("/api/home")
                .then().statusCode(200)
                .body("balance.status", is("unavailable"));
        StandInServices.service("points").verify(0, getRequestedFor(urlPathEqualTo("/api/points/me/summary")));
        // Other services are not affected.
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(DownstreamGuards.breakerName("catalog")));
    }

    @Test
    void serviceSheddingLoadWithRetryAfterIsPassedOnAndDoesNotOpenTheCircuit() {
        StandInServices.service("catalog").stubFor(get(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/problem+json").withBody("{\"code\":\"BUSY\"}")));

        // Twice the breaker's volume threshold (4 in tests): as failures, these would have opened it.
        for (int i = 0; i < 8; i++) {
            given().auth().oauth2(token).when().get("/api/catalog/rewards")
                    .then().statusCode(503)
                    .header("Retry-After", "1")
                    .body("code", is("BUSY"));
        }

        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(DownstreamGuards.breakerName("catalog")));
        StandInServices.service("catalog").verify(8, getRequestedFor(urlEqualTo("/api/catalog/rewards")));
    }

    @Test
    void callersHangingUpMidRequestDoNotOpenTheCircuit() throws Exception {
        WireMockServer catalog = StandInServices.service("catalog");
        catalog.stubFor(get(urlEqualTo("/api/catalog/rewards/slow"))
                .willReturn(aResponse().withStatus(200).withBody("[]").withFixedDelay(1500)));
        catalog.stubFor(post(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(201)));
        catalog.stubFor(get(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        String hangingUp = Tokens.staff("staff-hanging-up", "wutong");

        // Twice the breaker's window (4 calls in tests): callers that hang up while the slow service works on
        // their request...
        for (int i = 1; i <= 8; i++) {
            try (Socket caller = send(hangingUp, "GET /api/catalog/rewards/slow HTTP/1.1\r\n", "\r\n")) {
                int reached = i;
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> catalog.findAll(getRequestedFor(urlEqualTo("/api/catalog/rewards/slow"))).size() == reached);
            }
        }
        // ...and callers cut off half way through their body.
        for (int i = 0; i < 8; i++) {
            send(hangingUp, "POST /api/catalog/rewards HTTP/1.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 400\r\n", "\r\n{\"title\":\"Canteen").close();
        }

        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(
                () -> breakers.currentState(DownstreamGuards.breakerName("catalog")) == CircuitBreakerState.CLOSED);
        given().auth().oauth2(token).when().get("/api/catalog/rewards")
                .then().statusCode(200);

        // The same breaker still opens for the service's own failures.
        catalog.stubFor(get(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(503).withBody("down for maintenance")));
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(token).when().get("/api/catalog/rewards").then().statusCode(503);
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(DownstreamGuards.breakerName("catalog")));
    }

    /** A raw connection that sends the request head (and maybe the start of a body) and then waits, unread. */
    private static Socket send(String token, String requestLine, String rest) throws Exception {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        socket.setSoLinger(true, 0);
        OutputStream out = socket.getOutputStream();
        out.write((requestLine + "Host: localhost\r\nAuthorization: Bearer " + token + "\r\n" + rest)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void refusalsDoNotOpenTheCircuit() {
        StandInServices.service("points").stubFor(get(urlEqualTo("/api/points/accounts"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":404,\"code\":\"NOT_FOUND\"}")));

        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(token).when().get("/api/points/accounts").then().statusCode(404);
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(DownstreamGuards.breakerName("points")));
    }

    @Test
    void announcedOversizedBodyIs413ProblemAndNeverReachesTheService() {
        byte[] body = new byte[300 * 1024];

        given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/catalog/rewards")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", is("PAYLOAD_TOO_LARGE"));
        StandInServices.service("catalog").verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void streamedOversizedBodyIs413Problem() {
        StandInServices.service("catalog").stubFor(post(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(201)));
        // An InputStream body is sent chunked, without Content-Length.
        InputStream body = new ByteArrayInputStream(new byte[600 * 1024]);

        given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/catalog/rewards")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", is("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void streamedBodyWithinTheLimitIsForwarded() {
        StandInServices.service("catalog").stubFor(post(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(201)));
        InputStream body = new ByteArrayInputStream("{\"title\":\"Canteen lunch\"}".getBytes());

        given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/catalog/rewards")
                .then().statusCode(201);
        StandInServices.service("catalog").verify(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlEqualTo("/api/catalog/rewards"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"title\":\"Canteen lunch\"}")));
    }
}
