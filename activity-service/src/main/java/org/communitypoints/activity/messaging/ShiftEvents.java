package org.communitypoints.activity.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.ActivityKind;
import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftCorrection;
import org.communitypoints.activity.repository.LedgerRepository;
import org.communitypoints.contracts.events.ShiftCorrected;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.platform.data.Outbox;

/**
 * Announces points-bearing changes: the outbox row (relayed to Kafka after commit) and the export ledger
 * row are written in the caller's transaction, with an event id derived from the change itself so that a
 * retried request or a re-relayed row always carries the same id.
 */
@ApplicationScoped
public class ShiftEvents {

    private final Outbox outbox;
    private final LedgerRepository ledger;

    public ShiftEvents(Outbox outbox, LedgerRepository ledger) {
        this.outbox = outbox;
        this.ledger = ledger;
    }

    public static UUID verifiedEventId(UUID shiftId) {
        return UUID.nameUUIDFromBytes(("ShiftVerified:" + shiftId).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID correctedEventId(UUID correctionId) {
        return UUID.nameUUIDFromBytes(("ShiftCorrected:" + correctionId).getBytes(StandardCharsets.UTF_8));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void verified(Shift shift, Activity activity, ActivityKind kind) {
        UUID eventId = verifiedEventId(shift.id);
        outbox.publish(eventId, shift.communityId, new ShiftVerified(shift.id, shift.memberId, activity.id,
                activity.title, kind.code, shift.servedOn, shift.minutes, shift.points, shift.ruleVersion,
                shift.verifiedBy, shift.verifiedAt));
        ledger.append("SHIFT_VERIFIED", shift.id, null, shift.communityId, shift.memberId, shift.points, null, null,
                eventId, shift.verifiedAt);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void corrected(ShiftCorrection correction, Activity activity) {
        UUID eventId = correctedEventId(correction.id);
        outbox.publish(eventId, correction.communityId, new ShiftCorrected(correction.id, correction.shiftId,
                correction.memberId, activity.title, correction.correctedMinutes, correction.previousPoints,
                correction.correctedPoints, correction.reason, correction.correctedBy, correction.correctedAt));
        ledger.append("SHIFT_CORRECTED", correction.shiftId, correction.id, correction.communityId,
                correction.memberId, null, correction.previousPoints, correction.correctedPoints, eventId,
                correction.correctedAt);
    }
}
