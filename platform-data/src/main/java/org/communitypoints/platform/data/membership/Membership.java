package org.communitypoints.platform.data.membership;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.communitypoints.contracts.events.HouseholdCategory;
import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.contracts.events.MemberChanged.VolunteerState;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.web.ProblemException;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The checks every service makes against its copy of the registry: is this id an active resident of the caller's
 * community, which household and categories do they have on a day, may this proxy act for them. Reads only the copy
 * (never community-service), in the caller's transaction when there is one.
 *
 * <p>
 * Another community's resident is answered exactly like an unknown id: the caller learns nothing about who lives
 * elsewhere.
 */
@ApplicationScoped
@IfBuildProperty(name = Membership.ENABLED, stringValue = "true")
public class Membership {

    /** Build-time switch of the whole package (see the package Javadoc). */
    public static final String ENABLED = "platform.membership.enabled";

    private final EntityManager entityManager;

    public Membership(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The member as the copy holds them, in the given community only. */
    public Optional<Member> find(String communityId, String memberId) {
        if (memberId == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select member_id, community_id, display_name, household_id, status, elderly, volunteer_state, version
                  from member_copy where member_id = :member and community_id = :community""")
                .setParameter("member", memberId)
                .setParameter("community", communityId)
                .getResultList();
        return rows.stream().findFirst().map(Membership::member);
    }

    /** A member from the first eight columns of a {@code member_copy} row, in the table's order. */
    private static Member member(Object[] r) {
        return new Member((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                MembershipStatus.valueOf((String) r[4]), (Boolean) r[5], VolunteerState.valueOf((String) r[6]),
                ((Number) r[7]).longValue());
    }

    /**
     * The display names the copy holds for these members of the community (one query for a whole list); a member the
     * copy does not have (yet), or of another community, is absent from the map.
     */
    public Map<String, String> displayNames(String communityId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select member_id, display_name from member_copy
                 where community_id = :community and member_id = any(cast(:members as text[]))""")
                .setParameter("community", communityId)
                .setParameter("members", memberIds.stream().distinct().toArray(String[]::new))
                .getResultList();
        Map<String, String> names = new HashMap<>();
        rows.forEach(r -> names.put((String) r[0], (String) r[1]));
        return names;
    }

    /**
     * @throws ProblemException 422 MEMBER_NOT_REGISTERED when the copy has no such resident in the community,
     *         422 MEMBER_MOVED_OUT when they moved out
     */
    public Member requireActive(String communityId, String memberId) {
        return activeResident(find(communityId, memberId), memberId);
    }

    /**
     * As {@link #requireActive}, for the caller themself: refused with 403 (the caller's account, not a field of the
     * request, is what is wrong) and a text that speaks to them.
     */
    public Member requireActiveSelf(String communityId, String callerId) {
        return activeSelf(find(communityId, callerId));
    }

    /**
     * As {@link #requireActive}, with the household's categories valid on the day read in the same query: for a
     * request that checks a resident and prices by their household (a redemption), one round trip instead of two.
     */
    public ResidentOnDay requireActiveOn(String communityId, String memberId, LocalDate day) {
        Optional<ResidentOnDay> resident = findOn(communityId, memberId, day);
        activeResident(resident.map(ResidentOnDay::member), memberId);
        return resident.get();
    }

    /** As {@link #requireActiveSelf}, with the household's categories valid on the day (see {@link #requireActiveOn}). */
    public ResidentOnDay requireActiveSelfOn(String communityId, String callerId, LocalDate day) {
        Optional<ResidentOnDay> resident = findOn(communityId, callerId, day);
        activeSelf(resident.map(ResidentOnDay::member));
        return resident.get();
    }

    private static Member activeResident(Optional<Member> found, String memberId) {
        Member member = found.orElseThrow(() -> ProblemException.unprocessable(
                "MEMBER_NOT_REGISTERED", memberId + " is not a registered resident of your community. "
                        + "Please ask the community office to register them first.")
                .withArgs(memberId));
        if (!member.active()) {
            throw ProblemException.unprocessable("MEMBER_MOVED_OUT",
                    memberId + " has moved out of the community and can no longer do this.").withArgs(memberId);
        }
        return member;
    }

    private static Member activeSelf(Optional<Member> found) {
        Member member = found.orElseThrow(() -> ProblemException.forbidden(
                "MEMBER_NOT_REGISTERED", "Your account is not registered as a resident of your community yet. "
                        + "Please ask your community office.")
                .withMessage("MEMBER_NOT_REGISTERED.self"));
        if (!member.active()) {
            throw ProblemException.forbidden("MEMBER_MOVED_OUT",
                    "Your membership of this community has ended (moved out).").withMessage("MEMBER_MOVED_OUT.self");
        }
        return member;
    }

    /**
     * An active resident who is a registered volunteer (not NONE, not SUSPENDED): the only ones shifts are recorded
     * for.
     *
     * @throws ProblemException 422 VOLUNTEER_NOT_REGISTERED besides the refusals of {@link #requireActive}
     */
    public Member requireVolunteer(String communityId, String memberId) {
        Member member = requireActive(communityId, memberId);
        if (member.volunteerState() != VolunteerState.REGISTERED) {
            throw ProblemException.unprocessable("VOLUNTEER_NOT_REGISTERED", memberId
                    + " is not a registered volunteer (or is paused): no shift can be recorded for them.")
                    .withArgs(memberId);
        }
        return member;
    }

    /**
     * The means-tested categories (e.g. DIBAO) of the member's household valid on the day; empty when they belong
     * to no household, or to one the copy does not know yet, or one that is closed.
     */
    public Set<HouseholdCategory> householdCategories(String communityId, String memberId, LocalDate day) {
        return findOn(communityId, memberId, day).map(ResidentOnDay::categories)
                .orElseGet(() -> EnumSet.noneOf(HouseholdCategory.class));
    }

    /**
     * The member (in the given community only) and their household's categories valid on the day, in one query: a row
     * per category, or one row without a category when none applies (no household, one the copy does not know, a
     * closed one, none valid that day).
     */
    public Optional<ResidentOnDay> findOn(String communityId, String memberId, LocalDate day) {
        if (memberId == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select m.member_id, m.community_id, m.display_name, m.household_id, m.status, m.elderly,
                       m.volunteer_state, m.version, c.code
                  from member_copy m
                  left join household_copy h
                    on h.household_id = m.household_id and h.community_id = m.community_id and h.status = 'ACTIVE'
                  left join household_category_copy c
                    on c.household_id = h.household_id
                   and c.valid_from <= :day and (c.valid_until is null or c.valid_until >= :day)
                 where m.member_id = :member and m.community_id = :community""")
                .setParameter("member", memberId)
                .setParameter("community", communityId)
                .setParameter("day", Date.valueOf(day))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Set<HouseholdCategory> categories = EnumSet.noneOf(HouseholdCategory.class);
        rows.stream().map(r -> (String) r[8]).filter(Objects::nonNull).map(HouseholdCategory::fromCode)
                .filter(Objects::nonNull).forEach(categories::add);
        return Optional.of(new ResidentOnDay(member(rows.get(0)), categories));
    }

    /** Whether the copy holds a grant for the proxy to act for the member within the scope, unrevoked and unexpired. */
    public boolean mayActFor(String communityId, String proxyId, String memberId, Scope scope, Instant at) {
        return ((Number) entityManager.createNativeQuery("""
                select count(*) from proxy_grant_copy
                 where community_id = :community and proxy_id = :proxy and member_id = :member
                   and revoked_at is null and valid_until > :at and :scope = any (scopes)""")
                .setParameter("community", communityId)
                .setParameter("proxy", proxyId)
                .setParameter("member", memberId)
                .setParameter("at", Timestamp.from(at))
                .setParameter("scope", scope.name())
                .getSingleResult()).longValue() > 0;
    }
}
