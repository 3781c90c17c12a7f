package org.communitypoints.catalog.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.domain.VoucherCodes;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.MalformedEventException;
import org.communitypoints.contracts.events.PointsCaptureRejected;
import org.communitypoints.contracts.events.PointsCaptured;
import org.communitypoints.contracts.events.PointsHeld;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.communitypoints.contracts.events.PointsReleased;
import org.communitypoints.platform.data.ProcessedEvents;
import org.jboss.logging.Logger;

/**
 * Applies points-service's answers to redemptions. One transaction per partition's share of a poll: each
 * event's processed-event mark, state change and seat or stock given back commit together with the others'. The redemption row
 * is locked and
 * every transition checks where it starts from, so repeats and late arrivals change nothing.
 */
@ApplicationScoped
@Transactional
public class HoldOutcomeService {

    private static final Logger LOG = Logger.getLogger(HoldOutcomeService.class);

    private final ProcessedEvents processed;
    private final RedemptionRepository redemptions;
    private final CapacityService capacity;
    private final RedemptionWaitService waits;

    public HoldOutcomeService(ProcessedEvents processed, RedemptionRepository redemptions, CapacityService capacity,
            RedemptionWaitService waits) {
        this.processed = processed;
        this.redemptions = redemptions;
        this.capacity = capacity;
        this.waits = waits;
    }

    /** An answer as it came: its envelope (whose event id makes it apply once) and its known type. */
    public record Outcome(EventEnvelope envelope, EventType type) {
    }

    /**
     * Applies a share of answers in their order, all or none: a redelivered share skips the ones applied.
     *
     * @throws MalformedEventException when a payload cannot be applied, whatever the retries (the share is split)
     */
    public void applyAll(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            apply(outcome.envelope(), outcome.type());
        }
    }

    /** @throws MalformedEventException when the payload cannot be applied, whatever the retries */
    public void apply(EventEnvelope envelope, EventType type) {
        if (!processed.firstDelivery(envelope)) {
            return;
        }
        switch (type) {
            case POINTS_HELD -> held(envelope, EventCodec.payload(envelope, PointsHeld.class));
            case POINTS_HOLD_REJECTED -> holdRejected(envelope, EventCodec.payload(envelope, PointsHoldRejected.class));
            case POINTS_CAPTURED -> captured(envelope, EventCodec.payload(envelope, PointsCaptured.class));
            case POINTS_CAPTURE_REJECTED ->
                captureRejected(envelope, EventCodec.payload(envelope, PointsCaptureRejected.class));
            case POINTS_RELEASED -> released(envelope, EventCodec.payload(envelope, PointsReleased.class));
            default -> LOG.debugf("Ignoring %s on the holds topic", envelope.type());
        }
    }

    private void held(EventEnvelope envelope, PointsHeld event) {
        Redemption r = redemption(envelope, event.redemptionId());
        if (r != null && !r.confirm(VoucherCodes.next())) {
            LOG.infof("PointsHeld for redemption %s in state %s: nothing to do", r.id, r.state);
        }
    }

    private void holdRejected(EventEnvelope envelope, PointsHoldRejected event) {
        Redemption r = redemption(envelope, event.redemptionId());
        if (r != null && r.reject(event.code() == null ? "HOLD_REJECTED" : event.code(), event.detail())) {
            capacity.giveBack(r);
        }
    }

    private void captured(EventEnvelope envelope, PointsCaptured event) {
        Redemption r = redemption(envelope, event.redemptionId());
        if (r != null) {
            r.captured(envelope.occurredAt());
        }
    }

    private void captureRejected(EventEnvelope envelope, PointsCaptureRejected event) {
        Redemption r = redemption(envelope, event.redemptionId());
        if (r != null && r.captureFailed(event.code() == null ? "CAPTURE_REJECTED" : event.code(), event.detail())) {
            LOG.warnf("Capture of redemption %s refused (%s): staff must review it", r.id, event.code());
        }
    }

    /**
     * A release confirms a cancellation or expiry. Released with EXPIRED before the catalog ended the
     * redemption means points-service let the hold lapse: the voucher is dead and the seat goes back.
     */
    private void released(EventEnvelope envelope, PointsReleased event) {
        Redemption r = redemption(envelope, event.redemptionId());
        if (r == null) {
            return;
        }
        r.released(envelope.occurredAt());
        if ("EXPIRED".equals(event.reason())
                && r.expire("HOLD_EXPIRED", "The points hold lapsed before the voucher was used.")) {
            capacity.giveBack(r);
        }
    }

    private Redemption redemption(EventEnvelope envelope, UUID redemptionId) {
        if (redemptionId == null) {
            throw new MalformedEventException(envelope.type() + " " + envelope.eventId() + " has no redemptionId", null);
        }
        Redemption r = redemptions.lock(redemptionId).orElse(null);
        if (r == null || !r.communityId.equals(envelope.communityId())) {
            LOG.warnf("%s %s names redemption %s, which this catalog does not have", envelope.type(),
                    envelope.eventId(), redemptionId);
            return null;
        }
        if (r.state == RedemptionState.PENDING) {
            // A resident may be waiting for this answer (Prefer: wait): told once it is committed.
            waits.wakeAfterCommit(r.id);
        }
        return r;
    }
}
