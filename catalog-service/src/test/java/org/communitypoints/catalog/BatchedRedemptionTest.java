package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.communitypoints.catalog.service.RedemptionGroupCommitService;
import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.RedemptionReceipt;
import org.communitypoints.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Redemption requests that arrive together are made in one transaction (service/RedemptionGroupCommitService), each answered as
 * if it had been made alone. Here the request that starts a batch waits half a second for others, so that requests
 * sent at once are sure to share one; each test checks that a batch of several was made.
 */
@QuarkusTest
@TestProfile(BatchedRedemptionTest.Gathering.class)
class BatchedRedemptionTest {

    public static class Gathering implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.redemption-batch.gather", "500ms");
        }
    }

    static final String COMMUNITY = "wenxing";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);
    static final PointsSide points = new PointsSide();

    @Inject
    RedemptionGroupCommitService batcher;

    @Inject
    MeterRegistry registry;
    @Inject
    DataSource dataSource;

    @AfterAll
    static void close() {
        points.close();
    }

    @Test
    void tenResidentsRacingForTheLastThreeMealsGetExactlyThreeAndTheRestSoldOutKeepingNoKey() throws Exception {
        UUID lunch = meal(3);
        String body = "{\"rewardId\":\"" + lunch + "\"}";
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        RedemptionGroupCommitService.Stats before = batcher.stats();

        List<String> tokens = residents("luncher", 10);
        List<Response> answers = CatalogFixture.race(10, i -> redeem(tokens.get(i), keys.get(i), body, null));

        assertBatched(before, 10);
        assertThat(answers.stream().filter(r -> r.statusCode() == 202).count(), equalTo(3L));
        List<Integer> soldOut = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).statusCode() == 409 && "SOLD_OUT".equals(answers.get(i).path("code"))) {
                soldOut.add(i);
            }
        }
        assertThat(soldOut, hasSize(7));
        assertThat(count("select count(*) from redemption where reward_id = ?", lunch), equalTo(3L));
        assertThat(count("select coalesce(sum(reserved), 0) from meal_day where reward_id = ? and day = ?", lunch,
                LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))), equalTo(3L));
        for (int i : soldOut) {
            // As when a request alone rolls back: the key is not kept, the same request may be sent again.
            assertThat(count("select count(*) from idempotency_record where idem_key = ?", keys.get(i)), equalTo(0L));
        }
        assertThat(catalog.stockLeft(catalog.staffToken, lunch), equalTo(0));
    }

    @Test
    void twoRequestsUnderOneKeyMakeOneRedemptionAndTheSecondIsAnsweredAsItsReplay() throws Exception {
        UUID soap = catalog.goods(catalog.partner("SHOP", "杂货店"), "肥皂", 2, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("twice"));
        String key = UUID.randomUUID().toString();
        String body = "{\"rewardId\":\"" + soap + "\"}";
        RedemptionGroupCommitService.Stats before = batcher.stats();

        // Two others in the batch too, so that it is a batch whichever of the two comes first.
        List<String> others = residents("other", 4);
        List<Response> answers = CatalogFixture.race(4, i -> i < 2 ? redeem(resident, key, body, null)
                : redeem(others.get(i), UUID.randomUUID().toString(), body, null));

        assertBatched(before, 2);
        answers.forEach(a -> a.then().statusCode(202));
        assertThat(answers.get(0).path("id"), equalTo(answers.get(1).path("id")));
        assertThat(List.of(String.valueOf(answers.get(0).header("Idempotent-Replayed")),
                String.valueOf(answers.get(1).header("Idempotent-Replayed"))), containsInAnyOrder("null", "true"));
        given().auth().oauth2(resident).when().get(API + "/me/redemptions").then().statusCode(200)
                .body("$", org.hamcrest.Matchers.hasSize(1));
        assertThat(catalog.stockLeft(catalog.staffToken, soap), equalTo(2));
    }

    @Test
    void aRequestRefusedByARuleDoesNotStopTheOthersInItsBatch() throws Exception {
        String shop = catalog.partner("SHOP", "文具店");
        UUID pen = catalog.goods(shop, "钢笔", 3, 5, null);
        UUID lunch = meal(5);
        UUID arranging = catalog.classSeat(catalog.partner("NIGHT_SCHOOL", "夜校"), "插花", 10);
        List<String> bodies = List.of(
                "{\"rewardId\":\"" + pen + "\"}",
                "{\"rewardId\":\"" + UUID.randomUUID() + "\"}",
                "{\"rewardId\":\"" + pen + "\"}",
                "{\"rewardId\":\"" + lunch + "\",\"date\":\"" + LocalDate.now().plusDays(60) + "\"}",
                "{\"rewardId\":\"" + arranging + "\"}",
                "{\"rewardId\":\"" + pen + "\"}");
        RedemptionGroupCommitService.Stats before = batcher.stats();

        List<String> tokens = residents("mixed", bodies.size());
        List<Response> answers = CatalogFixture.race(bodies.size(),
                i -> redeem(tokens.get(i), UUID.randomUUID().toString(), bodies.get(i), null));

        assertBatched(before, bodies.size());
        assertThat(answers.stream().map(a -> a.statusCode() + " " + (a.statusCode() == 202 ? "" : a.path("code")))
                .toList(),
                contains("202 ", "404 REWARD_NOT_FOUND", "202 ", "422 MEAL_DAY_NOT_OPEN",
                        "400 SESSION_REQUIRED", "202 "));
        assertThat(catalog.stockLeft(catalog.staffToken, pen), equalTo(2));
        assertThat(count("select count(*) from redemption where reward_id = ?", pen), equalTo(3L));
    }

    @Test
    void aRequestReusingATakenIdGets409AndEveryOtherRequestOfItsBatchItsRedemption() throws Exception {
        UUID cup = catalog.goods(catalog.partner("SHOP", "礼品店"), "茶杯", 3, 6, null);
        UUID taken = CatalogFixture.redeemGoods(catalog.resident(CatalogFixture.unique("first")), cup);
        points.awaitHoldRequested(taken);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(CatalogFixture.unique("batch" + i));
        }
        RedemptionGroupCommitService.Stats before = batcher.stats();

        List<String> tokens = members.stream().map(catalog::resident).toList();
        List<Response> answers = CatalogFixture.race(5, i -> redeem(tokens.get(i), UUID.randomUUID().toString(),
                "{\"rewardId\":\"" + cup + "\"}", i == 2 ? taken : UUID.randomUUID()));

        assertBatched(before, 5, true);
        assertThat("the batch was given up, its requests made alone", batcher.stats().failed(),
                greaterThan(before.failed()));
        for (int i = 0; i < 5; i++) {
            if (i == 2) {
                answers.get(i).then().statusCode(409).contentType("application/problem+json")
                        .body("code", equalTo("REDEMPTION_ID_TAKEN"));
            } else {
                answers.get(i).then().statusCode(202).body("state", equalTo("PENDING"));
            }
        }
        assertThat("the first and the four others", catalog.stockLeft(catalog.staffToken, cup), equalTo(1));
        assertThat(count("select count(*) from redemption where member_id = ?", members.get(2)), equalTo(0L));
        assertThat(count("select count(*) from redemption where reward_id = ?", cup), equalTo(5L));
    }

    @Test
    void everyRedemptionOfABatchHasExactlyOneHoldRequestedWithTheIdDerivedFromIt() throws Exception {
        UUID book = catalog.goods(catalog.partner("NIGHT_SCHOOL", "夜校"), "书法课本", 6, 10, null);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(CatalogFixture.unique("reader" + i));
        }
        RedemptionGroupCommitService.Stats before = batcher.stats();

        List<String> tokens = members.stream().map(catalog::resident).toList();
        List<Response> answers = CatalogFixture.race(5, i -> redeem(tokens.get(i), UUID.randomUUID().toString(),
                "{\"rewardId\":\"" + book + "\"}", null));

        assertBatched(before, 5);
        List<String> ids = answers.stream().map(a -> a.then().statusCode(202).extract().<String> path("id")).toList();
        points.kafka.awaitEvents(Topics.REDEMPTIONS, e -> ids.contains(e.payload().path("redemptionId").asText()), 5,
                PointsSide.WAIT);
        Map<String, List<EventEnvelope>> holds = points.kafka.readFor(Topics.REDEMPTIONS,
                e -> e.type().equals("HoldRequested") && ids.contains(e.payload().path("redemptionId").asText()),
                Duration.ofSeconds(3)).stream()
                .collect(Collectors.groupingBy(e -> e.payload().path("redemptionId").asText()));
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            assertThat(holds.get(id), hasSize(1));
            EventEnvelope hold = holds.get(id).get(0);
            assertThat(hold.eventId(), equalTo(DerivedIds.of("redemption-step", id, "hold-requested")));
            assertThat(hold.payload().path("memberId").asText(), equalTo(members.get(i)));
            assertThat(hold.payload().path("points").asLong(), equalTo(6L));
        }
    }

    @Test
    void aRequestMadeInABatchIsAnsweredWithItsFirstAnswerWhenSentAgainAlone() throws Exception {
        UUID tea = catalog.goods(catalog.partner("SHOP", "茶叶店"), "茶叶", 4, 10, null);
        String body = "{\"rewardId\":\"" + tea + "\"}";
        List<String> tokens = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tokens.add(catalog.resident(CatalogFixture.unique("again" + i)));
            keys.add(UUID.randomUUID().toString());
        }
        RedemptionGroupCommitService.Stats before = batcher.stats();
        List<Response> answers = CatalogFixture.race(3, i -> redeem(tokens.get(i), keys.get(i), body, null));
        assertBatched(before, 3);

        // Alone: the stored answer is read back by platform-data's IdempotentRequests, which fingerprints the request
        // itself: a different fingerprint in the batch would refuse this as IDEMPOTENCY_KEY_REUSED.
        redeem(tokens.get(1), keys.get(1), body, null).then().statusCode(202)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(answers.get(1).path("id")))
                .body("points", equalTo(4));
        redeem(tokens.get(1), keys.get(1), "{\"rewardId\":\"" + UUID.randomUUID() + "\"}", null).then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        answers.get(0).then().header("Idempotent-Replayed", nullValue());
        assertThat(catalog.stockLeft(catalog.staffToken, tea), equalTo(7));
    }

    /** A batch of several requests was made and written. */
    private void assertBatched(RedemptionGroupCommitService.Stats before, int atLeast) {
        assertBatched(before, atLeast, false);
    }

    private void assertBatched(RedemptionGroupCommitService.Stats before, int atLeast, boolean expectFailure) {
        RedemptionGroupCommitService.Stats after = batcher.stats();
        assertThat("a batch was made", after.batches(), greaterThan(before.batches()));
        assertThat("of several requests", after.largest(), greaterThan(1));
        assertThat(after.requests() - before.requests(), greaterThanOrEqualTo((long) atLeast));
        if (!expectFailure) {
            assertThat("and written", after.failed(), equalTo(before.failed()));
        }
        // Published for operators: every batch's size (lone requests' too) and every batch given up.
        assertThat(registry.get("catalog.redemption.batch.requests").summary().totalAmount(),
                greaterThanOrEqualTo((double) after.requests()));
        assertThat(registry.get("catalog.redemption.batch.failed").counter().count(),
                greaterThanOrEqualTo((double) after.failed()));
    }

    /** Registered before the race, so that the requests arrive together. */
    private List<String> residents(String prefix, int n) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(catalog.resident(CatalogFixture.unique(prefix + i)));
        }
        return tokens;
    }

    private UUID meal(int dailyQuota) {
        String canteen = catalog.partner("CANTEEN", "食堂");
        return catalog.reward("{\"partnerId\":\"" + canteen + "\",\"kind\":\"MEAL\",\"title\":\"午餐\",\"points\":8,"
                + "\"dailyQuota\":" + dailyQuota + "}");
    }

    private static Response redeem(String token, String key, String body, UUID redemptionId) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key);
        if (redemptionId != null) {
            request = request.header(RedemptionReceipt.REDEMPTION_ID_HEADER, redemptionId.toString());
        }
        return request.body(body).when().post(API + "/redemptions");
    }

    private long count(String query, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                read.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
