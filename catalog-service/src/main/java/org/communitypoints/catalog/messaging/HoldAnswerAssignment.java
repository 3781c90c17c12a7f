package org.communitypoints.catalog.messaging;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.communitypoints.contracts.Topics;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Whether this instance's holds consumer owns every partition of points-service's answers ({@code points.holds}), so
 * that every hold, refusal or release is applied here and wakes its waiting readers at its commit (service/
 * RedemptionWaitService). Only then may the waiters' recheck leave young waiters alone; with two instances each owns
 * a share, and an answer applied by the other one is found only by the recheck.
 */
@ApplicationScoped
@Default // as well as the connector's qualifier: the waiting readers inject it by type
@Identifier(HoldAnswerAssignment.NAME)
public class HoldAnswerAssignment implements KafkaConsumerRebalanceListener {

    /** The name {@code mp.messaging.incoming.holds.consumer-rebalance-listener.name} gives. */
    public static final String NAME = "hold-answer-assignment";
    private static final Logger LOG = Logger.getLogger(HoldAnswerAssignment.class);

    /** False until the first assignment, and from the moment any partition is revoked or lost until the next one. */
    private volatile boolean ownsEveryPartition;

    /** Whether every answer points-service sends is applied by this instance (as far as the consumer knows now). */
    public boolean everyAnswerComesHere() {
        return ownsEveryPartition;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // The consumer's whole assignment, not the partitions just added: a cooperative rebalance adds some at a time.
        long mine = consumer.assignment().stream().filter(p -> p.topic().equals(Topics.HOLDS)).count();
        int all = consumer.partitionsFor(Topics.HOLDS).size();
        ownsEveryPartition = all > 0 && mine == all;
        LOG.debugf("Holds consumer owns %d of %d partitions of %s", mine, all, Topics.HOLDS);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            ownsEveryPartition = false;
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        ownsEveryPartition = false;
    }
}
