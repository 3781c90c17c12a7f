package org.communitypoints.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * Every response time of a run, by workload, kept in the simulation itself so that the run can end with its own
 * table (gateway and direct side by side, or one workload's rate steps) instead of leaving the comparison to be read
 * off two HTML pages. The times are Gatling's own (first byte sent to last byte received); a request that got no
 * response at all counts as failed with the time it waited.
 */
final class Timings {

    /** One request: when it was sent (epoch ms), how long it took, whether it was the expected answer. */
    record Sample(long sentAt, long millis, boolean ok) {
    }

    private final Map<String, ConcurrentLinkedQueue<Sample>> samples = new ConcurrentHashMap<>();
    /** Requests sent before this moment (epoch ms) are the warm-up's and are left out of every figure. */
    private volatile long measuredFrom;

    void measureFrom(long epochMillis) {
        this.measuredFrom = epochMillis;
    }

    /** The request, timed and kept under its workload's name; a status other than 200 or a failed check fails it. */
    ChainBuilder timed(String name, HttpRequestActionBuilder request, List<CheckBuilder> served) {
        ConcurrentLinkedQueue<Sample> kept = samples.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>());
        return exec(session -> session.set("sentAt", System.currentTimeMillis()))
                // The saves come before the status check: a failed check stops the checks after it.
                .exec(request.check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"), status().is(200))
                        .check(served))
                .exec(session -> {
                    long sentAt = session.getLong("sentAt");
                    boolean answered = session.contains("rt");
                    long millis = answered ? session.getInt("rt") : System.currentTimeMillis() - sentAt;
                    // One request per virtual user: the session has failed if and only if this request did.
                    boolean ok = answered && !session.isFailed();
                    kept.add(new Sample(sentAt, millis, ok));
                    return session;
                });
    }

    List<Sample> of(String name) {
        ConcurrentLinkedQueue<Sample> kept = samples.get(name);
        return kept == null ? List.of() : kept.stream().filter(sample -> sample.sentAt() >= measuredFrom).toList();
    }

    /** Rate, failures and percentiles of some samples sent over {@code seconds}. */
    record Figures(int requests, int failed, double perSecond, long p50, long p95, long p99, long max) {

        static Figures of(List<Sample> samples, double seconds) {
            long[] millis = samples.stream().mapToLong(Sample::millis).sorted().toArray();
            int failed = (int) samples.stream().filter(s -> !s.ok()).count();
            int okCount = samples.size() - failed;
            return new Figures(samples.size(), failed, seconds > 0 ? okCount / seconds : 0,
                    percentile(millis, 50), percentile(millis, 95), percentile(millis, 99),
                    millis.length == 0 ? 0 : millis[millis.length - 1]);
        }

        boolean meets(long p99Limit, double maxFailedShare) {
            return requests > 0 && p99 <= p99Limit && failed <= maxFailedShare * requests;
        }
    }

    /** Nearest-rank percentile, as Gatling reports it. */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * The side-by-side table: each gateway workload next to its direct twin (same path, same tokens, same seconds),
     * and the ratio of their percentiles; workloads without a twin get a line of their own.
     */
    String sideBySide(Map<String, String> gatewayToDirect, List<String> alone, double seconds) {
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-22s %9s %7s %7s %7s %7s %7s %7s%n", "workload", "req/s",
                "failed", "p50 ms", "p95 ms", "p99 ms", "max ms", "");
        out.append(header);
        Function<String, Figures> figures = name -> Figures.of(of(name), seconds);
        gatewayToDirect.forEach((gateway, direct) -> {
            Figures via = figures.apply(gateway);
            Figures straight = figures.apply(direct);
            out.append(line(gateway, via)).append(line(direct, straight));
            out.append(String.format(Locale.ROOT, "%-22s %9s %7s %7s %7s %7s%n", "  ratio gateway/direct", "",
                    "", ratio(via.p50(), straight.p50()), ratio(via.p95(), straight.p95()),
                    ratio(via.p99(), straight.p99())));
        });
        alone.forEach(name -> out.append(line(name, figures.apply(name))));
        return out.toString();
    }

    private static String line(String name, Figures f) {
        return String.format(Locale.ROOT, "%-22s %9.1f %7d %7d %7d %7d %7d%n", name, f.perSecond(), f.failed(), f.p50(),
                f.p95(), f.p99(), f.max());
    }

    private static String ratio(long a, long b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) a / b);
    }

    /** One workload's rate steps: each step's figures, the printed table and the highest rate within the bound. */
    record Steps(List<Figures> figures, String table, double knee) {

        /**
         * Two runs of the same steps side by side (a read through the gateway against the same read direct): each
         * step's served rate and p50/p99 ratio, and the ratio of the knees, which is what "costs at most 1.3x" means
         * in capacity.
         */
        static String compare(Steps via, Steps straight, double[] rates) {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-10s %11s %11s %10s %10s%n", "asked/s",
                    "served/s gw", "served/s d", "p50 ratio", "p99 ratio"));
            for (int i = 0; i < rates.length; i++) {
                Figures gw = via.figures().get(i);
                Figures direct = straight.figures().get(i);
                out.append(String.format(Locale.ROOT, "%-10.0f %11.1f %11.1f %10s %10s%n", rates[i], gw.perSecond(),
                        direct.perSecond(), ratio(gw.p50(), direct.p50()), ratio(gw.p99(), direct.p99())));
            }
            if (via.knee() <= 0 || straight.knee() <= 0) {
                out.append("Capacity ratio: - (a path met the bound at no step)\n");
            } else {
                boolean directAtTop = straight.knee() >= rates[rates.length - 1] * 0.97;
                out.append(String.format(Locale.ROOT, "Capacity ratio direct/gateway: %s%.2f (%.1f / %.1f req/s)%s%n",
                        directAtTop ? ">= " : "", straight.knee() / via.knee(), straight.knee(), via.knee(),
                        directAtTop ? "; direct met the bound at the top step: raise -Dsteps to find its knee" : ""));
            }
            return out.toString();
        }
    }

    /**
     * One workload's rate steps: the samples cut by the second they were sent in (each step lasting
     * {@code stepSeconds} from {@code start}), with the figures of each step, the highest step meeting the bound.
     */
    Steps steps(String name, long start, double[] rates, double stepSeconds, long p99Limit, double maxFailedShare) {
        Map<Integer, List<Sample>> byStep = new LinkedHashMap<>();
        for (int i = 0; i < rates.length; i++) {
            byStep.put(i, new ArrayList<>());
        }
        for (Sample sample : of(name)) {
            // floorDiv: a warm-up request sent just before the start is step -1, not step 0.
            long step = Math.floorDiv(sample.sentAt() - start, (long) (stepSeconds * 1000));
            if (step >= 0 && step < rates.length) {
                byStep.get((int) step).add(sample);
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-10s %9s %7s %7s %7s %7s %7s  %s%n",
                "asked/s", "served/s", "failed", "p50 ms", "p95 ms", "p99 ms", "max ms", "p99 <= " + p99Limit + " ms"));
        List<Figures> all = new ArrayList<>();
        double best = -1;
        boolean broken = false;
        for (int i = 0; i < rates.length; i++) {
            Figures f = Figures.of(byStep.get(i), stepSeconds);
            all.add(f);
            boolean meets = f.meets(p99Limit, maxFailedShare);
            // The knee is the last step before the first one that misses: a later lucky step does not count.
            if (meets && !broken) {
                best = f.perSecond();
            }
            broken |= !meets;
            out.append(String.format(Locale.ROOT, "%-10.0f %9.1f %7d %7d %7d %7d %7d  %s%n", rates[i], f.perSecond(),
                    f.failed(), f.p50(), f.p95(), f.p99(), f.max(), meets ? "yes" : "no"));
        }
        out.append(best < 0 ? "No step met the bound.\n"
                : String.format(Locale.ROOT, "Highest rate served within the bound: %.1f req/s%n", best));
        return new Steps(List.copyOf(all), out.toString(), best);
    }

    static double[] rates(double from, double step, int count) {
        double[] rates = new double[count];
        Arrays.setAll(rates, i -> from + i * step);
        return rates;
    }
}
