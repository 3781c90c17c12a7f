package org.communitypoints.points.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.platform.data.ProcessedEvents;
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.Hold;
import org.communitypoints.points.domain.HoldStatus;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.messaging.HoldEvents;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.HoldRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.jboss.logging.Logger;

/**
 * Two-phase holds for redemptions (TigerBeetle's pending → post / void): placing a hold books pending
 * postings from the resident to the partner, which count as held; capture reverses them and books the
 * real movement (the resident's points plus the subsidy pool's discount to the partner); release and
 * expiry reverse them. Each step is answered once ({@link HoldEvents}): the answer given is recorded with the
 * hold, so a repeated request never produces a second, different answer.
 */
@ApplicationScoped
public class HoldService {

    public static final String CAUSE = "REDEMPTION";
    public static final String EXPIRED = "EXPIRED";
    public static final String HOLD_NOT_ACTIVE = "HOLD_NOT_ACTIVE";
    public static final String INSUFFICIENT_POINTS = "INSUFFICIENT_POINTS";
    private static final Logger LOG = Logger.getLogger(HoldService.class);

    private final ProcessedEvents processedEvents;
    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final HoldRepository holds;
    private final HoldEvents events;

    public HoldService(ProcessedEvents processedEvents, AccountRepository accounts, JournalRepository journal,
            HoldRepository holds, HoldEvents events) {
        this.processedEvents = processedEvents;
        this.accounts = accounts;
        this.journal = journal;
        this.holds = holds;
        this.events = events;
    }

    /** Applies one redemption request exactly once. */
    @Transactional
    public void handle(EventEnvelope envelope, ContractEvent request) {
        if (!processedEvents.firstDelivery(envelope)) {
            return;
        }
        String communityId = envelope.communityId();
        if (request instanceof HoldRequested hold) {
            place(communityId, hold);
        } else if (request instanceof HoldCaptureRequested capture) {
            capture(communityId, capture);
        } else if (request instanceof HoldReleaseRequested release) {
            release(release);
        }
    }

    private void place(String communityId, HoldRequested request) {
        AccountKey resident = AccountKey.resident(communityId, request.memberId());
        AccountKey partner = AccountKey.redemption(communityId, request.partnerId());
        Map<AccountKey, Account> opened = accounts.openAndLock(List.of(resident, partner));
        long available = opened.get(resident).available();
        boolean enough = available >= request.points();
        Instant now = Instant.now();
        boolean first = holds.insert(new Hold(request.redemptionId(), communityId, request.memberId(),
                request.partnerId(), request.rewardTitle(), request.points(), request.subsidyPoints(),
                request.expiresAt(), enough ? HoldStatus.PLACED : HoldStatus.REJECTED,
                enough ? null : INSUFFICIENT_POINTS, enough ? null : now));
        if (!first) {
            LOG.debugf("Redemption %s was already answered", request.redemptionId());
            return;
        }
        if (!enough) {
            answerOnce(request.redemptionId(), EventType.POINTS_HOLD_REJECTED,
                    () -> events.holdRejected(communityId, request, INSUFFICIENT_POINTS,
                            "积分不足：需要 " + request.points() + " 积分，可用 " + available + " 积分。", available));
            return;
        }
        journal.append(List.of(new JournalTransaction(holdStep(request.redemptionId(), TransactionKind.HOLD),
                communityId, TransactionKind.HOLD, CAUSE, request.redemptionId().toString(),
                "冻结积分：" + request.rewardTitle(), request.memberId(), null,
                List.of(Posting.pending(resident, -request.points()), Posting.pending(partner, request.points())))),
                opened, now);
        answerOnce(request.redemptionId(), EventType.POINTS_HELD,
                () -> events.held(communityId, request, available - request.points()));
    }

    private void capture(String communityId, HoldCaptureRequested request) {
        Hold hold = holds.lock(request.redemptionId()).orElse(null);
        if (hold == null) {
            answerOnce(request.redemptionId(), EventType.POINTS_CAPTURE_REJECTED,
                    () -> events.captureRejected(communityId, request.redemptionId(), request.memberId(),
                            HOLD_NOT_ACTIVE, "No points were held for this redemption."));
            return;
        }
        if (hold.status() == HoldStatus.CAPTURED) {
            return;
        }
        Instant now = Instant.now();
        if (hold.status() == HoldStatus.PLACED && !hold.expiresAt().isAfter(now)) {
            end(hold, HoldStatus.EXPIRED, EXPIRED, now);
            hold = holds.find(hold.redemptionId()).orElseThrow();
        }
        if (hold.status() != HoldStatus.PLACED) {
            Hold inactive = hold;
            answerOnce(hold.redemptionId(), EventType.POINTS_CAPTURE_REJECTED,
                    () -> events.captureRejected(inactive.communityId(), inactive.redemptionId(), inactive.memberId(),
                            HOLD_NOT_ACTIVE, inactive.status() == HoldStatus.REJECTED
                                    ? "The hold was refused (" + inactive.reason() + "), so there is nothing to capture."
                                    : "The hold was released on " + inactive.closedAt() + " (" + inactive.reason()
                                            + ")."));
            return;
        }
        AccountKey resident = AccountKey.resident(hold.communityId(), hold.memberId());
        AccountKey partner = AccountKey.redemption(hold.communityId(), hold.partnerId());
        AccountKey pool = AccountKey.subsidyPool(hold.communityId());
        List<AccountKey> keys = hold.subsidyPoints() > 0 ? List.of(resident, partner, pool) : List.of(resident, partner);
        List<Posting> postings = new ArrayList<>(List.of(
                Posting.pending(resident, hold.points()), Posting.pending(partner, -hold.points()),
                Posting.posted(resident, -hold.points()),
                Posting.posted(partner, hold.points() + hold.subsidyPoints())));
        if (hold.subsidyPoints() > 0) {
            postings.add(Posting.posted(pool, -hold.subsidyPoints()));
        }
        Map<AccountKey, Account> opened = accounts.openAndLock(keys);
        journal.append(List.of(new JournalTransaction(holdStep(hold.redemptionId(), TransactionKind.CAPTURE),
                hold.communityId(), TransactionKind.CAPTURE, CAUSE, hold.redemptionId().toString(),
                "积分兑换：" + hold.rewardTitle() + (hold.subsidyPoints() > 0
                        ? "（社区补贴 " + hold.subsidyPoints() + " 积分）"
                        : ""),
                request.fulfilledBy() == null ? hold.partnerId() : request.fulfilledBy(), null, postings)),
                opened, now);
        holds.close(hold.redemptionId(), HoldStatus.CAPTURED, null, now);
        Hold captured = hold;
        answerOnce(hold.redemptionId(), EventType.POINTS_CAPTURED, () -> events.captured(captured));
    }

    private void release(HoldReleaseRequested request) {
        Hold hold = holds.lock(request.redemptionId()).orElse(null);
        if (hold == null || hold.status() != HoldStatus.PLACED) {
            LOG.debugf("Release of redemption %s ignored: its hold is %s", request.redemptionId(),
                    hold == null ? "unknown" : hold.status());
            return;
        }
        end(hold, HoldStatus.RELEASED, request.reason() == null ? "RELEASED" : request.reason(), Instant.now());
    }

    /** Releases holds past their expiry. @return how many */
    @Transactional
    public int expire(Instant now, int limit) {
        List<Hold> expired = holds.lockExpired(now, limit);
        for (Hold hold : expired) {
            end(hold, HoldStatus.EXPIRED, EXPIRED, now);
        }
        return expired.size();
    }

    /** Voids the hold's pending postings and tells catalog-service the points are free again. */
    private void end(Hold hold, HoldStatus status, String reason, Instant now) {
        AccountKey resident = AccountKey.resident(hold.communityId(), hold.memberId());
        AccountKey partner = AccountKey.redemption(hold.communityId(), hold.partnerId());
        Map<AccountKey, Account> opened = accounts.openAndLock(List.of(resident, partner));
        Set<UUID> booked = journal.append(List.of(new JournalTransaction(
                holdStep(hold.redemptionId(), TransactionKind.RELEASE), hold.communityId(), TransactionKind.RELEASE,
                CAUSE, hold.redemptionId().toString(), "解冻积分：" + hold.rewardTitle(),
                status == HoldStatus.EXPIRED ? "system" : hold.memberId(), reason,
                List.of(Posting.pending(resident, hold.points()), Posting.pending(partner, -hold.points())))),
                opened, now);
        if (booked.isEmpty()) {
            throw new IllegalStateException("hold " + hold.redemptionId() + " was released twice");
        }
        holds.close(hold.redemptionId(), status, reason, now);
        answerOnce(hold.redemptionId(), EventType.POINTS_RELEASED, () -> events.released(hold, reason));
    }

    /** The id of one step (hold, capture, release) of a redemption's hold: each step is booked at most once. */
    static UUID holdStep(UUID redemptionId, TransactionKind step) {
        return DerivedIds.of("hold", redemptionId.toString(), step.name());
    }

    /** Gives the answer unless it was given before: the hold keeps a record of every answer sent. */
    private void answerOnce(UUID redemptionId, EventType answer, Runnable publish) {
        if (holds.recordAnswer(HoldEvents.answerId(redemptionId, answer), redemptionId, answer.typeName())) {
            publish.run();
        }
    }
}
