package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.communitypoints.catalog.CatalogFixture.awaitState;
import static org.communitypoints.catalog.CatalogFixture.redemption;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.PointsCaptured;
import org.communitypoints.contracts.events.PointsHeld;
import org.communitypoints.contracts.events.PointsReleased;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Sagas finish by themselves (service/SagaRecoveryJob, ages of 4 s in tests): a request whose answer never
 * arrives is sent again through the real broker, with a new event id and the same content, and the answer to
 * the re-send finishes the redemption, once.
 */
@QuarkusTest
class SagaRecoveryTest {

    static final String COMMUNITY = "recovery";
    static final PointsSide points = new PointsSide();
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @Inject
    DataSource dataSource;

    @AfterAll
    static void close() {
        points.close();
    }

    @Test
    void aPendingRedemptionWhoseHoldAnswerWasLostAsksAgainAndIsConfirmedByTheAnswerToTheResend() throws SQLException {
        String shop = catalog.partner("SHOP", "便民小店");
        UUID kettle = catalog.goods(shop, "电水壶", 9, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("lost-held"));
        UUID id = CatalogFixture.redeemGoods(resident, kettle);
        EventEnvelope first = points.awaitRequest("HoldRequested", id);
        // points-service's answer to the first request is lost: nobody answers it.

        EventEnvelope resent = points.kafka.awaitEvent(Topics.REDEMPTIONS, e -> e.type().equals("HoldRequested")
                && id.toString().equals(e.payload().path("redemptionId").asText())
                && !e.eventId().equals(first.eventId()), PointsSide.WAIT);
        assertThat("the same request", EventCodec.payload(resent, HoldRequested.class),
                equalTo(EventCodec.payload(first, HoldRequested.class)));
        assertThat(redemption(resident, id).then().extract().path("state"), equalTo("PENDING"));
        assertThat(resends(id, "hold-requested"), greaterThanOrEqualTo(1));

        HoldRequested request = EventCodec.payload(resent, HoldRequested.class);
        points.answer(COMMUNITY, answerId(id, "PointsHeld"), new PointsHeld(id, request.memberId(), request.points(),
                request.subsidyPoints(), 50, request.expiresAt()));

        awaitState(resident, id, "CONFIRMED");
        redemption(resident, id).then().body("voucher.state", equalTo("ACTIVE"));
    }

    @Test
    void aFulfilledRedemptionWhoseCaptureAnswerWasLostAsksAgainAndIsCapturedOnce() throws SQLException {
        String parking = catalog.partner("PARKING", "停车场");
        UUID ticket = catalog.goods(parking, "停车券", 7, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("lost-capture"));
        UUID id = CatalogFixture.redeemGoods(resident, ticket);
        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        String code = redemption(resident, id).then().extract().path("voucher.code");
        given().auth().oauth2(catalog.partnerToken(parking)).when().post(API + "/vouchers/" + code + "/fulfil")
                .then().statusCode(200);
        EventEnvelope first = points.awaitRequest("HoldCaptureRequested", id);

        EventEnvelope resent = points.kafka.awaitEvent(Topics.REDEMPTIONS, e -> e.type().equals("HoldCaptureRequested")
                && id.toString().equals(e.payload().path("redemptionId").asText())
                && !e.eventId().equals(first.eventId()), PointsSide.WAIT);
        HoldCaptureRequested capture = EventCodec.payload(resent, HoldCaptureRequested.class);
        assertThat(capture, equalTo(EventCodec.payload(first, HoldCaptureRequested.class)));
        assertThat(capture.points(), equalTo(7L));

        // points-service captured once; its one answer (one id per redemption and answer type) arrives twice.
        UUID answer = answerId(id, "PointsCaptured");
        PointsCaptured captured = new PointsCaptured(id, capture.memberId(), parking, 7, 0);
        points.answer(COMMUNITY, answer, captured);
        points.answer(COMMUNITY, answer, captured);

        awaitState(resident, id, "CAPTURED");
        assertThat("captured once", count("select count(*) from redemption_history where redemption_id = ?"
                + " and state = 'CAPTURED'", id), equalTo(1L));
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        given().auth().oauth2(catalog.partnerToken(parking)).when()
                .get(API + "/partners/" + parking + "/settlement?from=" + today + "&to=" + today)
                .then().statusCode(200)
                .body("vouchersFulfilled", equalTo(1))
                .body("pointsCaptured", equalTo(7))
                .body("awaitingCapture", equalTo(0));
    }

    @Test
    void aCancelledRedemptionWhoseReleaseWasNotConfirmedAsksAgainUntilItIs() throws SQLException {
        String shop = catalog.partner("SHOP", "文具店");
        UUID pen = catalog.goods(shop, "钢笔", 5, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("lost-release"));
        UUID id = CatalogFixture.redeemGoods(resident, pen);
        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        given().auth().oauth2(resident).when().post(API + "/redemptions/" + id + "/cancel").then().statusCode(200);
        EventEnvelope first = points.awaitRequest("HoldReleaseRequested", id);

        EventEnvelope resent = points.kafka.awaitEvent(Topics.REDEMPTIONS, e -> e.type().equals("HoldReleaseRequested")
                && id.toString().equals(e.payload().path("redemptionId").asText())
                && !e.eventId().equals(first.eventId()), PointsSide.WAIT);
        assertThat(EventCodec.payload(resent, HoldReleaseRequested.class).reason(), equalTo("CANCELLED"));

        points.answer(COMMUNITY, answerId(id, "PointsReleased"), new PointsReleased(id,
                EventCodec.payload(resent, HoldReleaseRequested.class).memberId(), 5, "CANCELLED"));
        org.awaitility.Awaitility.await().atMost(PointsSide.WAIT)
                .until(() -> redemption(resident, id).then().extract().path("releasedAt") != null);
        assertThat(redemption(resident, id).then().extract().path("state"), equalTo("CANCELLED"));
        assertThat(resends(id, "release-requested"), greaterThanOrEqualTo(1));
    }

    /** The id points-service gives its answer of this type for this redemption (HoldEvents.answerId). */
    static UUID answerId(UUID redemptionId, String type) {
        return DerivedIds.of("answer", redemptionId.toString(), type);
    }

    private int resends(UUID id, String step) throws SQLException {
        return (int) count("select coalesce(max(attempts), 0) from redemption_resend where redemption_id = ? and step = '"
                + step + "'", id);
    }

    private long count(String query, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
