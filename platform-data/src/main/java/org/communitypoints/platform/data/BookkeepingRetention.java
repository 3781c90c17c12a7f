package org.communitypoints.platform.data;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Forgets processed-event marks and Idempotency-Key answers once no retry or redelivery can need them
 * ({@link RetentionConfig}), so that they do not grow with every request for ever. The deleting is done by the
 * database's own functions (platform migration V0_4), which never forget a record younger than their floor: the
 * runtime role has no right to delete from these tables otherwise. Every instance runs it; two at once skip each
 * other's rows. A batch that fails transiently (the database away) is tried again at the next turn: nothing is lost by
 * waiting.
 */
@ApplicationScoped
public class BookkeepingRetention {

    private static final Logger LOG = Logger.getLogger(BookkeepingRetention.class);

    private final EntityManager entityManager;
    private final RetentionConfig config;

    public BookkeepingRetention(EntityManager entityManager, RetentionConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "${platform.retention.every}", delayed = "${platform.retention.first-after}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldRecords() {
        if (!config.enabled()) {
            return;
        }
        try {
            report("processed-event marks", forgetAll("forget_processed_events", config.processedEvents()));
            report("Idempotency-Key answers", forgetAll("forget_idempotency_records", config.idempotencyRecords()));
        } catch (RuntimeException e) {
            if (!TransientFailures.isTransient(e)) {
                throw e; // a bug, not an outage: the scheduler logs it as an error
            }
            LOG.warnf("Old bookkeeping records were not forgotten this time (tried again in %s): %s", config.every(),
                    e.getMessage());
        }
    }

    /**
     * Calls the function batch after batch, each in a transaction of its own, while a whole batch went.
     *
     * @param function forget_processed_events or forget_idempotency_records
     * @return how many records it forgot
     */
    long forgetAll(String function, Duration olderThan) {
        long total = 0;
        int forgotten;
        do {
            forgotten = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                    .createNativeQuery("select " + function + "(make_interval(secs => :seconds), :atMost)")
                    .setParameter("seconds", (double) olderThan.toSeconds())
                    .setParameter("atMost", config.batchSize())
                    .getSingleResult()).intValue());
            total += forgotten;
        } while (forgotten == config.batchSize());
        return total;
    }

    private static void report(String what, long forgotten) {
        if (forgotten > 0) {
            LOG.infof("Forgot %d %s past their retention window", forgotten, what);
        }
    }
}
