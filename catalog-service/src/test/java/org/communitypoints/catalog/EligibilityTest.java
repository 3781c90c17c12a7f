package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.communitypoints.testsupport.TestDatabase;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Staff tag households for means-tested prices: never their own, only in their community, every change audited. */
@QuarkusTest
class EligibilityTest {

    static final String COMMUNITY = "jinxiu";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @Inject
    DataSource dataSource;

    @Test
    void staffCannotTagTheirOwnHouseholdAsEligible() {
        String staffId = CatalogFixture.unique("staff-self");
        String staff = Tokens.staff(staffId, COMMUNITY);
        as(staff).when().put(API + "/households/" + staffId + "/eligibility/LOW_INCOME")
                .then().statusCode(403).body("code", equalTo("SELF_ELIGIBILITY_FORBIDDEN"))
                .body("detail", equalTo("不能给自己的家庭登记补贴资格，请让其他同事办理。"));
        // A colleague may; and nothing was tagged or audited by the refused attempt.
        as(catalog.staffToken).when().get(API + "/eligibility/audit?memberId=" + staffId)
                .then().statusCode(200).body("changes", empty());
        as(catalog.staffToken).when().put(API + "/households/" + staffId + "/eligibility/LOW_INCOME")
                .then().statusCode(200).body("categories", contains("LOW_INCOME"));
    }

    @Test
    void everyTaggingAndUntaggingIsAuditedNewestFirst() {
        String memberId = CatalogFixture.unique("audited");
        String tagger = Tokens.staff("staff-zhou", COMMUNITY);
        String untagger = Tokens.staff("staff-wu", COMMUNITY);
        String path = API + "/households/" + memberId + "/eligibility/";
        as(tagger).when().put(path + "DISABILITY").then().statusCode(200);
        as(tagger).when().put(path + "DISABILITY").then().statusCode(200); // a repeat changes nothing
        as(tagger).when().put(path + "LOW_INCOME").then().statusCode(200);
        as(untagger).when().delete(path + "DISABILITY").then().statusCode(200).body("categories", contains("LOW_INCOME"));

        as(untagger).when().get(API + "/eligibility/audit?memberId=" + memberId)
                .then().statusCode(200)
                .body("changes", hasSize(3))
                .body("changes.action", contains("UNTAGGED", "TAGGED", "TAGGED"))
                .body("changes.category", contains("DISABILITY", "LOW_INCOME", "DISABILITY"))
                .body("changes.changedBy", contains("staff-wu", "staff-zhou", "staff-zhou"))
                .body("changes[0].changedAt", notNullValue())
                .body("changes[0].householdId", nullValue())
                .body("nextBefore", nullValue());
        // Paging: two per page, the second page after the first's nextBefore.
        Integer before = as(untagger).when().get(API + "/eligibility/audit?limit=2&memberId=" + memberId)
                .then().statusCode(200).body("changes", hasSize(2)).extract().path("nextBefore");
        as(untagger).when().get(API + "/eligibility/audit?limit=2&memberId=" + memberId + "&before=" + before)
                .then().statusCode(200).body("changes", hasSize(1)).body("changes[0].action", equalTo("TAGGED"))
                .body("changes[0].category", equalTo("DISABILITY"));
    }

    @Test
    void theAuditRefusesUpdateAndDeleteInTheDatabase() throws SQLException {
        String memberId = CatalogFixture.unique("append-only");
        as(catalog.staffToken).when().put(API + "/households/" + memberId + "/eligibility/LOW_INCOME")
                .then().statusCode(200);
        SQLException update = assertThrows(SQLException.class, () -> sql(
                "update eligibility_audit set changed_by = 'someone-else' where member_id = '" + memberId + "'"));
        assertTrue(update.getMessage().contains("append-only"), update::getMessage);
        SQLException delete = assertThrows(SQLException.class,
                () -> sql("delete from eligibility_audit where member_id = '" + memberId + "'"));
        assertTrue(delete.getMessage().contains("append-only"), delete::getMessage);
        as(catalog.staffToken).when().get(API + "/eligibility/audit?memberId=" + memberId)
                .then().statusCode(200).body("changes", hasSize(1)).body("changes[0].changedBy",
                        equalTo("staff-" + COMMUNITY));
    }

    @Test
    void staffOfAnotherCommunityFindNoSuchMember() {
        String memberId = CatalogFixture.unique("neighbour");
        as(catalog.staffToken).when().put(API + "/households/" + memberId + "/eligibility/LEFT_BEHIND_CHILDREN")
                .then().statusCode(200);
        as(catalog.staffToken).when().delete(API + "/households/" + memberId + "/eligibility/LEFT_BEHIND_CHILDREN")
                .then().statusCode(200);
        // Known here (the audit remembers it after the untagging).
        as(catalog.staffToken).when().get(API + "/households/" + memberId + "/eligibility")
                .then().statusCode(200).body("categories", empty());

        String elsewhere = Tokens.staff("staff-elsewhere", "shuita");
        as(elsewhere).when().get(API + "/households/" + memberId + "/eligibility")
                .then().statusCode(404).body("code", equalTo("MEMBER_NOT_FOUND"));
        as(elsewhere).when().put(API + "/households/" + memberId + "/eligibility/LOW_INCOME")
                .then().statusCode(404).body("code", equalTo("MEMBER_NOT_FOUND"));
        as(elsewhere).when().delete(API + "/households/" + memberId + "/eligibility/LOW_INCOME")
                .then().statusCode(404).body("code", equalTo("MEMBER_NOT_FOUND"));
        as(elsewhere).when().get(API + "/eligibility/audit?memberId=" + memberId)
                .then().statusCode(200).body("changes", empty());
        // A member the catalog has never seen is an empty household: staff look before they tag a new resident.
        as(catalog.staffToken).when().get(API + "/households/" + CatalogFixture.unique("stranger") + "/eligibility")
                .then().statusCode(200).body("categories", empty());
    }

    @Test
    void residentsAndPartnersCannotReadTheAuditAndBadPagingIsRefused() {
        as(catalog.resident("resident-audit")).when().get(API + "/eligibility/audit?limit=abc")
                .then().statusCode(403);
        as(catalog.partnerToken("some-partner")).when().get(API + "/eligibility/audit").then().statusCode(403);
        as(catalog.staffToken).when().get(API + "/eligibility/audit?limit=0")
                .then().statusCode(400).body("code", equalTo("INVALID_LIMIT"));
        as(catalog.staffToken).when().get(API + "/eligibility/audit?limit=501")
                .then().statusCode(400).body("code", equalTo("INVALID_LIMIT"));
        as(catalog.staffToken).when().get(API + "/eligibility/audit?before=abc")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
        as(catalog.staffToken).when().get(API + "/eligibility/audit?before=99999999999999999999")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
        as(catalog.staffToken).when().get(API + "/eligibility/audit?before=0")
                .then().statusCode(400).body("code", equalTo("INVALID_BEFORE"));
        as(catalog.staffToken).when().get(API + "/households/" + "x".repeat(101) + "/eligibility")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** As the schema's owner: the runtime role may not even try (RuntimeRoleTest); the trigger stops the owner too. */
    private void sql(String statement) throws SQLException {
        try (Connection c = TestDatabase.asOwner(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
