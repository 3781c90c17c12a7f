package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.points.service.HoldService;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Staff adjust the points of active residents of their own community only, as the registry's copy knows them. */
@QuarkusTest
class KnownMembersTest {

    private static final String COMMUNITY = "ximalu";

    @Inject
    LedgerChecks ledger;
    @Inject
    HoldService holds;

    private final String maker = "staff-" + UUID.randomUUID();
    private final String checker = "staff-" + UUID.randomUUID();

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private ValidatableResponse adjust(String member, long points) {
        return given().auth().oauth2(Tokens.staff(maker, COMMUNITY)).header("Idempotency-Key", "adj-" + UUID.randomUUID())
                .contentType("application/json").body(Map.of("memberId", member, "points", points, "reason", "补录巡逻"))
                .when().post("/api/points/adjustments").then();
    }

    @Test
    void anAdjustmentForSomeoneTheRegistryDoesNotKnowIsRefusedAuditedAndBooksNothing() {
        String stranger = "resident-" + UUID.randomUUID();
        adjust(stranger, 10).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("MEMBER_NOT_REGISTERED"));
        assertNull(ledger.residentBalance(COMMUNITY, stranger));
        assertEquals(1, ledger.count("""
                select count(*) from control_audit where actor = ? and action = 'REFUSED'
                  and code = 'MEMBER_NOT_REGISTERED' and member_id = ?""", maker, stranger));
    }

    @Test
    void anAdjustmentForAResidentWhoMovedOutIsRefused() {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        LedgerChecks.registry().moveOut(COMMUNITY, member);
        adjust(member, 10).statusCode(422).body("code", equalTo("MEMBER_MOVED_OUT"));
        assertNull(ledger.residentBalance(COMMUNITY, member));
    }

    @Test
    void anotherCommunitysResidentIsAnsweredLikeAStranger() {
        String elsewhere = LedgerChecks.registeredResident("tianxiang");
        adjust(elsewhere, 10).statusCode(422).body("code", equalTo("MEMBER_NOT_REGISTERED"));
        assertNull(ledger.residentBalance(COMMUNITY, elsewhere));
    }

    @Test
    void aPendingAdjustmentIsNotBookedForAResidentWhoMovedOutBeforeTheApproval() {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        String id = adjust(member, 150).statusCode(202).extract().path("id");
        LedgerChecks.registry().moveOut(COMMUNITY, member);

        given().auth().oauth2(Tokens.staff(checker, COMMUNITY)).contentType("application/json").body(Map.of())
                .when().post("/api/points/adjustments/" + id + "/approve")
                .then().statusCode(422).body("code", equalTo("MEMBER_MOVED_OUT"));
        assertNull(ledger.residentBalance(COMMUNITY, member));
        assertEquals(List.of("PENDING"), ledger.ids("select status from staff_transfer where id = ?::uuid", id));
    }

    @Test
    void creditsAndHoldsCheckedUpstreamAreBookedWithoutTheCopy() {
        String member = "resident-" + UUID.randomUUID(); // not in this service's copy: activity and catalog checked
        ledger.credit(COMMUNITY, member, 30, "社区巡逻");
        HoldRequested hold = LedgerChecks.withReceipt(new HoldRequested(UUID.randomUUID(), member, "ximalu-arts", "书法课",
                10, 0, Instant.now().plusSeconds(3600)));
        holds.handle(EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(), hold), hold);

        assertEquals(List.of("PLACED"), ledger.ids("select status from hold where redemption_id = ?::uuid",
                hold.redemptionId().toString()));
        assertEquals(30, ledger.residentBalance(COMMUNITY, member)[0]);
    }
}
