package org.communitypoints.points.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.communitypoints.points.LedgerChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Crediting throughput end to end: {@link PrePublishedShifts} puts N ShiftVerified events for 10,000
 * residents of one community on the broker before the service starts; this measures how fast they are all
 * in the journal. Run it alone (it is skipped unless -Dbenchmark=true), see the README.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@WithTestResource(value = PrePublishedShifts.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CreditThroughputBenchmark {

    @Inject
    LedgerChecks ledger;

    @Test
    void creditsThePrePublishedShifts() throws IOException {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        long startNanos = PrePublishedShifts.publishedAtNanos;
        // links keep no time of their own (V95): the first link is seen by these polls, to within their 200 ms
        AtomicLong firstLinkNanos = new AtomicLong();
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    noteFirstLink(firstLinkNanos);
                    return credited() >= PrePublishedShifts.EVENTS;
                });
        long endNanos = System.nanoTime();
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        // the hash chain's sequencer links behind the credits, in its own transactions: how far behind it ends
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    noteFirstLink(firstLinkNanos);
                    return linked() >= PrePublishedShifts.EVENTS;
                });
        long lastLinkNanos = System.nanoTime();
        double chainLagSeconds = (lastLinkNanos - endNanos) / 1e9;
        double chainSeconds = (lastLinkNanos - firstLinkNanos.get()) / 1e9;

        double journalSeconds = ledger.count("""
                select (extract(epoch from max(posted_at) - min(posted_at)) * 1000)::bigint
                from journal_transaction where community_id = ? and kind = 'SHIFT_CREDIT'""",
                PrePublishedShifts.COMMUNITY) / 1000.0;
        double wallSeconds = (endNanos - startNanos) / 1e9;
        String report = String.format("""
                points-service crediting benchmark
                events: %d ShiftVerified for %d residents of one community, %d partitions
                durable PostgreSQL (fsync on): %s
                first to last credit in the journal: %.2f s -> %.0f credits/s
                service start + all credits (from the end of publishing): %.2f s -> %.0f credits/s
                hash chain: linked in %.2f s (first to last link, %.0f links/s), caught up %.2f s after the last credit was seen
                load average before: %s
                load average after:  %s
                cores: %d
                """, PrePublishedShifts.EVENTS, PrePublishedShifts.RESIDENTS, PrePublishedShifts.PARTITIONS,
                Boolean.getBoolean("test.postgres.durable"), journalSeconds, PrePublishedShifts.EVENTS / journalSeconds,
                wallSeconds, PrePublishedShifts.EVENTS / wallSeconds, chainSeconds, PrePublishedShifts.EVENTS / chainSeconds,
                chainLagSeconds, loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
        System.out.println(report);
        Files.writeString(Path.of("target", "credit-benchmark.txt"), report);

        assertEquals(PrePublishedShifts.EVENTS, credited());
        assertEquals(PrePublishedShifts.RESIDENTS, ledger.count(
                "select count(*) from account where community_id = ? and type = 'RESIDENT'", PrePublishedShifts.COMMUNITY));
        ledger.assertInvariants();
    }

    private void noteFirstLink(AtomicLong firstLinkNanos) {
        if (firstLinkNanos.get() == 0 && linked() > 0) {
            firstLinkNanos.set(System.nanoTime());
        }
    }

    private long linked() {
        return ledger.count("select coalesce(sum(transaction_count), 0) from chain_link where community_id = ?",
                PrePublishedShifts.COMMUNITY);
    }

    private long credited() {
        return ledger.count("select count(*) from journal_transaction where community_id = ? and kind = 'SHIFT_CREDIT'",
                PrePublishedShifts.COMMUNITY);
    }
}
