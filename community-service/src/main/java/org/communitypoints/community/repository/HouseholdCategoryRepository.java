package org.communitypoints.community.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.community.domain.CategoryTag;
import org.communitypoints.contracts.events.HouseholdCategory;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** The categories of households (with their evidence). */
@ApplicationScoped
public class HouseholdCategoryRepository implements PanacheRepositoryBase<CategoryTag, CategoryTag.Key> {

    public List<CategoryTag> ofHousehold(String householdId) {
        return list("key.householdId", Sort.by("key.code"), householdId);
    }

    public Optional<CategoryTag> of(String householdId, HouseholdCategory code) {
        return findByIdOptional(new CategoryTag.Key(householdId, code));
    }
}
