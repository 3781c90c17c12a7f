package org.communitypoints.points.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.export.ReconciliationRun;
import org.communitypoints.contracts.export.ReconciliationRun.Check;
import org.communitypoints.contracts.export.ReconciliationRun.Outcome;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.repository.ReconciliationRunRepository;

/**
 * The reconciler's results for the staff console: each run's summary is stored once (the run id is the idempotency
 * key) and never changed; the latest is read whole by operators and, by staff, narrowed to their community.
 */
@ApplicationScoped
@Transactional
public class ReconciliationRunService {

    /** The most discrepancies one answer lists; the checks still count them all. */
    public static final int SHOWN = 200;
    /**
     * The most a run may send. A run finding more than this has a systemic fault whose first ten thousand instances say
     * enough; its checks still carry the full counts.
     */
    public static final int STORED = 10_000;

    private static final String SCOPE = "reconciliation-run";

    private final ReconciliationRunRepository runs;
    private final IdempotentRequests idempotentRequests;

    public ReconciliationRunService(ReconciliationRunRepository runs, IdempotentRequests idempotentRequests) {
        this.runs = runs;
        this.idempotentRequests = idempotentRequests;
    }

    /** What was stored of a run. */
    public record Received(UUID runId, int discrepancies) {
    }

    /**
     * Stores a run once: the same run sent again (a retry after a lost answer) gets the same answer and stores nothing.
     *
     * @throws ProblemException 400 IDEMPOTENCY_KEY_REQUIRED, IDEMPOTENCY_KEY_NOT_RUN_ID, INVALID_RECONCILIATION_RUN
     */
    public IdempotentRequests.Outcome<Received> record(String callerId, String idempotencyKey, ReconciliationRun run) {
        ReconciliationRun valid = validated(run);
        if (idempotencyKey != null && !idempotencyKey.equals(valid.runId().toString())) {
            throw new ProblemException(400, "IDEMPOTENCY_KEY_NOT_RUN_ID", "Bad Request",
                    "The Idempotency-Key must be the run's id " + valid.runId() + ".",
                    List.of(new Problem.FieldError(IdempotentRequests.HEADER, "must be the runId")))
                    .withArgs(valid.runId().toString());
        }
        return idempotentRequests.onceRequired(SCOPE, callerId, idempotencyKey, valid, Received.class, () -> {
            runs.insert(valid);
            return new Received(valid.runId(), valid.discrepancies().size());
        });
    }

    /**
     * The latest run: all of it for an operator ({@code communityId} null), for staff only their community's
     * discrepancies, with each check's count and outcome narrowed to them. Discrepancies naming no community are
     * shown to operators only.
     *
     * @throws ProblemException 404 NO_RECONCILIATION_YET before the first run arrives
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ReconciliationRun latest(String communityId) {
        ReconciliationRun run = runs.latest().orElseThrow(() -> ProblemException.notFound("NO_RECONCILIATION_YET",
                "No reconciliation result yet: the reconciler has not reported a run."));
        List<Check> checks = run.checks();
        Outcome outcome = run.outcome();
        if (communityId != null) {
            Map<String, Long> counts = runs.countsByCheck(run.runId(), communityId);
            checks = new ArrayList<>();
            for (Check check : run.checks()) {
                long mine = counts.getOrDefault(check.name(), 0L);
                checks.add(new Check(check.name(), check.outcome() == Outcome.FAILED ? Outcome.FAILED
                        : mine > 0 ? Outcome.DISCREPANCIES : Outcome.CLEAN, mine));
            }
            if (outcome != Outcome.FAILED) {
                outcome = counts.isEmpty() ? Outcome.CLEAN : Outcome.DISCREPANCIES;
            }
        }
        return new ReconciliationRun(run.runId(), run.startedAt(), run.finishedAt(), outcome, run.postingsChecked(),
                checks, runs.discrepancies(run.runId(), communityId, SHOWN));
    }

    private static ReconciliationRun validated(ReconciliationRun run) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (run == null) {
            throw invalid(List.of(new Problem.FieldError("body", "required")));
        }
        require(run.runId(), "runId", errors);
        require(run.startedAt(), "startedAt", errors);
        require(run.finishedAt(), "finishedAt", errors);
        require(run.outcome(), "outcome", errors);
        require(run.checks(), "checks", errors);
        List<ReconciliationRun.Finding> found = run.discrepancies() == null ? List.of() : run.discrepancies();
        if (run.postingsChecked() < 0) {
            errors.add(new Problem.FieldError("postingsChecked", "must not be negative"));
        }
        if (run.startedAt() != null && run.finishedAt() != null && run.finishedAt().isBefore(run.startedAt())) {
            errors.add(new Problem.FieldError("finishedAt", "must not be before startedAt"));
        }
        if (found.size() > STORED) {
            errors.add(new Problem.FieldError("discrepancies", "at most " + STORED));
        }
        for (int i = 0; run.checks() != null && i < run.checks().size(); i++) {
            Check check = run.checks().get(i);
            if (check == null || check.name() == null || check.name().isBlank() || check.outcome() == null
                    || check.discrepancies() < 0) {
                errors.add(new Problem.FieldError("checks[" + i + "]", "needs a name, an outcome and a count >= 0"));
            } else if (run.outcome() == Outcome.CLEAN && check.discrepancies() > 0) {
                errors.add(new Problem.FieldError("checks[" + i + "]", "a CLEAN run has no discrepancy"));
            }
        }
        for (int i = 0; i < found.size(); i++) {
            ReconciliationRun.Finding finding = found.get(i);
            if (finding == null || blank(finding.check()) || blank(finding.subject()) || blank(finding.detail())) {
                errors.add(new Problem.FieldError("discrepancies[" + i + "]", "needs a check, a subject and a detail"));
            }
        }
        if (run.outcome() == Outcome.CLEAN && !found.isEmpty()) {
            errors.add(new Problem.FieldError("outcome", "a CLEAN run has no discrepancy"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new ReconciliationRun(run.runId(), run.startedAt(), run.finishedAt(), run.outcome(),
                run.postingsChecked(), run.checks(), found);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static void require(Object value, String field, List<Problem.FieldError> errors) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, "required"));
        }
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(400, "INVALID_RECONCILIATION_RUN", "Bad Request",
                "The reconciliation run is incomplete or contradicts itself: " + errors.get(0).field() + " "
                        + errors.get(0).message() + ".",
                errors).withArgs(errors.get(0).field(), errors.get(0).message());
    }
}
