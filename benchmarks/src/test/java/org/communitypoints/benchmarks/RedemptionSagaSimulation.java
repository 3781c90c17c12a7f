package org.communitypoints.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The redemption saga end to end through the gateway, as the resident lives it: request a canteen meal, then ask
 * until it is CONFIRMED (catalog reserves, points-service holds the points over Kafka, catalog issues the voucher).
 * The group "request → CONFIRMED" is that whole wait. Each voucher is cancelled afterwards (not in the group), so the
 * hold is released and the resident can go on redeeming without running out of points or of the day's meals.
 * <p>
 * Two shapes: by default each resident redeems {@code redemptions} times one after another (a closed loop: the rate
 * is whatever the saga allows); with {@code -DsagaRate=N} new redemptions arrive at N a second for {@code seconds}
 * whatever the saga's speed (an open model: a slow saga shows as a longer "request → CONFIRMED", not as a lower
 * rate), each by the next resident of {@code residents} in turn. Many residents spread the load over the topics'
 * partitions (the key is the resident) as a community's residents do; each needs the points and the day's meals for
 * the redemptions it is dealt at a time.
 */
public class RedemptionSagaSimulation extends Simulation {

    private static final Duration POLL = Duration.ofMillis(25);
    /** New redemptions a second for {@code seconds} (the open model); 0 (the default): the closed loop. */
    private static final double SAGA_RATE = Double.parseDouble(System.getProperty("sagaRate", "0"));

    private final List<String> tokens = Suite.RESIDENTS.stream().map(Suite::tokenFor).toList();
    private final String meal = Suite.rewardOfKind(tokens.get(0), "MEAL");

    private Iterator<Map<String, Object>> residents() {
        return Stream.iterate(0, i -> (i + 1) % tokens.size())
                .map(i -> Map.<String, Object> of("token", tokens.get(i))).iterator();
    }

    private final ChainBuilder redeemUntilConfirmed = group("request → CONFIRMED").on(
            exec(session -> session.set("key", UUID.randomUUID().toString()).set("state", "PENDING"))
                    .exec(http("request redemption").post(Suite.GATEWAY + "/api/catalog/redemptions")
                            .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}")
                            .header("Content-Type", "application/json")
                            .body(StringBody("{\"rewardId\":\"" + meal + "\",\"date\":\"" + LocalDate.now() + "\"}"))
                            .check(status().in(200, 201, 202), jsonPath("$.id").saveAs("id"),
                                    jsonPath("$.state").saveAs("state")))
                    .asLongAs(session -> "PENDING".equals(session.getString("state"))).on(
                            exec(http("read redemption").get(Suite.GATEWAY + "/api/catalog/redemptions/#{id}")
                                    .header("Authorization", "Bearer #{token}")
                                    .check(status().is(200), jsonPath("$.state").saveAs("state")))
                                    .pause(POLL))
                    .exec(session -> "CONFIRMED".equals(session.getString("state")) ? session : session.markAsFailed()));

    private final ChainBuilder cancel = exec(http("cancel (releases the hold)")
            .post(Suite.GATEWAY + "/api/catalog/redemptions/#{id}/cancel")
            .header("Authorization", "Bearer #{token}").check(status().is(200)));

    {
        setUp((SAGA_RATE > 0
                ? scenario("redemption saga at a rate").feed(residents()).exec(redeemUntilConfirmed.exec(cancel))
                        .injectOpen(constantUsersPerSec(SAGA_RATE).during(Suite.DURATION))
                : scenario("redemption saga").feed(residents())
                        .exec(repeat(Suite.REDEMPTIONS).on(redeemUntilConfirmed.exec(cancel)))
                        .injectOpen(atOnceUsers(tokens.size()))))
                .protocols(http.acceptHeader("application/json"))
                .assertions(global().failedRequests().percent().lt(1.0),
                        details("request → CONFIRMED").failedRequests().percent().is(0.0));
    }
}
