package org.communitypoints.activity.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.ShiftAuditEntry;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ShiftAuditRepository implements PanacheRepositoryBase<ShiftAuditEntry, Long> {

    public List<ShiftAuditEntry> ofShift(UUID shiftId) {
        return list("shiftId", Sort.by("seq"), shiftId);
    }
}
