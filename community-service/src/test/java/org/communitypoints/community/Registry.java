package org.communitypoints.community;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.testsupport.Tokens;

import io.restassured.response.ValidatableResponse;

/** Drives the registry through its public API as staff, so each test starts from households and residents of its own. */
final class Registry {

    static final String WUTONG = "wutong";
    static final String XIMALU = "ximalu";

    private Registry() {
    }

    static String staff(String community) {
        return Tokens.staff("staff-" + community, community);
    }

    static String newMemberId() {
        return "resident-" + UUID.randomUUID();
    }

    static String household(String community) {
        return given().auth().oauth2(staff(community)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("name", "5栋1单元" + (100 + (int) (Math.random() * 900)) + " 测试家"))
                .when().post("/api/community/households")
                .then().statusCode(201).extract().path("id");
    }

    /** A registered resident of a new household, born in 1970, phone 138 0013 1234. */
    static String resident(String community) {
        String member = newMemberId();
        register(community, member, household(community)).statusCode(201);
        return member;
    }

    static ValidatableResponse register(String community, String memberId, String householdId) {
        return register(staff(community), memberId, householdId, "13800131234");
    }

    static ValidatableResponse register(String token, String memberId, String householdId, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("memberId", memberId);
        body.put("displayName", "李梅");
        body.put("householdId", householdId);
        body.put("phone", phone);
        body.put("birthYear", 1970);
        body.put("volunteerState", "REGISTERED");
        return given().auth().oauth2(token).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .when().post("/api/community/residents").then();
    }

    static Map<String, Object> grantBody(String proxyId, String relation, Instant validUntil) {
        Map<String, Object> body = new HashMap<>();
        body.put("proxyId", proxyId);
        body.put("relation", relation);
        body.put("scopes", List.of("REDEEM", "PASSBOOK_READ"));
        body.put("validUntil", validUntil.toString());
        return body;
    }

    static Instant inDays(long days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }
}
