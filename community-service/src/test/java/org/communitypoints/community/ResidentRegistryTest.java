package org.communitypoints.community;

import static io.restassured.RestAssured.given;
import static org.communitypoints.community.Registry.WUTONG;
import static org.communitypoints.community.Registry.XIMALU;
import static org.communitypoints.community.Registry.household;
import static org.communitypoints.community.Registry.newMemberId;
import static org.communitypoints.community.Registry.register;
import static org.communitypoints.community.Registry.resident;
import static org.communitypoints.community.Registry.staff;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ResidentRegistryTest {

    private static final Map<String, Object> UPDATE = Map.of("displayName", "李梅", "phone", "139 0000 5678",
            "birthYear", 1950, "volunteerState", "SUSPENDED");

    @Test
    void staffRegisterAResidentIntoAHouseholdAndReadItBack() {
        String householdId = household(WUTONG);
        String member = newMemberId();

        register(WUTONG, member, householdId).statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/community/residents/" + member))
                .body("memberId", is(member)).body("householdId", is(householdId)).body("status", is("ACTIVE"))
                .body("volunteerState", is("REGISTERED")).body("version", is(1)).body("elderly", is(false));

        given().auth().oauth2(staff(WUTONG)).when().get("/api/community/households/" + householdId)
                .then().statusCode(200).body("members.memberId", hasItem(member)).body("status", is("ACTIVE"));
    }

    @Test
    void thePhoneIsMaskedToItsLastFourDigitsForEveryRole() {
        String member = newMemberId();
        register(WUTONG, member, household(WUTONG)).statusCode(201).body("phone", is("*******1234"));

        given().auth().oauth2(staff(WUTONG)).when().get("/api/community/residents/" + member)
                .then().statusCode(200).body("phone", is("*******1234"));
        given().auth().oauth2(Tokens.gridWorker("grid-1", WUTONG)).when().get("/api/community/residents/" + member)
                .then().statusCode(200).body("phone", is("*******1234"));
        given().auth().oauth2(Tokens.resident(member, WUTONG)).when().get("/api/community/me")
                .then().statusCode(200).body("phone", is("*******1234"));
        given().auth().oauth2(staff(WUTONG)).when().get("/api/community/residents")
                .then().statusCode(200).body("findAll { it.memberId == '" + member + "' }.phone", hasItem("*******1234"));
    }

    @Test
    void aPhoneNumberThatIsNoPhoneNumberIsRefused() {
        register(staff(WUTONG), newMemberId(), household(WUTONG), "12345").statusCode(400)
                .contentType("application/problem+json").body("code", is("INVALID_PHONE"));
    }

    @Test
    void aResidentBornSixtyOrMoreYearsAgoIsElderly() {
        String member = resident(WUTONG);

        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(UPDATE)
                .when().put("/api/community/residents/" + member)
                .then().statusCode(200).body("elderly", is(true)).body("birthYear", is(1950));
    }

    @Test
    void anUpdateRaisesTheVersionAndAnUnchangedOneDoesNot() {
        String member = resident(WUTONG);

        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(UPDATE)
                .when().put("/api/community/residents/" + member)
                .then().statusCode(200).body("version", is(2)).body("volunteerState", is("SUSPENDED"))
                .body("phone", is("*******5678")).body("householdId", nullValue());
        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(UPDATE)
                .when().put("/api/community/residents/" + member)
                .then().statusCode(200).body("version", is(2));
    }

    @Test
    void movingOutClosesTheMembershipAndKeepsTheHouseholdLinkAndHistory() {
        String householdId = household(WUTONG);
        String member = newMemberId();
        register(WUTONG, member, householdId).statusCode(201);

        given().auth().oauth2(Tokens.gridWorker("grid-1", WUTONG)).contentType("application/json")
                .body(Map.of("reason", "搬到外地")).when().post("/api/community/residents/" + member + "/move-out")
                .then().statusCode(200).body("status", is("MOVED_OUT")).body("householdId", is(householdId))
                .body("version", is(2));

        given().auth().oauth2(staff(WUTONG)).when().get("/api/community/residents/" + member)
                .then().statusCode(200).body("status", is("MOVED_OUT"));
        given().auth().oauth2(staff(WUTONG)).when().get("/api/community/households/" + householdId)
                .then().statusCode(200).body("status", is("CLOSED")).body("members.memberId", hasItem(member));
        given().auth().oauth2(staff(WUTONG)).queryParam("memberId", member).when().get("/api/community/audit")
                .then().statusCode(200).body("entries.action", hasItems("REGISTERED", "MOVED_OUT"))
                .body("entries.actor", hasItem("grid-1"));
        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(UPDATE)
                .when().put("/api/community/residents/" + member)
                .then().statusCode(409).body("code", is("MEMBER_MOVED_OUT"));
    }

    @Test
    void anotherCommunitysResidentIsNotFound() {
        String member = resident(WUTONG);

        given().auth().oauth2(staff(XIMALU)).when().get("/api/community/residents/" + member)
                .then().statusCode(404).body("code", is("MEMBER_NOT_FOUND"));
        given().auth().oauth2(staff(XIMALU)).contentType("application/json").body(UPDATE)
                .when().put("/api/community/residents/" + member)
                .then().statusCode(404).body("code", is("MEMBER_NOT_FOUND"));
        given().auth().oauth2(staff(XIMALU)).contentType("application/json").body(Map.of("reason", "搬到外地")).when()
                .post("/api/community/residents/" + member + "/move-out")
                .then().statusCode(404);
    }

    @Test
    void anotherCommunitysHouseholdIsNotFound() {
        String householdId = household(WUTONG);

        given().auth().oauth2(staff(XIMALU)).when().get("/api/community/households/" + householdId)
                .then().statusCode(404).body("code", is("HOUSEHOLD_NOT_FOUND"));
        register(XIMALU, newMemberId(), householdId).statusCode(404).body("code", is("HOUSEHOLD_NOT_FOUND"));
    }

    @Test
    void residentsCannotRegisterOrReadOthers() {
        String member = resident(WUTONG);

        register(Tokens.resident(member, WUTONG), newMemberId(), null, "13800131234").statusCode(403);
        given().auth().oauth2(Tokens.resident(member, WUTONG)).when().get("/api/community/residents/" + member)
                .then().statusCode(403);
    }

    @Test
    void anUnregisteredResidentIsToldToAskToJoin() {
        given().auth().oauth2(Tokens.resident(newMemberId(), WUTONG)).when().get("/api/community/me")
                .then().statusCode(404).body("code", is("NOT_REGISTERED"));
    }

    @Test
    void registeringAnActiveResidentAgainIsAConflict() {
        String member = resident(WUTONG);

        register(WUTONG, member, household(WUTONG)).statusCode(409).body("code", is("MEMBER_EXISTS"));
        register(XIMALU, member, household(XIMALU)).statusCode(409).body("code", is("MEMBER_EXISTS"));
    }

    @Test
    void aRetriedRegistrationGetsTheFirstAnswerAndRegistersOnce() {
        String member = newMemberId();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("memberId", member, "displayName", "张伟", "phone", "13800131234");

        given().auth().oauth2(staff(WUTONG)).contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/community/residents")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).body("version", is(1));
        given().auth().oauth2(staff(WUTONG)).contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/community/residents")
                .then().statusCode(201).header("Idempotent-Replayed", is("true")).body("memberId", is(member))
                .body("phone", is("*******1234"));
        given().auth().oauth2(staff(WUTONG)).queryParam("memberId", member).when().get("/api/community/audit")
                .then().statusCode(200).body("entries.size()", is(1));
    }

    @Test
    void aRetriedHouseholdOpeningOpensOneHousehold() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "3栋2单元301 陈家");

        String first = given().auth().oauth2(staff(WUTONG)).contentType("application/json")
                .header("Idempotency-Key", key).body(body).when().post("/api/community/households")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(staff(WUTONG)).contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/community/households")
                .then().statusCode(201).header("Idempotent-Replayed", is("true")).body("id", equalTo(first));
    }

    @Test
    void creatingWithoutAnIdempotencyKeyIsRefused() {
        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(Map.of("name", "无钥匙"))
                .when().post("/api/community/households")
                .then().statusCode(400).body("code", is("IDEMPOTENCY_KEY_REQUIRED"));
    }
}
