package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.communitypoints.contracts.events.HouseholdChanged;
import org.communitypoints.testsupport.Registry;
import org.communitypoints.testsupport.TestDatabase;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * A household's means-tested categories come from the registry (community-service) through the catalog's copy; staff
 * read them here, only in their community, and nobody tags them in the catalog any more. The former tags' audit stays
 * append-only history.
 */
@QuarkusTest
class EligibilityTest {

    static final String COMMUNITY = "jinxiu";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @Test
    void staffReadTheCategoriesOfTheResidentsHouseholdValidToday() {
        String household = CatalogFixture.unique("household");
        String memberId = CatalogFixture.unique("wang");
        LocalDate today = LocalDate.now();
        CatalogFixture.registry().household(COMMUNITY, household,
                Registry.category("DIBAO", today.minusDays(30), null),
                Registry.category("DISABILITY", today.minusDays(30), today.minusDays(2)),
                Registry.category("LEFT_BEHIND_CHILD", today.plusDays(3), null),
                Registry.category("SOMETHING_THE_CATALOG_DOES_NOT_PRICE", today.minusDays(1), null));
        CatalogFixture.registry().registerInHousehold(COMMUNITY, memberId, household);

        as(catalog.staffToken).when().get(API + "/households/" + memberId + "/eligibility")
                .then().statusCode(200)
                .body("householdId", equalTo(household))
                .body("categories", contains("LOW_INCOME"));
    }

    @Test
    void aResidentReadsTheirOwnHouseholdsCategories() {
        String memberId = CatalogFixture.unique("li");
        String resident = catalog.eligibleResident(memberId, "LEFT_BEHIND_CHILD");

        as(resident).when().get(API + "/me/eligibility")
                .then().statusCode(200).body("memberId", equalTo(memberId))
                .body("categories", contains("LEFT_BEHIND_CHILDREN"));
    }

    @Test
    void aClosedHouseholdHasNoCategories() {
        String household = CatalogFixture.unique("household");
        String memberId = CatalogFixture.unique("zhao");
        CatalogFixture.registry().household(COMMUNITY, household,
                Registry.category("DIBAO", LocalDate.now().minusDays(30), null));
        CatalogFixture.registry().registerInHousehold(COMMUNITY, memberId, household);
        CatalogFixture.registry().publishHousehold(COMMUNITY, new HouseholdChanged(household, "户", List.of(
                Registry.category("DIBAO", LocalDate.now().minusDays(30), null)),
                HouseholdChanged.HouseholdStatus.CLOSED, Registry.nextVersion(), "staff", Instant.now()));

        as(catalog.staffToken).when().get(API + "/households/" + memberId + "/eligibility")
                .then().statusCode(200).body("categories", empty());
    }

    @Test
    void theCatalogNoLongerTagsAnyone() {
        String memberId = CatalogFixture.unique("untaggable");
        catalog.resident(memberId);

        as(catalog.staffToken).when().put(API + "/households/" + memberId + "/eligibility/LOW_INCOME")
                .then().statusCode(405);
        as(catalog.staffToken).when().delete(API + "/households/" + memberId + "/eligibility/LOW_INCOME")
                .then().statusCode(405);
    }

    @Test
    void anotherCommunitysResidentIsNotFound() {
        String memberId = CatalogFixture.unique("neighbour");
        new CatalogFixture("shuita").resident(memberId);

        as(catalog.staffToken).when().get(API + "/households/" + memberId + "/eligibility")
                .then().statusCode(404).body("code", equalTo("MEMBER_NOT_FOUND"));
    }

    @Test
    void aResidentTheRegistryDoesNotKnowIsNotFound() {
        as(catalog.staffToken).when().get(API + "/households/" + CatalogFixture.unique("stranger") + "/eligibility")
                .then().statusCode(404).body("code", equalTo("MEMBER_NOT_FOUND"));
    }

    @Test
    void theFormerTagsAuditStaysAppendOnlyHistory() throws SQLException {
        String memberId = CatalogFixture.unique("append-only");
        sql("insert into eligibility_audit (community_id, member_id, category, action, changed_by)"
                + " values ('" + COMMUNITY + "', '" + memberId + "', 'LOW_INCOME', 'TAGGED', 'staff-zhou')");

        SQLException update = assertThrows(SQLException.class, () -> sql(
                "update eligibility_audit set changed_by = 'someone-else' where member_id = '" + memberId + "'"));
        assertTrue(update.getMessage().contains("append-only"), update::getMessage);
        SQLException delete = assertThrows(SQLException.class,
                () -> sql("delete from eligibility_audit where member_id = '" + memberId + "'"));
        assertTrue(delete.getMessage().contains("append-only"), delete::getMessage);
        as(catalog.staffToken).when().get(API + "/eligibility/audit?memberId=" + memberId)
                .then().statusCode(200).body("changes", hasSize(1))
                .body("changes[0].changedBy", equalTo("staff-zhou"))
                .body("changes[0].householdId", nullValue());
        as(Tokens.staff("staff-elsewhere", "shuita")).when().get(API + "/eligibility/audit?memberId=" + memberId)
                .then().statusCode(200).body("changes", empty());
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
