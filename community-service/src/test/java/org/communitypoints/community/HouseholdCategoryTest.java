package org.communitypoints.community;

import static io.restassured.RestAssured.given;
import static org.communitypoints.community.Registry.WUTONG;
import static org.communitypoints.community.Registry.XIMALU;
import static org.communitypoints.community.Registry.household;
import static org.communitypoints.community.Registry.register;
import static org.communitypoints.community.Registry.staff;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.util.Map;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HouseholdCategoryTest {

    private static final Map<String, Object> DIBAO_THIS_YEAR = Map.of(
            "validFrom", LocalDate.now().withDayOfYear(1).toString(),
            "validUntil", LocalDate.now().withMonth(12).withDayOfMonth(31).toString(),
            "evidenceNote", "低保证 2026-0042");

    @Test
    void staffTagAHouseholdAndOnlyStaffReadTheEvidence() {
        String householdId = household(WUTONG);

        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(DIBAO_THIS_YEAR)
                .when().put("/api/community/households/" + householdId + "/categories/DIBAO")
                .then().statusCode(200).body("categories[0].code", is("DIBAO")).body("categories[0].label", is("低保"))
                .body("categories[0].validToday", is(true)).body("categories[0].evidenceNote", is("低保证 2026-0042"))
                .body("version", is(2));

        given().auth().oauth2(Tokens.gridWorker("grid-1", WUTONG)).when().get("/api/community/households/" + householdId)
                .then().statusCode(200).body("categories[0].code", is("DIBAO"))
                .body("categories[0].evidenceNote", nullValue());
    }

    @Test
    void gridWorkersCannotTagCategories() {
        String householdId = household(WUTONG);

        given().auth().oauth2(Tokens.gridWorker("grid-1", WUTONG)).contentType("application/json").body(DIBAO_THIS_YEAR)
                .when().put("/api/community/households/" + householdId + "/categories/DIBAO")
                .then().statusCode(403);
    }

    @Test
    void staffCannotTagTheirOwnHousehold() {
        String householdId = household(WUTONG);
        String staffMember = "staff-own-" + java.util.UUID.randomUUID();
        register(WUTONG, staffMember, householdId).statusCode(201);

        given().auth().oauth2(Tokens.staff(staffMember, WUTONG)).contentType("application/json").body(DIBAO_THIS_YEAR)
                .when().put("/api/community/households/" + householdId + "/categories/DIBAO")
                .then().statusCode(403).body("code", is("SELF_ELIGIBILITY_FORBIDDEN"))
                .body("detail", is("不能给自己的家庭登记补贴资格，请让其他同事办理。"));
    }

    @Test
    void aCategoryEndingBeforeItStartsIsRefused() {
        String householdId = household(WUTONG);

        given().auth().oauth2(staff(WUTONG)).contentType("application/json")
                .body(Map.of("validFrom", "2026-06-01", "validUntil", "2026-05-31", "evidenceNote", "残疾证"))
                .when().put("/api/community/households/" + householdId + "/categories/DISABILITY")
                .then().statusCode(400).body("code", is("INVALID_DATE_RANGE"));
    }

    @Test
    void anUnknownCategoryCodeIsRefused() {
        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(DIBAO_THIS_YEAR)
                .when().put("/api/community/households/" + household(WUTONG) + "/categories/RICH")
                .then().statusCode(400).body("code", is("INVALID_PARAMETER"));
    }

    @Test
    void anotherCommunitysStaffCannotTagTheHousehold() {
        given().auth().oauth2(staff(XIMALU)).contentType("application/json").body(DIBAO_THIS_YEAR)
                .when().put("/api/community/households/" + household(WUTONG) + "/categories/DIBAO")
                .then().statusCode(404).body("code", is("HOUSEHOLD_NOT_FOUND"));
    }

    @Test
    void removingACategoryIsAuditedWithWhoAndWhat() {
        String householdId = household(WUTONG);
        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(DIBAO_THIS_YEAR)
                .when().put("/api/community/households/" + householdId + "/categories/ELDERLY_ALONE")
                .then().statusCode(200);

        given().auth().oauth2(staff(WUTONG)).when()
                .delete("/api/community/households/" + householdId + "/categories/ELDERLY_ALONE")
                .then().statusCode(200).body("categories.size()", is(0));
        given().auth().oauth2(staff(WUTONG)).queryParam("subjectId", householdId).when().get("/api/community/audit")
                .then().statusCode(200).body("entries.action", hasItem("UNTAGGED"))
                .body("entries.action", hasItem("TAGGED")).body("entries.actor", hasItem("staff-wutong"));
    }
}
