package org.communitypoints.platform.data;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Moves outbox rows to Kafka, at least once, each key's events in order. One thread per service instance:
 * it claims the slots of waiting rows no other instance holds ({@link OutboxSlots}: several instances share
 * the work, one resident's events stay in order), sends their rows, waits for Kafka's acknowledgements and
 * deletes the rows in the same transaction. A crash between send and delete sends the batch again with the
 * same event ids; consumers drop the repeats.
 *
 * <p>
 * While Kafka or the database is away ({@link TransientFailures}) the relay waits with a growing pause
 * ({@link Retrying}, from {@code outbox.retry-backoff} up to {@code outbox.max-retry-backoff}) for as long as the
 * outage lasts; the rows simply stay in the outbox meanwhile. A permanent failure is logged as an error and
 * tried again after the longest pause: the relay never skips an event, so someone has to look.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The event type travels as a header too, so tools can route without parsing the body. */
    private static final String TYPE_HEADER = "event-type";

    private final MutinyEmitter<String> emitter;
    private final OutboxSlots slots;
    private final OutboxConfig config;
    private final Retrying retrying;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(EntityManager entityManager,
            @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<String> emitter,
            OutboxConfig config) {
        this.emitter = emitter;
        this.slots = new OutboxSlots(entityManager, this::sendAll, config.slots(), config.batchSize(),
                (int) config.sendTimeout().toSeconds() + 10);
        this.config = config;
        this.retrying = Retrying.with(config.retryBackoff(), config.maxRetryBackoff(), -1).onlyWhile(() -> running);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Outbox relay is switched off (outbox.enabled=false)");
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(config.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called after a transaction with outbox rows commits. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        while (running) {
            try {
                wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                retrying.run(this::relayAll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.errorf(e, "Outbox relay failed in a way retrying does not cure; trying again in %s",
                        config.maxRetryBackoff());
                pause(config.maxRetryBackoff());
            }
        }
    }

    private void relayAll() {
        int sent;
        do {
            sent = relayBatch();
        } while (running && sent == config.batchSize());
    }

    /** @return how many events were relayed */
    int relayBatch() {
        return slots.relayBatch();
    }

    private void sendAll(List<OutboxEvent> rows) {
        List<Uni<Void>> acks = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            acks.add(emitter.sendMessage(toMessage(row)));
        }
        Uni.join().all(acks).andFailFast()
                .runSubscriptionOn(Infrastructure.getDefaultExecutor())
                .await().atMost(config.sendTimeout());
    }

    private static Message<String> toMessage(OutboxEvent row) {
        RecordHeaders headers = new RecordHeaders();
        if (row.headers == null) {
            headers.add(TYPE_HEADER, typeOf(row.payload).getBytes(StandardCharsets.UTF_8));
        } else {
            // a dead letter or a re-drive: the original record's headers, as they were
            KafkaHeadersJson.read(row.headers).forEach(headers::add);
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(row.topic)
                .withKey(row.eventKey)
                .withHeaders(headers)
                .build();
        return Message.of(row.payload).addMetadata(metadata);
    }

    private static String typeOf(String payload) {
        int at = payload.indexOf("\"type\":\"");
        if (at < 0) {
            return "";
        }
        int start = at + 8;
        return payload.substring(start, payload.indexOf('"', start));
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis()); // a permanent failure: do not flood the log while someone looks
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
