package org.communitypoints.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The knee of a read: its rate raised in steps ({@code from}, then + {@code step}, {@code steps} times, each held
 * {@code stepSeconds}), ending with each step's figures and the highest rate whose p99 stays within {@code p99}
 * (default 50 ms) with under 1 % failed. Steps after the first one that misses do not count. Never fails the build:
 * finding where it breaks is the point. A warm-up ramp up to the first rate comes first and is left out.
 * <p>
 * {@code -Dread=balance} or {@code -Dread=passbook} measures both paths in one run: the read straight from
 * points-service first, then the same read through the gateway (one after the other, so neither takes the other's
 * share of the machine), and prints both tables, each step's ratio and the ratio of the two knees.
 */
public class ReadCapacitySimulation extends Simulation {

    private final List<Read> reads = Read.forCapacity(System.getProperty("read", "home"));
    private final double from = Double.parseDouble(System.getProperty("from", "200"));
    private final double step = Double.parseDouble(System.getProperty("step", "100"));
    private final int steps = Integer.parseInt(System.getProperty("steps", "10"));
    private final long stepSeconds = Long.parseLong(System.getProperty("stepSeconds", "15"));
    private final long p99Limit = Long.parseLong(System.getProperty("p99", "50"));

    private final Tokens tokens = new Tokens();
    private final Timings timings = new Timings();

    {
        PopulationBuilder first = stepsOf(reads.get(0));
        for (Read next : reads.subList(1, reads.size())) {
            first = first.andThen(stepsOf(next));
        }
        setUp(first).protocols(http.acceptHeader("application/json").shareConnections());
    }

    private PopulationBuilder stepsOf(Read read) {
        return scenario(read.name()).feed(tokens.inTurn()).exec(timings.timed(read.name(), read.request(), read.served()))
                .injectOpen(rampUsersPerSec(1).to(from).during(Suite.WARMUP),
                        incrementUsersPerSec(step).times(steps).eachLevelLasting(Duration.ofSeconds(stepSeconds))
                                .startingFrom(from));
    }

    /** The gateway's kept-view counts when the run starts ("my home" only). */
    private long[] homeViewsBefore;

    @Override
    public void before() {
        homeViewsBefore = reads.contains(Read.HOME) ? Suite.homeViewGets() : null;
    }

    @Override
    public void after() {
        double[] rates = Timings.rates(from, step, steps);
        Timings.Steps[] found = new Timings.Steps[reads.size()];
        for (int i = 0; i < reads.size(); i++) {
            Read read = reads.get(i);
            // Each read's own warm-up ramp starts with its first request; its steps start when the ramp ends.
            long start = timings.of(read.name()).stream().mapToLong(Timings.Sample::sentAt).min().orElse(0)
                    + Suite.WARMUP.toMillis();
            System.out.printf(Locale.ROOT, "%n%s %s%s, steps of %d s (%s)%n", read.name(), read.base(), read.path(),
                    stepSeconds, Suite.loadAverage());
            found[i] = timings.steps(read.name(), start, rates, stepSeconds, p99Limit, 0.01);
            System.out.print(found[i].table());
        }
        long[] now = homeViewsBefore == null ? null : Suite.homeViewGets();
        if (now != null) {
            long hits = now[0] - homeViewsBefore[0];
            long misses = now[1] - homeViewsBefore[1];
            System.out.printf(Locale.ROOT, "%n%s: %d answered from kept views, %d asked of the services (%.1f %% kept; warm-up"
                    + " included), %d residents%n", Read.HOME.name(), hits, misses,
                    hits + misses == 0 ? 0.0 : 100.0 * hits / (hits + misses), Suite.RESIDENTS.size());
        }
        if (reads.size() == 2) {
            System.out.printf(Locale.ROOT, "%n%s against %s%n", reads.get(1).name(), reads.get(0).name());
            System.out.print(Timings.Steps.compare(found[1], found[0], rates));
        }
    }
}
