package org.communitypoints.reconciler.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged job in its own JVM with a small, fixed heap, against the same 1,000,000-entry synthetic
 * exports: the run completing inside {@code -Xmx128m} (96m works too, slower) is the proof that memory stays bounded (the
 * in-process benchmark shares its heap with Quarkus's test machinery and the export server). Needs
 * {@code ./mvnw -B package -pl reconciler -DskipTests} first; run with
 * {@code ./mvnw -B test -pl reconciler -Dtest=PackagedJarBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbenchmark.xmx=...} for another heap).
 */
class PackagedJarBenchmark {

    @Test
    void packagedJobOverAMillionJournalEntriesWithinASmallHeap() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assumeTrue(Files.exists(jar), "package the module first: ./mvnw -B package -pl reconciler -DskipTests");
        int postings = Integer.getInteger("benchmark.postings", 1_000_000);
        String xmx = System.getProperty("benchmark.xmx", "128m");
        SyntheticExports exports = new SyntheticExports(postings, "benchmark-token-" + System.nanoTime());
        Path work = Files.createTempDirectory(Path.of("target"), "benchmark-jar");
        try {
            ProcessBuilder job = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx, "-jar",
                    jar.toString(), "--full", "--state=" + work.resolve("state.json"), "--out=" + work.resolve("report")))
                    .redirectErrorStream(true).redirectOutput(work.resolve("job.log").toFile());
            job.environment().put("GATEWAY_URL", exports.url());
            job.environment().put("OIDC_AUTH_SERVER_URL", exports.url() + "/realms/community");
            job.environment().put("RECONCILER_CLIENT_SECRET", "benchmark");
            long started = System.nanoTime();
            Process process = job.start();
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the job did not finish in 5 minutes");
            long wallMillis = (System.nanoTime() - started) / 1_000_000;
            String log = Files.readString(work.resolve("job.log"));
            assertEquals(0, process.exitValue(), log);
            JsonNode report = new ObjectMapper().readTree(work.resolve("report/report.json").toFile());
            assertEquals(postings, report.at("/read/postings").asLong());
            long runMillis = report.get("durationMillis").asLong();
            String figures = String
                    .format("BENCHMARK packaged jar, -Xmx%s: postings=%d run=%d ms (process start to exit %d ms), "
                            + "%.0f postings/s", xmx, postings, runMillis, wallMillis, postings * 1000.0 / runMillis);
            System.out.println(figures);
            Files.writeString(Path.of("target", "benchmark-jar-result.txt"), figures + System.lineSeparator());
            assertTrue(runMillis < 60_000, figures);
        } finally {
            exports.stop();
        }
    }
}
