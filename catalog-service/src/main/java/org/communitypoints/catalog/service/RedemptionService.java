package org.communitypoints.catalog.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.domain.ResidentNames;
import org.communitypoints.catalog.domain.RewardKind;
import org.communitypoints.catalog.domain.VoucherCodes;
import org.communitypoints.catalog.domain.VoucherState;
import org.communitypoints.catalog.messaging.RedemptionEvents;
import org.communitypoints.catalog.repository.ClassSessionRepository;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.catalog.repository.RewardRepository;
import org.communitypoints.catalog.service.RedemptionRulesService.Planned;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.data.membership.Membership;
import org.communitypoints.platform.web.ProblemException;

/**
 * The resident's and the counter's side of a redemption: request (reserve, then ask for a points
 * hold), cancel, fulfil. Each is one transaction with its outbox event; refusals roll everything back.
 */
@ApplicationScoped
@Transactional
public class RedemptionService {

    /** What a resident asks for: a reward, and the class session or the meal day where the kind needs one. */
    public record NewRedemption(UUID rewardId, UUID sessionId, LocalDate date) {
    }

    /**
     * @param code the one-time code the mini-program shows as a QR code; masked ({@link VoucherCodes#mask}) for
     *        everybody but the resident who owns it
     */
    public record VoucherDetails(String code, Instant validFrom, Instant validUntil, VoucherState state) {
    }

    /**
     * A redemption as it stands.
     *
     * @param points what the resident pays
     * @param subsidyPoints what the community subsidy pool pays
     * @param reasonCode why it was rejected, cancelled, expired or its capture failed (e.g. INSUFFICIENT_POINTS)
     * @param voucher present once points are held
     */
    public record RedemptionDetails(UUID id, RedemptionState state, UUID rewardId, RewardKind rewardKind,
            String rewardTitle, String partnerId, String partnerName, UUID sessionId, LocalDate mealDay, long points,
            long subsidyPoints, String subsidyCategory, String reasonCode, String reasonDetail, VoucherDetails voucher,
            Instant createdAt, Instant fulfilledAt, Instant capturedAt, Instant releasedAt, String actedBy) {

        /** For the resident who owns it: the voucher's code in full. */
        static RedemptionDetails of(Redemption r, Instant now) {
            return of(r, now, r.voucherCode);
        }

        /**
         * For everybody else (community staff, the partner's counter): the code masked, so that nobody but the
         * resident can use a voucher, however the list or the screen is seen or copied.
         */
        static RedemptionDetails masked(Redemption r, Instant now) {
            return of(r, now, VoucherCodes.mask(r.voucherCode));
        }

        private static RedemptionDetails of(Redemption r, Instant now, String shownCode) {
            VoucherDetails voucher = r.voucherCode == null ? null
                    : new VoucherDetails(shownCode, r.validFrom, r.validUntil, r.voucherState(now));
            return new RedemptionDetails(r.id, r.state, r.rewardId, r.rewardKind, r.rewardTitle, r.partnerId,
                    r.partnerName, r.sessionId, r.mealDay, r.points, r.subsidyPoints, r.subsidyCategory, r.reasonCode,
                    r.reasonDetail, voucher, r.createdAt, r.fulfilledAt, r.capturedAt, r.releasedAt, r.actedBy);
        }
    }

    /** A voucher on the resident's "My home" screen. */
    /** @param actedBy the proxy who placed it for the resident; null when the resident did */
    public record MemberVoucher(UUID redemptionId, String code, String rewardTitle, String partnerName,
            Instant validFrom, Instant validUntil, VoucherState state, String actedBy) {

        static MemberVoucher of(Redemption r, Instant now) {
            return new MemberVoucher(r.id, r.voucherCode, r.rewardTitle, r.partnerName, r.validFrom, r.validUntil,
                    r.voucherState(now), r.actedBy);
        }
    }

    /**
     * A voucher as its partner (or community staff) sees it in a list: the code masked, used or not. The counter
     * learns a code from the resident, never from the list.
     */
    public record PartnerVoucher(UUID redemptionId, String code, String rewardTitle, Instant validFrom,
            Instant validUntil, VoucherState state, Instant fulfilledAt, long points, long subsidyPoints) {

        static PartnerVoucher of(Redemption r, Instant now) {
            return new PartnerVoucher(r.id, VoucherCodes.mask(r.voucherCode), r.rewardTitle, r.validFrom,
                    r.validUntil, r.voucherState(now), r.fulfilledAt, r.points, r.subsidyPoints);
        }
    }

    /**
     * A voucher as the counter reads it before taking it: what it is for, whose it is (the name masked) and whether
     * it can be taken now. No price and no household category.
     *
     * @param session the class session of a CLASS_SEAT voucher, null otherwise
     * @param mealDay the day of a meal voucher, null otherwise
     * @param residentName the resident's name masked ({@link ResidentNames#mask}); null while the registry copy does
     *        not know them
     */
    public record VoucherLookup(String code, VoucherState state, Instant validFrom, Instant validUntil, UUID rewardId,
            RewardKind rewardKind, String rewardTitle, String partnerId, String partnerName, SessionTimes session,
            LocalDate mealDay, String residentName, Instant fulfilledAt) {
    }

    public record SessionTimes(UUID id, Instant startsAt, Instant endsAt) {
    }

    private final RewardRepository rewards;
    private final ClassSessionRepository sessions;
    private final RedemptionRulesService rules;
    private final CapacityService capacityBack;
    private final Membership membership;
    private final RedemptionRepository redemptions;
    private final RedemptionEvents events;
    private final IdempotentRequests idempotent;

    public RedemptionService(RewardRepository rewards, ClassSessionRepository sessions, RedemptionRulesService rules,
            CapacityService capacityBack, RedemptionRepository redemptions, RedemptionEvents events,
            IdempotentRequests idempotent, Membership membership) {
        this.rewards = rewards;
        this.sessions = sessions;
        this.rules = rules;
        this.capacityBack = capacityBack;
        this.redemptions = redemptions;
        this.events = events;
        this.idempotent = idempotent;
        this.membership = membership;
    }

    /**
     * @param memberId the resident who redeems (and pays): the caller, or the resident a proxy acts for
     * @param actedBy the proxy who holds the resident's REDEEM grant (checked before); null when the resident acts
     *        themself. Recorded on the redemption and carried in HoldRequested.
     * @param chosenId the id the gateway chose (and signed in {@code receipt}); null to make one here
     * @param receipt the gateway's signed receipt of the request, in its wire form, kept with the redemption and
     *        carried in its hold request; null without one (points-service then holds nothing)
     * @throws ProblemException 409 REDEMPTION_ID_TAKEN when another redemption already has {@code chosenId}; nothing
     *         stays reserved or written then
     */
    public Outcome<RedemptionDetails> request(String communityId, String memberId, String actedBy,
            NewRedemption request, String idempotencyKey, UUID chosenId, String receipt) {
        // The key is the caller's (the proxy's when one acts); one key for two residents is two requests, refused.
        // The id and the receipt are not part of what the key stands for: a retry through the gateway comes with a new
        // id and receipt, and must be answered with the first redemption, not refused as another request.
        return idempotent.onceRequired("redemption", actedBy == null ? memberId : actedBy, idempotencyKey,
                new ForMember(memberId, request), RedemptionDetails.class,
                () -> reserveAndHold(communityId, memberId, actedBy, request, chosenId, receipt));
    }

    /** What an Idempotency-Key stands for: the resident and what they redeem. */
    record ForMember(String memberId, NewRedemption request) {
    }

    private RedemptionDetails reserveAndHold(String communityId, String memberId, String actedBy,
            NewRedemption request, UUID chosenId, String receipt) {
        Instant now = storedNow();
        Planned planned = rules.plan(communityId, memberId, actedBy, request, rewards.redeemable(request.rewardId()),
                chosenId, receipt, now);
        rules.reserve(planned);
        Redemption r = planned.redemption();
        redemptions.persist(r);
        insertNow();
        // Also when the resident pays nothing (a 100% discount): the hold then reserves the subsidy in the community's
        // pool, which has a budget and must be able to refuse (PointsHoldRejected SUBSIDY_POOL_EXHAUSTED).
        events.holdRequested(r);
        return RedemptionDetails.of(r, now);
    }

    /**
     * Sends the redemption's insert now, where its failure can be told apart, rather than with a later flush. An id the
     * gateway chose that another redemption already has fails on the primary key: at once when that one is committed,
     * after it commits when it is still being made (the insert waits for it). No look-up before the insert, so a
     * request pays no extra statement for a mistake only a broken or dishonest caller makes. The refusal rolls the
     * whole transaction back (PostgreSQL has aborted it anyway): the seat, meal or stock unit taken and the
     * Idempotency-Key claimed are undone with it, and nothing reaches the outbox.
     */
    private void insertNow() {
        try {
            redemptions.flush();
        } catch (PersistenceException e) {
            if (RedemptionRepository.isIdTaken(e)) {
                throw idTaken();
            }
            throw e;
        }
    }

    private static ProblemException idTaken() {
        return ProblemException.conflict("REDEMPTION_ID_TAKEN",
                "Another redemption already has this id. Please redeem again.");
    }

    /** A resident ends their own redemption before it is used: the hold is released, the seat goes back. */
    public RedemptionDetails cancel(String communityId, String memberId, UUID id) {
        Redemption r = redemptions.lock(id)
                .filter(x -> x.communityId.equals(communityId) && x.memberId.equals(memberId))
                .orElseThrow(RedemptionService::notFound);
        if (r.state == RedemptionState.CANCELLED) {
            return RedemptionDetails.of(r, Instant.now());
        }
        if (!r.cancel()) {
            throw ProblemException.conflict("REDEMPTION_NOT_CANCELLABLE", switch (r.state) {
                case FULFILLED, CAPTURED, CAPTURE_FAILED -> "This voucher was already used at the counter.";
                case EXPIRED -> "This voucher has expired; its points were already given back.";
                case REJECTED -> "This redemption was not accepted, so there is nothing to cancel.";
                default -> "This redemption can no longer be cancelled.";
            });
        }
        capacityBack.giveBack(r);
        events.releaseRequested(r, "CANCELLED");
        return RedemptionDetails.of(r, Instant.now());
    }

    /**
     * Partner staff take a voucher at the counter. The row is locked, so of two counters scanning the
     * same code at once exactly one succeeds; a code of another partner is "not found" at this counter.
     */
    public RedemptionDetails fulfil(String communityId, String partnerId, String staffId, String typedCode) {
        String code = VoucherCodes.normalise(typedCode);
        Redemption r = (VoucherCodes.isWellFormed(code) ? redemptions.lockByVoucher(code) : Optional.<Redemption> empty())
                .filter(x -> x.partnerId.equals(partnerId) && x.communityId.equals(communityId))
                .orElseThrow(() -> ProblemException.notFound("VOUCHER_NOT_FOUND",
                        "There is no voucher with this code for your counter. Please check the code."));
        Instant now = storedNow();
        if (r.state == RedemptionState.CONFIRMED) {
            if (now.isBefore(r.validFrom)) {
                throw ProblemException.conflict("VOUCHER_NOT_YET_VALID", "This voucher is valid from " + r.validFrom + ".");
            }
            if (!now.isBefore(r.validUntil)) {
                throw ProblemException.conflict("VOUCHER_EXPIRED", "This voucher has expired.");
            }
        }
        if (!r.fulfil(staffId, now)) {
            throw switch (r.voucherState(now)) {
                case USED -> ProblemException.conflict("VOUCHER_ALREADY_USED", "This voucher was already used.");
                case CANCELLED -> ProblemException.conflict("VOUCHER_CANCELLED", "This voucher was cancelled by the resident.");
                case EXPIRED -> ProblemException.conflict("VOUCHER_EXPIRED", "This voucher has expired.");
                default -> ProblemException.conflict("VOUCHER_NOT_ACTIVE", "This voucher cannot be used.");
            };
        }
        events.captureRequested(r);
        return RedemptionDetails.masked(r, now);
    }

    /**
     * The counter looks a typed code up before taking it. Only the voucher's own partner (in the voucher's community)
     * and the community's staff find it; for anybody else, and for what cannot be a code, it is the same "not found"
     * as at {@link #fulfil}, so a counter learns nothing about other partners' codes.
     *
     * @param partnerId the caller's partner, or null for community staff (any partner of the community)
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VoucherLookup lookUp(String communityId, String partnerId, String typedCode) {
        String code = VoucherCodes.normalise(typedCode);
        Redemption r = (VoucherCodes.isWellFormed(code) ? redemptions.byVoucher(code) : Optional.<Redemption> empty())
                .filter(x -> x.communityId.equals(communityId) && (partnerId == null || x.partnerId.equals(partnerId)))
                .orElseThrow(() -> ProblemException.notFound("VOUCHER_NOT_FOUND",
                        "There is no voucher with this code for your counter. Please check the code."));
        SessionTimes session = r.sessionId == null ? null
                : sessions.findByIdOptional(r.sessionId).map(s -> new SessionTimes(s.id, s.startsAt, s.endsAt))
                        .orElse(null);
        String name = membership.find(communityId, r.memberId).map(m -> ResidentNames.mask(m.displayName())).orElse(null);
        return new VoucherLookup(VoucherCodes.mask(r.voucherCode), r.voucherState(Instant.now()), r.validFrom,
                r.validUntil, r.rewardId, r.rewardKind, r.rewardTitle, r.partnerId, r.partnerName, session, r.mealDay,
                name, r.fulfilledAt);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RedemptionDetails ownRedemption(String communityId, String memberId, UUID id) {
        return redemptions.toRead(id)
                .filter(r -> r.communityId.equals(communityId) && r.memberId.equals(memberId))
                .map(r -> RedemptionDetails.of(r, Instant.now()))
                .orElseThrow(RedemptionService::notFound);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RedemptionDetails communityRedemption(String communityId, UUID id) {
        return redemptions.toRead(id)
                .filter(r -> r.communityId.equals(communityId))
                .map(r -> RedemptionDetails.masked(r, Instant.now()))
                .orElseThrow(RedemptionService::notFound);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RedemptionDetails partnerRedemption(String communityId, String partnerId, UUID id) {
        return redemptions.toRead(id)
                .filter(r -> r.communityId.equals(communityId) && r.partnerId.equals(partnerId))
                .map(r -> RedemptionDetails.masked(r, Instant.now()))
                .orElseThrow(RedemptionService::notFound);
    }

    /**
     * A page of the resident's redemptions, newest first.
     *
     * @param before the last redemption of the page before (its id), null for the newest; one that is not the
     *        resident's is refused like an unknown one, so the list tells nothing about other residents' ids
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RedemptionDetails> ofMember(String communityId, String memberId, UUID before, int limit) {
        Redemption after = before == null ? null
                : redemptions.toRead(before)
                        .filter(r -> r.communityId.equals(communityId) && r.memberId.equals(memberId))
                        .orElseThrow(() -> ProblemException.badRequest("INVALID_BEFORE",
                                "before must be the id of one of your own redemptions, or empty to start from the newest."));
        Instant now = Instant.now();
        return redemptions.ofMember(communityId, memberId, after, limit).stream().map(r -> RedemptionDetails.of(r, now))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RedemptionDetails> ofCommunity(String communityId, RedemptionState state, int limit) {
        Instant now = Instant.now();
        return redemptions.ofCommunity(communityId, state, limit).stream().map(r -> RedemptionDetails.masked(r, now))
                .toList();
    }

    /** The resident's vouchers, optionally only those in one state (ACTIVE for the "My home" screen). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MemberVoucher> vouchersOf(String communityId, String memberId, VoucherState state) {
        Instant now = Instant.now();
        // The states that can show as the one asked for, in the query: an active voucher is found among the resident's
        // few CONFIRMED redemptions, not among their newest 500 of every kind (slow, and blind to one older than those).
        return redemptions.vouchersOfMember(communityId, memberId, stateFilter(state), RedemptionRepository.MEMBER_LIST)
                .stream()
                .filter(r -> state == null || r.voucherState(now) == state)
                .sorted((a, b) -> a.validUntil.compareTo(b.validUntil))
                .map(r -> MemberVoucher.of(r, now))
                .toList();
    }

    /** A partner's vouchers, newest validity first, optionally in one state. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PartnerVoucher> vouchersOfPartner(String communityId, String partnerId, VoucherState state, int limit) {
        Instant now = Instant.now();
        return redemptions.vouchersOfPartner(communityId, partnerId, stateFilter(state), limit).stream()
                .map(r -> PartnerVoucher.of(r, now))
                .filter(v -> state == null || v.state() == state)
                .toList();
    }

    private static List<RedemptionState> stateFilter(VoucherState state) {
        if (state == null) {
            return List.of(RedemptionState.values());
        }
        return switch (state) {
            case ACTIVE -> List.of(RedemptionState.CONFIRMED);
            case USED -> List.of(RedemptionState.FULFILLED, RedemptionState.CAPTURED, RedemptionState.CAPTURE_FAILED);
            case CANCELLED -> List.of(RedemptionState.CANCELLED);
            case EXPIRED -> List.of(RedemptionState.EXPIRED, RedemptionState.CONFIRMED);
        };
    }

    /**
     * Now, at the precision PostgreSQL keeps: a time that goes into an event and into the row is then the same in
     * the first request and in a re-send built from the row (SagaRecoveryJob).
     */
    static Instant storedNow() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("REDEMPTION_NOT_FOUND", "We could not find this redemption among yours.");
    }
}
