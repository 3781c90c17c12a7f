package org.communitypoints.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.gatling.javaapi.core.Simulation;

/**
 * The knee of one read: its rate raised in steps ({@code from}, then + {@code step}, {@code steps} times, each held
 * {@code stepSeconds}), ending with each step's figures and the highest rate whose p99 stays within {@code p99}
 * (default 50 ms) with under 1 % failed. Steps after the first one that misses do not count. Never fails the build:
 * finding where it breaks is the point. A warm-up ramp up to the first rate comes first and is left out.
 */
public class ReadCapacitySimulation extends Simulation {

    private final Read read = Read.named(System.getProperty("read", "home"));
    private final double from = Double.parseDouble(System.getProperty("from", "200"));
    private final double step = Double.parseDouble(System.getProperty("step", "100"));
    private final int steps = Integer.parseInt(System.getProperty("steps", "10"));
    private final long stepSeconds = Long.parseLong(System.getProperty("stepSeconds", "15"));
    private final long p99Limit = Long.parseLong(System.getProperty("p99", "50"));

    private final Tokens tokens = new Tokens();
    private final Timings timings = new Timings();

    {
        setUp(scenario(read.name()).feed(tokens.inTurn()).exec(timings.timed(read.name(), read.request(), read.served()))
                .injectOpen(rampUsersPerSec(1).to(from).during(Suite.WARMUP),
                        incrementUsersPerSec(step).times(steps).eachLevelLasting(Duration.ofSeconds(stepSeconds))
                                .startingFrom(from)))
                .protocols(http.acceptHeader("application/json").shareConnections());
    }

    @Override
    public void before() {
        timings.measureFrom(System.currentTimeMillis() + Suite.WARMUP.toMillis());
    }

    @Override
    public void after() {
        List<Timings.Sample> samples = timings.of(read.name());
        long start = samples.stream().mapToLong(Timings.Sample::sentAt).min().orElse(0);
        System.out.printf(Locale.ROOT, "%n%s %s%s, steps of %d s (%s)%n", read.name(), read.base(), read.path(),
                stepSeconds, Suite.loadAverage());
        System.out.print(timings.steps(read.name(), start, Timings.rates(from, step, steps), stepSeconds, p99Limit, 0.01));
    }
}
