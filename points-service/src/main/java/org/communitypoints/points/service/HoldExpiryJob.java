package org.communitypoints.points.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.points.config.PointsConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Releases holds whose time ran out, so no resident's points stay held by a redemption nobody finished. */
@ApplicationScoped
public class HoldExpiryJob {

    private static final Logger LOG = Logger.getLogger(HoldExpiryJob.class);

    private final HoldService holds;
    private final PointsConfig config;

    public HoldExpiryJob(HoldService holds, PointsConfig config) {
        this.holds = holds;
        this.config = config;
    }

    @Scheduled(every = "{points.holds.expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void releaseExpired() {
        int released;
        do {
            released = holds.expire(Instant.now(), config.holds().expiryBatchSize());
            if (released > 0) {
                LOG.infof("Released %d expired holds", released);
            }
        } while (released == config.holds().expiryBatchSize());
    }
}
