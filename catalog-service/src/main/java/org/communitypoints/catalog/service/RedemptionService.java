package org.communitypoints.catalog.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.domain.ClassSession;
import org.communitypoints.catalog.domain.EligibilityCategory;
import org.communitypoints.catalog.domain.Partner;
import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.domain.Reward;
import org.communitypoints.catalog.domain.VoucherCodes;
import org.communitypoints.catalog.domain.VoucherState;
import org.communitypoints.catalog.repository.CapacityRepository;
import org.communitypoints.catalog.repository.CatalogRepository;
import org.communitypoints.catalog.repository.EligibilityRepository;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.catalog.rest.MyVoucher;
import org.communitypoints.catalog.rest.PartnerVoucher;
import org.communitypoints.catalog.rest.RedemptionRequest;
import org.communitypoints.catalog.rest.RedemptionResponse;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.ProblemException;

/**
 * The resident's and the counter's side of a redemption: request (reserve, then ask for a points
 * hold), cancel, fulfil. Each is one transaction with its outbox event; refusals roll everything back.
 */
@ApplicationScoped
@Transactional
public class RedemptionService {

    private final CatalogRepository catalog;
    private final CapacityRepository capacity;
    private final CapacityService capacityBack;
    private final EligibilityRepository eligibility;
    private final RedemptionRepository redemptions;
    private final SagaEvents saga;
    private final IdempotentRequests idempotent;
    private final CatalogConfig config;

    public RedemptionService(CatalogRepository catalog, CapacityRepository capacity, CapacityService capacityBack,
            EligibilityRepository eligibility, RedemptionRepository redemptions, SagaEvents saga,
            IdempotentRequests idempotent, CatalogConfig config) {
        this.catalog = catalog;
        this.capacity = capacity;
        this.capacityBack = capacityBack;
        this.eligibility = eligibility;
        this.redemptions = redemptions;
        this.saga = saga;
        this.idempotent = idempotent;
        this.config = config;
    }

    public Outcome<RedemptionResponse> request(String communityId, String memberId, RedemptionRequest request,
            String idempotencyKey) {
        Outcome<RedemptionResponse> outcome = idempotent.once("redemption", memberId, idempotencyKey, request,
                RedemptionResponse.class, () -> reserveAndHold(communityId, memberId, request));
        if (outcome.replayed()) {
            // A retry gets the same redemption, as it stands now rather than as first answered.
            return new Outcome<>(ownRedemption(communityId, memberId, outcome.value().id()), true);
        }
        return outcome;
    }

    private RedemptionResponse reserveAndHold(String communityId, String memberId, RedemptionRequest request) {
        Reward reward = catalog.reward(request.rewardId())
                .filter(r -> r.communityId.equals(communityId) && r.active)
                .orElseThrow(() -> ProblemException.notFound("REWARD_NOT_FOUND",
                        "This reward is not in your community's catalog."));
        Partner partner = catalog.partner(reward.partnerId).orElseThrow();
        Instant now = Instant.now();

        Redemption r = new Redemption();
        r.id = UUID.randomUUID();
        r.communityId = communityId;
        r.memberId = memberId;
        r.partnerId = partner.id;
        r.partnerName = partner.name;
        r.rewardId = reward.id;
        r.rewardKind = reward.kind;
        r.rewardTitle = reward.title;
        r.state = RedemptionState.PENDING;
        r.holdsCapacity = true;
        r.createdAt = now;
        reserve(reward, request, r, now);

        Optional<EligibilityCategory> category = reward.discountCategoryFor(eligibility.categories(communityId, memberId));
        r.subsidyPoints = category.map(c -> reward.subsidy()).orElse(0L);
        r.subsidyCategory = category.map(Enum::name).orElse(null);
        r.points = reward.points - r.subsidyPoints;
        r.holdExpiresAt = r.validUntil.plus(config.holdGrace());
        redemptions.persist(r);
        saga.holdRequested(r);
        return RedemptionViews.of(r, now);
    }

    /** Takes the seat, meal or stock unit and sets the voucher's validity; refuses when none is left. */
    private void reserve(Reward reward, RedemptionRequest request, Redemption r, Instant now) {
        ZoneId zone = config.zone();
        switch (reward.kind) {
            case MEAL -> {
                LocalDate today = LocalDate.now(zone);
                LocalDate day = request.date() == null ? today : request.date();
                if (day.isBefore(today) || day.isAfter(today.plusDays(config.mealDaysAhead()))) {
                    throw ProblemException.unprocessable("MEAL_DAY_NOT_OPEN", "Meals can be booked from today up to "
                            + config.mealDaysAhead() + " days ahead.");
                }
                if (!capacity.reserveMeal(reward.id, day, reward.dailyQuota)) {
                    throw ProblemException.conflict("SOLD_OUT", "All meals for " + day + " are taken. Please try another day.");
                }
                r.mealDay = day;
                r.validFrom = day.atStartOfDay(zone).toInstant();
                r.validUntil = day.plusDays(1).atStartOfDay(zone).toInstant();
            }
            case CLASS_SEAT -> {
                if (request.sessionId() == null) {
                    throw ProblemException.badRequest("SESSION_REQUIRED",
                            "Please choose which class session you want a seat in.");
                }
                ClassSession session = catalog.session(request.sessionId())
                        .filter(s -> s.rewardId.equals(reward.id))
                        .orElseThrow(() -> ProblemException.notFound("SESSION_NOT_FOUND", "This class has no such session."));
                if (!session.endsAt.isAfter(now)) {
                    throw ProblemException.conflict("SESSION_OVER", "This class session is already over.");
                }
                if (!capacity.reserveSeat(session.id)) {
                    throw ProblemException.conflict("SOLD_OUT", "This class session is full. Please choose another session.");
                }
                r.sessionId = session.id;
                r.validFrom = now;
                r.validUntil = session.endsAt;
            }
            case CHILDCARE_CREDIT, GOODS -> {
                if (!capacity.takeStock(reward.id)) {
                    throw ProblemException.conflict("SOLD_OUT", "This reward is out of stock at the moment.");
                }
                r.validFrom = now;
                r.validUntil = now.plus(java.time.Duration.ofDays(reward.validDays));
            }
        }
    }

    /** A resident ends their own redemption before it is used: the hold is released, the seat goes back. */
    public RedemptionResponse cancel(String communityId, String memberId, UUID id) {
        Redemption r = redemptions.lock(id)
                .filter(x -> x.communityId.equals(communityId) && x.memberId.equals(memberId))
                .orElseThrow(RedemptionService::notFound);
        if (r.state == RedemptionState.CANCELLED) {
            return RedemptionViews.of(r, Instant.now());
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
        saga.releaseRequested(r, "CANCELLED");
        return RedemptionViews.of(r, Instant.now());
    }

    /**
     * Partner staff take a voucher at the counter. The row is locked, so of two counters scanning the
     * same code at once exactly one succeeds; a code of another partner is "not found" at this counter.
     */
    public RedemptionResponse fulfil(String communityId, String partnerId, String staffId, String typedCode) {
        String code = VoucherCodes.normalise(typedCode);
        Redemption r = redemptions.lockByVoucher(code)
                .filter(x -> x.partnerId.equals(partnerId) && x.communityId.equals(communityId))
                .orElseThrow(() -> ProblemException.notFound("VOUCHER_NOT_FOUND",
                        "There is no voucher with this code for your counter. Please check the code."));
        Instant now = Instant.now();
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
        saga.captureRequested(r, staffId, now);
        return RedemptionViews.of(r, now);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RedemptionResponse ownRedemption(String communityId, String memberId, UUID id) {
        return redemptions.find(id)
                .filter(r -> r.communityId.equals(communityId) && r.memberId.equals(memberId))
                .map(r -> RedemptionViews.of(r, Instant.now()))
                .orElseThrow(RedemptionService::notFound);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RedemptionResponse communityRedemption(String communityId, UUID id) {
        return redemptions.find(id)
                .filter(r -> r.communityId.equals(communityId))
                .map(r -> RedemptionViews.of(r, Instant.now()))
                .orElseThrow(RedemptionService::notFound);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RedemptionResponse partnerRedemption(String communityId, String partnerId, UUID id) {
        return redemptions.find(id)
                .filter(r -> r.communityId.equals(communityId) && r.partnerId.equals(partnerId))
                .map(r -> RedemptionViews.forPartner(r, Instant.now()))
                .orElseThrow(RedemptionService::notFound);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RedemptionResponse> ofMember(String communityId, String memberId) {
        Instant now = Instant.now();
        return redemptions.ofMember(communityId, memberId).stream().map(r -> RedemptionViews.of(r, now)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RedemptionResponse> ofCommunity(String communityId, RedemptionState state, int limit) {
        Instant now = Instant.now();
        return redemptions.ofCommunity(communityId, state, limit).stream().map(r -> RedemptionViews.of(r, now)).toList();
    }

    /** The resident's vouchers, optionally only those in one state (ACTIVE for the "My home" screen). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MyVoucher> vouchersOf(String communityId, String memberId, VoucherState state) {
        Instant now = Instant.now();
        return redemptions.ofMember(communityId, memberId).stream()
                .filter(r -> r.voucherCode != null)
                .filter(r -> state == null || r.voucherState(now) == state)
                .sorted((a, b) -> a.validUntil.compareTo(b.validUntil))
                .map(r -> RedemptionViews.voucher(r, now))
                .toList();
    }

    /** A partner's vouchers, newest validity first, optionally in one state. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PartnerVoucher> vouchersOfPartner(String communityId, String partnerId, VoucherState state, int limit) {
        Instant now = Instant.now();
        return redemptions.vouchersOfPartner(communityId, partnerId, stateFilter(state), limit).stream()
                .map(r -> RedemptionViews.partnerVoucher(r, now))
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

    private static ProblemException notFound() {
        return ProblemException.notFound("REDEMPTION_NOT_FOUND", "We could not find this redemption among yours.");
    }
}
