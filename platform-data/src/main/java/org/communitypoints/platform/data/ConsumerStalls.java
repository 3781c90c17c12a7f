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
     */
    public record Stall(String partition, int waiting, String cause, String detail, Instant since) {

        /** e.g. "database unavailable, 37 records waiting on catalog.redemptions-0" */
        public String describe() {
            return cause + ", " + waiting + (waiting == 1 ? " record" : " records") + " waiting on " + partition;
        }
    }

    /**
     * The cause of a stall on a request this service's copy of the registry does not confirm yet
     * ({@code RegistryCopyBehind}): a partition waits for the copy, the service itself is ready.
     */
    public static final String REGISTRY_COPY_BEHIND = "registry copy behind";

    private final Map<String, Map<String, Stall>> byChannel = new ConcurrentHashMap<>();

    void stalled(String channel, String partition, int waiting, Throwable failure) {
        stalled(channel, partition, waiting, causeOf(failure), failure);
    }

    void stalled(String channel, String partition, int waiting, String cause, Throwable failure) {
        Map<String, Stall> stalls = byChannel.computeIfAbsent(channel, c -> new ConcurrentHashMap<>());
        Stall earlier = stalls.get(partition);
        stalls.put(partition, new Stall(partition, waiting, cause, DeadLetters.reasonOf(failure),
                earlier == null ? Instant.now() : earlier.since()));
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

    private static String causeOf(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof RegistryCopyBehind) {
                return REGISTRY_COPY_BEHIND;
            }
            if (t instanceof SQLException || t.getClass().getName().startsWith("org.hibernate")
                    || t.getClass().getName().startsWith("jakarta.persistence")
                    || t instanceof jakarta.transaction.RollbackException) {
                return "database unavailable";
            }
            if (t instanceof KafkaException) {
                return "broker unavailable";
            }
        }
        return "transient failure";
    }
}
