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
import org.communitypoints.catalog.domain.PartnerKind;
import org.communitypoints.catalog.domain.Reward;
import org.communitypoints.catalog.domain.RewardKind;
import org.communitypoints.catalog.repository.CapacityRepository;
import org.communitypoints.catalog.repository.ClassSessionRepository;
import org.communitypoints.catalog.repository.PartnerRepository;
import org.communitypoints.catalog.repository.RewardRepository;
import org.communitypoints.platform.web.ProblemException;

/** Staff keep their community's partners and rewards; everyone in the community browses them. */
@ApplicationScoped
@Transactional
public class CatalogService {

    /** A partner to add; {@code id} is the slug its staff carry in their tokens' {@code partner} claim. */
    public record NewPartner(String id, String name, PartnerKind kind) {
    }

    public record PartnerDetails(String id, String name, PartnerKind kind) {
    }

    /**
     * A means-tested price: either {@code percent} or {@code points} off, for the listed categories (none
     * listed = every category).
     */
    public record DiscountTerms(Integer percent, Long points, List<EligibilityCategory> categories) {
    }

    /** A reward to add; which counters are required depends on the kind. */
    public record NewReward(String partnerId, RewardKind kind, String title, String description, long points,
            Integer dailyQuota, Integer stock, Integer hours, Integer validDays, DiscountTerms discount) {
    }

    public record NewSession(Instant startsAt, Instant endsAt, int capacity) {
    }

    public record SessionDetails(UUID id, Instant startsAt, Instant endsAt, int capacity, int seatsLeft) {
    }

    /**
     * A reward as the caller sees it now.
     *
     * @param priceForYou what the calling resident would pay after their household's discount
     * @param left meals left today (MEAL) or stock left (CHILDCARE_CREDIT, GOODS); null for classes
     * @param sessions upcoming sessions of a class; null for other kinds
     */
    public record RewardDetails(UUID id, String partnerId, String partnerName, RewardKind kind, String title,
            String description, long points, long priceForYou, DiscountTerms discount, Integer dailyQuota,
            Integer hours, Integer validDays, Integer left, boolean available, List<SessionDetails> sessions) {
    }

    private final PartnerRepository partners;
    private final RewardRepository rewards;
    private final ClassSessionRepository sessions;
    private final CapacityRepository capacity;
    private final CatalogConfig config;

    public CatalogService(PartnerRepository partners, RewardRepository rewards, ClassSessionRepository sessions,
            CapacityRepository capacity, CatalogConfig config) {
        this.partners = partners;
        this.rewards = rewards;
        this.sessions = sessions;
        this.capacity = capacity;
        this.config = config;
    }

    public PartnerDetails addPartner(String communityId, NewPartner request) {
        if (partners.findByIdOptional(request.id()).isPresent()) {
            throw ProblemException.conflict("PARTNER_EXISTS", "A partner with the id " + request.id() + " already exists.");
        }
        Partner partner = new Partner();
        partner.id = request.id();
        partner.communityId = communityId;
        partner.name = request.name();
        partner.kind = request.kind();
        partner.createdAt = Instant.now();
        partners.persist(partner);
        return view(partner);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PartnerDetails> partners(String communityId) {
        return partners.ofCommunity(communityId).stream().map(CatalogService::view).toList();
    }

    /** Refuses with 404 unless the partner belongs to the community (another community's ids are not confirmed). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requirePartnerOf(String communityId, String partnerId) {
        partnerOf(communityId, partnerId);
    }

    private Partner partnerOf(String communityId, String partnerId) {
        return partners.findByIdOptional(partnerId).filter(p -> p.communityId.equals(communityId))
                .orElseThrow(() -> ProblemException.notFound("PARTNER_NOT_FOUND", "This partner is not in your community."));
    }

    public RewardDetails addReward(String communityId, NewReward request) {
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
        DiscountTerms discount = request.discount();
        if (discount != null) {
            if ((discount.percent() == null) == (discount.points() == null)) {
                throw ProblemException.badRequest("INVALID_DISCOUNT", "A discount is either a percent or a number of points.");
            }
            reward.discountPercent = discount.percent();
            reward.discountPoints = discount.points();
            reward.discountCategories = discount.categories() == null ? new String[0]
                    : discount.categories().stream().map(Enum::name).distinct().toArray(String[]::new);
        }
        rewards.persist(reward);
        return view(reward, partner, Set.of());
    }

    public SessionDetails addSession(String communityId, UUID rewardId, NewSession request) {
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
        sessions.persist(session);
        return new SessionDetails(session.id, session.startsAt, session.endsAt, session.capacity, session.capacity);
    }

    public RewardDetails restock(String communityId, UUID rewardId, int quantity) {
        Reward reward = rewardOf(communityId, rewardId);
        if (reward.kind != RewardKind.GOODS && reward.kind != RewardKind.CHILDCARE_CREDIT) {
            throw ProblemException.conflict("NOT_STOCKED", "Only goods and childcare credits have stock; "
                    + "meals have a daily quota and classes have seats per session.");
        }
        capacity.addStock(reward.id, quantity);
        return view(reward, partners.findById(reward.partnerId), Set.of());
    }

    public void withdraw(String communityId, UUID rewardId) {
        rewardOf(communityId, rewardId).active = false;
    }

    public RewardDetails reward(String communityId, UUID rewardId, Set<EligibilityCategory> household) {
        Reward reward = rewardOf(communityId, rewardId);
        return view(reward, partners.findById(reward.partnerId), household);
    }

    /**
     * The community's catalog with what is left right now.
     *
     * @param household the calling resident's eligibility, for the price they would pay (empty for staff)
     */
    public List<RewardDetails> browse(String communityId, RewardKind kind, Boolean available,
            Set<EligibilityCategory> household) {
        return rewards.ofCommunity(communityId, kind).stream()
                .map(r -> view(r, partners.findById(r.partnerId), household))
                .filter(r -> available == null || r.available() == available)
                .toList();
    }

    private Reward rewardOf(String communityId, UUID rewardId) {
        return rewards.fresh(rewardId).filter(r -> r.communityId.equals(communityId))
                .orElseThrow(
                        () -> ProblemException.notFound("REWARD_NOT_FOUND", "This reward is not in your community's catalog."));
    }

    private RewardDetails view(Reward r, Partner partner, Set<EligibilityCategory> household) {
        Integer left = null;
        List<SessionDetails> upcoming = null;
        boolean available;
        switch (r.kind) {
            case MEAL -> {
                left = Math.max(0, r.dailyQuota - capacity.mealsTaken(r.id, LocalDate.now(config.zone())));
                available = left > 0;
            }
            case CLASS_SEAT -> {
                upcoming = sessions.upcoming(r.id, Instant.now()).stream()
                        .map(s -> new SessionDetails(s.id, s.startsAt, s.endsAt, s.capacity, s.capacity - s.reserved))
                        .toList();
                available = upcoming.stream().anyMatch(s -> s.seatsLeft() > 0);
            }
            default -> {
                left = capacity.stockLeft(r.id);
                available = left > 0;
            }
        }
        DiscountTerms discount = r.hasDiscount() ? new DiscountTerms(r.discountPercent, r.discountPoints,
                Arrays.stream(r.discountCategories).map(EligibilityCategory::valueOf).toList()) : null;
        long price = r.points - r.discountCategoryFor(household).map(c -> r.subsidy()).orElse(0L);
        return new RewardDetails(r.id, partner.id, partner.name, r.kind, r.title, r.description, r.points, price,
                discount, r.dailyQuota, r.hours,
                r.kind == RewardKind.MEAL || r.kind == RewardKind.CLASS_SEAT ? null : r.validDays,
                left, available, upcoming);
    }

    private static PartnerDetails view(Partner p) {
        return new PartnerDetails(p.id, p.name, p.kind);
    }

    private static int require(Integer value, String field, String detail) {
        if (value == null) {
            throw ProblemException.badRequest("MISSING_FIELD", detail + " (" + field + ")");
        }
        return value;
    }
}
