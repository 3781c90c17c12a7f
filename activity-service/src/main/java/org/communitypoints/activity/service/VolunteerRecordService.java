package org.communitypoints.activity.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;

/** A resident's volunteer record (what they served and earned) and single shifts, read within the community. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class VolunteerRecordService {

    private final ShiftRepository shifts;
    private final ShiftDetailsService details;
    private final Caller caller;

    public VolunteerRecordService(ShiftRepository shifts, ShiftDetailsService details, Caller caller) {
        this.shifts = shifts;
        this.details = details;
        this.caller = caller;
    }

    /** Every shift, and the totals of verified ones after corrections. */
    public record VolunteerRecord(String memberId, int verifiedShifts, long minutes, BigDecimal hours,
            long pointsEarned, List<ShiftDetails> shifts) {
    }

    /**
     * A resident reads only their own record; grid workers and staff read any resident's record within
     * their own community (the shifts are filtered by the caller's community).
     */
    public VolunteerRecord record(String memberId) {
        boolean official = caller.hasRole(Roles.STAFF) || caller.hasRole(Roles.GRID_WORKER);
        if (!official && !memberId.equals(caller.id())) {
            throw ProblemException.forbidden("NOT_YOUR_RECORD", "You can only look at your own volunteer record.");
        }
        List<ShiftDetails> all = details.of(shifts.ofMember(memberId, caller.communityId()));
        List<ShiftDetails> counted = all.stream().filter(ShiftDetails::counts).toList();
        long minutes = counted.stream().mapToLong(ShiftDetails::currentMinutes).sum();
        long points = counted.stream().mapToLong(ShiftDetails::currentPoints).sum();
        return new VolunteerRecord(memberId, counted.size(), minutes, Hours.of(minutes), points, all);
    }

    public ShiftDetails shift(UUID id) {
        return details.of(shifts.findInCommunity(id, caller.communityId()).orElseThrow(NotFound::shift));
    }
}
