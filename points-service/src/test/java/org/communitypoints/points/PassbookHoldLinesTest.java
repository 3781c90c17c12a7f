package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.points.service.HoldService;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A redemption's hold, capture and release each show in the passbook as the resident would ask about them: what is
 * frozen (冻结), what is taken, what is given back (解冻), and posted, held and available after each line.
 */
@QuarkusTest
class PassbookHoldLinesTest {

    private static final String COMMUNITY = "wutong";
    private static final String PARTNER = "wutong-canteen";
    private static final String LUNCH = "爱心午餐";

    @Inject
    LedgerChecks ledger;
    @Inject
    HoldService holds;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private String residentWith(long points) {
        String member = "resident-" + UUID.randomUUID();
        ledger.credit(COMMUNITY, member, points, "食堂秩序维护");
        return member;
    }

    private void send(ContractEvent event) {
        holds.handle(EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(), event), event);
    }

    private UUID hold(String member, long points, Instant expiresAt, String actedBy) {
        UUID redemption = UUID.randomUUID();
        send(LedgerChecks.withReceipt(new HoldRequested(redemption, member, PARTNER, LUNCH, points, 0, expiresAt, actedBy)));
        return redemption;
    }

    private UUID hold(String member, long points) {
        return hold(member, points, Instant.now().plusSeconds(3600), null);
    }

    private static io.restassured.specification.RequestSpecification as(String member) {
        return given().auth().oauth2(Tokens.resident(member, COMMUNITY));
    }

    @Test
    void aHoldIsAFrozenLineThatMovesAvailableToHeldAndLeavesPostedAlone() {
        String member = residentWith(100);
        hold(member, 30);

        as(member).when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines.size()", equalTo(2))
                .body("lines[0].kind", equalTo("HOLD"))
                .body("lines[0].description", equalTo("冻结积分：" + LUNCH))
                .body("lines[0].amount", equalTo(0))
                .body("lines[0].heldChange", equalTo(30))
                .body("lines[0].postedAfter", equalTo(100))
                .body("lines[0].heldAfter", equalTo(30))
                .body("lines[0].availableAfter", equalTo(70))
                .body("lines[0].actedBy", nullValue())
                .body("lines[1].kind", equalTo("SHIFT_CREDIT"))
                .body("lines[1].postedAfter", equalTo(100))
                .body("lines[1].heldAfter", equalTo(0))
                .body("lines[1].availableAfter", equalTo(100));
    }

    @Test
    void aCaptureIsOneLineThatTakesThePointsAndBringsHeldBackToZero() {
        String member = residentWith(100);
        UUID redemption = hold(member, 30);
        send(new HoldCaptureRequested(redemption, member, PARTNER, "canteen-staff-liu", Instant.now()));

        as(member).when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines.size()", equalTo(3))
                .body("lines[0].kind", equalTo("CAPTURE"))
                .body("lines[0].description", equalTo("积分兑换：" + LUNCH))
                .body("lines[0].amount", equalTo(-30))
                .body("lines[0].heldChange", equalTo(-30))
                .body("lines[0].postedAfter", equalTo(70))
                .body("lines[0].heldAfter", equalTo(0))
                .body("lines[0].availableAfter", equalTo(70))
                .body("lines[0].runningBalance", equalTo(70))
                .body("lines[1].kind", equalTo("HOLD"))
                .body("lines[1].availableAfter", equalTo(70));
    }

    @Test
    void aReleaseIsAnUnfreezeLineThatGivesThePointsBack() {
        String member = residentWith(100);
        UUID redemption = hold(member, 30);
        send(new HoldReleaseRequested(redemption, member, "CANCELLED"));

        as(member).when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines.size()", equalTo(3))
                .body("lines[0].kind", equalTo("RELEASE"))
                .body("lines[0].description", equalTo("解冻积分：" + LUNCH))
                .body("lines[0].amount", equalTo(0))
                .body("lines[0].heldChange", equalTo(-30))
                .body("lines[0].postedAfter", equalTo(100))
                .body("lines[0].heldAfter", equalTo(0))
                .body("lines[0].availableAfter", equalTo(100));
    }

    @Test
    void anExpiredHoldIsAnUnfreezeLineToo() {
        String member = residentWith(50);
        hold(member, 20, Instant.now().plusMillis(200), null);
        holds.expire(Instant.now().plusSeconds(1), 1000);

        as(member).when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines[0].kind", equalTo("RELEASE"))
                .body("lines[0].description", equalTo("解冻积分：" + LUNCH))
                .body("lines[0].heldChange", equalTo(-20))
                .body("lines[0].availableAfter", equalTo(50));
    }

    @Test
    void runningBalancesOfHeldAndAvailableAreRightAcrossPageBoundaries() {
        String member = residentWith(100);
        for (int i = 0; i < 3; i++) {
            UUID redemption = hold(member, 10);
            send(new HoldCaptureRequested(redemption, member, PARTNER, "canteen-staff-liu", Instant.now()));
        }
        hold(member, 5); // newest first: held 5, then 3 × (capture, hold), then the credit
        String cursor = as(member).queryParam("limit", 2).when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines[0].heldAfter", equalTo(5)).body("lines[0].availableAfter", equalTo(65))
                .extract().jsonPath().getString("nextCursor");
        as(member).queryParam("limit", 2).queryParam("cursor", cursor).when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines[0].kind", equalTo("HOLD"))
                .body("lines[0].postedAfter", equalTo(80)).body("lines[0].heldAfter", equalTo(10))
                .body("lines[1].kind", equalTo("CAPTURE"))
                .body("lines[1].postedAfter", equalTo(80)).body("lines[1].heldAfter", equalTo(0));
    }

    @Test
    void theCsvHasTheSameColumnsAsTheLines() {
        String member = residentWith(100);
        UUID redemption = hold(member, 30);
        send(new HoldReleaseRequested(redemption, member, "CANCELLED"));

        String csv = new String(as(member).when().get("/api/points/me/passbook.csv")
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8).substring(1);
        List<String> rows = csv.lines().toList();
        assertEquals("日期,摘要,积分变动,冻结变动,积分余额,冻结积分,可用积分,类型,代办人", rows.get(0));
        assertEquals(4, rows.size(), csv);
        assertTrue(rows.get(1).endsWith(",解冻积分：" + LUNCH + ",0,-30,100,0,100,RELEASE,"), rows.get(1));
        assertTrue(rows.get(2).endsWith(",冻结积分：" + LUNCH + ",0,30,100,30,70,HOLD,"), rows.get(2));
        assertTrue(rows.get(3).endsWith(",100,0,100,0,100,SHIFT_CREDIT,"), rows.get(3));
    }

    @Test
    void linesAreInEnglishWhenTheClientAsksForIt() {
        String member = residentWith(100);
        hold(member, 30);

        as(member).header("Accept-Language", "en").when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines[0].description", equalTo("Points held: " + LUNCH))
                .body("lines[1].description", equalTo("Volunteer service: 食堂秩序维护 (60 min)"));
    }

    @Test
    void aHoldAProxyPlacedSaysWhoActedForTheResident() {
        String member = residentWith(100);
        LedgerChecks.registry().grant(COMMUNITY, member, "proxy-li", Instant.now().plusSeconds(3600), Scope.REDEEM);
        hold(member, 30, Instant.now().plusSeconds(3600), "proxy-li");

        assertEquals(1, ledger.count("""
                select count(*) from journal_transaction t join posting p on p.transaction_id = t.id
                join account a on a.id = p.account_id
                where a.owner_id = ? and t.kind = 'HOLD' and t.acted_by = 'proxy-li'""", member));
        as(member).when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines[0].actedBy", equalTo("proxy-li"))
                // named as the grant in the registry's copy names the proxy
                .body("lines[0].description", equalTo("冻结积分：" + LUNCH + "（由 代办人 proxy-li 代办）"));
        as(member).header("Accept-Language", "en").when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines[0].description", equalTo("Points held: " + LUNCH + " (done for you by 代办人 proxy-li)"));
    }
}
