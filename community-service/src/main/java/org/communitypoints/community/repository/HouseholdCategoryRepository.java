package org.communitypoints.community.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.community.domain.CategoryCode;
import org.communitypoints.community.domain.HouseholdCategory;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** The categories of households (with their evidence). */
@ApplicationScoped
public class HouseholdCategoryRepository implements PanacheRepositoryBase<HouseholdCategory, HouseholdCategory.Key> {

    public List<HouseholdCategory> ofHousehold(String householdId) {
        return list("key.householdId", Sort.by("key.code"), householdId);
    }

    public Optional<HouseholdCategory> of(String householdId, CategoryCode code) {
        return findByIdOptional(new HouseholdCategory.Key(householdId, code));
    }
}
