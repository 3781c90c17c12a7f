package org.communitypoints.community;

import static io.restassured.RestAssured.given;
import static org.communitypoints.community.Registry.WUTONG;
import static org.communitypoints.community.Registry.XIMALU;
import static org.communitypoints.community.Registry.grantBody;
import static org.communitypoints.community.Registry.inDays;
import static org.communitypoints.community.Registry.resident;
import static org.communitypoints.community.Registry.staff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ProxyGrantTest {

    private static ValidatableResponse grantOwn(String member, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.resident(member, WUTONG)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .when().post("/api/community/me/proxies").then();
    }

    private static ValidatableResponse grantByStaff(String token, String member, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .when().post("/api/community/residents/" + member + "/proxies").then();
    }

    @Test
    void aResidentNamesAFamilyMemberWhoThenActsForThemWithinTheScopes() {
        String mother = resident(WUTONG);
        String daughter = resident(WUTONG);

        grantOwn(mother, grantBody(daughter, "FAMILY", inDays(30))).statusCode(201).body("state", is("ACTIVE"))
                .body("consentRecordedBy", is(mother)).body("scopes", contains("PASSBOOK_READ", "REDEEM"))
                .body("version", is(1));

        given().auth().oauth2(Tokens.resident(daughter, WUTONG)).when().get("/api/community/me/acting-for")
                .then().statusCode(200).body("memberId", contains(mother))
                .body("[0].scopes", contains("PASSBOOK_READ", "REDEEM"));
        given().auth().oauth2(Tokens.resident(mother, WUTONG)).when().get("/api/community/me/proxies")
                .then().statusCode(200).body("proxyId", contains(daughter));
    }

    @Test
    void aRevokedGrantStopsAtOnce() {
        String mother = resident(WUTONG);
        String daughter = resident(WUTONG);
        String grant = grantOwn(mother, grantBody(daughter, "FAMILY", inDays(30))).statusCode(201)
                .extract().path("id");

        given().auth().oauth2(Tokens.resident(mother, WUTONG)).when()
                .post("/api/community/me/proxies/" + grant + "/revoke")
                .then().statusCode(200).body("state", is("REVOKED")).body("version", is(2));

        given().auth().oauth2(Tokens.resident(daughter, WUTONG)).when().get("/api/community/me/acting-for")
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void aGrantPastItsValidUntilNoLongerCounts() {
        String mother = resident(WUTONG);
        String daughter = resident(WUTONG);
        grantOwn(mother, grantBody(daughter, "FAMILY", Instant.now().plusSeconds(2))).statusCode(201);

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .auth().oauth2(Tokens.resident(daughter, WUTONG)).when().get("/api/community/me/acting-for")
                .then().statusCode(200).body("$", empty()));
        given().auth().oauth2(Tokens.resident(mother, WUTONG)).when().get("/api/community/me/proxies")
                .then().statusCode(200).body("[0].state", is("EXPIRED"));
    }

    @Test
    void aGrantMustEndInTheFutureAndWithinAYear() {
        String mother = resident(WUTONG);
        String daughter = resident(WUTONG);

        grantOwn(mother, grantBody(daughter, "FAMILY", inDays(400))).statusCode(400).body("code", is("GRANT_TOO_LONG"));
        grantOwn(mother, grantBody(daughter, "FAMILY", inDays(-1))).statusCode(400)
                .body("code", is("VALID_UNTIL_IN_PAST"));
    }

    @Test
    void theProxyMustBeARegisteredResidentOfTheSameCommunity() {
        String mother = resident(WUTONG);

        grantOwn(mother, grantBody(Registry.newMemberId(), "FAMILY", inDays(30))).statusCode(422)
                .body("code", is("PROXY_NOT_FOUND"));
        grantOwn(mother, grantBody(resident(XIMALU), "FAMILY", inDays(30))).statusCode(422)
                .body("code", is("PROXY_NOT_FOUND"));
        grantOwn(mother, grantBody(mother, "FAMILY", inDays(30))).statusCode(400).body("code", is("SELF_PROXY"));
    }

    @Test
    void onlyStaffNameAGridWorkerAndStaffNeedTheResidentsConsent() {
        String elder = resident(WUTONG);
        Map<String, Object> gridWorker = grantBody("grid-7", "GRID_WORKER", inDays(365));
        gridWorker.put("proxyName", "赵网格");

        grantOwn(elder, gridWorker).statusCode(403).body("code", is("GRID_WORKER_PROXY_BY_STAFF"));
        grantByStaff(staff(WUTONG), elder, gridWorker).statusCode(400).body("code", is("CONSENT_REQUIRED"));
        gridWorker.put("consentNote", "同意书 2026-118");
        grantByStaff(staff(WUTONG), elder, gridWorker).statusCode(201).body("consentRecordedBy", is("staff-wutong"))
                .body("consentNote", is("同意书 2026-118")).body("proxyName", is("赵网格"));

        given().auth().oauth2(Tokens.gridWorker("grid-7", WUTONG)).when().get("/api/community/me/acting-for")
                .then().statusCode(200).body("memberId", hasItem(elder));
        given().auth().oauth2(staff(WUTONG)).when().get("/api/community/residents/" + elder + "/proxies")
                .then().statusCode(200).body("proxyId", contains("grid-7"));
    }

    @Test
    void gridWorkersAndOtherCommunitiesCannotNameProxies() {
        String elder = resident(WUTONG);
        Map<String, Object> body = grantBody(resident(WUTONG), "FAMILY", inDays(30));
        body.put("consentNote", "同意书 1");

        grantByStaff(Tokens.gridWorker("grid-1", WUTONG), elder, body).statusCode(403);
        grantByStaff(staff(XIMALU), elder, body).statusCode(404).body("code", is("MEMBER_NOT_FOUND"));
    }

    @Test
    void nobodyElseRevokesAResidentsGrant() {
        String mother = resident(WUTONG);
        String daughter = resident(WUTONG);
        String grant = grantOwn(mother, grantBody(daughter, "FAMILY", inDays(30))).statusCode(201)
                .extract().path("id");

        given().auth().oauth2(Tokens.resident(daughter, WUTONG)).when()
                .post("/api/community/me/proxies/" + grant + "/revoke")
                .then().statusCode(404).body("code", is("GRANT_NOT_FOUND"));
        given().auth().oauth2(staff(XIMALU)).when()
                .post("/api/community/residents/" + mother + "/proxies/" + grant + "/revoke")
                .then().statusCode(404);
        given().auth().oauth2(staff(WUTONG)).when()
                .post("/api/community/residents/" + mother + "/proxies/" + grant + "/revoke")
                .then().statusCode(200).body("state", is("REVOKED")).body("revokedBy", is("staff-wutong"));
    }

    @Test
    void aResidentWhoMovesOutEndsTheGrantsTheyGave() {
        String mother = resident(WUTONG);
        String daughter = resident(WUTONG);
        grantOwn(mother, grantBody(daughter, "FAMILY", inDays(30))).statusCode(201);

        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(Map.of("reason", "搬到外地")).when()
                .post("/api/community/residents/" + mother + "/move-out")
                .then().statusCode(200);

        given().auth().oauth2(Tokens.resident(daughter, WUTONG)).when().get("/api/community/me/acting-for")
                .then().statusCode(200).body("memberId", not(hasItem(mother)));
    }
}
