package org.communitypoints.activity.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.ActivityKind;
import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftCorrection;
import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.events.ShiftCorrected;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.platform.data.Outbox;

/**
 * Announces points-bearing changes through the outbox, in the caller's transaction (the relay sends them to
 * Kafka after commit). The event id is derived from the change itself, so a retried request or a re-relayed
 * row always carries the same id and points-service credits it once.
 */
@ApplicationScoped
public class ShiftEvents {

    private final Outbox outbox;

    public ShiftEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public static UUID verifiedEventId(UUID shiftId) {
        return DerivedIds.of("ShiftVerified", shiftId.toString());
    }

    public static UUID correctedEventId(UUID correctionId) {
        return DerivedIds.of("ShiftCorrected", correctionId.toString());
    }

    /** @return the event's id, which the export log records beside the verification */
    public UUID verified(Shift shift, Activity activity, ActivityKind kind) {
        UUID eventId = verifiedEventId(shift.id);
        outbox.publish(eventId, shift.communityId, new ShiftVerified(shift.id, shift.memberId, activity.id,
                activity.title, kind.code, shift.servedOn, shift.minutes, shift.points, shift.ruleVersion,
                shift.verifiedBy, shift.verifiedAt));
        return eventId;
    }

    /** @return the event's id, which the export log records beside the correction */
    public UUID corrected(ShiftCorrection correction, Activity activity) {
        UUID eventId = correctedEventId(correction.id);
        outbox.publish(eventId, correction.communityId, new ShiftCorrected(correction.id, correction.shiftId,
                correction.memberId, activity.title, correction.correctedMinutes, correction.previousPoints,
                correction.correctedPoints, correction.reason, correction.correctedBy, correction.correctedAt));
        return eventId;
    }
}
