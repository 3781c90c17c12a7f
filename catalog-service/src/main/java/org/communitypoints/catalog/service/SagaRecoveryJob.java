package org.communitypoints.catalog.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.messaging.RedemptionEvents;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.catalog.repository.RedemptionRepository.Waiting;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Finishes sagas whose answer never came: a PENDING redemption asks for its hold again, a FULFILLED one for its
 * capture, a CANCELLED or EXPIRED one for its release ({@code catalog.saga.*}). Every re-send goes through the
 * outbox, is counted in {@code redemption_resend} and waits twice as long as the one before (at most
 * {@code catalog.saga.max-backoff}), so a points-service that stays away is not flooded. points-service
 * applies each step of a redemption at most once, so a re-send of a request it already applied changes nothing.
 * Batches of {@code catalog.saga.batch-size}, one transaction each; rows another instance is re-sending are
 * skipped.
 */
@ApplicationScoped
public class SagaRecoveryJob {

    private static final Logger LOG = Logger.getLogger(SagaRecoveryJob.class);

    private final RedemptionRepository redemptions;
    private final RedemptionEvents events;
    private final CatalogConfig.Saga config;

    public SagaRecoveryJob(RedemptionRepository redemptions, RedemptionEvents events, CatalogConfig config) {
        this.redemptions = redemptions;
        this.events = events;
        this.config = config.saga();
    }

    @Scheduled(every = "${catalog.saga.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void resendWaitingSteps() {
        Instant now = Instant.now();
        int total = 0;
        int batch;
        do {
            batch = resendBatch(now);
            total += batch;
        } while (batch == config.batchSize());
        if (total > 0) {
            LOG.infof("Asked points-service again about %d redemptions still waiting for an answer", total);
        }
    }

    /**
     * One batch in its own transaction (ArC intercepts this call from the scheduled method too).
     *
     * @return how many steps were re-sent
     */
    @Transactional
    int resendBatch(Instant now) {
        List<Waiting> waiting = redemptions.lockWaiting(now, config.pendingAge(), config.captureAge(),
                config.releaseAge(), config.maxBackoff(), config.batchSize());
        for (Waiting w : waiting) {
            Redemption r = redemptions.findById(w.redemptionId()); // locked by the query above
            int resend = w.attempts() + 1;
            events.resend(r, w.step(), resend);
            redemptions.recordResend(r.id, w.step(), now);
            if (resend > 1) {
                LOG.warnf("Redemption %s (%s) still has no answer from points-service: %s re-sent, time %d", r.id,
                        r.state, w.step(), resend);
            }
        }
        return waiting.size();
    }
}
