package org.communitypoints.platform.data;

import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The one way a consumer of the suite applies what it consumed. Given a record (or a batch) and the work that
 * applies it, it sorts every failure with {@link TransientFailures}:
 * <ul>
 * <li><b>transient</b> (database or broker away, pool, lock, statement or transaction timeout, deadlock,
 * serialization failure): the work is tried again, with a pause growing from {@code platform.inbound.initial-delay}
 * (100 ms) to {@code platform.inbound.max-delay} (30 s), for as long as the failure lasts. The call does not
 * return meanwhile, so nothing behind the record is applied out of order; the record is never dead-lettered,
 * never dropped, and the channel never ends. {@link ConsumerReadiness} reports the channel DOWN ("database
 * unavailable, 37 records waiting on catalog.redemptions-0") until the work succeeds.</li>
 * <li><b>permanent</b> (malformed, semantically impossible, a bug): the record goes to the service's dead-letter
 * store and {@code <topic>.dead-letter} ({@link DeadLetters}) with its reason, and the partition moves on. In a
 * batch only the bad record goes: a batch that fails permanently is split in halves until the failing record
 * stands alone; the others are applied in their order. Storing the dead letter is retried like any work while
 * it fails transiently.</li>
 * </ul>
 * Exactly-once of the effect stays the service's business: its method records the event id with
 * {@link ProcessedEvents} in the transaction of the effect, so that a retry or a redelivery after a crash
 * changes nothing twice. The work must run a transaction of its own each time (a {@code @Transactional} service
 * method called from a consumer that has none); never call this class inside a transaction.
 *
 * <pre>
 * {@code
 * &#64;Incoming("redemptions")
 * &#64;Blocking // ordered: one record at a time, in partition order
 * public void consume(ConsumerRecord<String, String> record) {
 *     inbound.apply("redemptions", record, r -> holds.handle(Inbound.decode(r))); // throws to dead-letter
 * }
 *
 * &#64;Incoming("shifts") // batch=true
 * @Blocking
 * public void consume(ConsumerRecords<String, String> records) {
 *     inbound.applyBatch("shifts", records, share -> crediting.apply(decode(share))); // one partition's share, in order
 * }
 * }
 * </pre>
 *
 * A record the service does not handle (an unknown event type) is simply returned from, not thrown.
 *
 * <p>
 * <b>Channel configuration every consumer must set</b> ({@code mp.messaging.incoming.<channel>.}):
 * <ul>
 * <li>{@code throttled.unprocessed-record-max-age.ms=0} with the default {@code commit-strategy=throttled}:
 * otherwise a record still unacknowledged after 60 s (a database outage longer than that) makes the connector
 * report a failure that marks the channel unhealthy and ends the consumer. The stall is reported by
 * {@link ConsumerReadiness} instead, and the number of records held is bounded by the connector's own queue
 * (below), so switching the age check off costs no memory.</li>
 * <li>Leave {@code pause-if-no-requests} at its default ({@code true}) and {@code max.poll.interval.ms} as it
 * is: the connector polls on its own thread, not on the {@code @Blocking} worker that waits here; when its
 * queue ({@code max.poll.records × max-queue-size-factor}, two batches in batch mode) is full it pauses the
 * assigned partitions and keeps polling, so the consumer stays in its group however long the stall.</li>
 * <li>{@code failure-strategy=fail} (the default): nothing reaches it but a shutdown in the middle of a retry,
 * and then the record must be redelivered, not skipped ({@code ignore}) or dead-lettered by the connector
 * ({@code dead-letter-queue}, a second format). A channel that fails anyway shows DOWN in readiness.</li>
 * </ul>
 * A {@code @Blocking} (ordered) method handles one message at a time, so a stall holds the whole channel of
 * that consumer, all its partitions; to keep other partitions flowing, run more consumers ({@code partitions}
 * on the channel, or more instances).
 */
@ApplicationScoped
public class InboundRecords {

    private static final Logger LOG = Logger.getLogger(InboundRecords.class);

    private final DeadLetters deadLetters;
    private final ConsumerStalls stalls;
    private final Duration maxDelay;
    private final Retrying retrying;
    private volatile boolean running = true;

    public InboundRecords(DeadLetters deadLetters, ConsumerStalls stalls, InboundConfig config) {
        this.deadLetters = deadLetters;
        this.stalls = stalls;
        this.maxDelay = config.maxDelay();
        // On shutdown the failure at hand is thrown: the record is not acknowledged and comes again after restart.
        this.retrying = Retrying.with(config.initialDelay(), config.maxDelay(), -1).onlyWhile(() -> running);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    /**
     * Applies one record: returns once it is applied or dead-lettered.
     *
     * @param channel the {@code @Incoming} channel, as readiness names it
     * @param work applies the record in a transaction of its own; throws to refuse it
     */
    public void apply(String channel, ConsumerRecord<String, String> record, Consumer<ConsumerRecord<String, String>> work) {
        applyPartition(channel, List.of(record), records -> work.accept(records.get(0)));
    }

    /**
     * Applies a polled batch, one partition's share after the other, each share in its order as one call of
     * {@code work}, isolating a record that fails permanently.
     */
    public void applyBatch(String channel, Iterable<ConsumerRecord<String, String>> records,
            Consumer<List<ConsumerRecord<String, String>>> work) {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> shares = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            shares.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new java.util.ArrayList<>())
                    .add(record);
        }
        shares.values().forEach(share -> applyPartition(channel, share, work));
    }

    /**
     * As {@link #applyBatch}, for records of one partition only: for a consumer that applies the shares of
     * several partitions side by side on threads of its own.
     */
    public void applyPartition(String channel, List<ConsumerRecord<String, String>> records,
            Consumer<List<ConsumerRecord<String, String>>> work) {
        if (records.isEmpty()) {
            return;
        }
        ConsumerRecord<String, String> first = records.get(0);
        Share share = new Share(channel, first.topic() + "-" + first.partition(), records.size(), Instant.now());
        try {
            isolate(share, records, work);
        } finally {
            stalls.cleared(channel, share.partition);
        }
    }

    private void isolate(Share share, List<ConsumerRecord<String, String>> records,
            Consumer<List<ConsumerRecord<String, String>>> work) {
        try {
            untilDone(share, () -> {
                records.forEach(share::attempted);
                work.accept(records);
            });
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw e; // only when shutting down: not applied, not acknowledged
            }
            if (records.size() == 1) {
                deadLetter(share, records.get(0), e);
                return;
            }
            LOG.warnf("%d records of %s failed, applying them in halves to find the one that cannot be applied: %s",
                    records.size(), share.partition, DeadLetters.reasonOf(e));
            int half = records.size() / 2;
            isolate(share, records.subList(0, half), work);
            isolate(share, records.subList(half, records.size()), work);
        }
    }

    private void deadLetter(Share share, ConsumerRecord<String, String> record, RuntimeException failure) {
        InboundRecord source = InboundRecord.of(record);
        Instant failedAt = Instant.now();
        int attempts = share.attemptsOf(record);
        while (true) {
            try {
                untilDone(share, () -> QuarkusTransaction.requiringNew()
                        .run(() -> deadLetters.record(source, failure, share.started, failedAt, attempts)));
                return;
            } catch (RuntimeException e) {
                if (!running || TransientFailures.isTransient(e)) {
                    throw e;
                }
                // Never dropped: the partition waits, readiness says why, someone has to look.
                LOG.errorf(e, "The dead letter of %s@%d cannot be stored; trying again in %s", share.partition,
                        record.offset(), maxDelay);
                stalls.stalled(share.channel, share.partition, share.waiting, "dead letter cannot be stored", e);
                pause();
            }
        }
    }

    /** Runs the work, again after each transient failure (reported as a stall) until it succeeds. */
    private void untilDone(Share share, Runnable work) {
        retrying.run(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    stalls.stalled(share.channel, share.partition, share.waiting, e);
                }
                throw e;
            }
        });
        stalls.cleared(share.channel, share.partition);
    }

    private void pause() {
        try {
            Thread.sleep(maxDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to store a dead letter", e);
        }
    }

    /** One partition's records being applied: where they came from, since when, how often each was tried. */
    private static final class Share {
        final String channel;
        final String partition;
        final int waiting;
        final Instant started;
        final Map<ConsumerRecord<String, String>, Integer> attempts = new IdentityHashMap<>();

        Share(String channel, String partition, int waiting, Instant started) {
            this.channel = channel;
            this.partition = partition;
            this.waiting = waiting;
            this.started = started;
        }

        void attempted(ConsumerRecord<String, String> record) {
            attempts.merge(record, 1, Integer::sum);
        }

        int attemptsOf(ConsumerRecord<String, String> record) {
            return attempts.getOrDefault(record, 1);
        }
    }
}
