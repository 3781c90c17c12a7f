package org.communitypoints.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/**
 * A grid worker or staff member verified a shift: points-service credits {@code points} to the resident,
 * exactly once per {@code shiftId}.
 *
 * @param points the value the rule in force on {@code servedOn} gives {@code minutes}; never recomputed
 */
public record ShiftVerified(
        UUID shiftId,
        String memberId,
        UUID activityId,
        String activityTitle,
        String activityKind,
        LocalDate servedOn,
        int minutes,
        long points,
        int ruleVersion,
        String verifiedBy,
        Instant verifiedAt) implements ContractEvent {
}
