package org.communitypoints.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resident memory of the stack's processes, read from /proc (Linux). PostgreSQL's processes are
 * summed, so its shared buffers count more than once: the figure errs on the high side.
 */
public final class MemoryReport {

    private final Map<String, Long> kibByPart = new LinkedHashMap<>();

    public void add(String part, long pid) {
        kibByPart.merge(part, rssKib(pid), Long::sum);
    }

    /** The postmaster (from postmaster.pid in the data directory) and all its backends. */
    public void addPostgres(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            long postmaster = Long.parseLong(lines.get(0).trim());
            kibByPart.merge("PostgreSQL", rssKib(postmaster), Long::sum);
            ProcessHandle.of(postmaster).ifPresent(handle -> handle.descendants()
                    .forEach(child -> kibByPart.merge("PostgreSQL", rssKib(child.pid()), Long::sum)));
        } catch (IOException | RuntimeException e) {
            // an external server, or not on Linux: nothing to add
        }
    }

    public long totalKib() {
        return kibByPart.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean isAvailable() {
        return totalKib() > 0;
    }

    /** "1.42 GiB (launcher: Kafka + OIDC 402 MiB, PostgreSQL 61 MiB, ...)" */
    public String summary() {
        StringBuilder parts = new StringBuilder();
        kibByPart.forEach((part, kib) -> {
            if (parts.length() > 0) {
                parts.append(", ");
            }
            parts.append(part).append(' ').append(kib / 1024).append(" MiB");
        });
        return String.format("%.2f GiB (%s)", totalKib() / 1024.0 / 1024.0, parts);
    }

    static long rssKib(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> line.replaceAll("[^0-9]", ""))
                    .mapToLong(Long::parseLong)
                    .findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0L;
        }
    }
}
