package org.communitypoints.community.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.community.config.RegistryConfig;
import org.communitypoints.community.domain.CategoryTag;
import org.communitypoints.community.domain.Household;
import org.communitypoints.community.domain.Resident;
import org.communitypoints.community.messaging.RegistryEvents;
import org.communitypoints.community.repository.AuditRepository;
import org.communitypoints.community.repository.AuditRepository.SubjectType;
import org.communitypoints.community.repository.HouseholdCategoryRepository;
import org.communitypoints.community.repository.HouseholdRepository;
import org.communitypoints.community.repository.ResidentRepository;
import org.communitypoints.contracts.events.HouseholdCategory;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.ProblemException;

/**
 * Households (户) and their means-tested categories. Staff and grid workers open and rename households; only staff
 * tag categories, never for their own household. Every change publishes the household's whole state
 * (HouseholdChanged, version + 1) and is audited, in one transaction.
 */
@ApplicationScoped
@Transactional
public class HouseholdService {

    /** What staff or a grid worker give to open a household. */
    public record NewHousehold(String name) {
    }

    private final HouseholdRepository households;
    private final HouseholdCategoryRepository categories;
    private final ResidentRepository residents;
    private final AuditRepository audit;
    private final RegistryEvents events;
    private final IdempotentRequests idempotent;
    private final RegistryConfig config;

    public HouseholdService(HouseholdRepository households, HouseholdCategoryRepository categories,
            ResidentRepository residents, AuditRepository audit, RegistryEvents events, IdempotentRequests idempotent,
            RegistryConfig config) {
        this.households = households;
        this.categories = categories;
        this.residents = residents;
        this.audit = audit;
        this.events = events;
        this.idempotent = idempotent;
        this.config = config;
    }

    public Outcome<HouseholdView> open(String communityId, String actor, String idempotencyKey, NewHousehold request) {
        return idempotent.onceRequired("open-household", actor, idempotencyKey, request, HouseholdView.class, () -> {
            Instant now = Instant.now();
            Household household = Household.open("hh-" + UUID.randomUUID(), communityId, request.name().strip(), now);
            households.persist(household);
            audit.append(communityId, SubjectType.HOUSEHOLD, household.id(), null, "OPENED",
                    "name=" + household.name(), actor);
            events.householdChanged(household, List.of(), actor, now);
            return view(household, true);
        });
    }

    public HouseholdView rename(String communityId, String actor, String householdId, String name) {
        Household household = households.lockInCommunity(communityId, householdId)
                .orElseThrow(RegistryProblems::householdNotFound);
        Instant now = Instant.now();
        String before = household.name();
        if (household.rename(name.strip(), now)) {
            audit.append(communityId, SubjectType.HOUSEHOLD, householdId, null, "RENAMED",
                    "name: " + before + " -> " + household.name(), actor);
            events.householdChanged(household, categories.ofHousehold(householdId), actor, now);
        }
        return view(household, true);
    }

    /**
     * Records or replaces a category of the household.
     *
     * @throws ProblemException 403 SELF_ELIGIBILITY_FORBIDDEN when the staff member belongs to that household:
     *         whether a household gets the community's money is never decided by someone of that household
     */
    public HouseholdView tag(String communityId, String staffId, String householdId, HouseholdCategory code,
            CategoryTag.Tagging tagging) {
        Household household = households.lockInCommunity(communityId, householdId)
                .orElseThrow(RegistryProblems::householdNotFound);
        requireNotOwnHousehold(staffId, householdId);
        if (tagging.validUntil() != null && tagging.validUntil().isBefore(tagging.validFrom())) {
            throw RegistryProblems.invalidDateRange();
        }
        Instant now = Instant.now();
        Optional<CategoryTag> existing = categories.of(householdId, code);
        boolean changed;
        if (existing.isPresent()) {
            changed = existing.get().retag(tagging, staffId, now);
        } else {
            categories.persist(CategoryTag.record(householdId, code, tagging, staffId, now));
            changed = true;
        }
        if (changed) {
            household.changed(now);
            audit.append(communityId, SubjectType.HOUSEHOLD, householdId, null, existing.isPresent() ? "RETAGGED" : "TAGGED",
                    code.name() + " " + tagging.validFrom() + ".." + Objects.toString(tagging.validUntil(), "")
                            + " evidence: " + tagging.evidenceNote(),
                    staffId);
            categories.flush();
            events.householdChanged(household, categories.ofHousehold(householdId), staffId, now);
        }
        return view(household, true);
    }

    /** Removes a category recorded by mistake; the audit keeps that it was there. */
    public HouseholdView untag(String communityId, String staffId, String householdId, HouseholdCategory code) {
        Household household = households.lockInCommunity(communityId, householdId)
                .orElseThrow(RegistryProblems::householdNotFound);
        requireNotOwnHousehold(staffId, householdId);
        CategoryTag category = categories.of(householdId, code).orElseThrow(RegistryProblems::categoryNotFound);
        Instant now = Instant.now();
        categories.delete(category);
        categories.flush();
        household.changed(now);
        audit.append(communityId, SubjectType.HOUSEHOLD, householdId, null, "UNTAGGED", code.name(), staffId);
        events.householdChanged(household, categories.ofHousehold(householdId), staffId, now);
        return view(household, true);
    }

    /**
     * After a resident joined or left a household: a household left without active members closes, one that gains
     * a member opens again; either is a change of the household and is published.
     */
    void membersChanged(String communityId, String householdId, String actor, Instant now) {
        if (householdId == null) {
            return;
        }
        Household household = households.lockInCommunity(communityId, householdId)
                .orElseThrow(RegistryProblems::householdNotFound);
        residents.flush();
        boolean changed = residents.activeInHousehold(householdId) == 0 ? household.close(now) : household.reopen(now);
        if (changed) {
            audit.append(communityId, SubjectType.HOUSEHOLD, householdId, null, household.status().name(),
                    "active members: " + residents.activeInHousehold(householdId), actor);
            events.householdChanged(household, categories.ofHousehold(householdId), actor, now);
        }
    }

    /** @throws ProblemException 404 HOUSEHOLD_NOT_FOUND when there is none of that id in the community */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Household require(String communityId, String householdId) {
        return households.inCommunity(communityId, householdId).orElseThrow(RegistryProblems::householdNotFound);
    }

    /** @param withEvidence whether the caller may read the evidence notes (staff) */
    @Transactional(Transactional.TxType.SUPPORTS)
    public HouseholdView get(String communityId, String householdId, boolean withEvidence) {
        return view(require(communityId, householdId), withEvidence);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HouseholdView> list(String communityId, boolean withEvidence, int limit) {
        return households.ofCommunity(communityId, limit).stream().map(h -> view(h, withEvidence)).toList();
    }

    private void requireNotOwnHousehold(String staffId, String householdId) {
        Optional<String> own = residents.findByIdOptional(staffId).map(Resident::householdId);
        if (own.isPresent() && householdId.equals(own.get())) {
            throw RegistryProblems.selfEligibilityForbidden();
        }
    }

    private HouseholdView view(Household household, boolean withEvidence) {
        LocalDate today = LocalDate.now(config.zone());
        List<HouseholdView.Member> members = residents.ofHousehold(household.id()).stream()
                .map(r -> new HouseholdView.Member(r.memberId(), r.displayName(), r.status())).toList();
        List<HouseholdView.Category> tagged = categories.ofHousehold(household.id()).stream()
                .map(c -> new HouseholdView.Category(c.code(), c.code().label(), c.validFrom(), c.validUntil(),
                        !today.isBefore(c.validFrom()) && (c.validUntil() == null || !today.isAfter(c.validUntil())),
                        withEvidence ? c.evidenceNote() : null, c.recordedBy(), c.recordedAt()))
                .toList();
        return new HouseholdView(household.id(), household.name(), household.status(), household.version(), members,
                tagged);
    }
}
