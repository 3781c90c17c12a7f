package org.communitypoints.activity.repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.ShiftCorrection;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ShiftCorrectionRepository implements PanacheRepositoryBase<ShiftCorrection, UUID> {

    /** The shift's corrections, oldest first: the last one is the shift's current value. */
    public List<ShiftCorrection> ofShift(UUID shiftId) {
        return list("shiftId", Sort.by("sequence"), shiftId);
    }

    public Map<UUID, List<ShiftCorrection>> ofShifts(Collection<UUID> shiftIds) {
        if (shiftIds.isEmpty()) {
            return Map.of();
        }
        return list("shiftId in ?1", Sort.by("sequence"), shiftIds).stream()
                .collect(Collectors.groupingBy(c -> c.shiftId));
    }
}
