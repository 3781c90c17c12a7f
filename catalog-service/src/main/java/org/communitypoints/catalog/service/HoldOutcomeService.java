package org.communitypoints.catalog.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

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
 * Applies points-service's answers to redemptions. One transaction per poll: each event's processed-event mark,
 * state change and seat or stock given back commit together with the others'. The poll
 * is applied set-wise: one statement marks every event processed (and tells which were not before), one locks every
 * redemption they name; the transitions then run in the poll's order on those rows, and one statement writes every
 * redemption they changed. Every transition checks where it starts from, so repeats and late arrivals change nothing.
 */
@ApplicationScoped
@Transactional
public class HoldOutcomeService {

    private static final Logger LOG = Logger.getLogger(HoldOutcomeService.class);

    private final ProcessedEvents processed;
    private final RedemptionRepository redemptions;
    private final CapacityService capacity;
    private final RedemptionWaitService waits;

    public HoldOutcomeService(ProcessedEvents processed, RedemptionRepository redemptions,
            CapacityService capacity, RedemptionWaitService waits) {
        this.processed = processed;
        this.redemptions = redemptions;
        this.capacity = capacity;
        this.waits = waits;
    }

    /** An answer as it came: its envelope (whose event id makes it apply once) and its known type. */
    public record Outcome(EventEnvelope envelope, EventType type) {
    }

    /** An answer read: the redemption it is about and its payload; both null for a type this service ignores. */
    private record Answer(EventEnvelope envelope, EventType type, UUID redemptionId, Object payload) {

        /** @throws MalformedEventException when the payload cannot be applied, whatever the retries */
        static Answer read(Outcome outcome) {
            EventEnvelope envelope = outcome.envelope();
            Object payload;
            UUID redemptionId;
            switch (outcome.type()) {
                case POINTS_HELD -> {
                    PointsHeld event = EventCodec.payload(envelope, PointsHeld.class);
                    payload = event;
                    redemptionId = event.redemptionId();
                }
                case POINTS_HOLD_REJECTED -> {
                    PointsHoldRejected event = EventCodec.payload(envelope, PointsHoldRejected.class);
                    payload = event;
                    redemptionId = event.redemptionId();
                }
                case POINTS_CAPTURED -> {
                    PointsCaptured event = EventCodec.payload(envelope, PointsCaptured.class);
                    payload = event;
                    redemptionId = event.redemptionId();
                }
                case POINTS_CAPTURE_REJECTED -> {
                    PointsCaptureRejected event = EventCodec.payload(envelope, PointsCaptureRejected.class);
                    payload = event;
                    redemptionId = event.redemptionId();
                }
                case POINTS_RELEASED -> {
                    PointsReleased event = EventCodec.payload(envelope, PointsReleased.class);
                    payload = event;
                    redemptionId = event.redemptionId();
                }
                default -> {
                    return new Answer(envelope, outcome.type(), null, null);
                }
            }
            if (redemptionId == null) {
                throw new MalformedEventException(envelope.type() + " " + envelope.eventId() + " has no redemptionId",
                        null);
            }
            return new Answer(envelope, outcome.type(), redemptionId, payload);
        }
    }

    /**
     * Applies a poll's answers in their order, all or none: a redelivered poll skips the ones applied, and an
     * answer repeated within the poll is applied once.
     *
     * @throws MalformedEventException when a payload cannot be applied, whatever the retries (the poll is split);
     *         every payload is read before anything is written
     */
    public void applyAll(List<Outcome> outcomes) {
        List<Answer> answers = new ArrayList<>(outcomes.size());
        for (Outcome outcome : outcomes) {
            answers.add(Answer.read(outcome));
        }
        List<Answer> firstDeliveries = processed.firstDeliveries(answers, Answer::envelope);
        Map<UUID, Redemption> locked = new HashMap<>();
        Map<UUID, RedemptionRepository.Answered> before = new HashMap<>();
        redemptions.lockAllToAnswer(firstDeliveries.stream()
                .filter(a -> a.redemptionId() != null)
                .map(Answer::redemptionId).collect(Collectors.toCollection(TreeSet::new)))
                .forEach(r -> {
                    locked.put(r.id, r);
                    before.put(r.id, RedemptionRepository.Answered.of(r));
                });
        for (Answer answer : firstDeliveries) {
            apply(answer, locked);
        }
        redemptions.writeAnswered(locked.values().stream()
                .filter(r -> !RedemptionRepository.Answered.of(r).equals(before.get(r.id)))
                .toList());
    }

    private void apply(Answer answer, Map<UUID, Redemption> locked) {
        if (answer.redemptionId() == null) {
            LOG.debugf("Ignoring %s on the holds topic", answer.envelope().type());
            return;
        }
        Redemption r = redemption(answer.envelope(), answer.redemptionId(), locked);
        if (r == null) {
            return;
        }
        switch (answer.type()) {
            case POINTS_HELD -> held(r);
            case POINTS_HOLD_REJECTED -> holdRejected(r, (PointsHoldRejected) answer.payload());
            case POINTS_CAPTURED -> r.captured(answer.envelope().occurredAt());
            case POINTS_CAPTURE_REJECTED -> captureRejected(r, (PointsCaptureRejected) answer.payload());
            case POINTS_RELEASED -> released(r, answer.envelope(), (PointsReleased) answer.payload());
            default -> throw new IllegalStateException("no transition for " + answer.type());
        }
    }

    private void held(Redemption r) {
        if (!r.confirm(VoucherCodes.next())) {
            LOG.infof("PointsHeld for redemption %s in state %s: nothing to do", r.id, r.state);
        }
    }

    private void holdRejected(Redemption r, PointsHoldRejected event) {
        if (r.reject(event.code() == null ? "HOLD_REJECTED" : event.code(), event.detail())) {
            capacity.giveBack(r);
        }
    }

    private void captureRejected(Redemption r, PointsCaptureRejected event) {
        if (r.captureFailed(event.code() == null ? "CAPTURE_REJECTED" : event.code(), event.detail())) {
            LOG.warnf("Capture of redemption %s refused (%s): staff must review it", r.id, event.code());
        }
    }

    /**
     * A release confirms a cancellation or expiry. Released with EXPIRED before the catalog ended the
     * redemption means points-service let the hold lapse: the voucher is dead and the seat goes back.
     */
    private void released(Redemption r, EventEnvelope envelope, PointsReleased event) {
        r.released(envelope.occurredAt());
        if ("EXPIRED".equals(event.reason())
                && r.expire("HOLD_EXPIRED", "The points hold lapsed before the voucher was used.")) {
            capacity.giveBack(r);
        }
    }

    private Redemption redemption(EventEnvelope envelope, UUID redemptionId, Map<UUID, Redemption> locked) {
        Redemption r = locked.get(redemptionId);
        if (r == null || !r.communityId.equals(envelope.communityId())) {
            LOG.warnf("%s %s names redemption %s, which this catalog does not have", envelope.type(),
                    envelope.eventId(), redemptionId);
            return null;
        }
        if (r.state == RedemptionState.PENDING) {
            // A resident may be waiting for this answer (Prefer: wait): told once it is committed.
            waits.wakeAfterCommit(r);
        }
        return r;
    }
}
