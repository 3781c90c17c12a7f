package org.communitypoints.reconciler.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.export.ReconciliationRun;
import org.communitypoints.contracts.export.ReconciliationRun.Check;
import org.communitypoints.contracts.export.ReconciliationRun.Finding;
import org.communitypoints.contracts.export.ReconciliationRun.Outcome;
import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.engine.Discrepancy;
import org.communitypoints.reconciler.engine.DiscrepancyType;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Sends each run's result to points-service for the staff console ({@code POST /api/points/reconciliation-runs},
 * README "Outputs"). The report files stay the record of the run: a result that cannot be delivered is logged and the
 * exit code is still the verdict's.
 */
@ApplicationScoped
public class RunResults {

    private static final Logger LOG = Logger.getLogger(RunResults.class);

    /** What points-service stores of one run; the checks still count every discrepancy. */
    static final int MOST_SENT = 10_000;
    private static final int MOST_DETAIL = 4_000;

    /** The checks the console shows, each with the discrepancy types it finds, in the order shown. */
    static final Map<String, List<DiscrepancyType>> CHECKS = checks();

    private final GatewayClient gateway;

    public RunResults(@RestClient GatewayClient gateway) {
        this.gateway = gateway;
    }

    /** The result of a run that reached a verdict. */
    public static ReconciliationRun verdict(UUID runId, Instant startedAt, Instant finishedAt, long postingsChecked,
            List<Discrepancy> found) {
        Map<DiscrepancyType, Long> byType = new EnumMap<>(DiscrepancyType.class);
        found.forEach(d -> byType.merge(d.type(), 1L, Long::sum));
        List<Check> checks = new ArrayList<>();
        CHECKS.forEach((name, types) -> {
            long count = types.stream().mapToLong(t -> byType.getOrDefault(t, 0L)).sum();
            checks.add(new Check(name, count == 0 ? Outcome.CLEAN : Outcome.DISCREPANCIES, count));
        });
        List<Finding> findings = found.stream().limit(MOST_SENT).map(RunResults::finding).toList();
        return new ReconciliationRun(runId, startedAt, finishedAt,
                found.isEmpty() ? Outcome.CLEAN : Outcome.DISCREPANCIES, postingsChecked, checks, findings);
    }

    /** The result of a run that could not reach one: every check FAILED, nothing found. */
    public static ReconciliationRun failed(UUID runId, Instant startedAt, Instant finishedAt) {
        List<Check> checks = CHECKS.keySet().stream().map(name -> new Check(name, Outcome.FAILED, 0)).toList();
        return new ReconciliationRun(runId, startedAt, finishedAt, Outcome.FAILED, 0, checks, List.of());
    }

    /** Delivers a result; a failure is logged, never thrown: the report on disk is the run's record. */
    public void send(ReconciliationRun run) {
        try {
            gateway.reportRun(run.runId().toString(), run);
            LOG.infof("Run %s reported to points-service (%s)", run.runId(), run.outcome());
        } catch (RuntimeException e) {
            LOG.warnf("Run %s could not be reported to points-service: %s (the report files are complete)",
                    run.runId(), e.getMessage());
        }
    }

    static String checkOf(DiscrepancyType type) {
        return CHECKS.entrySet().stream().filter(e -> e.getValue().contains(type)).findFirst().orElseThrow().getKey();
    }

    private static Finding finding(Discrepancy d) {
        String community = d.ids().getOrDefault("communityId", "");
        String detail = d.type().name() + ": " + d.type().meaning() + "; expected " + d.expected() + ", actual "
                + d.actual() + (d.fix() == null || d.fix().isBlank() ? "" : "; " + d.fix());
        return new Finding(checkOf(d.type()), community.isBlank() ? null : community, subject(d),
                detail.length() > MOST_DETAIL ? detail.substring(0, MOST_DETAIL - 1) + "…" : detail);
    }

    /** The first id that is not the community, read as a person would: {@code transactionId=8f…} → "transaction 8f…". */
    static String subject(Discrepancy d) {
        for (Map.Entry<String, String> id : d.ids().entrySet()) {
            if (!id.getKey().equals("communityId") && !id.getValue().isBlank()) {
                String noun = id.getKey().replaceAll("Ids?$", "");
                String value = id.getValue();
                return noun + " " + (value.length() > 400 ? value.substring(0, 399) + "…" : value);
            }
        }
        String community = d.ids().getOrDefault("communityId", "");
        return community.isBlank() ? d.type().name() : "community " + community;
    }

    private static Map<String, List<DiscrepancyType>> checks() {
        Map<String, List<DiscrepancyType>> checks = new LinkedHashMap<>();
        checks.put("ledger", List.of(DiscrepancyType.UNBALANCED_TRANSACTION, DiscrepancyType.BALANCE_MISMATCH,
                DiscrepancyType.ACCOUNT_MISSING_FROM_BALANCES, DiscrepancyType.NEGATIVE_BALANCE));
        checks.put("shifts", List.of(DiscrepancyType.MISSING_CREDIT, DiscrepancyType.DUPLICATE_CREDIT,
                DiscrepancyType.CREDIT_AMOUNT_MISMATCH, DiscrepancyType.CREDIT_WITHOUT_SHIFT,
                DiscrepancyType.MISSING_CORRECTION, DiscrepancyType.DUPLICATE_CORRECTION,
                DiscrepancyType.CORRECTION_AMOUNT_MISMATCH, DiscrepancyType.CORRECTION_WITHOUT_SOURCE));
        checks.put("redemptions", List.of(DiscrepancyType.UNCAPTURED_FULFILMENT, DiscrepancyType.DUPLICATE_CAPTURE,
                DiscrepancyType.CAPTURE_AMOUNT_MISMATCH, DiscrepancyType.CAPTURE_WITHOUT_FULFILMENT,
                DiscrepancyType.UNRELEASED_HOLD, DiscrepancyType.STALE_HOLD,
                DiscrepancyType.LEDGER_ENTRY_WITHOUT_REDEMPTION, DiscrepancyType.REGISTRY_CLAIM_NOT_CONFIRMED,
                DiscrepancyType.REQUEST_NOT_CONFIRMED, DiscrepancyType.REQUEST_WITHOUT_REDEMPTION));
        checks.put("settlements", List.of(DiscrepancyType.SETTLEMENT_MISMATCH));
        checks.put("chain", List.of(DiscrepancyType.CHAIN_LINK_MISMATCH, DiscrepancyType.CHAIN_BROKEN));
        checks.put("seals", List.of(DiscrepancyType.SEAL_SIGNATURE_INVALID, DiscrepancyType.SEAL_MISMATCH));
        checks.put("expiry", List.of(DiscrepancyType.EXPIRY_EXCEEDS_UNCONSUMED, DiscrepancyType.EXPIRY_TOOK_HELD_POINTS));
        checks.put("adjustments", List.of(DiscrepancyType.ADJUSTMENT_OVER_LIMIT,
                DiscrepancyType.ADJUSTMENT_WITHOUT_SECOND_PERSON, DiscrepancyType.ADJUSTMENT_FOR_ONESELF,
                DiscrepancyType.ADJUSTED_ALONE_OVER_DAILY_LIMIT));
        return checks;
    }
}
