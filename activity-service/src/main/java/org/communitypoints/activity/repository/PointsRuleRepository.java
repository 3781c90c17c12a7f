package org.communitypoints.activity.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.PointsRule;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class PointsRuleRepository implements PanacheRepositoryBase<PointsRule, UUID> {

    /** The version in force at {@code at}: the latest whose validity began at or before it. */
    public Optional<PointsRule> inForce(UUID kindId, Instant at) {
        return find("kindId = ?1 and validFrom <= ?2", Sort.descending("validFrom"), kindId, at).firstResultOptional();
    }

    public Optional<PointsRule> version(UUID kindId, int version) {
        return find("kindId = ?1 and version = ?2", kindId, version).firstResultOptional();
    }

    /** Every version of the kind, oldest first. */
    public List<PointsRule> ofKind(UUID kindId) {
        return list("kindId", Sort.by("version"), kindId);
    }
}
