package org.communitypoints.catalog.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.domain.ClassSession;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** Dated sessions of the community's classes. Seats are taken by guarded SQL in {@link CapacityRepository}. */
@ApplicationScoped
public class ClassSessionRepository implements PanacheRepositoryBase<ClassSession, UUID> {

    /** Sessions not yet over, earliest first, with their current seat counts. */
    public List<ClassSession> upcoming(UUID rewardId, Instant now) {
        List<ClassSession> sessions = list("rewardId = ?1 and endsAt > ?2", Sort.by("startsAt"), rewardId, now);
        sessions.forEach(getEntityManager()::refresh);
        return sessions;
    }
}
