package org.communitypoints.points;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.communitypoints.platform.data.DeadLetters;

/** Reading the records on a dead-letter topic, in platform-data's one format. */
final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /** The reason the record was dead-lettered ({@value DeadLetters#REASON_HEADER}). */
    static String reason(ConsumerRecord<String, String> letter) {
        Header reason = letter.headers().lastHeader(DeadLetters.REASON_HEADER);
        return reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8);
    }
}
