package org.communitypoints.points.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.seal.TransactionProof;
import org.communitypoints.points.LedgerChecks;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.service.ProofService;
import org.communitypoints.points.service.SealService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How long sealing a month takes: books {@code -Dbenchmark.seal.transactions} (default 50,000; 500,000 for a month of
 * 1,000,000 postings) two-leg credits into one community's past month, waits for the chain, then seals the month and
 * builds one resident's proof. Skipped unless {@code -Dbenchmark=true}:
 *
 * <pre>
 * ./mvnw -B verify -pl points-service -Dbenchmark=true -Dtest=SealBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbenchmark.seal.transactions=500000]
 * </pre>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SealBenchmark {

    private static final int TRANSACTIONS = Integer.getInteger("benchmark.seal.transactions", 50_000);
    private static final int RESIDENTS = 2_000;
    private static final int PER_COMMIT = 5_000;
    private static final String COMMUNITY = "seal-bench";
    private static final YearMonth MONTH = YearMonth.of(2024, 1);

    @Inject
    LedgerChecks ledger;
    @Inject
    JournalRepository journal;
    @Inject
    AccountRepository accounts;
    @Inject
    SealService seals;
    @Inject
    ProofService proofs;
    @Inject
    ObjectMapper json;

    @Test
    void sealsAMonth() throws IOException {
        Instant day = MONTH.atDay(10).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();
        UUID someCredit = null;
        List<AccountKey> all = new ArrayList<>();
        for (int r = 0; r < RESIDENTS; r++) {
            all.add(AccountKey.resident(COMMUNITY, "resident-" + r));
        }
        all.add(AccountKey.issuance(COMMUNITY));
        for (int booked = 0; booked < TRANSACTIONS; booked += PER_COMMIT) {
            List<JournalTransaction> batch = new ArrayList<>();
            for (int i = booked; i < Math.min(TRANSACTIONS, booked + PER_COMMIT); i++) {
                AccountKey resident = AccountKey.resident(COMMUNITY, "resident-" + (i % RESIDENTS));
                UUID id = UUID.randomUUID();
                batch.add(new JournalTransaction(id, COMMUNITY, TransactionKind.SHIFT_CREDIT, "SHIFT", id.toString(),
                        "社区巡逻", "system", null, List.of(Posting.posted(resident, 5),
                                Posting.posted(AccountKey.issuance(COMMUNITY), -5))));
            }
            if (booked == 0) {
                someCredit = batch.get(0).id();
            }
            QuarkusTransaction.requiringNew().run(() -> journal.append(batch, accounts.openAndLock(all), day));
        }
        long bookedAt = System.nanoTime();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500)).until(
                () -> ledger.count("select coalesce(sum(transaction_count), 0) from chain_link where community_id = ?",
                        COMMUNITY) >= TRANSACTIONS);
        double linkSeconds = (System.nanoTime() - bookedAt) / 1e9;

        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        long start = System.nanoTime();
        SealService.Sealed sealed = await().atMost(Duration.ofMinutes(30)).until(
                () -> seals.seal(COMMUNITY, MONTH, Instant.now()), java.util.Optional::isPresent).get();
        double sealSeconds = (System.nanoTime() - start) / 1e9;
        long proofStart = System.nanoTime();
        TransactionProof proof = proofs.proof(COMMUNITY, "resident-0", someCredit);
        double proofSeconds = (System.nanoTime() - proofStart) / 1e9;
        int proofBytes = json.writeValueAsBytes(proof).length;
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();

        String report = String.format("""
                points-service seal benchmark
                month: %d transactions, %d postings, one community
                chain: all linked %.1f s after the last booking committed
                seal (catch-up, re-check of every link against the journal, Merkle root, totals, Ed25519): %.2f s
                proof of one transaction (reads and re-checks the month): %.2f s, %d bytes of JSON, audit path of %d hashes
                load average before: %s
                load average after:  %s
                """, TRANSACTIONS, 2L * TRANSACTIONS, linkSeconds, sealSeconds, proofSeconds, proofBytes,
                proof.auditPath().size(), loadBefore, loadAfter);
        System.out.println(report);
        Files.writeString(Path.of("target", "seal-benchmark.txt"), report);
        assertEquals(TRANSACTIONS, sealed.transactions());
    }
}
