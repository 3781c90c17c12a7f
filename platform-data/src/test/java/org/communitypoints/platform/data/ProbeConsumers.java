package org.communitypoints.platform.data;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.communitypoints.contracts.DerivedIds;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;

/**
 * Exists only in these tests: consumers shaped like the services', whose records say how applying them goes.
 * The value is {@code ok}, {@code bad} (malformed: never applicable), {@code transient:N} (the database cancels
 * the first N attempts), {@code stall} (cancelled while the key is in {@link #STALLED}) or {@code fixable}
 * (refused until the key is in {@link #FIXED}). Applying records the key in {@code probe_applied}, once per key.
 */
@ApplicationScoped
public class ProbeConsumers {

    static final Set<String> STALLED = ConcurrentHashMap.newKeySet();
    static final Set<String> FIXED = ConcurrentHashMap.newKeySet();
    static final Map<String, Integer> ATTEMPTS = new ConcurrentHashMap<>();

    private final InboundRecords inbound;
    private final ProcessedEvents processedEvents;
    private final EntityManager entityManager;

    public ProbeConsumers(InboundRecords inbound, ProcessedEvents processedEvents, EntityManager entityManager) {
        this.inbound = inbound;
        this.processedEvents = processedEvents;
        this.entityManager = entityManager;
    }

    @Incoming("probe")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.apply("probe", record, r -> QuarkusTransaction.requiringNew().run(() -> apply(List.of(r))));
    }

    @Incoming("probe-batch")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbound.applyBatch("probe-batch", records, share -> QuarkusTransaction.requiringNew().run(() -> apply(share)));
    }

    private void apply(List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> record : records) {
            String key = record.key();
            String value = record.value();
            int attempt = ATTEMPTS.merge(key, 1, Integer::sum);
            if (value.equals("bad")) {
                throw new IllegalArgumentException("probe " + key + " is malformed");
            }
            if (value.equals("fixable") && !FIXED.contains(key)) {
                throw new IllegalStateException("probe " + key + " names an account that does not exist");
            }
            if ((value.startsWith("transient:") && attempt <= Integer.parseInt(value.substring(10)))
                    || (value.equals("stall") && STALLED.contains(key))) {
                // A real transient failure: the server cancels the statement (57014).
                entityManager.createNativeQuery("set local statement_timeout = '10ms'").executeUpdate();
                entityManager.createNativeQuery("select pg_sleep(0.5)").getSingleResult();
            }
            if (processedEvents.firstDelivery(DerivedIds.of("probe", key), "Probe")) {
                entityManager.createNativeQuery("insert into probe_applied (event_key, value) values (:key, :value)")
                        .setParameter("key", key).setParameter("value", value).executeUpdate();
            }
        }
    }
}
