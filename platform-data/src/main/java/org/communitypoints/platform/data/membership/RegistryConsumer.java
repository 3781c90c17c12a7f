package org.communitypoints.platform.data.membership;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.platform.data.InboundRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;

/**
 * community-service's registry (topic {@code community.registry}) into this service's copy, one record at a time in
 * partition order (each aggregate is keyed, so its versions arrive in order), each applied by
 * {@link RegistryCopies#apply} in a transaction of its own. Failures are {@link InboundRecords}' business: a transient
 * one is waited out holding the partition; a record that can never be applied goes to the service's dead-letter store
 * and {@code community.registry.dead-letter}.
 *
 * <p>
 * Channel settings every service that opts in sets ({@code mp.messaging.incoming.registry.}): {@code connector=
 * smallrye-kafka}, {@code topic=community.registry}, {@code group.id=<the service>} (every service reads the whole
 * registry), {@code auto.offset.reset=earliest} (a new service builds its copy from the topic's beginning: the topic
 * must keep every aggregate's last state, i.e. be compacted or kept long enough), {@code value.deserializer=
 * org.apache.kafka.common.serialization.StringDeserializer}, {@code throttled.unprocessed-record-max-age.ms=0} and
 * {@code failure-strategy=fail} (InboundRecords' Javadoc).
 */
@ApplicationScoped
@IfBuildProperty(name = Membership.ENABLED, stringValue = "true")
public class RegistryConsumer {

    public static final String CHANNEL = "registry";
    private static final Logger LOG = Logger.getLogger(RegistryConsumer.class);

    private final RegistryCopies copies;
    private final InboundRecords inbound;

    public RegistryConsumer(RegistryCopies copies, InboundRecords inbound) {
        this.copies = copies;
        this.inbound = inbound;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.apply(CHANNEL, record, this::apply);
    }

    private void apply(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = EventCodec.decode(record.value()); // MalformedEventException: dead-lettered
        Optional<EventType> type = EventType.byName(envelope.type());
        if (type.isEmpty()) {
            LOG.debugf("Skipping event %s of unknown type %s", envelope.eventId(), envelope.type());
            return;
        }
        copies.apply(envelope, type.get());
    }
}
