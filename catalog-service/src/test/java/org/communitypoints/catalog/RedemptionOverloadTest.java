package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.service.RedemptionAdmissionService;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RedemptionOverloadTest {

    static final String COMMUNITY = "wenxing";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @Inject
    RedemptionAdmissionService admission;
    @Inject
    CatalogConfig config;

    @Test
    void aRedemptionBeyondTheWorkInHandIsRefusedAtOnceAndTheSameRequestLaterGoesThrough() throws Exception {
        String canteen = catalog.partner("CANTEEN", "食堂");
        UUID gift = catalog.goods(canteen, "小礼品", 2, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("crowded"));
        String key = UUID.randomUUID().toString();
        String body = "{\"rewardId\":\"" + gift + "\"}";

        try (TakenPlaces ignored = takeAll(config.admission().batched(), admission::admitBatched)) {
            given().auth().oauth2(resident).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .header("Accept-Language", "en").body(body)
                    .when().post(API + "/redemptions")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                    .body("code", equalTo("SERVICE_UNAVAILABLE"))
                    .body("detail", equalTo("Too many redemptions are being handled right now. Please try again in a "
                            + "moment; retrying is safe and books nothing twice."));
            assertStockLeft(gift, 5);
        }

        given().auth().oauth2(resident).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post(API + "/redemptions")
                .then().statusCode(202).body("state", equalTo("PENDING"));
        assertStockLeft(gift, 4);
    }

    /**
     * Cancellations hold a database connection each, batched requests share their batch's: with every connection place
     * taken a cancellation is refused, and a new request is still made.
     */
    @Test
    void requestsInABatchAreNotHeldUpByWorkThatHoldsConnections() throws Exception {
        String canteen = catalog.partner("CANTEEN", "食堂");
        UUID gift = catalog.goods(canteen, "小礼品", 2, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("cancelling"));
        String first = given().auth().oauth2(resident).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"rewardId\":\"" + gift + "\"}")
                .when().post(API + "/redemptions")
                .then().statusCode(202).extract().path("id");

        try (TakenPlaces ignored = takeAll(config.admission().concurrent(), admission::admit)) {
            given().auth().oauth2(resident).header("Accept-Language", "en")
                    .when().post(API + "/redemptions/" + first + "/cancel")
                    .then().statusCode(503).header("Retry-After", "1").body("code", equalTo("SERVICE_UNAVAILABLE"));

            given().auth().oauth2(resident).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"rewardId\":\"" + gift + "\"}")
                    .when().post(API + "/redemptions")
                    .then().statusCode(202).body("state", equalTo("PENDING"));
            assertStockLeft(gift, 3);
        }

        given().auth().oauth2(resident).when().post(API + "/redemptions/" + first + "/cancel").then().statusCode(200);
        assertStockLeft(gift, 4);
    }

    /** Admission's way in: a bound's {@code admit} method. */
    private interface Admit {
        <T> T admit(Supplier<T> work);
    }

    /** Every place of one bound, held by threads until closed. */
    private record TakenPlaces(CountDownLatch finish, ExecutorService threads) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            finish.countDown();
            threads.shutdown();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static TakenPlaces takeAll(int places, Admit admit) throws InterruptedException {
        CountDownLatch taken = new CountDownLatch(places);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(places);
        for (int i = 0; i < places; i++) {
            threads.submit(() -> admit.admit(() -> {
                taken.countDown();
                try {
                    return finish.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
        }
        if (!taken.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every place was taken");
        }
        return new TakenPlaces(finish, threads);
    }

    private void assertStockLeft(UUID gift, int left) {
        org.hamcrest.MatcherAssert.assertThat(catalog.stockLeft(catalog.staffToken, gift), equalTo(left));
    }
}
