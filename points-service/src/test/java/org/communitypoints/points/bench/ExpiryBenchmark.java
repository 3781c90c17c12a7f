package org.communitypoints.points.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.points.ExpiryRules;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.ExpiryRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.service.ExpiryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What expiry by lot costs: one community of {@code -Dbenchmark.expiry.residents} (default 2,000) residents, each with a
 * credit in every one of the last 30 months and one debit, then the staff list's query over the whole community and a
 * day's run that expires the six oldest months of everybody. Skipped unless {@code -Dbenchmark=true}:
 *
 * <pre>
 * ./mvnw -B verify -pl points-service -Dbenchmark=true -Dtest=ExpiryBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ExpiryBenchmark {

    private static final int RESIDENTS = Integer.getInteger("benchmark.expiry.residents", 2_000);
    private static final int MONTHS = 30;

    @Inject
    JournalRepository journal;
    @Inject
    AccountRepository accounts;
    @Inject
    ExpiryRepository expiry;
    @Inject
    ExpiryService service;
    @Inject
    PointsConfig config;

    @Test
    void measureTheListAndADaysRun() throws IOException {
        String community = "expiry-bench-" + UUID.randomUUID();
        LocalDate today = LocalDate.now(config.zone());
        List<String> members = new ArrayList<>();
        for (int i = 0; i < RESIDENTS; i++) {
            members.add("resident-" + i + "-" + UUID.randomUUID());
        }
        AccountKey issuance = AccountKey.issuance(community);
        for (int m = MONTHS; m >= 1; m--) {
            Instant at = today.minusMonths(m).atTime(10, 0).atZone(config.zone()).toInstant();
            QuarkusTransaction.requiringNew().run(() -> book(community, members, issuance, TransactionKind.SHIFT_CREDIT,
                    10, at));
        }
        QuarkusTransaction.requiringNew().run(() -> book(community, members, issuance, TransactionKind.ADJUSTMENT,
                -15, Instant.now()));
        ExpiryRules.inForce(expiry, community, true, 24, 30, today.minusDays(1));
        long postings = (long) RESIDENTS * (MONTHS + 1) * 2;
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        long t0 = System.nanoTime();
        int listed = service.expiringIn(community, java.time.YearMonth.from(today).plusMonths(1)).size();
        double listSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        ExpiryService.RunResult run = service.expire(community, today);
        double runSeconds = (System.nanoTime() - t0) / 1e9;
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        assertEquals(RESIDENTS, listed);
        assertEquals(RESIDENTS, run.residents());
        String report = String.format(
                "expiry benchmark: %,d residents, %,d postings in the community%n"
                        + "staff list of next month (two window-function queries over the community): %.2f s%n"
                        + "a day's run expiring %,d residents (%,d points), one transaction each: %.2f s (%.0f residents/s)%n"
                        + "load average %.1f before, %.1f after%n",
                RESIDENTS, postings, listSeconds, run.residents(), run.points(), runSeconds,
                run.residents() / runSeconds, load, loadAfter);
        System.out.print(report);
        Files.writeString(Path.of("target", "expiry-benchmark.txt"), report);
    }

    private void book(String community, List<String> members, AccountKey issuance, TransactionKind kind, long points,
            Instant at) {
        List<JournalTransaction> transactions = new ArrayList<>();
        List<AccountKey> keys = new ArrayList<>();
        keys.add(issuance);
        for (String member : members) {
            AccountKey resident = AccountKey.resident(community, member);
            keys.add(resident);
            UUID id = UUID.randomUUID();
            transactions.add(new JournalTransaction(id, community, kind, kind.name(), id.toString(), "志愿服务：基准",
                    "bench", null, List.of(Posting.posted(resident, points), Posting.posted(issuance, -points))));
        }
        journal.append(transactions, accounts.openAndLock(keys), at);
    }
}
