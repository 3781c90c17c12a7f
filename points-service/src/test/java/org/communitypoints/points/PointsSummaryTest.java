package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** GET /api/points/me/summary: the balance and the newest passbook lines of the "my home" screen in one read. */
@QuarkusTest
class PointsSummaryTest {

    private static final String COMMUNITY = "qinghe";
    private static final String SUMMARY = "/api/points/me/summary";

    @Inject
    LedgerChecks ledger;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private String residentWithCredits(int... points) {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        for (int p : points) {
            ledger.credit(COMMUNITY, member, p, "楼道清扫");
        }
        return member;
    }

    @Test
    void theResidentGetsTheirBalanceAndNewestLinesTogether() {
        String member = residentWithCredits(10, 20, 30);

        given().auth().oauth2(Tokens.resident(member, COMMUNITY)).queryParam("limit", 2)
                .when().get(SUMMARY)
                .then().statusCode(200)
                .body("balance.memberId", equalTo(member))
                .body("balance.communityId", equalTo(COMMUNITY))
                .body("balance.posted", equalTo(60))
                .body("balance.available", equalTo(60))
                .body("passbook.lines", hasSize(2))
                .body("passbook.lines[0].amount", equalTo(30))
                .body("passbook.lines[0].runningBalance", equalTo(60))
                .body("passbook.lines[1].runningBalance", equalTo(30))
                .body("passbook.nextCursor", notNullValue());
    }

    @Test
    void theSummaryAgreesWithTheBalanceAndPassbookReads() {
        String member = residentWithCredits(4, 5, 6, 7, 8, 9);
        String token = Tokens.resident(member, COMMUNITY);
        var balance = given().auth().oauth2(token).when().get("/api/points/me/balance")
                .then().statusCode(200).extract().jsonPath();
        var passbook = given().auth().oauth2(token).queryParam("limit", 5).when().get("/api/points/me/passbook")
                .then().statusCode(200).extract().jsonPath();

        var summary = given().auth().oauth2(token).when().get(SUMMARY)
                .then().statusCode(200).extract().jsonPath();

        assertEquals(balance.getMap(""), summary.getMap("balance"));
        assertEquals(passbook.getMap(""), summary.getMap("passbook"));
    }

    @Test
    void aResidentWithoutPointsGetsZerosAndNoLines() {
        given().auth().oauth2(Tokens.resident("resident-" + UUID.randomUUID(), COMMUNITY))
                .when().get(SUMMARY)
                .then().statusCode(200)
                .body("balance.posted", equalTo(0))
                .body("balance.available", equalTo(0))
                .body("passbook.lines", hasSize(0))
                .body("passbook.nextCursor", nullValue());
    }

    @Test
    void anotherResidentWithoutAGrantIsRefused() {
        String owner = residentWithCredits(25);
        String neighbour = LedgerChecks.registeredResident(COMMUNITY);

        given().auth().oauth2(Tokens.resident(neighbour, COMMUNITY)).header("On-Behalf-Of", owner)
                .when().get(SUMMARY)
                .then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("PROXY_NOT_ALLOWED"));
    }

    @Test
    void aProxyWithPassbookReadReadsTheResidentsSummary() {
        String owner = residentWithCredits(25);
        String son = "son-" + UUID.randomUUID();
        LedgerChecks.registry().grant(COMMUNITY, owner, son, Instant.now().plus(Duration.ofDays(30)),
                Scope.PASSBOOK_READ);

        given().auth().oauth2(Tokens.resident(son, COMMUNITY)).header("On-Behalf-Of", owner)
                .when().get(SUMMARY)
                .then().statusCode(200)
                .body("balance.memberId", equalTo(owner))
                .body("passbook.lines[0].runningBalance", equalTo(25));
    }

    @Test
    void aGridWorkerWithoutOnBehalfOfIsRefused() {
        given().auth().oauth2(Tokens.gridWorker("grid-" + UUID.randomUUID(), COMMUNITY))
                .when().get(SUMMARY)
                .then().statusCode(403).body("code", equalTo("ON_BEHALF_OF_REQUIRED"));
    }

    @Test
    void staffAreNotResidentsHere() {
        given().auth().oauth2(Tokens.staff("staff-" + UUID.randomUUID(), COMMUNITY))
                .when().get(SUMMARY)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aLimitOutOfRangeIsAProblemInTheCallersLanguage() {
        String token = Tokens.resident("resident-" + UUID.randomUUID(), COMMUNITY);
        given().auth().oauth2(token).queryParam("limit", 0)
                .when().get(SUMMARY)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_LIMIT"))
                .body("detail", equalTo("limit 必须在 1 到 200 之间。"));
        given().auth().oauth2(token).header("Accept-Language", "en").queryParam("limit", 201)
                .when().get(SUMMARY)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_LIMIT"))
                .body("detail", equalTo("limit must be between 1 and 200."));
    }

    @Test
    void aLimitThatIsNotANumberIsRefusedNamingTheParameter() {
        given().auth().oauth2(Tokens.resident("resident-" + UUID.randomUUID(), COMMUNITY)).queryParam("limit", "five")
                .when().get(SUMMARY)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("detail", containsString("limit"));
    }

    @Test
    void noTokenIsUnauthenticated() {
        given().when().get(SUMMARY).then().statusCode(401);
    }
}
