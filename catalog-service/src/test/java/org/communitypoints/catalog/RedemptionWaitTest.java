package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.communitypoints.catalog.messaging.HoldAnswerAssignment;
import org.communitypoints.catalog.service.RedemptionWaitService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * {@code GET /redemptions/{id}} and {@code POST /redemptions} with {@code Prefer: wait=N}: a PENDING redemption is
 * answered when its outcome arrives or after N seconds (at most {@code catalog.redemption-wait.max}, 3 s in tests).
 */
@QuarkusTest
class RedemptionWaitTest {

    static final String COMMUNITY = "longpoll";
    static final PointsSide points = new PointsSide();
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @Inject
    RedemptionWaitService waits;

    @Inject
    DataSource dataSource;

    @Inject
    HoldAnswerAssignment answers;

    @AfterAll
    static void close() {
        points.close();
    }

    @Test
    void aRedemptionNoLongerPendingIsAnsweredAtOnce() {
        String resident = catalog.resident(CatalogFixture.unique("settled"));
        UUID id = CatalogFixture.redeemGoods(resident, gift());
        points.hold(COMMUNITY, id);
        CatalogFixture.awaitState(resident, id, "CONFIRMED");

        long start = System.nanoTime();
        given().auth().oauth2(resident).header("Prefer", "wait=3")
                .when().get(API + "/redemptions/" + id)
                .then().statusCode(200).body("state", equalTo("CONFIRMED"))
                .header("Preference-Applied", equalTo("wait=3"));
        assertThat(millisSince(start), lessThan(2_000L));
    }

    @Test
    void aWaitingReadAnswersAsSoonAsTheHoldArrives() throws Exception {
        String resident = catalog.resident(CatalogFixture.unique("waiting"));
        UUID id = CatalogFixture.redeemGoods(resident, gift());
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> waitingRead(resident, id, "wait=3"));
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> waits.isWaitedOn(id));

        long held = System.nanoTime();
        points.hold(COMMUNITY, id);
        Response response = answer.get(10, TimeUnit.SECONDS);

        response.then().statusCode(200).body("state", equalTo("CONFIRMED"));
        // Answered on the outcome, not at the end of the wait.
        assertThat(millisSince(held), lessThan(2_500L));
    }

    /**
     * A waiter woken by an outcome applied here answers from the redemption as committed, without reading it again:
     * the resident gets it as a read of their own shows it, code in full; staff waiting on it at the same time still
     * get it masked.
     */
    @Test
    void aWokenWaiterAnswersAsAReadWouldEachInTheirOwnShape() throws Exception {
        String resident = catalog.resident(CatalogFixture.unique("shaped"));
        UUID id = CatalogFixture.redeemGoods(resident, gift());
        CompletableFuture<Response> own = CompletableFuture.supplyAsync(() -> waitingRead(resident, id, "wait=3"));
        CompletableFuture<Response> staffs = CompletableFuture
                .supplyAsync(() -> waitingRead(catalog.staffToken, id, "wait=3"));
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> waits.readersWaitingOn(id) == 2);

        points.hold(COMMUNITY, id);
        Response ownAnswer = own.get(10, TimeUnit.SECONDS);
        Response staffAnswer = staffs.get(10, TimeUnit.SECONDS);

        String code = CatalogFixture.redemption(resident, id).then().statusCode(200).extract().path("voucher.code");
        String masked = CatalogFixture.redemption(catalog.staffToken, id).then().statusCode(200)
                .extract().path("voucher.code");
        assertThat(masked, not(equalTo(code)));
        ownAnswer.then().statusCode(200).body("state", equalTo("CONFIRMED")).body("voucher.code", equalTo(code))
                .body("voucher.state", equalTo("ACTIVE"));
        staffAnswer.then().statusCode(200).body("state", equalTo("CONFIRMED")).body("voucher.code", equalTo(masked));
    }

    @Test
    void aWaitingReadAnswersPendingWhenNothingArrivesInTime() {
        String resident = catalog.resident(CatalogFixture.unique("patient"));
        UUID id = CatalogFixture.redeemGoods(resident, gift());

        long start = System.nanoTime();
        given().auth().oauth2(resident).header("Prefer", "wait=1")
                .when().get(API + "/redemptions/" + id)
                .then().statusCode(200).body("state", equalTo("PENDING"))
                .header("Preference-Applied", equalTo("wait=1"));
        assertThat(millisSince(start), greaterThanOrEqualTo(1_000L));
    }

    @Test
    void aWaitLongerThanTheCapIsCutToTheCap() {
        String resident = catalog.resident(CatalogFixture.unique("greedy"));
        UUID id = CatalogFixture.redeemGoods(resident, gift());

        long start = System.nanoTime();
        given().auth().oauth2(resident).header("Prefer", "respond-async, wait=600")
                .when().get(API + "/redemptions/" + id)
                .then().statusCode(200).body("state", equalTo("PENDING"))
                .header("Preference-Applied", equalTo("wait=3"));
        long took = millisSince(start);
        assertThat(took, greaterThanOrEqualTo(3_000L));
        assertThat(took, lessThan(8_000L));
    }

    @Test
    void anotherResidentsRedemptionIsNotFoundWithoutWaiting() {
        String owner = catalog.resident(CatalogFixture.unique("owner"));
        String neighbour = catalog.resident(CatalogFixture.unique("neighbour"));
        UUID id = CatalogFixture.redeemGoods(owner, gift());

        long start = System.nanoTime();
        given().auth().oauth2(neighbour).header("Prefer", "wait=3")
                .when().get(API + "/redemptions/" + id)
                .then().statusCode(404).body("code", equalTo("REDEMPTION_NOT_FOUND"));
        assertThat(millisSince(start), lessThan(2_000L));
        assertThat(waits.isWaitedOn(id), equalTo(false));
    }

    @Test
    void aChangeThisInstanceDidNotAnnounceIsFoundByTheRecheck() throws Exception {
        // A cancellation does not wake waiters itself, as an outcome applied by another instance would not: the
        // periodic recheck must find it.
        String resident = catalog.resident(CatalogFixture.unique("canceller"));
        UUID id = CatalogFixture.redeemGoods(resident, gift());
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> waitingRead(resident, id, "wait=3"));
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> waits.isWaitedOn(id));

        long cancelled = System.nanoTime();
        given().auth().oauth2(resident).when().post(API + "/redemptions/" + id + "/cancel").then().statusCode(200);
        Response response = answer.get(10, TimeUnit.SECONDS);

        response.then().statusCode(200).body("state", equalTo("CANCELLED"));
        assertThat(millisSince(cancelled), lessThan(2_500L));
    }

    @Test
    void whileEveryAnswerComesHereTheRecheckLeavesYoungWaitersToTheirOutcome() throws Exception {
        // One instance owns every partition of the answers: an outcome wakes its waiters at its commit, so a waiter is
        // looked at by the recheck only once it has waited a second (catalog.redemption-wait.recheck-age-when-...).
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(answers::everyAnswerComesHere);
        String resident = catalog.resident(CatalogFixture.unique("young"));
        UUID id = CatalogFixture.redeemGoods(resident, gift());
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> waitingRead(resident, id, "wait=3"));
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> waits.isWaitedOn(id));

        long now = System.nanoTime();
        assertThat(waits.toRecheck(now).contains(id), equalTo(false));
        assertThat(waits.toRecheck(now + Duration.ofMillis(1_100).toNanos()).contains(id), equalTo(true));

        points.hold(COMMUNITY, id);
        answer.get(10, TimeUnit.SECONDS).then().statusCode(200).body("state", equalTo("CONFIRMED"));
    }

    @Test
    void withoutPreferAPendingRedemptionIsAnsweredAtOnce() {
        String resident = catalog.resident(CatalogFixture.unique("poller"));
        UUID id = CatalogFixture.redeemGoods(resident, gift());

        String applied = given().auth().oauth2(resident)
                .when().get(API + "/redemptions/" + id)
                .then().statusCode(200).body("state", equalTo("PENDING"))
                .extract().header("Preference-Applied");
        assertThat(applied, nullValue());
    }

    @Test
    void aRequestThatPrefersToWaitIsAnsweredWithItsOutcome() throws Exception {
        String resident = catalog.resident(CatalogFixture.unique("oneround"));
        String body = "{\"rewardId\":\"" + gift() + "\"}";
        String key = UUID.randomUUID().toString();
        CompletableFuture<Response> answer = CompletableFuture
                .supplyAsync(() -> request(resident, key, body).header("Prefer", "wait=3").post(API + "/redemptions"));
        // The resident's list names the redemption once the request has made it.
        UUID id = UUID.fromString(Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> given().auth().oauth2(resident).when().get(API + "/me/redemptions")
                        .then().statusCode(200).extract().jsonPath().getList("id", String.class), ids -> ids.size() == 1)
                .get(0));
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> waits.isWaitedOn(id));

        long held = System.nanoTime();
        points.hold(COMMUNITY, id);
        Response response = answer.get(10, TimeUnit.SECONDS);

        response.then().statusCode(202).body("id", equalTo(id.toString())).body("state", equalTo("CONFIRMED"))
                .body("voucher.code", notNullValue())
                .header("Location", endsWith("/redemptions/" + id))
                .header("Preference-Applied", equalTo("wait=3"));
        // Answered on the outcome, not at the end of the wait.
        assertThat(millisSince(held), lessThan(2_500L));

        // A retry of the request (the first answer lost on the way) gets the outcome at once.
        long retried = System.nanoTime();
        request(resident, key, body).header("Prefer", "wait=3").post(API + "/redemptions")
                .then().statusCode(202).body("id", equalTo(id.toString())).body("state", equalTo("CONFIRMED"))
                .header("Idempotent-Replayed", equalTo("true"));
        assertThat(millisSince(retried), lessThan(2_000L));
    }

    @Test
    void aRequestThatPrefersToWaitAnswersPendingWhenNothingArrivesInTime() {
        String resident = catalog.resident(CatalogFixture.unique("hurried"));
        String body = "{\"rewardId\":\"" + gift() + "\"}";

        long start = System.nanoTime();
        UUID id = UUID.fromString(request(resident, UUID.randomUUID().toString(), body).header("Prefer", "wait=1")
                .post(API + "/redemptions")
                .then().statusCode(202).body("state", equalTo("PENDING"))
                .header("Preference-Applied", equalTo("wait=1"))
                .extract().path("id"));
        assertThat(millisSince(start), greaterThanOrEqualTo(1_000L));
        assertThat(waits.isWaitedOn(id), equalTo(false));

        // Without the preference: at once, and nothing said about a wait.
        String applied = request(resident, UUID.randomUUID().toString(), body).post(API + "/redemptions")
                .then().statusCode(202).body("state", equalTo("PENDING"))
                .extract().header("Preference-Applied");
        assertThat(applied, nullValue());
    }

    @Test
    void aRequestSlowToCommitWaitsOnlyWhatIsLeftOfItsBound() throws Exception {
        // RFC 7240's wait bounds the whole request: time spent before the commit comes off the wait after it.
        String member = CatalogFixture.unique("slow");
        String resident = catalog.resident(member);
        String body = "{\"rewardId\":\"" + gift() + "\"}";
        String key = UUID.randomUUID().toString();
        CountDownLatch keyTaken = new CountDownLatch(1);
        // Another transaction holds the request's Idempotency-Key for 2 s, so the request's own insert of it waits.
        CompletableFuture<Void> blocker = CompletableFuture.runAsync(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement(
                        "insert into idempotency_record (scope, caller_id, idem_key, request_hash) values ('redemption', ?, ?, 'held')")) {
                    s.setString(1, member);
                    s.setString(2, key);
                    s.executeUpdate();
                }
                keyTaken.countDown();
                // A fixed hold, not a wait for a condition: the time the request spends before its commit is what
                // this test measures, so it must be a known 2 s.
                Thread.sleep(2_000);
                c.rollback();
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(keyTaken.await(10, TimeUnit.SECONDS), equalTo(true));

        long start = System.nanoTime();
        request(resident, key, body).header("Prefer", "wait=3").post(API + "/redemptions")
                .then().statusCode(202).body("state", equalTo("PENDING"))
                .header("Preference-Applied", equalTo("wait=3"));
        long took = millisSince(start);
        blocker.get(10, TimeUnit.SECONDS);
        // Held up by the key (2 s), then waited for the rest of the 3 s: not 2 s + 3 s.
        assertThat(took, greaterThanOrEqualTo(2_000L));
        assertThat(took, lessThan(4_500L));
    }

    private static RequestSpecification request(String token, String idempotencyKey, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(body).when();
    }

    private UUID gift() {
        return catalog.goods(catalog.partner("SHOP", "长轮询便民店"), "毛巾", 1, 10, null);
    }

    private static Response waitingRead(String token, UUID id, String prefer) {
        return given().auth().oauth2(token).header("Prefer", prefer).when().get(API + "/redemptions/" + id);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
