package org.communitypoints.catalog.messaging;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.communitypoints.contracts.Topics;
import org.junit.jupiter.api.Test;

/**
 * Whether every answer of points-service comes to this instance: only when its holds consumer owns every partition of
 * the answers' topic, as the consumer's whole assignment says after each rebalance.
 */
class HoldAnswerAssignmentTest {

    static final int PARTITIONS = 6;

    final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    final HoldAnswerAssignment assignment = new HoldAnswerAssignment();

    HoldAnswerAssignmentTest() {
        consumer.updatePartitions(Topics.HOLDS, IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new PartitionInfo(Topics.HOLDS, p, null, null, null)).toList());
    }

    @Test
    void nothingIsAssumedBeforeTheFirstAssignment() {
        assertThat(assignment.everyAnswerComesHere(), equalTo(false));
    }

    @Test
    void aLoneInstanceOwningEveryPartitionGetsEveryAnswer() {
        assign(0, 1, 2, 3, 4, 5);

        assertThat(assignment.everyAnswerComesHere(), equalTo(true));
    }

    @Test
    void anInstanceSharingThePartitionsDoesNot() {
        assign(0, 2, 4);

        assertThat(assignment.everyAnswerComesHere(), equalTo(false));
    }

    @Test
    void losingPartitionsToAnotherInstanceEndsItUntilTheyAreAllBack() {
        assign(0, 1, 2, 3, 4, 5);
        assignment.onPartitionsRevoked(consumer, partitions(3, 4, 5));
        assertThat(assignment.everyAnswerComesHere(), equalTo(false));

        assign(0, 1, 2);
        assertThat(assignment.everyAnswerComesHere(), equalTo(false));

        assign(0, 1, 2, 3, 4, 5);
        assertThat(assignment.everyAnswerComesHere(), equalTo(true));
    }

    @Test
    void partitionsLostWithoutARevocationEndItToo() {
        assign(0, 1, 2, 3, 4, 5);

        assignment.onPartitionsLost(consumer, partitions(0, 1, 2, 3, 4, 5));

        assertThat(assignment.everyAnswerComesHere(), equalTo(false));
    }

    @Test
    void aRevocationOfNothingChangesNothing() {
        // a cooperative rebalance calls the listener with no partitions when it takes none away
        assign(0, 1, 2, 3, 4, 5);

        assignment.onPartitionsRevoked(consumer, Set.of());

        assertThat(assignment.everyAnswerComesHere(), equalTo(true));
    }

    private void assign(int... partitions) {
        List<TopicPartition> assigned = partitions(partitions);
        consumer.assign(assigned);
        assignment.onPartitionsAssigned(consumer, assigned);
    }

    private static List<TopicPartition> partitions(int... numbers) {
        return IntStream.of(numbers).mapToObj(p -> new TopicPartition(Topics.HOLDS, p))
                .collect(Collectors.toList());
    }
}
