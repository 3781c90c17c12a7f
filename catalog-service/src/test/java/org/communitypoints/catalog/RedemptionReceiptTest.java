package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.communitypoints.catalog.CatalogFixture.awaitState;
import static org.communitypoints.catalog.CatalogFixture.redemption;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.RedemptionReceipt;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.communitypoints.testsupport.RuntimeRoleChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The gateway's receipt of a redemption request ({@code Redemption-Receipt}, with the id it names in
 * {@code Redemption-Id}): the redemption takes the id, keeps the receipt as it came, and every hold request and capture
 * built from it carries the receipt to points-service, which holds nothing without one. The catalog never checks a
 * receipt (it has no key): these tests sign theirs with a key of their own.
 */
@QuarkusTest
class RedemptionReceiptTest {

    static final String COMMUNITY = "receipts";
    static final PointsSide points = new PointsSide();
    static final RedemptionReceipt.Secret GATEWAYS_KEY = RedemptionReceipt.Secret
            .of("a key only the gateway and points-service hold");
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @Inject
    DataSource dataSource;

    @AfterAll
    static void close() {
        points.close();
    }

    @Test
    void aRedemptionTakesTheGatewaysIdAndEveryHoldRequestCarriesItsReceiptAsItCame() throws SQLException {
        UUID kettle = catalog.goods(catalog.partner("SHOP", "便民小店"), "电水壶", 9, 5, null);
        String memberId = CatalogFixture.unique("receipt");
        String resident = catalog.resident(memberId);
        UUID id = UUID.randomUUID();
        String receipt = receipt(id, memberId);

        redeem(resident, UUID.randomUUID().toString(), kettle, id.toString(), receipt)
                .then().statusCode(202)
                .header("Location", endsWith(API + "/redemptions/" + id))
                .body("id", equalTo(id.toString()))
                .body("state", equalTo("PENDING"));

        EventEnvelope first = points.awaitRequest("HoldRequested", id);
        HoldRequested hold = EventCodec.payload(first, HoldRequested.class);
        assertEquals(receipt, hold.receipt());
        assertEquals(memberId, hold.memberId());
        assertEquals(receipt, column(id, "receipt"));
        // The saga's re-send (nobody answers the first request) is built from the row: the same receipt again.
        EventEnvelope resent = points.kafka.awaitEvent(Topics.REDEMPTIONS, e -> e.type().equals("HoldRequested")
                && id.toString().equals(e.payload().path("redemptionId").asText())
                && !e.eventId().equals(first.eventId()), PointsSide.WAIT);
        assertEquals(receipt, EventCodec.payload(resent, HoldRequested.class).receipt());
    }

    @Test
    void withoutTheHeadersTheIdIsMadeHereAndTheHoldRequestHasNoReceipt() throws SQLException {
        UUID towel = catalog.goods(catalog.partner("SHOP", "杂货铺"), "毛巾", 2, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("direct"));

        UUID id = CatalogFixture.redeemGoods(resident, towel);

        assertNull(points.awaitHoldRequested(id).receipt());
        assertNull(column(id, "receipt"));
        assertEquals(4, id.version(), "a random id, made here");
    }

    @Test
    void aReplayUnderTheSameKeyAnswersTheFirstRedemptionWhateverIdAndReceiptItCarries() throws SQLException {
        UUID umbrella = catalog.goods(catalog.partner("SHOP", "五金店"), "雨伞", 4, 5, null);
        String memberId = CatalogFixture.unique("replay");
        String resident = catalog.resident(memberId);
        String key = UUID.randomUUID().toString();
        UUID first = UUID.randomUUID();
        UUID retried = UUID.randomUUID();

        redeem(resident, key, umbrella, first.toString(), receipt(first, memberId)).then().statusCode(202)
                .body("id", equalTo(first.toString()));
        // The gateway gives the retry an id and a receipt of its own; the key says it is the same request.
        redeem(resident, key, umbrella, retried.toString(), receipt(retried, memberId)).then().statusCode(202)
                .header("Idempotent-Replayed", equalTo("true"))
                .header("Location", endsWith(API + "/redemptions/" + first))
                .body("id", equalTo(first.toString()));

        redemption(resident, retried).then().statusCode(404);
        assertEquals(receipt(first, memberId), column(first, "receipt"));
        assertThat(catalog.stockLeft(resident, umbrella), equalTo(4));
    }

    @Test
    void aRedemptionIdThatIsNoUuidIsRefusedBeforeAnythingIsReserved() {
        UUID soap = catalog.goods(catalog.partner("SHOP", "日用品店"), "香皂", 1, 5, null);
        String memberId = CatalogFixture.unique("malformed");
        String resident = catalog.resident(memberId);

        // "1-1-1-1-1" is read by UUID.fromString, but as another id than the text the receipt would name.
        for (String malformed : new String[] { "not-an-id", "1-1-1-1-1", UUID.randomUUID() + "x",
                "{" + UUID.randomUUID() + "}" }) {
            redeem(resident, UUID.randomUUID().toString(), soap, malformed, receipt(UUID.randomUUID(), memberId))
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("INVALID_REDEMPTION_ID"))
                    .body("detail", equalTo("这次兑换请求的编号不对，没有办理。请重新兑换一次。"));
        }
        assertThat(catalog.stockLeft(resident, soap), equalTo(5));
        given().auth().oauth2(resident).when().get(API + "/me/redemptions").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void anIdAnotherRedemptionHasIsRefusedWith409AndNothingOfTheRequestIsKept() throws SQLException {
        UUID cup = catalog.goods(catalog.partner("SHOP", "礼品店"), "茶杯", 3, 5, null);
        String firstMember = CatalogFixture.unique("first");
        String firstResident = catalog.resident(firstMember);
        String secondMember = CatalogFixture.unique("second");
        String secondResident = catalog.resident(secondMember);
        UUID id = UUID.randomUUID();
        redeem(firstResident, UUID.randomUUID().toString(), cup, id.toString(), receipt(id, firstMember))
                .then().statusCode(202);
        points.awaitHoldRequested(id);

        String key = UUID.randomUUID().toString();
        request(secondResident, key, cup, id.toString(), receipt(id, secondMember)).header("Accept-Language", "en")
                .post(API + "/redemptions").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("REDEMPTION_ID_TAKEN"))
                .body("detail", equalTo("Another redemption already has this request's id, so nothing was done. "
                        + "Please redeem again."));

        assertEquals(firstMember, column(id, "member_id"));
        assertEquals(receipt(id, firstMember), column(id, "receipt"));
        assertThat("one unit taken, by the first", catalog.stockLeft(firstResident, cup), equalTo(4));
        given().auth().oauth2(secondResident).when().get(API + "/me/redemptions").then().statusCode(200)
                .body("$", hasSize(0));
        assertThat(points.kafka.readFor(Topics.REDEMPTIONS, e -> e.type().equals("HoldRequested")
                && secondMember.equals(e.payload().path("memberId").asText()), Duration.ofSeconds(2)), hasSize(0));
        // Not even the Idempotency-Key was kept: the same request with a fresh id is a new one.
        UUID fresh = UUID.randomUUID();
        redeem(secondResident, key, cup, fresh.toString(), receipt(fresh, secondMember)).then().statusCode(202)
                .header("Idempotent-Replayed", nullValue())
                .body("id", equalTo(fresh.toString()));
    }

    @Test
    void anIdBeingTakenByAnotherUncommittedRedemptionIsRefusedWith409OnceThatOneCommits() throws Exception {
        UUID pen = catalog.goods(catalog.partner("SHOP", "文具店"), "钢笔", 5, 5, null);
        String memberId = CatalogFixture.unique("race");
        String resident = catalog.resident(memberId);
        UUID model = CatalogFixture.redeemGoods(resident, pen);
        UUID id = UUID.randomUUID();

        try (Connection other = dataSource.getConnection()) {
            // Another transaction has inserted a redemption with this id and not yet committed: the request's insert
            // waits for it, and fails on the primary key once it commits.
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("insert into redemption select (jsonb_populate_record("
                    + "r, to_jsonb(r) || jsonb_build_object('id', ?::uuid))).* from redemption r where id = ?")) {
                insert.setString(1, id.toString());
                insert.setObject(2, model);
                assertEquals(1, insert.executeUpdate());
            }
            CompletableFuture<Response> request = CompletableFuture
                    .supplyAsync(() -> redeem(resident, UUID.randomUUID().toString(), pen, id.toString(),
                            receipt(id, memberId)));
            Awaitility.await().atMost(PointsSide.WAIT).until(this::anInsertWaits);
            other.commit();

            request.get(20, TimeUnit.SECONDS).then().statusCode(409).contentType("application/problem+json")
                    .body("code", equalTo("REDEMPTION_ID_TAKEN"));
        }
        assertThat("only the first redemption's unit is taken", catalog.stockLeft(resident, pen), equalTo(4));
        assertNull(column(id, "receipt"), "the other transaction's row, as it wrote it");
    }

    @Test
    void theRuntimeRoleCannotReplaceRemoveOrAddAReceipt() throws SQLException {
        UUID book = catalog.goods(catalog.partner("NIGHT_SCHOOL", "夜校"), "书法课本", 6, 5, null);
        String memberId = CatalogFixture.unique("insider");
        String resident = catalog.resident(memberId);
        UUID id = UUID.randomUUID();
        String receipt = receipt(id, memberId);
        redeem(resident, UUID.randomUUID().toString(), book, id.toString(), receipt).then().statusCode(202);
        UUID withoutReceipt = CatalogFixture.redeemGoods(resident, book);

        try (Connection connection = dataSource.getConnection()) {
            for (String change : new String[] { "receipt = null", "receipt = receipt || 'x'",
                    "receipt = '" + receipt(UUID.randomUUID(), memberId) + "'" }) {
                RuntimeRoleChecks.assertPermissionDenied(connection,
                        "update redemption set " + change + " where id = '" + id + "'");
            }
            RuntimeRoleChecks.assertPermissionDenied(connection,
                    "update redemption set receipt = '" + receipt + "' where id = '" + withoutReceipt + "'");
            // The entity's own saves write every column with the values they had: those still go through.
            try (PreparedStatement save = connection
                    .prepareStatement("update redemption set receipt = receipt, reason_detail = reason_detail where id = ?")) {
                save.setObject(1, id);
                assertEquals(1, save.executeUpdate());
            }
        }
        assertEquals(receipt, column(id, "receipt"));
        assertNull(column(withoutReceipt, "receipt"));
    }

    @Test
    void theCaptureOfAFullySubsidisedRedemptionCarriesItsReceipt() {
        String centre = catalog.partner("CHILDCARE", "四点半课堂");
        UUID care = catalog.goods(centre, "托管一小时", 12, 3, "{\"percent\":100}");
        String memberId = CatalogFixture.unique("subsidised");
        String resident = catalog.eligibleResident(memberId, "DIBAO");
        UUID id = UUID.randomUUID();
        String receipt = receipt(id, memberId);
        redeem(resident, UUID.randomUUID().toString(), care, id.toString(), receipt).then().statusCode(202)
                .body("points", equalTo(0)).body("subsidyPoints", equalTo(12));

        String code = points.confirmedVoucher(COMMUNITY, resident, id)[1];
        given().auth().oauth2(catalog.partnerToken(centre)).when().post(API + "/vouchers/" + code + "/fulfil")
                .then().statusCode(200).body("state", equalTo("FULFILLED"));

        HoldCaptureRequested capture = EventCodec.payload(points.awaitRequest("HoldCaptureRequested", id),
                HoldCaptureRequested.class);
        assertEquals(0L, capture.points());
        assertEquals(12L, capture.subsidyPoints());
        assertEquals(receipt, capture.receipt());
    }

    @Test
    void aRequestPointsServiceCouldNotConfirmAsTheResidentsIsRejectedWithAReasonTheyUnderstand() {
        UUID lunch = catalog.goods(catalog.partner("CANTEEN", "长者食堂"), "午餐券", 8, 1, null);
        String resident = catalog.resident(CatalogFixture.unique("unconfirmed"));
        UUID id = CatalogFixture.redeemGoods(resident, lunch);
        HoldRequested request = points.awaitHoldRequested(id);

        points.answer(COMMUNITY, new PointsHoldRejected(id, request.memberId(), "REQUEST_NOT_CONFIRMED",
                "no receipt of the gateway names this redemption and this resident", 100));
        awaitState(resident, id, "REJECTED");

        redemption(resident, id).then().statusCode(200)
                .body("reasonCode", equalTo("REQUEST_NOT_CONFIRMED"))
                .body("reasonDetail", startsWith("系统无法确认这次兑换是您本人"))
                .body("reasonDetail", not(startsWith("no receipt")))
                .body("voucher", nullValue());
        given().auth().oauth2(resident).header("Accept-Language", "en").when().get(API + "/redemptions/" + id)
                .then().statusCode(200)
                .body("reasonDetail", startsWith("We could not confirm that this redemption was asked for by you"));
        assertThat("the place is back", catalog.stockLeft(resident, lunch), equalTo(1));
    }

    /** A receipt as the gateway signs it (the catalog only carries it, so any key does here). */
    private static String receipt(UUID redemptionId, String caller) {
        return new RedemptionReceipt(redemptionId, caller, null, Instant.ofEpochMilli(1_796_000_000_000L))
                .sign(GATEWAYS_KEY);
    }

    /** A redemption request as the gateway passes it on: with the id it chose and its receipt. */
    private static Response redeem(String token, String idempotencyKey, UUID rewardId, String redemptionId,
            String receipt) {
        return request(token, idempotencyKey, rewardId, redemptionId, receipt).post(API + "/redemptions");
    }

    private static RequestSpecification request(String token, String idempotencyKey, UUID rewardId,
            String redemptionId, String receipt) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", idempotencyKey)
                .header(RedemptionReceipt.REDEMPTION_ID_HEADER, redemptionId)
                .header(RedemptionReceipt.HEADER, receipt)
                .body("{\"rewardId\":\"" + rewardId + "\"}")
                .when();
    }

    /** Whether a redemption insert of this service waits for another transaction's lock. */
    private boolean anInsertWaits() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement("""
                        select count(*) from pg_stat_activity
                        where wait_event_type = 'Lock' and query ilike 'insert into catalog.redemption %'""");
                ResultSet row = read.executeQuery()) {
            row.next();
            return row.getLong(1) > 0;
        }
    }

    private String column(UUID id, String column) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection
                        .prepareStatement("select " + column + "::text from redemption where id = ?")) {
            read.setObject(1, id);
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next(), "no redemption " + id);
                return row.getString(1);
            }
        }
    }
}
