package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitypoints.contracts.RedemptionReceipt;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The gateway signs a receipt of every redemption request for points-service, and passes on no receipt or redemption
 * id a caller sent.
 */
@QuarkusTest
class RedemptionReceiptTest {

    /** %test.gateway.redemption-receipt-secret, the value points-service's tests use too. */
    private static final RedemptionReceipt.Secret TEST_SECRET = RedemptionReceipt.Secret
            .of("dev-and-test-only-redemption-receipt-secret-never-in-production");
    private static final String REDEMPTIONS = "/api/catalog/redemptions";

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
        StandInServices.NAMES.forEach(name -> StandInServices.service(name).stubFor(any(anyUrl())
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}"))));
    }

    @ParameterizedTest
    @ValueSource(strings = { REDEMPTIONS, REDEMPTIONS + "/" })
    void aResidentsRedemptionRequestReachesCatalogWithAReceiptSignedForTheResident(String path) {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        redeem(given().auth().oauth2(Tokens.resident("receipt-resident", "wutong")), path);

        Instant after = Instant.now();
        LoggedRequest forwarded = onlyRequestTo("catalog", path);
        RedemptionReceipt receipt = verifiedReceiptOf(forwarded);
        assertEquals("receipt-resident", receipt.caller());
        assertNull(receipt.onBehalfOf());
        assertEquals(UUID.fromString(forwarded.getHeader(RedemptionReceipt.REDEMPTION_ID_HEADER)), receipt.redemptionId());
        assertFalse(receipt.issuedAt().isBefore(before), receipt.issuedAt() + " is before the request " + before);
        assertFalse(receipt.issuedAt().isAfter(after), receipt.issuedAt() + " is after the answer " + after);
    }

    @Test
    void eachRedemptionRequestGetsItsOwnRedemptionId() {
        redeem(given().auth().oauth2(Tokens.resident("receipt-twice", "wutong")), REDEMPTIONS);
        redeem(given().auth().oauth2(Tokens.resident("receipt-twice", "wutong")), REDEMPTIONS);

        List<LoggedRequest> forwarded = StandInServices.service("catalog").findAll(postRequestedFor(urlEqualTo(REDEMPTIONS)));
        assertEquals(2, forwarded.size());
        assertNotEquals(verifiedReceiptOf(forwarded.get(0)).redemptionId(), verifiedReceiptOf(forwarded.get(1)).redemptionId());
    }

    @Test
    void aProxysRedemptionRequestNamesTheResidentItActsFor() {
        redeem(given().auth().oauth2(Tokens.staff("receipt-helper", "wutong")).header("On-Behalf-Of", "receipt-elder"),
                REDEMPTIONS);

        RedemptionReceipt receipt = verifiedReceiptOf(onlyRequestTo("catalog", REDEMPTIONS));
        assertEquals("receipt-helper", receipt.caller());
        assertEquals("receipt-elder", receipt.onBehalfOf());
        assertEquals("receipt-elder", receipt.memberId());
    }

    @Test
    void aReceiptAndRedemptionIdTheCallerSentAreReplacedByTheGatewaysOwn() {
        // Even one signed with the right secret: a caller may hold a receipt it saw, for another redemption or resident.
        UUID sentId = UUID.randomUUID();
        String sentReceipt = new RedemptionReceipt(sentId, "someone-else", null, Instant.now()).sign(TEST_SECRET);

        redeem(given().auth().oauth2(Tokens.resident("receipt-replaced", "wutong"))
                .header(RedemptionReceipt.HEADER, sentReceipt)
                .header(RedemptionReceipt.REDEMPTION_ID_HEADER, sentId.toString()), REDEMPTIONS);

        LoggedRequest forwarded = onlyRequestTo("catalog", REDEMPTIONS);
        assertEquals(1, forwarded.getHeaders().getHeader(RedemptionReceipt.HEADER).values().size());
        assertEquals(1, forwarded.getHeaders().getHeader(RedemptionReceipt.REDEMPTION_ID_HEADER).values().size());
        assertNotEquals(sentReceipt, forwarded.getHeader(RedemptionReceipt.HEADER));
        assertNotEquals(sentId.toString(), forwarded.getHeader(RedemptionReceipt.REDEMPTION_ID_HEADER));
        RedemptionReceipt receipt = verifiedReceiptOf(forwarded);
        assertEquals("receipt-replaced", receipt.caller());
        assertNotEquals(sentId, receipt.redemptionId());
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET /api/catalog/redemptions/8d0c2c52-5c3f-4a38-a4a4-3f0b6a3f4e11",
            "POST /api/catalog/redemptions/8d0c2c52-5c3f-4a38-a4a4-3f0b6a3f4e11/cancel",
            "GET /api/catalog/redemptions", "PUT /api/catalog/redemptions", "POST /api/catalog/rewards",
            "POST /api/points/holds", "GET /api/points/seal-key" })
    void noReceiptOrRedemptionIdReachesAServiceAnywhereElse(String request) {
        String method = request.substring(0, request.indexOf(' '));
        String path = request.substring(request.indexOf(' ') + 1);
        String service = path.split("/")[2];
        UUID sentId = UUID.randomUUID();
        String sentReceipt = new RedemptionReceipt(sentId, "receipt-elsewhere", null, Instant.now()).sign(TEST_SECRET);

        RequestSpecification sent = given().auth().oauth2(Tokens.staff("receipt-elsewhere", "wutong"))
                .header(RedemptionReceipt.HEADER, sentReceipt)
                .header(RedemptionReceipt.REDEMPTION_ID_HEADER, sentId.toString());
        if (!method.equals("GET")) {
            sent.contentType("application/json").body("{}");
        }

        sent.when().request(method, path)
                .then().statusCode(201);

        StandInServices.service(service).verify(1, anyRequestedFor(urlEqualTo(path))
                .withoutHeader(RedemptionReceipt.HEADER)
                .withoutHeader(RedemptionReceipt.REDEMPTION_ID_HEADER));
    }

    @ParameterizedTest
    @ValueSource(strings = { "none", "expired", "grid-worker" })
    void aRefusedRedemptionRequestReachesNoService(String token) {
        String sentReceipt = new RedemptionReceipt(UUID.randomUUID(), "receipt-refused", null, Instant.now())
                .sign(TEST_SECRET);
        RequestSpecification request = given().header(RedemptionReceipt.HEADER, sentReceipt)
                .contentType("application/json").body("{\"rewardId\":\"lunch\"}");
        int status = switch (token) {
            case "expired" -> {
                request.auth().oauth2(Tokens.expired("receipt-refused", "wutong"));
                yield 401;
            }
            case "grid-worker" -> {
                // Catalog is not for grid workers at all (gateway.downstreams.catalog.roles).
                request.auth().oauth2(Tokens.gridWorker("receipt-refused", "wutong"));
                yield 403;
            }
            default -> 401;
        };

        request.when().post(REDEMPTIONS)
                .then().statusCode(status)
                .contentType("application/problem+json");

        StandInServices.NAMES.forEach(name -> StandInServices.service(name).verify(0, anyRequestedFor(anyUrl())));
    }

    private static void redeem(RequestSpecification request, String path) {
        request.contentType("application/json").body("{\"rewardId\":\"lunch\"}")
                .when().post(path)
                .then().statusCode(201);
    }

    private static LoggedRequest onlyRequestTo(String service, String path) {
        List<LoggedRequest> forwarded = StandInServices.service(service).findAll(postRequestedFor(urlEqualTo(path)));
        assertEquals(1, forwarded.size(), "requests to " + path);
        return forwarded.get(0);
    }

    private static RedemptionReceipt verifiedReceiptOf(LoggedRequest forwarded) {
        String wire = forwarded.getHeader(RedemptionReceipt.HEADER);
        assertTrue(RedemptionReceipt.verified(wire, TEST_SECRET).isPresent(), "a receipt signed with the test secret: " + wire);
        return RedemptionReceipt.verified(wire, TEST_SECRET).orElseThrow();
    }
}
