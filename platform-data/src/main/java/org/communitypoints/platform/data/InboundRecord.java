package org.communitypoints.platform.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A consumed Kafka record as the dead-letter store keeps it: where it came from and exactly what it held.
 *
 * @param headers in the order the record carried them (a name may repeat)
 */
public record InboundRecord(String topic, int partition, long offset, String key, String value, List<Header> headers) {

    public InboundRecord {
        headers = List.copyOf(headers);
    }

    public static InboundRecord of(ConsumerRecord<String, String> record) {
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(h -> headers.add(new RecordHeader(h.key(), h.value())));
        return new InboundRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                headers);
    }

    /** {@code topic-partition}, as Kafka names a partition in logs. */
    public String partitionName() {
        return topic + "-" + partition;
    }

    /** The last value of the header, as UTF-8 text. */
    public Optional<String> header(String name) {
        String found = null;
        for (Header header : headers) {
            if (header.key().equals(name) && header.value() != null) {
                found = new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return Optional.ofNullable(found);
    }
}
