package org.communitypoints.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The resident's reads at a steady rate, each on its own: balance and passbook through the gateway and straight
 * from points-service side by side (same tokens, same moment, so the difference is the gateway's cost), and
 * "my home" (the gateway asking three services at once), after a warm-up ramp that the figures leave out. Ends by
 * printing the table of both paths with their ratio.
 */
public class ReadsSimulation extends Simulation {

    private final Tokens tokens = new Tokens();
    private final Timings timings = new Timings();

    private PopulationBuilder steady(Read read) {
        return scenario(read.name()).feed(tokens.inTurn()).exec(timings.timed(read.name(), read.request(), read.served()))
                .injectOpen(rampUsersPerSec(1).to(Suite.READ_RATE).during(Suite.WARMUP),
                        constantUsersPerSec(Suite.READ_RATE).during(Suite.DURATION));
    }

    {
        setUp(Read.ALL.stream().map(this::steady).toList())
                .protocols(http.acceptHeader("application/json").shareConnections())
                .assertions(global().failedRequests().percent().lt(1.0));
    }

    @Override
    public void before() {
        timings.measureFrom(System.currentTimeMillis() + Suite.WARMUP.toMillis());
    }

    @Override
    public void after() {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put(Read.BALANCE_GATEWAY.name(), Read.BALANCE_DIRECT.name());
        pairs.put(Read.PASSBOOK_GATEWAY.name(), Read.PASSBOOK_DIRECT.name());
        System.out.printf(Locale.ROOT, "%nReads, %.0f requests/s of each workload for %d s after %d s of warm-up (%s)%n",
                Suite.READ_RATE, Suite.DURATION.toSeconds(), Suite.WARMUP.toSeconds(), Suite.loadAverage());
        System.out.print(timings.sideBySide(pairs, List.of(Read.HOME.name()), Suite.DURATION.toSeconds()));
    }
}
