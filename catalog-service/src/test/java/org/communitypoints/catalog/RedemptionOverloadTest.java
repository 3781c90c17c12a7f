package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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

        int places = config.admission().concurrent();
        CountDownLatch taken = new CountDownLatch(places);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService busy = Executors.newFixedThreadPool(places);
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        try {
            for (int i = 0; i < places; i++) {
                work.add(busy.submit(() -> admission.admit(() -> {
                    taken.countDown();
                    try {
                        return finish.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                })));
            }
            taken.await(10, TimeUnit.SECONDS);

            given().auth().oauth2(resident).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .header("Accept-Language", "en").body(body)
                    .when().post(API + "/redemptions")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                    .body("code", equalTo("SERVICE_UNAVAILABLE"))
                    .body("detail", equalTo("Too many redemptions are being handled right now. Please try again in a "
                            + "moment; retrying is safe and books nothing twice."));
            assertStockLeft(gift, 5);
        } finally {
            finish.countDown();
            busy.shutdown();
            busy.awaitTermination(10, TimeUnit.SECONDS);
        }

        given().auth().oauth2(resident).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post(API + "/redemptions")
                .then().statusCode(202).body("state", equalTo("PENDING"));
        assertStockLeft(gift, 4);
    }

    private void assertStockLeft(UUID gift, int left) {
        org.hamcrest.MatcherAssert.assertThat(catalog.stockLeft(catalog.staffToken, gift), equalTo(left));
    }
}
