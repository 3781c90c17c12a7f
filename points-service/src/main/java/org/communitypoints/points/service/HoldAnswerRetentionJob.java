package org.communitypoints.points.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.platform.data.TransientFailures;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.repository.HoldRepository;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Clears the envelopes kept for re-sending hold answers once they are older than
 * {@code points.holds.answer-envelopes-kept}, batch after batch, each in its own transaction. Nothing is lost: the
 * answer's row stays, and a request that comes again is answered by rebuilding the answer from the hold under the same
 * event id ({@link HoldService}).
 */
@ApplicationScoped
public class HoldAnswerRetentionJob {

    private static final Logger LOG = Logger.getLogger(HoldAnswerRetentionJob.class);

    private final HoldRepository holds;
    private final PointsConfig.Holds config;

    public HoldAnswerRetentionJob(HoldRepository holds, PointsConfig config) {
        this.holds = holds;
        this.config = config.holds();
    }

    @Scheduled(every = "${points.holds.answer-envelopes-interval}", delayed = "${platform.retention.first-after}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void clearOldEnvelopes() {
        try {
            long cleared = forgetOlderThan(config.answerEnvelopesKept());
            if (cleared > 0) {
                LOG.infof("Cleared %d hold answers' envelopes kept past %s", cleared, config.answerEnvelopesKept());
            }
        } catch (RuntimeException e) {
            if (!TransientFailures.isTransient(e)) {
                throw e; // a bug, not an outage: the scheduler logs it as an error
            }
            LOG.warnf("Old hold answers' envelopes were not cleared this time (tried again in %s): %s",
                    config.answerEnvelopesInterval(), e.getMessage());
        }
    }

    /** @return how many envelopes were cleared */
    public long forgetOlderThan(Duration kept) {
        Instant before = Instant.now().minus(kept);
        long total = 0;
        int cleared;
        do {
            cleared = QuarkusTransaction.requiringNew()
                    .call(() -> holds.forgetEnvelopes(before, config.answerEnvelopesBatchSize()));
            total += cleared;
        } while (cleared == config.answerEnvelopesBatchSize());
        return total;
    }
}
