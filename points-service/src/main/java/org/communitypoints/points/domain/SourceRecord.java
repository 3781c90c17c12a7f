package org.communitypoints.points.domain;

/** Where a consumed Kafka record came from, kept to dead-letter it with its original text. */
public record SourceRecord(String topic, int partition, long offset, String key, String value) {
}
