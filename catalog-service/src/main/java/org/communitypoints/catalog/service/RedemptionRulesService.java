package org.communitypoints.catalog.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.domain.ClassSession;
import org.communitypoints.catalog.domain.EligibilityCategory;
import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.domain.Reward;
import org.communitypoints.catalog.repository.CapacityRepository;
import org.communitypoints.catalog.repository.ClassSessionRepository;
import org.communitypoints.catalog.repository.RewardRepository.Redeemable;
import org.communitypoints.catalog.service.RedemptionService.NewRedemption;
import org.communitypoints.platform.data.membership.Membership;
import org.communitypoints.platform.data.membership.ResidentOnDay;
import org.communitypoints.platform.web.ProblemException;

/**
 * What a new redemption is and whether it may be made: the resident, the reward, the meal day or class session, the
 * voucher's validity and the price; then the seat, meal or stock unit it takes. One set of rules for a request made
 * alone ({@link RedemptionService#request}) and one made with others in a batch ({@link RedemptionBatchService}), so
 * that both refuse with the same codes and make the same redemption.
 */
@ApplicationScoped
public class RedemptionRulesService {

    /** A redemption ready to be reserved and written: every field set, nothing taken yet. */
    public record Planned(Redemption redemption, Reward reward) {
    }

    private final ClassSessionRepository sessions;
    private final CapacityRepository capacity;
    private final Membership membership;
    private final CatalogConfig config;

    public RedemptionRulesService(ClassSessionRepository sessions, CapacityRepository capacity, Membership membership,
            CatalogConfig config) {
        this.sessions = sessions;
        this.capacity = capacity;
        this.membership = membership;
        this.config = config;
    }

    /**
     * Checks the resident, the reward and the request's terms, and builds the redemption with its price. Reads the
     * registry copy and the class session; takes nothing (see {@link #reserve}).
     *
     * @param redeemable the reward asked for as read, empty when there is none with its id
     * @param now the time the redemption is made, at the precision PostgreSQL keeps
     * @throws ProblemException the membership refusals, REWARD_NOT_FOUND, MEAL_DAY_NOT_OPEN, SESSION_REQUIRED,
     *         SESSION_NOT_FOUND, SESSION_OVER, in this order
     */
    public Planned plan(String communityId, String memberId, String actedBy, NewRedemption request,
            Optional<Redeemable> redeemable, UUID chosenId, String receipt, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        // The resident and their household's categories on the day in one read of the registry copy (the price below).
        ResidentOnDay resident = actedBy == null ? membership.requireActiveSelfOn(communityId, memberId, today)
                : membership.requireActiveOn(communityId, memberId, today);
        Redeemable found = redeemable
                .filter(x -> x.reward().communityId.equals(communityId) && x.reward().active)
                .orElseThrow(() -> ProblemException.notFound("REWARD_NOT_FOUND",
                        "This reward is not in your community's catalog."));
        Reward reward = found.reward();

        Redemption r = new Redemption();
        r.id = chosenId != null ? chosenId : UUID.randomUUID();
        r.receipt = receipt;
        r.communityId = communityId;
        r.memberId = memberId;
        r.actedBy = actedBy;
        r.partnerId = reward.partnerId;
        r.partnerName = found.partnerName();
        r.rewardId = reward.id;
        r.rewardKind = reward.kind;
        r.rewardTitle = reward.title;
        r.state = RedemptionState.PENDING;
        r.holdsCapacity = true;
        r.createdAt = now;
        setTerms(reward, request, r, now);

        // Means-tested prices from the household's categories in the registry copy, valid on the day of the request.
        Optional<EligibilityCategory> category = reward.discountCategoryFor(EligibilityService.priced(resident.categories()));
        r.subsidyPoints = category.map(c -> reward.subsidy()).orElse(0L);
        r.subsidyCategory = category.map(Enum::name).orElse(null);
        r.points = reward.points - r.subsidyPoints;
        r.holdExpiresAt = r.validUntil.plus(config.holdGrace());
        return new Planned(r, reward);
    }

    /** The meal day or class session and the voucher's validity; refuses what cannot be booked. */
    private void setTerms(Reward reward, NewRedemption request, Redemption r, Instant now) {
        ZoneId zone = config.zone();
        switch (reward.kind) {
            case MEAL -> {
                LocalDate today = LocalDate.now(zone);
                LocalDate day = request.date() == null ? today : request.date();
                if (day.isBefore(today) || day.isAfter(today.plusDays(config.mealDaysAhead()))) {
                    throw ProblemException.unprocessable("MEAL_DAY_NOT_OPEN", "Meals can be booked from today up to "
                            + config.mealDaysAhead() + " days ahead.");
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
                ClassSession session = sessions.findByIdOptional(request.sessionId())
                        .filter(s -> s.rewardId.equals(reward.id))
                        .orElseThrow(() -> ProblemException.notFound("SESSION_NOT_FOUND", "This class has no such session."));
                if (!session.endsAt.isAfter(now)) {
                    throw ProblemException.conflict("SESSION_OVER", "This class session is already over.");
                }
                r.sessionId = session.id;
                r.validFrom = now;
                r.validUntil = session.endsAt;
            }
            case CHILDCARE_CREDIT, GOODS -> {
                r.validFrom = now;
                r.validUntil = now.plus(Duration.ofDays(reward.validDays));
            }
        }
    }

    /**
     * Takes the seat, meal or stock unit of a planned redemption, in the caller's transaction.
     *
     * @throws ProblemException 409 SOLD_OUT when none is left; nothing was taken then
     */
    public void reserve(Planned planned) {
        Redemption r = planned.redemption();
        Reward reward = planned.reward();
        switch (reward.kind) {
            case MEAL -> {
                if (!capacity.reserveMeal(reward.id, r.mealDay, reward.dailyQuota)) {
                    throw ProblemException.conflict("SOLD_OUT",
                            "All meals for " + r.mealDay + " are taken. Please try another day.");
                }
            }
            case CLASS_SEAT -> {
                if (!capacity.reserveSeat(r.sessionId)) {
                    throw ProblemException.conflict("SOLD_OUT", "This class session is full. Please choose another session.");
                }
            }
            case CHILDCARE_CREDIT, GOODS -> {
                if (!capacity.takeStock(reward.id)) {
                    throw ProblemException.conflict("SOLD_OUT", "This reward is out of stock at the moment.");
                }
            }
        }
    }
}
