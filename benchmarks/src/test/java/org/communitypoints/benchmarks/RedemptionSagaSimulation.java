package org.communitypoints.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.tryMax;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The redemption saga end to end through the gateway, as the resident lives it: request a canteen meal, then ask
 * until it is CONFIRMED (catalog reserves, points-service holds the points over Kafka, catalog issues the voucher).
 * The group "request → CONFIRMED" is that whole wait. The wait is one read that the catalog answers when the state
 * changes ({@code Prefer: wait=N}, {@code waitSeconds}, 5 by default: the catalog's cap), asked again while still PENDING, as
 * the
 * mini-program does; {@code -DwaitSeconds=0} polls every {@code pollMillis} instead. Every voucher is cancelled after the
 * phase it was redeemed in (the hold released, the meal given back), in a phase of its own that is not measured: the
 * cancellations are a second saga each and would otherwise share the machine with the one measured.
 * <p>
 * Two shapes: by default each resident redeems {@code redemptions} times one after another (a closed loop: the rate
 * is whatever the saga allows); with {@code -DsagaRate=N} new redemptions arrive at N a second for {@code seconds}
 * whatever the saga's speed (an open model: a slow saga shows as a longer "request → CONFIRMED", not as a lower
 * rate), each by the next resident of {@code residents} in turn. Many residents spread the load over the topics'
 * partitions (the key is the resident) as a community's residents do: {@code -Dresidents=bench:300} takes the local
 * stack's benchmark residents. The open model first runs {@code warmup} seconds (20 unless set) at {@code warmupRate},
 * under a group of its own and left out of the figures: a cold JVM's first seconds are not its steady state.
 * <p>
 * The tokens are fetched once, before the load starts. The run ends with its own table: per phase the asked rate, the
 * confirmations a second achieved, failures, and the percentiles of "request → CONFIRMED", with the load average.
 */
public class RedemptionSagaSimulation extends Simulation {

    static final String MEASURED = "request → CONFIRMED";
    static final String WARM_UP = "warm-up: request → CONFIRMED";

    /**
     * How often a waiting redemption is asked for its state ({@code pollMillis}). Each waiting saga asks this often,
     * so at a high rate the polls, not the redemptions, become most of the load: at 25 ms and 50 redemptions a second
     * they were over a thousand reads a second of catalog-service. The app asks every second or so.
     */
    private static final Duration POLL = Duration.ofMillis(Long.parseLong(System.getProperty("pollMillis", "25")));
    /**
     * The wait asked of each read of a PENDING redemption ({@code Prefer: wait=N}, seconds): the catalog answers as soon
     * as the state changes, so a saga costs one read instead of one per {@code pollMillis}. 0: poll.
     */
    private static final long WAIT_SECONDS = Long.parseLong(System.getProperty("waitSeconds", "5"));
    /**
     * Whether the request itself asks to wait for the outcome ({@code Prefer: wait=N} on the {@code POST}, as the
     * mini-program does; {@code waitOnRequest}, true unless {@code waitSeconds} is 0): a saga is then one request,
     * with a read only when the outcome did not come within the wait. false: the request answers PENDING at once and
     * the reads wait, one request more per saga.
     */
    private static final boolean WAIT_ON_REQUEST = WAIT_SECONDS > 0
            && Boolean.parseBoolean(System.getProperty("waitOnRequest", "true"));
    /** The pause after a read that was refused (503) or timed out, before asking again (the app's Retry-After). */
    private static final Duration FAILED_READ_PAUSE = Duration.ofSeconds(1);
    /** Residents cancelling at once in a cancellation phase: the catalog admits 24 redemptions and cancellations. */
    private static final int CANCELLERS = Integer.parseInt(System.getProperty("cancellers", "16"));
    /**
     * Tries of a cancellation the suite refused (a 503 while it sheds load or its breaker is open, a timeout), a
     * second apart: after an overloaded phase, cancellations refused once left thousands of vouchers open and their
     * residents at their daily limit in the next run.
     */
    private static final int CANCEL_TRIES = 30;
    /** The states a resident may still cancel. */
    private static final Set<String> OPEN = Set.of("PENDING", "CONFIRMED");
    /** New redemptions a second for {@code seconds} (the open model); 0 (the default): the closed loop. */
    private static final double SAGA_RATE = Double.parseDouble(System.getProperty("sagaRate", "0"));
    /** Seconds of warm-up before the measured phase of the open model ({@code warmup}, as for the reads); 0: none. */
    private static final long WARM_UP_SECONDS = Suite.WARMUP.toSeconds();
    /** Low, so the warm-up wakes every path up without queueing work into the measured phase. */
    private static final double WARM_UP_RATE = Double.parseDouble(System.getProperty("warmupRate",
            String.valueOf(Math.min(20, SAGA_RATE))));
    /**
     * How long a redemption may stay PENDING before it counts as failed. Without a bound, an open model against a saga
     * that lost a message would poll for ever and the run would never end.
     */
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(Long.parseLong(System.getProperty("confirmTimeout",
            "30")));

    /**
     * Whether the residents' requests share Gatling's connections ({@code shareConnections}, false by default: each
     * saga opens its own connection to the gateway, as a phone without an ingress would). true: pooled keep-alive
     * connections, as an ingress in front of the gateway keeps them and as {@code ReadsSimulation} asks.
     */
    private static final boolean SHARE_CONNECTIONS = Boolean.parseBoolean(System.getProperty("shareConnections", "false"));

    private static final HttpProtocolBuilder JSON = http.acceptHeader("application/json");

    /** One saga: when it was requested (epoch ms), how long until CONFIRMED (or until it failed), and whether it was. */
    private record Saga(long requestedAt, long millis, boolean confirmed) {
    }

    private volatile List<String> tokens = List.of();
    private volatile Suite.Reward meal;
    private volatile String loadBefore;
    private final ConcurrentLinkedQueue<Saga> warmUp = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Saga> measured = new ConcurrentLinkedQueue<>();
    /** The redemptions of the phase under way, cancelled in the phase after it. */
    private final ConcurrentLinkedQueue<Map<String, Object>> toCancel = new ConcurrentLinkedQueue<>();

    @Override
    public void before() {
        long started = System.nanoTime();
        tokens = Suite.tokensFor(Suite.RESIDENTS);
        meal = Suite.meal(tokens.get(0));
        loadBefore = Suite.loadAverage();
        refuseMoreThanTheMealsLeft(meal);
        System.out.printf(Locale.ROOT, "%d residents' tokens in %.1f s; the meal: %s (%s a day, %s left today)%n",
                tokens.size(), (System.nanoTime() - started) / 1e9, meal.title(), meal.dailyQuota(), meal.left());
    }

    /**
     * In the open model a phase's meals stay taken until the cancellations after it, so a phase that asks for more than
     * the meals left today ends in sold-out answers (409) that look like the saga failing: 200/s for 60 s asks for
     * 12,000, and the benchmark meal has the catalog's largest quota, 10,000 a day. Said before the load, not after it.
     */
    private static void refuseMoreThanTheMealsLeft(Suite.Reward meal) {
        long measuredPhase = Math.round(SAGA_RATE * Suite.DURATION.toSeconds());
        if (SAGA_RATE > 0 && meal.left() != null && measuredPhase > meal.left()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "A phase of %.0f redemptions a second for %d s takes %d meals before its cancellations give them back,"
                            + " and %s has %d left today: ask for at most %d seconds at this rate (-Dseconds), or a lower"
                            + " -DsagaRate",
                    SAGA_RATE, Suite.DURATION.toSeconds(), measuredPhase, meal.title(), meal.left(),
                    (long) (meal.left() / SAGA_RATE)));
        }
    }

    /** The residents in turn, with their tokens as {@link #before()} fetched them (the feeder is read only then). */
    private Iterator<Map<String, Object>> residentsInTurn() {
        AtomicLong next = new AtomicLong();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                List<String> all = tokens;
                return Map.of("token", all.get((int) (next.getAndIncrement() % all.size())), "meal", meal.id());
            }
        };
    }

    private ChainBuilder redeemUntilConfirmed(String groupName, ConcurrentLinkedQueue<Saga> kept) {
        return group(groupName).on(
                exec(session -> session.remove("state").remove("id").set("key", UUID.randomUUID().toString())
                        .set("requestedAt", System.currentTimeMillis()))
                        .exec(http("request redemption").post(Suite.GATEWAY + "/api/catalog/redemptions")
                                .header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{key}")
                                .header("Content-Type", "application/json")
                                .header("Prefer", WAIT_ON_REQUEST ? "wait=" + WAIT_SECONDS : "wait=0")
                                // No date: the meal is for today in the communities' time zone, as the catalog counts.
                                .body(StringBody("{\"rewardId\":\"#{meal}\"}"))
                                .check(status().in(200, 201, 202), jsonPath("$.id").saveAs("id"),
                                        jsonPath("$.state").saveAs("state")))
                        .asLongAs(session -> "PENDING".equals(session.getString("state"))
                                && System.currentTimeMillis() - session.getLong("requestedAt") < CONFIRM_TIMEOUT.toMillis())
                        .on(WAIT_SECONDS > 0
                                ? exec(session -> session.remove("readStatus"))
                                        .exec(http("read redemption (Prefer: wait)")
                                                .get(Suite.GATEWAY + "/api/catalog/redemptions/#{id}")
                                                .header("Authorization", "Bearer #{token}")
                                                .header("Prefer", "wait=" + WAIT_SECONDS)
                                                .check(status().saveAs("readStatus"), status().is(200),
                                                        jsonPath("$.state").saveAs("state")))
                                        // A refused or timed-out read answers at once: without a pause the loop would
                                        // ask again and again, as fast as the refusals come, adding to the overload.
                                        .doIf(session -> !session.contains("readStatus") || session.getInt("readStatus") != 200)
                                        .then(pause(FAILED_READ_PAUSE))
                                : exec(http("read redemption").get(Suite.GATEWAY + "/api/catalog/redemptions/#{id}")
                                        .header("Authorization", "Bearer #{token}")
                                        .check(status().is(200), jsonPath("$.state").saveAs("state")))
                                        .pause(POLL))
                        .exec(session -> {
                            boolean confirmed = "CONFIRMED".equals(session.getString("state"));
                            long requestedAt = session.getLong("requestedAt");
                            kept.add(new Saga(requestedAt, System.currentTimeMillis() - requestedAt, confirmed));
                            return confirmed ? session : session.markAsFailed();
                        }));
    }

    /** What the cancellation phase needs of a redemption: the resident's token, its key, its id and state if known. */
    private final ChainBuilder keepForCancelling = exec(session -> {
        Map<String, Object> redemption = new HashMap<>();
        redemption.put("token", session.getString("token"));
        redemption.put("key", session.getString("key"));
        redemption.put("meal", session.getString("meal"));
        if (session.contains("id")) {
            redemption.put("id", session.getString("id"));
        }
        if (session.contains("state")) {
            redemption.put("state", session.getString("state"));
        }
        toCancel.add(redemption);
        return session;
    });

    /**
     * After a phase: {@link #CANCELLERS} residents take the phase's redemptions one after another until none is left.
     * Every redemption still open is cancelled, confirmed or not (one that timed out PENDING would
     * otherwise keep the resident's points held until its voucher lapses, and a few hundred of them leave the residents
     * without points for the next run). A request that got no answer (a gateway timeout) may still have been taken:
     * it is asked again under the same Idempotency-Key, whose replay names the redemption, and then cancelled. A refusal
     * is tried again a second later (a cancellation is idempotent: one that went through answers 200 again).
     */
    private final ChainBuilder cancel = tryMax(CANCEL_TRIES, "cancelTry").on(doIf(session -> session.getInt("cancelTry") > 0)
            .then(pause(FAILED_READ_PAUSE))
            .doIf(session -> !session.contains("id"))
            .then(exec(http("ask again for an unanswered redemption (same Idempotency-Key)")
                    .post(Suite.GATEWAY + "/api/catalog/redemptions").header("Authorization", "Bearer #{token}")
                    .header("Idempotency-Key", "#{key}").header("Content-Type", "application/json")
                    .body(StringBody("{\"rewardId\":\"#{meal}\"}"))
                    .check(jsonPath("$.id").optional().saveAs("id"), jsonPath("$.state").optional().saveAs("state"))))
            .doIf(session -> session.contains("id") && session.contains("state") && OPEN.contains(session.getString("state")))
            .then(exec(http("cancel (releases the hold)").post(Suite.GATEWAY + "/api/catalog/redemptions/#{id}/cancel")
                    .header("Authorization", "Bearer #{token}").check(status().is(200)))));

    private PopulationBuilder cancelling(String phase) {
        return scenario("cancel what the " + phase + " left open").exec(asLongAs(session -> !toCancel.isEmpty()).on(
                exec(session -> {
                    Map<String, Object> next = toCancel.poll();
                    Session cleared = session.remove("id").remove("state");
                    return next == null ? cleared.set("token", "").set("skip", true) : cleared.setAll(next).set("skip", false);
                }).doIf(session -> !session.getBoolean("skip")).then(cancel)))
                .injectOpen(atOnceUsers(CANCELLERS));
    }

    private PopulationBuilder atTheRate() {
        // andThen: a phase starts once every saga of the one before has ended, so none of them is counted in it, and
        // the cancellations run between the phases, never beside a measured saga.
        PopulationBuilder load = scenario("redemption saga at a rate").feed(residentsInTurn())
                .exec(redeemUntilConfirmed(MEASURED, measured)).exec(keepForCancelling)
                .injectOpen(constantUsersPerSec(SAGA_RATE).during(Suite.DURATION)).andThen(cancelling("measured phase"));
        if (WARM_UP_SECONDS <= 0) {
            return load;
        }
        return scenario("warm-up").feed(residentsInTurn()).exec(redeemUntilConfirmed(WARM_UP, warmUp))
                .exec(keepForCancelling)
                .injectOpen(constantUsersPerSec(WARM_UP_RATE).during(Duration.ofSeconds(WARM_UP_SECONDS)))
                .andThen(cancelling("warm-up").andThen(load));
    }

    {
        setUp(SAGA_RATE > 0 ? atTheRate()
                : scenario("redemption saga").feed(residentsInTurn())
                        .exec(repeat(Suite.REDEMPTIONS).on(redeemUntilConfirmed(MEASURED, measured).exec(cancel)))
                        .injectOpen(atOnceUsers(Suite.RESIDENTS.size())))
                .protocols(SHARE_CONNECTIONS ? JSON.shareConnections() : JSON)
                .assertions(global().failedRequests().percent().lt(1.0),
                        details(MEASURED).failedRequests().percent().is(0.0));
    }

    @Override
    public void after() {
        System.out.printf(Locale.ROOT, "%nRedemption saga, %s, %d residents (%s before the load, %s after it)%n",
                SAGA_RATE > 0 ? String.format(Locale.ROOT, "%.0f asked/s for %d s%s", SAGA_RATE, Suite.DURATION.toSeconds(),
                        WARM_UP_SECONDS > 0 ? String.format(Locale.ROOT, " after a %d s warm-up at %.0f/s", WARM_UP_SECONDS,
                                WARM_UP_RATE) : "")
                        : "closed loop, " + Suite.REDEMPTIONS + " redemptions each",
                Suite.RESIDENTS.size(), loadBefore, Suite.loadAverage());
        System.out.print(table(List.of(
                new Phase("warm-up", WARM_UP_RATE, List.copyOf(warmUp)),
                new Phase("measured", SAGA_RATE, List.copyOf(measured)))));
    }

    private record Phase(String name, double asked, List<Saga> sagas) {
    }

    /**
     * Confirmations a second over the span from the phase's first request to its last confirmation (not over the
     * asked seconds: confirmations that come after the injection ended were still paid for in time), and the
     * percentiles of the confirmed sagas' "request → CONFIRMED" (a failed saga counts under failed, not in them).
     */
    private static String table(List<Phase> phases) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-9s %8s %12s %7s %7s %7s %7s %7s %7s%n",
                "phase", "asked/s", "confirmed/s", "sagas", "failed", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        for (Phase phase : phases) {
            if (phase.sagas().isEmpty()) {
                continue;
            }
            long[] confirmed = phase.sagas().stream().filter(Saga::confirmed).mapToLong(Saga::millis).sorted().toArray();
            long first = phase.sagas().stream().mapToLong(Saga::requestedAt).min().orElse(0);
            long last = phase.sagas().stream().filter(Saga::confirmed).mapToLong(s -> s.requestedAt() + s.millis()).max()
                    .orElse(first);
            double seconds = Math.max(1, last - first) / 1000.0;
            out.append(String.format(Locale.ROOT, "%-9s %8s %12.1f %7d %7d %7d %7d %7d %7d%n", phase.name(),
                    phase.asked() > 0 ? String.format(Locale.ROOT, "%.1f", phase.asked()) : "-",
                    confirmed.length / seconds, phase.sagas().size(), phase.sagas().size() - confirmed.length,
                    Timings.percentile(confirmed, 50), Timings.percentile(confirmed, 95),
                    Timings.percentile(confirmed, 99), confirmed.length == 0 ? 0 : confirmed[confirmed.length - 1]));
        }
        return out.toString();
    }
}
