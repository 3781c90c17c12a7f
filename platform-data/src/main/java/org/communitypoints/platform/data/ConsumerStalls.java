package org.communitypoints.platform.data;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.KafkaException;
import org.communitypoints.platform.data.membership.RegistryCopyBehind;

/**
 * Which consumer channels are waiting out a transient failure right now, on which partition, and why:
 * written by {@link InboundRecords}, read by {@link ConsumerReadiness}.
 */
@ApplicationScoped
public class ConsumerStalls {

    /**
     * One partition held up by a transient failure.
     *
     * @param waiting the records held back (the record, or the partition's share of the batch, being retried)
     * @param cause what is unavailable, in a few words ("database unavailable")
     * @param detail the failure's own message
     * @param outage the service cannot do this work until something outside it comes back (the database, the
     *        broker): readiness is DOWN. Not an outage: a registry copy a moment behind another service's holds back
     *        one partition's requests for a few seconds, and the service stays in rotation.
     */
    public record Stall(String partition, int waiting, String cause, String detail, Instant since, boolean outage) {

        /** e.g. "database unavailable, 37 records waiting on catalog.redemptions-0" */
        public String describe() {
            return cause + ", " + waiting + (waiting == 1 ? " record" : " records") + " waiting on " + partition;
        }
    }

    /** What held a partition up, in a few words, and whether that is an outage ({@link Stall#outage()}). */
    private record Cause(String text, boolean outage) {
    }

    private final Map<String, Map<String, Stall>> byChannel = new ConcurrentHashMap<>();

    void stalled(String channel, String partition, int waiting, Throwable failure) {
        stalled(channel, partition, waiting, causeOf(failure), failure);
    }

    /** A stall the caller names itself (e.g. "dead letter cannot be stored"): an outage. */
    void stalled(String channel, String partition, int waiting, String cause, Throwable failure) {
        stalled(channel, partition, waiting, new Cause(cause, true), failure);
    }

    private void stalled(String channel, String partition, int waiting, Cause cause, Throwable failure) {
        Map<String, Stall> stalls = byChannel.computeIfAbsent(channel, c -> new ConcurrentHashMap<>());
        Stall earlier = stalls.get(partition);
        stalls.put(partition, new Stall(partition, waiting, cause.text(), DeadLetters.reasonOf(failure),
                earlier == null ? Instant.now() : earlier.since(), cause.outage()));
    }

    void cleared(String channel, String partition) {
        Map<String, Stall> stalls = byChannel.get(channel);
        if (stalls != null) {
            stalls.remove(partition);
        }
    }

    /** The channel's stalled partitions, by partition name; empty when it is flowing. */
    public Map<String, Stall> of(String channel) {
        return new TreeMap<>(byChannel.getOrDefault(channel, Map.of()));
    }

    private static Cause causeOf(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof RegistryCopyBehind) {
                return new Cause("registry copy behind", false);
            }
            if (t instanceof SQLException || t.getClass().getName().startsWith("org.hibernate")
                    || t.getClass().getName().startsWith("jakarta.persistence")
                    || t instanceof jakarta.transaction.RollbackException) {
                return new Cause("database unavailable", true);
            }
            if (t instanceof KafkaException) {
                return new Cause("broker unavailable", true);
            }
        }
        return new Cause("transient failure", true);
    }
}
