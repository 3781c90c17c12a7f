package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.points.service.HoldService;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A proxy (代办) reads a resident's points with their PASSBOOK_READ grant; the resident's passbook names the proxy. */
@QuarkusTest
class ProxyPassbookTest {

    private static final String COMMUNITY = "wenxing";
    private static final Instant NEXT_MONTH = Instant.now().plus(Duration.ofDays(30));

    @Inject
    LedgerChecks ledger;
    @Inject
    HoldService holds;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private String residentWith(long points) {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        ledger.credit(COMMUNITY, member, points, "社区巡逻");
        return member;
    }

    @Test
    void aProxyWithPassbookReadReadsTheResidentsBalancePassbookAndCsv() {
        String grandmother = residentWith(40);
        String son = "son-" + UUID.randomUUID();
        LedgerChecks.registry().grant(COMMUNITY, grandmother, son, NEXT_MONTH, Scope.PASSBOOK_READ);
        String token = Tokens.resident(son, COMMUNITY);

        given().auth().oauth2(token).header("On-Behalf-Of", grandmother).when().get("/api/points/me/balance")
                .then().statusCode(200).body("memberId", equalTo(grandmother)).body("available", equalTo(40));
        given().auth().oauth2(token).header("On-Behalf-Of", grandmother).when().get("/api/points/me/passbook")
                .then().statusCode(200).body("lines[0].postedAfter", equalTo(40));
        given().auth().oauth2(token).header("On-Behalf-Of", grandmother).when().get("/api/points/me/passbook.csv")
                .then().statusCode(200);
        // without the header the proxy reads their own (empty) passbook, never the resident's
        given().auth().oauth2(token).when().get("/api/points/me/balance")
                .then().statusCode(200).body("memberId", equalTo(son)).body("posted", equalTo(0));
    }

    @Test
    void aGridWorkerReadsOnlyOnBehalfOfAResidentWhoAuthorisedThem() {
        String resident = residentWith(25);
        String worker = "grid-" + UUID.randomUUID();
        LedgerChecks.registry().grant(COMMUNITY, resident, worker, NEXT_MONTH, Scope.PASSBOOK_READ);

        given().auth().oauth2(Tokens.gridWorker(worker, COMMUNITY)).header("On-Behalf-Of", resident)
                .when().get("/api/points/me/balance")
                .then().statusCode(200).body("posted", equalTo(25));
        given().auth().oauth2(Tokens.gridWorker(worker, COMMUNITY)).when().get("/api/points/me/passbook")
                .then().statusCode(403).body("code", equalTo("ON_BEHALF_OF_REQUIRED"));
    }

    @Test
    void aGrantWithoutPassbookReadDoesNotOpenThePassbook() {
        String resident = residentWith(25);
        String proxy = "proxy-" + UUID.randomUUID();
        LedgerChecks.registry().grant(COMMUNITY, resident, proxy, NEXT_MONTH, Scope.REDEEM);

        given().auth().oauth2(Tokens.resident(proxy, COMMUNITY)).header("On-Behalf-Of", resident)
                .when().get("/api/points/me/passbook")
                .then().statusCode(403).body("code", equalTo("PROXY_NOT_ALLOWED"));
    }

    @Test
    void aRevocationInTheCopyHoldsFromTheNextRequest() {
        String resident = residentWith(25);
        String proxy = "proxy-" + UUID.randomUUID();
        UUID grant = LedgerChecks.registry().grant(COMMUNITY, resident, proxy, NEXT_MONTH, Scope.PASSBOOK_READ);
        given().auth().oauth2(Tokens.resident(proxy, COMMUNITY)).header("On-Behalf-Of", resident)
                .when().get("/api/points/me/balance").then().statusCode(200);

        LedgerChecks.registry().revoke(COMMUNITY, grant, resident, proxy, Scope.PASSBOOK_READ);
        given().auth().oauth2(Tokens.resident(proxy, COMMUNITY)).header("On-Behalf-Of", resident)
                .when().get("/api/points/me/balance")
                .then().statusCode(403).body("code", equalTo("PROXY_NOT_ALLOWED"));
    }

    @Test
    void aHoldAProxyPlacedNamesTheProxyFromTheCopyInTheResidentsPassbook() {
        String resident = residentWith(50);
        String proxy = "proxy-" + UUID.randomUUID();
        LedgerChecks.registry().grant(COMMUNITY, resident, proxy, NEXT_MONTH, Scope.REDEEM);
        HoldRequested hold = LedgerChecks.withReceipt(new HoldRequested(UUID.randomUUID(), resident,
                "wenxing-night-school", "插花课", 20, 0, Instant.now().plusSeconds(3600), proxy));
        holds.handle(EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(), hold), hold);

        given().auth().oauth2(Tokens.resident(resident, COMMUNITY)).when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines[0].kind", equalTo("HOLD"))
                .body("lines[0].actedBy", equalTo(proxy))
                .body("lines[0].actedByName", equalTo("代办人 " + proxy))
                .body("lines[0].description", equalTo("冻结积分：插花课（由 代办人 " + proxy + " 代办）"));
        given().auth().oauth2(Tokens.staff("staff-zhou", COMMUNITY)).when()
                .get("/api/points/members/" + resident + "/passbook")
                .then().statusCode(200).body("lines[0].actedBy", equalTo(proxy));
    }
}
