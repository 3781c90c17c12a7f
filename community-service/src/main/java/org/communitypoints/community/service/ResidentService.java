package org.communitypoints.community.service;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.communitypoints.community.domain.Household;
import org.communitypoints.community.domain.Phone;
import org.communitypoints.community.domain.ProxyGrant;
import org.communitypoints.community.domain.Resident;
import org.communitypoints.community.messaging.RegistryEvents;
import org.communitypoints.community.repository.AuditRepository;
import org.communitypoints.community.repository.AuditRepository.SubjectType;
import org.communitypoints.community.repository.HouseholdRepository;
import org.communitypoints.community.repository.ProxyGrantRepository;
import org.communitypoints.community.repository.ResidentRepository;
import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.contracts.events.MemberChanged.VolunteerState;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.ProblemException;

/**
 * Residents: staff and grid workers register and update them; moving out closes the membership without deleting
 * anything. Every change publishes the resident's whole state (MemberChanged, version + 1) and is audited, in one
 * transaction.
 */
@ApplicationScoped
@Transactional
public class ResidentService {

    /**
     * What staff record about a resident. {@code phone} as written (spaces, hyphens, +86 allowed).
     *
     * @param householdId null for a resident of no household (yet)
     * @param volunteerState null for NONE
     */
    public record ResidentDetails(String displayName, String householdId, String phone, Integer birthYear,
            VolunteerState volunteerState) {
    }

    /** The actor of changes nobody made by hand (the year turning). */
    public static final String SYSTEM = "system";

    private final ResidentRepository residents;
    private final HouseholdRepository households;
    private final ProxyGrantRepository grants;
    private final HouseholdService householdService;
    private final AuditRepository audit;
    private final RegistryEvents events;
    private final IdempotentRequests idempotent;
    private final Clock clock;

    public ResidentService(ResidentRepository residents, HouseholdRepository households, ProxyGrantRepository grants,
            HouseholdService householdService, AuditRepository audit, RegistryEvents events,
            IdempotentRequests idempotent, Clock clock) {
        this.residents = residents;
        this.households = households;
        this.grants = grants;
        this.householdService = householdService;
        this.audit = audit;
        this.events = events;
        this.idempotent = idempotent;
        this.clock = clock;
    }

    /** The body of a registration, compared by content when the same Idempotency-Key comes again. */
    public record Registration(String memberId, ResidentDetails details) {
    }

    /**
     * Registers a resident, or opens the membership again of one who moved out of this community.
     *
     * @throws ProblemException 409 MEMBER_EXISTS when the member is registered and active (here or elsewhere)
     */
    public Outcome<ResidentView> register(String communityId, String actor, String idempotencyKey,
            Registration registration) {
        return idempotent.onceRequired("register-resident", actor, idempotencyKey, registration, ResidentView.class,
                () -> view(save(communityId, actor, registration.memberId(), registration.details(), false)));
    }

    /**
     * Registers or updates a resident for an approved join request (no Idempotency-Key of its own: the request's
     * decision is what happens once).
     */
    Resident registerForJoinRequest(String communityId, String actor, String memberId, ResidentDetails details) {
        return save(communityId, actor, memberId, details, true);
    }

    private Resident save(String communityId, String actor, String memberId, ResidentDetails written,
            boolean updateIfActive) {
        Resident.Details details = validated(communityId, written);
        Instant now = Instant.now();
        Resident existing = residents.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (existing != null && !existing.communityId().equals(communityId)) {
            throw RegistryProblems.memberExists();
        }
        if (existing == null) {
            Resident resident = Resident.register(memberId, communityId, details, now);
            residents.persist(resident);
            changed(resident, "REGISTERED", null, actor, now);
            return resident;
        }
        if (existing.active() && !updateIfActive) {
            throw RegistryProblems.memberExists();
        }
        String oldHousehold = existing.householdId();
        if (existing.active()) {
            if (existing.update(details, now)) {
                changed(existing, "UPDATED", oldHousehold, actor, now);
            }
        } else {
            existing.moveBackIn(details, now);
            changed(existing, "MOVED_BACK_IN", oldHousehold, actor, now);
        }
        return existing;
    }

    /**
     * @throws ProblemException 404 MEMBER_NOT_FOUND (also for another community's resident), 409 MEMBER_MOVED_OUT
     */
    public ResidentView update(String communityId, String actor, String memberId, ResidentDetails written) {
        Resident.Details details = validated(communityId, written);
        Resident resident = residents.lockInCommunity(communityId, memberId).orElseThrow(RegistryProblems::memberNotFound);
        if (!resident.active()) {
            throw RegistryProblems.movedOut();
        }
        String oldHousehold = resident.householdId();
        Instant now = Instant.now();
        if (resident.update(details, now)) {
            changed(resident, "UPDATED", oldHousehold, actor, now);
        }
        return view(resident);
    }

    /**
     * Closes the membership: status MOVED_OUT, the household link kept. The proxy grants the resident gave and those
     * naming them as proxy end with it (revoked, and published, at once). Moving out twice changes nothing.
     */
    public ResidentView moveOut(String communityId, String actor, String memberId, String reason) {
        Resident resident = residents.lockInCommunity(communityId, memberId).orElseThrow(RegistryProblems::memberNotFound);
        if (!resident.active()) {
            return view(resident);
        }
        Instant now = Instant.now();
        resident.moveOut(now);
        audit.append(communityId, SubjectType.RESIDENT, memberId, memberId, "MOVED_OUT",
                "household=" + resident.householdId() + " reason: " + reason, actor);
        publish(resident, actor, now);
        List<ProxyGrant> ending = new ArrayList<>(grants.lockUnrevokedOf(memberId));
        ending.addAll(grants.lockUnrevokedTo(memberId));
        for (ProxyGrant grant : ending) {
            if (grant.revoke(actor, now)) {
                audit.append(communityId, SubjectType.PROXY_GRANT, grant.id().toString(), grant.memberId(), "REVOKED",
                        "proxy " + grant.proxyId() + ": " + memberId + " moved out", actor);
                events.proxyChanged(grant, now);
            }
        }
        householdService.membersChanged(communityId, resident.householdId(), actor, now);
        return view(resident);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ResidentView get(String communityId, String memberId) {
        return view(residents.inCommunity(communityId, memberId).orElseThrow(RegistryProblems::memberNotFound));
    }

    /** The calling resident's own record. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ResidentView me(String communityId, String memberId) {
        return view(residents.inCommunity(communityId, memberId).orElseThrow(RegistryProblems::notRegistered));
    }

    /** @param status null for every resident */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ResidentView> list(String communityId, MembershipStatus status, int limit) {
        return residents.ofCommunity(communityId, status, limit).stream().map(this::view).toList();
    }

    private void changed(Resident resident, String action, String oldHousehold, String actor, Instant now) {
        audit.append(resident.communityId(), SubjectType.RESIDENT, resident.memberId(), resident.memberId(), action,
                describe(resident), actor);
        publish(resident, actor, now);
        if (!Objects.equals(oldHousehold, resident.householdId())) {
            householdService.membersChanged(resident.communityId(), oldHousehold, actor, now);
            householdService.membersChanged(resident.communityId(), resident.householdId(), actor, now);
        } else if (action.equals("MOVED_BACK_IN")) {
            householdService.membersChanged(resident.communityId(), resident.householdId(), actor, now);
        }
    }

    private void publish(Resident resident, String actor, Instant now) {
        resident.settleElderly(Year.now(clock));
        events.memberChanged(resident, actor, now);
    }

    /**
     * The active residents whose published elderly flag is no longer what the birth year says this year: after
     * 1 January, those who turned 60.
     */
    // A transaction of its own (not SUPPORTS): the job may call it from a thread with no request context.
    public List<String> elderlyOutOfDate() {
        return residents.elderlyDiffersFrom(Year.now(clock));
    }

    /**
     * Publishes the resident again (version + 1, audited as the system's change) if their elderly flag is out of
     * date. The row is locked and compared again first, so a second instance running the same job at the same time
     * finds nothing left to do.
     *
     * @return whether the resident was republished
     */
    public boolean refreshElderly(String memberId) {
        Resident resident = residents.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        Year year = Year.now(clock);
        Instant now = clock.instant();
        if (resident == null || !resident.refreshElderly(year, now)) {
            return false;
        }
        audit.append(resident.communityId(), SubjectType.RESIDENT, memberId, memberId, "ELDERLY_CHANGED",
                "elderly=" + resident.elderly() + " (born " + resident.birthYear() + ", year " + year + ")", SYSTEM);
        events.memberChanged(resident, SYSTEM, now);
        return true;
    }

    private static String describe(Resident resident) {
        return "name=" + resident.displayName() + " household=" + resident.householdId() + " phone="
                + Phone.masked(resident.phone()) + " birthYear=" + resident.birthYear() + " volunteer="
                + resident.volunteerState();
    }

    private Resident.Details validated(String communityId, ResidentDetails written) {
        String phone = null;
        if (written.phone() != null && !written.phone().isBlank()) {
            phone = Phone.normalize(written.phone()).orElseThrow(RegistryProblems::invalidPhone);
        }
        int thisYear = Year.now(clock).getValue();
        if (written.birthYear() != null && (written.birthYear() < 1900 || written.birthYear() > thisYear)) {
            throw RegistryProblems.invalidBirthYear(thisYear);
        }
        if (written.householdId() != null) {
            householdService.require(communityId, written.householdId());
        }
        return new Resident.Details(written.displayName().strip(), written.householdId(), phone, written.birthYear(),
                written.volunteerState() == null ? VolunteerState.NONE : written.volunteerState());
    }

    ResidentView view(Resident resident) {
        String householdName = resident.householdId() == null ? null
                : households.findByIdOptional(resident.householdId()).map(Household::name).orElse(null);
        return new ResidentView(resident.memberId(), resident.displayName(), resident.householdId(), householdName,
                resident.phone(), resident.birthYear(), resident.elderlyIn(Year.now(clock)),
                resident.volunteerState(), resident.status(), resident.version(), resident.updatedAt(),
                resident.movedOutAt());
    }
}
