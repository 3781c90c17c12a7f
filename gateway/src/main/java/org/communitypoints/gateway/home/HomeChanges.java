package org.communitypoints.gateway.home;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Reads the services' events about residents (shifts verified and corrected, redemptions asked for, captured and
 * released, points held, captured and released) and forgets each resident's kept "my home" (HomeViews), so that a
 * view can be kept for long and still show such a change within a few seconds, whichever gateway instance or counter
 * made it.
 * <p>
 * Every gateway instance reads every event in a consumer group of its own, from the end of the topics: it keeps
 * nothing a past event could concern, and commits no offsets. An event is a record keyed by the resident's member id
 * whose envelope names the community; the payload is not read. Anything else is counted and skipped: a record that
 * cannot forget a view costs at most a view kept for its maximum age. Created at start-up, so that its counters are
 * published (at 0) before the first event.
 */
@Startup
@ApplicationScoped
public class HomeChanges {

    private static final Logger LOG = Logger.getLogger(HomeChanges.class);

    private final HomeViews views;
    private final ObjectMapper json;
    private final Counter read;
    private final Counter skipped;

    public HomeChanges(HomeViews views, ObjectMapper json, MeterRegistry registry) {
        this.views = views;
        this.json = json;
        this.read = Counter.builder("gateway.home.changes").tag("outcome", "forgotten")
                .description("Events about a resident read to forget their kept home view").register(registry);
        this.skipped = Counter.builder("gateway.home.changes").tag("outcome", "skipped")
                .description("Records on the event topics that name no resident and community").register(registry);
    }

    @Incoming("resident-changes")
    public void onEvents(ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> record : records) {
            String communityId = communityOf(record);
            if (record.key() == null || communityId == null) {
                skipped.increment();
                continue;
            }
            views.changed(HomeViews.keyOf(communityId, record.key()));
            read.increment();
        }
    }

    private String communityOf(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            JsonNode communityId = json.readTree(record.value()).get("communityId");
            return communityId == null || !communityId.isTextual() ? null : communityId.asText();
        } catch (JsonProcessingException e) {
            LOG.debugf("Record %s-%d@%d is not an event envelope: %s", record.topic(), record.partition(),
                    record.offset(), e.getOriginalMessage());
            return null;
        }
    }
}
