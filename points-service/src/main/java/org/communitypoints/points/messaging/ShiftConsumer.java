package org.communitypoints.points.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.events.ShiftCorrected;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.platform.data.Retrying;
import org.communitypoints.platform.data.TransientFailures;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.service.ShiftCreditingService;
import org.communitypoints.points.service.ShiftCreditingService.Rejected;
import org.communitypoints.points.service.ShiftEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes activity-service's shifts in batches, one database transaction per batch. A batch that fails
 * for a reason other than a passing database trouble is split, so that only the record that can never be
 * processed goes to the dead-letter topic and the rest of the partition moves on.
 */
@ApplicationScoped
public class ShiftConsumer {

    private static final Logger LOG = Logger.getLogger(ShiftConsumer.class);

    private final ShiftCreditingService crediting;
    private final Retrying retrying;
    private final ExecutorService partitionWorkers;

    public ShiftConsumer(ShiftCreditingService crediting, PointsConfig config, Retrying retrying) {
        this.crediting = crediting;
        this.retrying = retrying;
        this.partitionWorkers = Executors.newFixedThreadPool(config.consumer().parallelPartitions(), runnable -> {
            Thread thread = new Thread(runnable, "shift-partition-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Incoming("shifts")
    // ordered: one batch at a time, so a resident's correction never overtakes the credit it corrects
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        long started = System.nanoTime();
        List<ShiftEvent> events = new ArrayList<>(records.count());
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                read(record).ifPresent(events::add);
            } catch (Inbound.Unprocessable e) {
                rejected.add(new Rejected(Inbound.source(record), e.getMessage()));
            }
        }
        long decoded = System.nanoTime();
        applyPerPartition(events, rejected);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Applied %d shift records (decode %d ms, database %d ms)", records.count(),
                    (decoded - started) / 1_000_000, (System.nanoTime() - decoded) / 1_000_000);
        }
    }

    private static Optional<ShiftEvent> read(ConsumerRecord<String, String> record) {
        return Inbound.decode(record, EventType.SHIFT_VERIFIED, EventType.SHIFT_CORRECTED).map(event -> {
            if (event.payload() instanceof ShiftVerified shift) {
                Inbound.require(shift.shiftId() != null, event, "shiftId is missing");
                Inbound.require(shift.points() > 0, event, "points must be positive, was " + shift.points());
            } else if (event.payload() instanceof ShiftCorrected correction) {
                Inbound.require(correction.correctionId() != null, event, "correctionId is missing");
                Inbound.require(correction.previousPoints() >= 0 && correction.correctedPoints() >= 0, event,
                        "points must not be negative");
            }
            return new ShiftEvent(event.envelope().eventId(), event.envelope().type(), event.envelope().communityId(),
                    event.payload(), event.source());
        });
    }

    /**
     * A poll brings records of several partitions: each partition's share is applied in a transaction of
     * its own, side by side. Their residents differ (the key is the resident), so they never wait for each
     * other, and each partition's records still apply in order.
     */
    private void applyPerPartition(List<ShiftEvent> events, List<Rejected> rejected) {
        Map<Integer, List<ShiftEvent>> eventsByPartition = new TreeMap<>();
        Map<Integer, List<Rejected>> rejectedByPartition = new TreeMap<>();
        events.forEach(e -> eventsByPartition.computeIfAbsent(e.source().partition(), p -> new ArrayList<>()).add(e));
        rejected.forEach(r -> rejectedByPartition.computeIfAbsent(r.source().partition(), p -> new ArrayList<>()).add(r));
        Set<Integer> partitions = new TreeSet<>(eventsByPartition.keySet());
        partitions.addAll(rejectedByPartition.keySet());
        if (partitions.size() <= 1) {
            apply(events, rejected);
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (Integer partition : partitions) {
            running.add(partitionWorkers.submit(() -> apply(eventsByPartition.getOrDefault(partition, List.of()),
                    rejectedByPartition.getOrDefault(partition, List.of()))));
        }
        RuntimeException failure = null;
        for (Future<?> share : running) {
            try {
                share.get();
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying shifts", e);
            }
        }
        if (failure != null) {
            throw failure; // the shares that committed are recorded as processed: the redelivery skips them
        }
    }

    @PreDestroy
    void stop() {
        partitionWorkers.shutdown();
    }

    private void apply(List<ShiftEvent> events, List<Rejected> rejected) {
        if (events.isEmpty() && rejected.isEmpty()) {
            return;
        }
        try {
            // each attempt is a transaction of its own (ShiftCreditingService.apply opens it)
            retrying.run(() -> crediting.apply(events, rejected));
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw e; // still failing after the retries: the channel fails and readiness goes down
            } else if (events.size() + rejected.size() > 1) {
                LOG.warnf("Shift batch failed, applying its records one by one: %s", Inbound.reason(e));
                events.forEach(event -> apply(List.of(event), List.of()));
                rejected.forEach(r -> apply(List.of(), List.of(r)));
                return;
            } else if (events.isEmpty()) {
                // not even its dead letter can be stored: say so loudly rather than stop the partition
                Rejected letter = rejected.get(0);
                LOG.errorf(e, "Dropping %s-%d@%d, which could not be dead-lettered either (%s)",
                        letter.source().topic(), letter.source().partition(), letter.source().offset(),
                        letter.reason());
                return;
            } else {
                ShiftEvent event = events.get(0);
                apply(List.of(), List.of(new Rejected(event.source(), "cannot be applied: " + Inbound.reason(e))));
                return;
            }
        }
    }
}
