package org.communitypoints.reconciler.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * A full run over 1,000,000 journal entries (plus 400,000 shifts, 33,333 redemptions, 20,020 balances
 * and the partners' settlements) served over HTTP by an in-process server shaped like the exports.
 * Not part of the normal test run (the class name does not end in Test); run it with
 * {@code ./mvnw -B verify -pl reconciler -Dtest=FullRunBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -DargLine=-Xmx256m}. Set {@code -Dbenchmark.postings=N} for another size.
 */
@QuarkusMainTest
class FullRunBenchmark {

    private static SyntheticExports exports;
    private static int postings;

    @BeforeAll
    static void serve() throws IOException {
        postings = Integer.getInteger("benchmark.postings", 1_000_000);
        String token = "benchmark-token-" + System.nanoTime();
        exports = new SyntheticExports(postings, token);
        System.setProperty("quarkus.rest-client.gateway.url", exports.url());
        System.setProperty("quarkus.oidc-client.auth-server-url", exports.url() + "/realms/community");
        System.setProperty("quarkus.oidc-client.credentials.secret", "benchmark");
        System.setProperty("reconciler.page-size", System.getProperty("benchmark.page-size", "1000"));
        System.setProperty("reconciler.journal-page-size", System.getProperty("benchmark.journal-page-size", "5000"));
    }

    @AfterAll
    static void stop() {
        exports.stop();
    }

    @Test
    void fullRunOverAMillionJournalEntries(QuarkusMainLauncher launcher) throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "benchmark");
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long started = System.nanoTime();

        LaunchResult result = launcher.launch("--full", "--state=" + work.resolve("state.json"),
                "--out=" + work.resolve("report"));

        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        sampler.stopSampling();
        assertEquals(0, result.exitCode(), result::getOutput);
        JsonNode report = new ObjectMapper().readTree(work.resolve("report/report.json").toFile());
        long runMillis = report.get("durationMillis").asLong();
        assertEquals(postings, report.at("/read/postings").asLong());
        assertEquals(exports.shifts(), report.at("/read/shiftItems").asLong());
        assertEquals(exports.redemptions(), report.at("/read/redemptions").asLong());
        String figures = String.format(
                "BENCHMARK postings=%d run=%d ms (launch incl. Quarkus start %d ms), %.0f postings/s, page sizes %s (journal) and %s, "
                        + "heap max %d MB, peak heap used %d MB (sampled, incl. garbage and the in-process export server), "
                        + "state file %d MB",
                postings, runMillis, wallMillis, postings * 1000.0 / runMillis,
                System.getProperty("reconciler.journal-page-size"),
                System.getProperty("reconciler.page-size"),
                Runtime.getRuntime().maxMemory() >> 20, sampler.peak() >> 20, Files.size(work.resolve("state.json")) >> 20);
        System.out.println(figures);
        Files.writeString(Path.of("target", "benchmark-result.txt"), figures + System.lineSeparator());
        assertTrue(runMillis < 60_000, figures);
    }

    /** Samples heap use every 20 ms: the peak a run reaches, garbage included. */
    private static final class HeapSampler extends Thread {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                    }
                }
                peak.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(20); // heap sampling interval of the benchmark, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }

        long peak() {
            return peak.get();
        }
    }
}
