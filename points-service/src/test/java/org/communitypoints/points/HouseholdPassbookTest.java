package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/** The household passbook: its members' balances and lines together, for those who may read it, 404 for others. */
@QuarkusTest
class HouseholdPassbookTest {

    private static final String COMMUNITY = "wenyuan";

    @Inject
    LedgerChecks ledger;
    @Inject
    HoldService holds;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    /** A household of two: the father with 30 points (10 of them held), the daughter with 12. */
    private record Family(String householdId, String father, String daughter) {
    }

    private Family family() {
        Family f = new Family("hh-" + UUID.randomUUID(), "father-" + UUID.randomUUID(), "daughter-" + UUID.randomUUID());
        LedgerChecks.registry().household(COMMUNITY, f.householdId());
        LedgerChecks.registry().registerInHousehold(COMMUNITY, f.father(), f.householdId());
        LedgerChecks.registry().registerInHousehold(COMMUNITY, f.daughter(), f.householdId());
        ledger.credit(COMMUNITY, f.father(), 30, "垃圾分类督导");
        ledger.credit(COMMUNITY, f.daughter(), 12, "作业辅导");
        HoldRequested hold = LedgerChecks.withReceipt(new HoldRequested(UUID.randomUUID(), f.father(),
                "wenyuan-care-centre", "课后托管 1 小时", 10, 0, Instant.now().plusSeconds(3600)));
        holds.handle(EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(), hold), hold);
        return f;
    }

    private static String path(Family f) {
        return "/api/points/households/" + f.householdId() + "/passbook";
    }

    @Test
    void aMemberReadsTheMembersBalancesAndLinesTogether() {
        Family f = family();
        given().auth().oauth2(Tokens.resident(f.daughter(), COMMUNITY)).when().get(path(f))
                .then().statusCode(200)
                .body("householdId", equalTo(f.householdId()))
                .body("members.memberId", containsInAnyOrder(f.father(), f.daughter()))
                .body("members.find { it.memberId == '" + f.father() + "' }.available", equalTo(20))
                .body("members.find { it.memberId == '" + f.father() + "' }.displayName", equalTo("居民 " + f.father()))
                .body("posted", equalTo(42)).body("held", equalTo(10)).body("available", equalTo(32))
                .body("lines.size()", equalTo(3))
                .body("lines[0].memberId", equalTo(f.father()))
                .body("lines[0].line.kind", equalTo("HOLD"))
                .body("lines[0].line.availableAfter", equalTo(20))
                .body("lines[1].memberId", equalTo(f.daughter()))
                .body("lines[1].line.postedAfter", equalTo(12))
                .body("lines[2].memberId", equalTo(f.father()))
                .body("lines[2].line.postedAfter", equalTo(30));
    }

    @Test
    void pagesKeepEachMembersBalancesRight() {
        Family f = family();
        String token = Tokens.resident(f.father(), COMMUNITY);
        String cursor = given().auth().oauth2(token).queryParam("limit", 2).when().get(path(f))
                .then().statusCode(200).body("lines.size()", equalTo(2)).extract().jsonPath().getString("nextCursor");
        given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", cursor).when().get(path(f))
                .then().statusCode(200)
                .body("lines.size()", equalTo(1))
                .body("lines[0].memberId", equalTo(f.father()))
                .body("lines[0].line.postedAfter", equalTo(30)).body("lines[0].line.heldAfter", equalTo(0))
                .body("nextCursor", equalTo(null));
    }

    @Test
    void aProxyWithPassbookReadFromAMemberReadsIt() {
        Family f = family();
        String aunt = "aunt-" + UUID.randomUUID();
        LedgerChecks.registry().grant(COMMUNITY, f.father(), aunt, Instant.now().plus(Duration.ofDays(30)),
                Scope.PASSBOOK_READ);
        given().auth().oauth2(Tokens.resident(aunt, COMMUNITY)).when().get(path(f))
                .then().statusCode(200).body("posted", equalTo(42));
    }

    @Test
    void staffOfTheCommunityReadItAndStaffElsewhereFindNothing() {
        Family f = family();
        given().auth().oauth2(Tokens.staff("staff-li", COMMUNITY)).when().get(path(f))
                .then().statusCode(200).body("members.size()", equalTo(2));
        given().auth().oauth2(Tokens.staff("staff-wang", "wutong")).queryParam("limit", 0).when().get(path(f))
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("HOUSEHOLD_NOT_FOUND"));
    }

    @Test
    void aNeighbourOrAProxyWithoutTheScopeGetsTheAnswerOfAnUnknownHousehold() {
        Family f = family();
        String neighbour = LedgerChecks.registeredResident(COMMUNITY);
        String helper = "helper-" + UUID.randomUUID();
        LedgerChecks.registry().grant(COMMUNITY, f.father(), helper, Instant.now().plus(Duration.ofDays(30)),
                Scope.REDEEM);
        for (String outsider : List.of(neighbour, helper)) {
            given().auth().oauth2(Tokens.resident(outsider, COMMUNITY)).when().get(path(f))
                    .then().statusCode(404).body("code", equalTo("HOUSEHOLD_NOT_FOUND"));
        }
        given().auth().oauth2(Tokens.resident(neighbour, COMMUNITY)).when()
                .get("/api/points/households/no-such-household/passbook")
                .then().statusCode(404).body("code", equalTo("HOUSEHOLD_NOT_FOUND"));
        given().auth().oauth2(Tokens.partner("p-1", COMMUNITY, "wenyuan-care-centre")).when().get(path(f))
                .then().statusCode(403);
        given().when().get(path(f)).then().statusCode(401);
    }

    @Test
    void theCsvNamesTheMemberOfEachLine() {
        Family f = family();
        String csv = new String(given().auth().oauth2(Tokens.resident(f.daughter(), COMMUNITY))
                .when().get(path(f) + ".csv").then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8)
                .substring(1);
        List<String> rows = csv.lines().toList();
        assertEquals("日期,成员,摘要,积分变动,冻结变动,积分余额,冻结积分,可用积分,类型,代办人", rows.get(0));
        assertEquals(4, rows.size(), csv);
        assertTrue(rows.get(1).contains(",居民 " + f.father() + ",冻结积分：课后托管 1 小时,0,10,30,10,20,HOLD,"), rows.get(1));
        assertTrue(rows.get(2).contains(",居民 " + f.daughter() + ","), rows.get(2));
    }
}
