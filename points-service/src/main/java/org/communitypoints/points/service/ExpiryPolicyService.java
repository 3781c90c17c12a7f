package org.communitypoints.points.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.domain.AuditAction;
import org.communitypoints.points.domain.AuditEntry;
import org.communitypoints.points.domain.ExpiryPolicy;
import org.communitypoints.points.domain.ExpiryPolicyChange;
import org.communitypoints.points.domain.TransferKind;
import org.communitypoints.points.repository.AuditRepository;
import org.communitypoints.points.repository.ExpiryRepository;

/**
 * A community's expiry rule, changed the way the ledger's other controls are: one staff member asks, a second one of
 * the same community approves or rejects, and every step is in the control audit (kind EXPIRY_POLICY). An approved
 * change takes effect for run days from the approval day plus its warning days: residents hear of it before anything
 * lapses, and no day already past is ever expired again.
 */
@ApplicationScoped
public class ExpiryPolicyService {

    public static final int MAX_PAGE = 50;

    private final ExpiryRepository expiry;
    private final AuditRepository audit;
    private final PointsConfig config;

    public ExpiryPolicyService(ExpiryRepository expiry, AuditRepository audit, PointsConfig config) {
        this.expiry = expiry;
        this.audit = audit;
        this.config = config;
    }

    public record ChangeRequest(boolean enabled, int expiresAfterMonths, int warnDaysAhead, String reason) {
    }

    /** The rule in force (empty: expiry is off) and the latest changes, newest first. */
    public record PolicyView(String communityId, Optional<ExpiryPolicy> policy, List<ExpiryPolicyChange> changes) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PolicyView view(String communityId) {
        return new PolicyView(communityId, expiry.policy(communityId), expiry.changes(communityId, MAX_PAGE));
    }

    /** Records a change, pending until a second staff member of the community decides it. */
    @Transactional
    public ExpiryPolicyChange request(String staffId, String communityId, ChangeRequest request) {
        ExpiryPolicyChange change = new ExpiryPolicyChange(UUID.randomUUID(), communityId, request.enabled(),
                request.expiresAfterMonths(), request.warnDaysAhead(), request.reason(),
                ExpiryPolicyChange.Status.PENDING, staffId, Instant.now(), null, null, null);
        expiry.insertChange(change);
        record(change, AuditAction.REQUESTED, staffId, request.reason());
        return change;
    }

    /**
     * @throws ProblemException 404 EXPIRY_POLICY_CHANGE_NOT_FOUND outside the checker's community, 403
     *         SECOND_PERSON_REQUIRED for the maker, 409 ALREADY_DECIDED
     */
    @Transactional
    public ExpiryPolicyChange approve(String checkerId, String communityId, UUID id) {
        ExpiryPolicyChange change = pending(checkerId, communityId, id);
        Instant now = Instant.now();
        LocalDate from = LocalDate.now(config.zone()).plusDays(change.warnDaysAhead());
        // the change is APPLIED first: the database takes a rule only from an applied change (V109)
        expiry.decideChange(id, ExpiryPolicyChange.Status.APPLIED, checkerId, null, now);
        expiry.putPolicy(new ExpiryPolicy(communityId, change.enabled(), change.expiresAfterMonths(),
                change.warnDaysAhead(), from, change.id(), change.requestedBy(), checkerId, now));
        ExpiryPolicyChange applied = expiry.findChange(id).orElseThrow();
        record(applied, AuditAction.APPROVED, checkerId, null);
        return applied;
    }

    @Transactional
    public ExpiryPolicyChange reject(String checkerId, String communityId, UUID id, String reason) {
        pending(checkerId, communityId, id);
        expiry.decideChange(id, ExpiryPolicyChange.Status.REJECTED, checkerId, reason, Instant.now());
        ExpiryPolicyChange rejected = expiry.findChange(id).orElseThrow();
        record(rejected, AuditAction.REJECTED, checkerId, reason);
        return rejected;
    }

    private ExpiryPolicyChange pending(String checkerId, String communityId, UUID id) {
        ExpiryPolicyChange change = expiry.lockChange(id).filter(c -> c.communityId().equals(communityId))
                .orElseThrow(() -> ProblemException.notFound("EXPIRY_POLICY_CHANGE_NOT_FOUND",
                        "Your community has no expiry rule change with this id."));
        if (change.requestedBy().equals(checkerId)) {
            throw ProblemException.forbidden("SECOND_PERSON_REQUIRED",
                    "You asked for this yourself: a second staff member of your community must approve or reject it.");
        }
        if (change.status() != ExpiryPolicyChange.Status.PENDING) {
            throw ProblemException.conflict("ALREADY_DECIDED", "This was already decided: it is " + change.status()
                    + (change.decidedBy() == null ? "." : " by " + change.decidedBy() + "."))
                    .withArgs(change.status().name());
        }
        return change;
    }

    /** The months of the rule as the audit's points column: what the rule is, next to who decided it. */
    private void record(ExpiryPolicyChange change, AuditAction action, String actor, String reason) {
        audit.append(new AuditEntry(0, change.communityId(), TransferKind.EXPIRY_POLICY, change.id(), action, actor,
                null, change.enabled() ? (long) change.expiresAfterMonths() : 0L, null, reason, null));
    }
}
