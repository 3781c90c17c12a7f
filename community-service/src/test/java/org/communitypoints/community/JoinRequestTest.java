package org.communitypoints.community;

import static io.restassured.RestAssured.given;
import static org.communitypoints.community.Registry.WUTONG;
import static org.communitypoints.community.Registry.XIMALU;
import static org.communitypoints.community.Registry.household;
import static org.communitypoints.community.Registry.newMemberId;
import static org.communitypoints.community.Registry.staff;
import static org.hamcrest.Matchers.is;

import java.util.Map;
import java.util.UUID;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class JoinRequestTest {

    private static String ask(String member) {
        return given().auth().oauth2(Tokens.resident(member, WUTONG)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("displayName", "王芳", "phone", "+86 139-1234-5678", "address", "梧桐社区5栋1单元102"))
                .when().post("/api/community/join-requests")
                .then().statusCode(201).body("status", is("PENDING")).body("phone", is("*******5678"))
                .extract().path("id");
    }

    @Test
    void anApprovedJoinRequestRegistersTheResidentInTheHousehold() {
        String member = newMemberId();
        String request = ask(member);
        String householdId = household(WUTONG);

        given().auth().oauth2(staff(WUTONG)).contentType("application/json")
                .body(Map.of("householdId", householdId, "birthYear", 1948))
                .when().post("/api/community/join-requests/" + request + "/approve")
                .then().statusCode(200).body("status", is("APPROVED")).body("decidedBy", is("staff-wutong"));

        given().auth().oauth2(Tokens.resident(member, WUTONG)).when().get("/api/community/me")
                .then().statusCode(200).body("displayName", is("王芳")).body("householdId", is(householdId))
                .body("elderly", is(true)).body("phone", is("*******5678")).body("status", is("ACTIVE"));
    }

    @Test
    void aDeclinedJoinRequestTellsTheResidentWhyAndIsDecidedOnce() {
        String member = newMemberId();
        String request = ask(member);

        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(Map.of("reason", "地址不在本社区"))
                .when().post("/api/community/join-requests/" + request + "/decline")
                .then().statusCode(200).body("status", is("DECLINED"));
        given().auth().oauth2(staff(WUTONG)).contentType("application/json")
                .body(Map.of("householdId", household(WUTONG)))
                .when().post("/api/community/join-requests/" + request + "/approve")
                .then().statusCode(409).body("code", is("ALREADY_DECIDED"));

        given().auth().oauth2(Tokens.resident(member, WUTONG)).when().get("/api/community/me/join-requests")
                .then().statusCode(200).body("[0].declineReason", is("地址不在本社区"));
        given().auth().oauth2(Tokens.resident(member, WUTONG)).when().get("/api/community/me")
                .then().statusCode(404).body("code", is("NOT_REGISTERED"));
    }

    @Test
    void aSecondRequestWhileOneWaitsIsRefused() {
        String member = newMemberId();
        ask(member);

        given().auth().oauth2(Tokens.resident(member, WUTONG)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("displayName", "王芳", "phone", "13912345678", "address", "5栋"))
                .when().post("/api/community/join-requests")
                .then().statusCode(409).body("code", is("JOIN_REQUEST_PENDING"));
    }

    @Test
    void onlyStaffDecideAndOnlyInTheirCommunity() {
        String request = ask(newMemberId());

        given().auth().oauth2(Tokens.gridWorker("grid-1", WUTONG)).contentType("application/json")
                .body(Map.of("reason", "x")).when().post("/api/community/join-requests/" + request + "/decline")
                .then().statusCode(403);
        given().auth().oauth2(staff(XIMALU)).contentType("application/json").body(Map.of("reason", "x"))
                .when().post("/api/community/join-requests/" + request + "/decline")
                .then().statusCode(404).body("code", is("JOIN_REQUEST_NOT_FOUND"));
    }
}
