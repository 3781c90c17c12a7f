package org.communitypoints.community.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.communitypoints.community.domain.Household;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** Households by id; a change locks the row first, so versions rise by exactly one per change. */
@ApplicationScoped
public class HouseholdRepository implements PanacheRepositoryBase<Household, String> {

    public Optional<Household> lockInCommunity(String communityId, String householdId) {
        return findByIdOptional(householdId, LockModeType.PESSIMISTIC_WRITE)
                .filter(h -> h.communityId().equals(communityId));
    }

    public Optional<Household> inCommunity(String communityId, String householdId) {
        return findByIdOptional(householdId).filter(h -> h.communityId().equals(communityId));
    }

    public List<Household> ofCommunity(String communityId, int limit) {
        return find("communityId", Sort.by("name").and("id"), communityId).page(0, limit).list();
    }
}
