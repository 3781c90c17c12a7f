package org.communitypoints.community.repository;

import java.time.Year;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.communitypoints.community.domain.Resident;
import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Residents by member id; a change locks the row first, so versions rise by exactly one per change. */
@ApplicationScoped
public class ResidentRepository implements PanacheRepositoryBase<Resident, String> {

    /** The resident of that community, locked for a change; empty also when the id is another community's. */
    public Optional<Resident> lockInCommunity(String communityId, String memberId) {
        return findByIdOptional(memberId, LockModeType.PESSIMISTIC_WRITE)
                .filter(r -> r.communityId().equals(communityId));
    }

    public Optional<Resident> inCommunity(String communityId, String memberId) {
        return findByIdOptional(memberId).filter(r -> r.communityId().equals(communityId));
    }

    /** @param status null for every resident */
    public List<Resident> ofCommunity(String communityId, MembershipStatus status, int limit) {
        if (status == null) {
            return find("communityId", Sort.by("displayName").and("memberId"), communityId).page(0, limit).list();
        }
        return find("communityId = :c and status = :s", Sort.by("displayName").and("memberId"),
                Parameters.with("c", communityId).and("s", status)).page(0, limit).list();
    }

    /** Member ids of the active residents whose stored elderly flag differs from the rule in {@code year}. */
    public List<String> elderlyDiffersFrom(Year year) {
        int bornLatest = year.getValue() - Resident.ELDERLY_AGE;
        return getEntityManager().createQuery("""
                select r.memberId from Resident r
                 where r.status = :active
                   and ((r.elderly = false and r.birthYear <= :bornLatest)
                     or (r.elderly = true and (r.birthYear is null or r.birthYear > :bornLatest)))
                 order by r.memberId""", String.class)
                .setParameter("active", MembershipStatus.ACTIVE).setParameter("bornLatest", bornLatest).getResultList();
    }

    public List<Resident> ofHousehold(String householdId) {
        return list("householdId", Sort.by("displayName").and("memberId"), householdId);
    }

    public long activeInHousehold(String householdId) {
        return count("householdId = ?1 and status = ?2", householdId, MembershipStatus.ACTIVE);
    }
}
