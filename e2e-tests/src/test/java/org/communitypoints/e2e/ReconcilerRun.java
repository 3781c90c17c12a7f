package org.communitypoints.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.communitypoints.localstack.DemoUsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One run of the packaged reconciliation job (reconciler/target/quarkus-app/quarkus-run.jar) against the
 * gateway, as the {@code reconciler} service account: a full run, its report in a directory of its own.
 *
 * @param exitCode 0 the books balance, 1 discrepancies, 2 could not run
 */
public record ReconcilerRun(int exitCode, String summary, String log, Path reportDir) {

    private static final AtomicInteger RUNS = new AtomicInteger();

    /**
     * Runs the job to its end. Grace is zero: every fact the tests produced has already been awaited through
     * the API, so a credit or capture still missing is a discrepancy, not something in flight.
     */
    public static ReconcilerRun full(Suite suite) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(suite.workDir().resolve("reconciler-" + RUNS.incrementAndGet()));
        Path log = dir.resolve("reconciler.log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dreconciler.grace=PT0S",
                "-jar", suite.application("reconciler").toString(), "--full"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("GATEWAY_URL", suite.gatewayUrl());
        builder.environment().put("OIDC_AUTH_SERVER_URL", suite.issuerUrl());
        builder.environment().put("RECONCILER_CLIENT_ID", DemoUsers.RECONCILER_CLIENT);
        builder.environment().put("RECONCILER_CLIENT_SECRET", DemoUsers.RECONCILER_SECRET);
        builder.environment().put("RECONCILER_STATE_FILE", dir.resolve("state.bin").toString());
        builder.environment().put("RECONCILER_OUTPUT_DIR", dir.resolve("report").toString());
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The reconciler did not finish within 180 s; see " + log);
        }
        System.out.printf("reconciler run %s: exit code %d after %.1f s%n", dir.getFileName(), process.exitValue(),
                (System.nanoTime() - started) / 1e9);
        Path summary = dir.resolve("report/summary.txt");
        return new ReconcilerRun(process.exitValue(),
                Files.exists(summary) ? Files.readString(summary, StandardCharsets.UTF_8) : "(no summary.txt)",
                Files.readString(log, StandardCharsets.UTF_8), dir.resolve("report"));
    }

    /** The findings of report.json: each with its {@code type} and {@code ids}. */
    public List<JsonNode> discrepancies() throws IOException {
        List<JsonNode> found = new ArrayList<>();
        new ObjectMapper().readTree(reportDir.resolve("report.json").toFile()).path("discrepancies").forEach(found::add);
        return found;
    }

    /**
     * Whether the books balance but for the insiders' attempts the tests planted on purpose (each reported as it must
     * be, see {@link Suite#plantFinding}): exit code 0, or 1 with nothing else found.
     */
    public boolean balancesButFor(Map<String, Set<String>> planted) throws IOException {
        if (exitCode == 0) {
            return true;
        }
        return exitCode == 1 && discrepancies().stream().allMatch(d -> planted
                .getOrDefault(d.path("type").asText(), Set.of()).contains(d.path("ids").path("redemptionId").asText()));
    }

    /** What to print when a run was not clean. */
    public String explain() {
        return "reconciler exit code " + exitCode + "\n--- summary.txt\n" + summary + "\n--- its log\n" + log;
    }
}
