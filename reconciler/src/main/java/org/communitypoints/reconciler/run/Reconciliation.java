package org.communitypoints.reconciler.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.reconciler.client.CouldNotRunException;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.engine.AdjustmentChecks;
import org.communitypoints.reconciler.engine.CheckEngine;
import org.communitypoints.reconciler.engine.Discrepancy;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.SettlementTotal;
import org.communitypoints.reconciler.report.ReportWriter;
import org.communitypoints.reconciler.report.RunFacts;
import org.communitypoints.reconciler.report.RunResults;
import org.communitypoints.reconciler.source.BalanceSource;
import org.communitypoints.reconciler.source.IntegritySource;
import org.communitypoints.reconciler.source.JournalSource;
import org.communitypoints.reconciler.source.RedemptionSource;
import org.communitypoints.reconciler.source.SettlementSource;
import org.communitypoints.reconciler.source.ShiftSource;
import org.communitypoints.reconciler.source.UnconfirmedRequestSource;
import org.jboss.logging.Logger;

/**
 * One run: resume the running totals (incremental) or start empty (full), read what the exports added
 * since, compare with the point-in-time balances and settlements, write the report, and only then
 * move the cursors on.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    public enum Mode {
        FULL,
        INCREMENTAL
    }

    /** How a run ended: the discrepancies found and where the report is. */
    public record Outcome(List<Discrepancy> discrepancies, Path reportDirectory, RunFacts facts) {
    }

    private final ReconcilerConfig config;
    private final JournalSource journal;
    private final ShiftSource shifts;
    private final RedemptionSource redemptions;
    private final UnconfirmedRequestSource unconfirmedRequests;
    private final BalanceSource balances;
    private final SettlementSource settlements;
    private final IntegritySource integrity;
    private final RunResults results;

    public Reconciliation(ReconcilerConfig config, JournalSource journal, ShiftSource shifts,
            RedemptionSource redemptions, UnconfirmedRequestSource unconfirmedRequests, BalanceSource balances,
            SettlementSource settlements, IntegritySource integrity, RunResults results) {
        this.integrity = integrity;
        this.results = results;
        this.config = config;
        this.journal = journal;
        this.shifts = shifts;
        this.redemptions = redemptions;
        this.unconfirmedRequests = unconfirmedRequests;
        this.balances = balances;
        this.settlements = settlements;
    }

    public Outcome run(Mode mode, Path stateFile, Path reportDirectory) {
        return run(mode, stateFile, reportDirectory, java.util.UUID.randomUUID());
    }

    /** A run whose result is reported to points-service under {@code runId} once the report and state are written. */
    public Outcome run(Mode mode, Path stateFile, Path reportDirectory, java.util.UUID runId) {
        Instant startedAt = Instant.now();
        RunState.Saved resumed = null;
        Mode effective = mode;
        if (mode == Mode.INCREMENTAL) {
            if (Files.exists(stateFile)) {
                resumed = load(stateFile);
            } else {
                LOG.infof("No state file at %s: this incremental run reads everything, like a full run", stateFile);
                effective = Mode.FULL;
            }
        }
        RunState.Cursors start = resumed == null ? RunState.Cursors.START : resumed.cursors();
        AdjustmentChecks.Bounds bounds = AdjustmentChecks.Bounds.of(config.adjustment(), config.zone());
        CheckEngine checks = resumed == null ? new CheckEngine(config.grace(), config.holdTimeout(), bounds)
                : new CheckEngine(config.grace(), config.holdTimeout(), bounds, resumed.engine());
        long postingsBefore = checks.postingsSeen();
        Instant[] lastPostedAt = { start.lastPostedAt() };
        String journalCursor = journal.read(start.journal(), (LedgerPosting p) -> {
            checks.posting(p);
            if (p.postedAt() != null && (lastPostedAt[0] == null || p.postedAt().isAfter(lastPostedAt[0]))) {
                lastPostedAt[0] = p.postedAt();
            }
        });
        long[] shiftItems = { 0 };
        String shiftCursor = shifts.read(start.shifts(), s -> {
            shiftItems[0]++;
            checks.shift(s);
        }, c -> {
            shiftItems[0]++;
            checks.correction(c);
        });
        long[] redemptionItems = { 0 };
        String redemptionCursor = redemptions.read(start.redemptions(), r -> {
            redemptionItems[0]++;
            checks.redemption(r);
        });
        // After the catalog's redemptions: a refusal whose redemption the catalog lists is that redemption's finding,
        // one it does not list is a request written past catalog-service (the engine decides at finish).
        long[] unconfirmedItems = { 0 };
        String unconfirmedCursor = unconfirmedRequests.read(start.unconfirmedRequests(), u -> {
            unconfirmedItems[0]++;
            checks.unconfirmedRequest(u);
        });
        long[] balanceItems = { 0 };
        Instant asOf = lastPostedAt[0] == null ? startedAt : lastPostedAt[0];
        for (String community : checks.communities()) {
            balances.read(asOf, community, b -> {
                balanceItems[0]++;
                checks.balance(b);
            });
        }
        LocalDate today = LocalDate.now(config.zone());
        long settled = 0;
        Map<CheckEngine.Partner, SettlementTotal> fromRedemptions = null;
        for (CheckEngine.Partner partner : checks.partners()) {
            Optional<SettlementTotal> settlement = settlements.read(partner.communityId(), partner.partnerId(),
                    config.settlementFrom(), today);
            if (settlement.isEmpty() && fromRedemptions == null) {
                LOG.warn("The settlement endpoint refuses the reconciler service account: partners' settlements are "
                        + "taken from the captured vouchers in the redemption export instead");
                fromRedemptions = checks.settlementsFromRedemptions();
            }
            checks.settlement(settlement.orElse(fromRedemptions == null ? null : fromRedemptions.get(partner)));
            settled++;
        }
        List<Discrepancy> found = new java.util.ArrayList<>(checks.finish(startedAt));
        found.addAll(integrity.check(config.zone()).finish());
        RunState.Cursors end = new RunState.Cursors(journalCursor, shiftCursor, redemptionCursor, unconfirmedCursor,
                lastPostedAt[0]);
        RunFacts facts = new RunFacts(effective.name().toLowerCase(), startedAt,
                java.time.Duration.between(startedAt, Instant.now()).toMillis(), checks.postingsSeen() - postingsBefore,
                checks.postingsSeen(), shiftItems[0], redemptionItems[0], unconfirmedItems[0], balanceItems[0], settled,
                fromRedemptions == null ? "settlement endpoint" : "redemption export", end);
        try {
            ReportWriter.write(reportDirectory, facts, found);
            RunState.save(stateFile, end, checks.state());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        results.send(RunResults.verdict(runId, startedAt, Instant.now(), facts.postings(), found));
        LOG.infof("%s run read %d postings in %d ms: %d discrepancies; report in %s", facts.mode(), facts.postings(),
                facts.durationMillis(), found.size(), reportDirectory.toAbsolutePath());
        return new Outcome(found, reportDirectory, facts);
    }

    private static RunState.Saved load(Path stateFile) {
        try {
            return RunState.load(stateFile);
        } catch (IOException | RuntimeException e) {
            throw new CouldNotRunException("could not read the state file " + stateFile + " (" + e.getMessage()
                    + "); run with --full to start again from the beginning", e);
        }
    }
}
