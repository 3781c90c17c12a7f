package org.communitypoints.catalog.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.domain.ClassSession;
import org.communitypoints.catalog.domain.EligibilityCategory;
import org.communitypoints.catalog.domain.Partner;
import org.communitypoints.catalog.domain.Reward;
import org.communitypoints.catalog.domain.RewardKind;
import org.communitypoints.catalog.repository.CapacityRepository;
import org.communitypoints.catalog.repository.CatalogRepository;
import org.communitypoints.catalog.rest.Discount;
import org.communitypoints.catalog.rest.PartnerRequest;
import org.communitypoints.catalog.rest.PartnerResponse;
import org.communitypoints.catalog.rest.RewardRequest;
import org.communitypoints.catalog.rest.RewardResponse;
import org.communitypoints.catalog.rest.SessionRequest;
import org.communitypoints.catalog.rest.SessionResponse;
import org.communitypoints.platform.web.ProblemException;

/** Staff keep their community's partners and rewards; everyone in the community browses them. */
@ApplicationScoped
@Transactional
public class CatalogService {

    private final CatalogRepository catalog;
    private final CapacityRepository capacity;
    private final CatalogConfig config;

    public CatalogService(CatalogRepository catalog, CapacityRepository capacity, CatalogConfig config) {
        this.catalog = catalog;
        this.capacity = capacity;
        this.config = config;
    }

    public PartnerResponse addPartner(String communityId, PartnerRequest request) {
        if (catalog.partner(request.id()).isPresent()) {
            throw ProblemException.conflict("PARTNER_EXISTS", "A partner with the id " + request.id() + " already exists.");
        }
        Partner partner = new Partner();
        partner.id = request.id();
        partner.communityId = communityId;
        partner.name = request.name();
        partner.kind = request.kind();
        partner.createdAt = Instant.now();
        catalog.persist(partner);
        return view(partner);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PartnerResponse> partners(String communityId) {
        return catalog.partners(communityId).stream().map(CatalogService::view).toList();
    }

    /** The partner if it belongs to the community; 404 otherwise (another community's ids are not confirmed). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Partner partnerOf(String communityId, String partnerId) {
        return catalog.partner(partnerId).filter(p -> p.communityId.equals(communityId))
                .orElseThrow(() -> ProblemException.notFound("PARTNER_NOT_FOUND", "This partner is not in your community."));
    }

    public RewardResponse addReward(String communityId, RewardRequest request) {
        Partner partner = partnerOf(communityId, request.partnerId());
        Reward reward = new Reward();
        reward.id = UUID.randomUUID();
        reward.communityId = communityId;
        reward.partnerId = partner.id;
        reward.kind = request.kind();
        reward.title = request.title();
        reward.description = request.description();
        reward.points = request.points();
        reward.validDays = request.validDays() == null ? 30 : request.validDays();
        reward.active = true;
        reward.createdAt = Instant.now();
        switch (request.kind()) {
            case MEAL -> reward.dailyQuota = require(request.dailyQuota(), "dailyQuota", "A canteen meal needs a daily quota.");
            case CHILDCARE_CREDIT -> {
                reward.stock = require(request.stock(), "stock", "Childcare credits need a stock.");
                reward.hours = require(request.hours(), "hours", "Childcare credits need the hours of care per voucher.");
            }
            case GOODS -> reward.stock = require(request.stock(), "stock", "Goods need a stock.");
            case CLASS_SEAT -> {
                // seats are per session, added with POST /rewards/{id}/sessions
            }
        }
        Discount discount = request.discount();
        if (discount != null) {
            if ((discount.percent() == null) == (discount.points() == null)) {
                throw ProblemException.badRequest("INVALID_DISCOUNT", "A discount is either a percent or a number of points.");
            }
            reward.discountPercent = discount.percent();
            reward.discountPoints = discount.points();
            reward.discountCategories = discount.categories() == null ? new String[0]
                    : discount.categories().stream().map(Enum::name).distinct().toArray(String[]::new);
        }
        catalog.persist(reward);
        return view(reward, partner, Set.of());
    }

    public SessionResponse addSession(String communityId, UUID rewardId, SessionRequest request) {
        Reward reward = rewardOf(communityId, rewardId);
        if (reward.kind != RewardKind.CLASS_SEAT) {
            throw ProblemException.conflict("NOT_A_CLASS", "Only class rewards have sessions.");
        }
        if (!request.endsAt().isAfter(request.startsAt()) || !request.endsAt().isAfter(Instant.now())) {
            throw ProblemException.badRequest("INVALID_SESSION", "A session must end after it starts, and in the future.");
        }
        ClassSession session = new ClassSession();
        session.id = UUID.randomUUID();
        session.rewardId = reward.id;
        session.startsAt = request.startsAt();
        session.endsAt = request.endsAt();
        session.capacity = request.capacity();
        catalog.persist(session);
        return new SessionResponse(session.id, session.startsAt, session.endsAt, session.capacity, session.capacity);
    }

    public RewardResponse restock(String communityId, UUID rewardId, int quantity) {
        Reward reward = rewardOf(communityId, rewardId);
        if (reward.kind != RewardKind.GOODS && reward.kind != RewardKind.CHILDCARE_CREDIT) {
            throw ProblemException.conflict("NOT_STOCKED", "Only goods and childcare credits have stock; "
                    + "meals have a daily quota and classes have seats per session.");
        }
        capacity.addStock(reward.id, quantity);
        return view(reward, catalog.partner(reward.partnerId).orElseThrow(), Set.of());
    }

    public void withdraw(String communityId, UUID rewardId) {
        rewardOf(communityId, rewardId).active = false;
    }

    public RewardResponse reward(String communityId, UUID rewardId, Set<EligibilityCategory> household) {
        Reward reward = rewardOf(communityId, rewardId);
        return view(reward, catalog.partner(reward.partnerId).orElseThrow(), household);
    }

    /**
     * The community's catalog with what is left right now.
     *
     * @param household the calling resident's eligibility, for the price they would pay (empty for staff)
     */
    public List<RewardResponse> browse(String communityId, RewardKind kind, Boolean available,
            Set<EligibilityCategory> household) {
        return catalog.rewards(communityId, kind).stream()
                .map(r -> view(r, catalog.partner(r.partnerId).orElseThrow(), household))
                .filter(r -> available == null || r.available() == available)
                .toList();
    }

    private Reward rewardOf(String communityId, UUID rewardId) {
        return catalog.freshReward(rewardId).filter(r -> r.communityId.equals(communityId))
                .orElseThrow(
                        () -> ProblemException.notFound("REWARD_NOT_FOUND", "This reward is not in your community's catalog."));
    }

    private RewardResponse view(Reward r, Partner partner, Set<EligibilityCategory> household) {
        Integer left = null;
        List<SessionResponse> sessions = null;
        boolean available;
        switch (r.kind) {
            case MEAL -> {
                left = Math.max(0, r.dailyQuota - capacity.mealsTaken(r.id, LocalDate.now(config.zone())));
                available = left > 0;
            }
            case CLASS_SEAT -> {
                sessions = catalog.upcomingSessions(r.id, Instant.now()).stream()
                        .map(s -> new SessionResponse(s.id, s.startsAt, s.endsAt, s.capacity, s.capacity - s.reserved))
                        .toList();
                available = sessions.stream().anyMatch(s -> s.seatsLeft() > 0);
            }
            default -> {
                left = capacity.stockLeft(r.id);
                available = left > 0;
            }
        }
        Discount discount = r.hasDiscount() ? new Discount(r.discountPercent, r.discountPoints,
                Arrays.stream(r.discountCategories).map(EligibilityCategory::valueOf).toList()) : null;
        long price = r.points - r.discountCategoryFor(household).map(c -> r.subsidy()).orElse(0L);
        return new RewardResponse(r.id, partner.id, partner.name, r.kind, r.title, r.description, r.points, price,
                discount, r.dailyQuota, r.hours,
                r.kind == RewardKind.MEAL || r.kind == RewardKind.CLASS_SEAT ? null : r.validDays,
                left, available, sessions);
    }

    private static PartnerResponse view(Partner p) {
        return new PartnerResponse(p.id, p.name, p.kind);
    }

    private static int require(Integer value, String field, String detail) {
        if (value == null) {
            throw ProblemException.badRequest("MISSING_FIELD", detail + " (" + field + ")");
        }
        return value;
    }
}
